// kubectl's typed commands (create namespace|configmap|secret|service|serviceaccount|deployment|
// job) send their object as application/vnd.kubernetes.protobuf. Against a real kubelite, each must
// create exactly the object the same command would have sent as JSON; expose and scale (JSON and
// a merge patch) then work on what was created. Needs kubectl >= 1.27 on PATH.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import t from 'tap';
import { ensureBuilt, start } from '../lib/kubelite-process.js';

const NS = 'pb';

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

// The parts of kubectl's JSON output the checks read.
interface Meta {
  metadata: { name: string; creationTimestamp?: string };
}
interface Data extends Meta {
  data: Record<string, string>;
  type?: string;
}
interface Container {
  name: string;
  image: string;
  command?: string[];
  ports?: unknown[];
}
interface Workload extends Meta {
  spec: {
    replicas?: number;
    selector: unknown;
    template: { metadata: { labels?: Record<string, string> }; spec: { containers: Container[]; restartPolicy?: string } };
  };
}
interface Service extends Meta {
  spec: { ports: Array<{ name?: string; port: number; targetPort?: number | string; protocol: string }>; selector: unknown; type: string; clusterIP: string };
}

function kubectlMinor(): number | undefined {
  const r = spawnSync('kubectl', ['version', '--client', '-o', 'json'], { encoding: 'utf8', timeout: 30_000 });
  if (r.status !== 0) return undefined;
  return Number((JSON.parse(r.stdout) as { clientVersion: { minor: string } }).clientVersion.minor.replace(/\D.*$/, ''));
}

const minor = kubectlMinor();
if (minor === undefined || minor < 27) {
  t.plan(0, `needs kubectl >= 1.27 on PATH (found ${minor === undefined ? 'none' : `1.${minor}`})`);
} else {
  ensureBuilt();
  const dir = mkdtempSync(join(tmpdir(), 'kubelite-pb-'));
  const dataDir = join(dir, 'data');
  const server = start(['apiserver', '--data-dir', dataDir, '--secure-port', '0', '--bind-address', '127.0.0.1']);
  t.teardown(async () => {
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  const kubectl = (...args: string[]): Run => {
    const r = spawnSync('kubectl', ['--cache-dir', join(dir, 'cache'), ...args], { env: { ...process.env, KUBECONFIG: join(dataDir, 'kubeconfig') }, encoding: 'utf8', timeout: 60_000 });
    return { code: r.status, stdout: r.stdout, stderr: r.stderr };
  };
  const ok = (r: Run): string => {
    if (r.code !== 0) throw new Error(`kubectl failed (${r.code}): ${r.stderr}`);
    return r.stdout;
  };
  const get = <T extends Meta>(...args: string[]): T => JSON.parse(ok(kubectl('get', ...args, '-o', 'json'))) as T;
  const b64 = (s: string): string => Buffer.from(s).toString('base64');

  t.before(async () => {
    await server.waitFor(/server ready/, 30_000);
  });

  t.test('create namespace sends protobuf and creates the namespace', async (t) => {
    const r = kubectl('create', 'namespace', NS, '-v=8');
    t.equal(r.code, 0, r.stderr.split('\n').filter((l) => /Error|error/.test(l)).join('\n'));
    t.match(r.stderr, /Content-Type: application\/vnd\.kubernetes\.protobuf/, 'the request really was protobuf');
    t.match(r.stdout, /namespace\/pb created/);
    const ns = get<Meta>('namespace', NS);
    t.equal(ns.metadata.name, NS);
    t.match(ns.metadata.creationTimestamp, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/, 'the server set the creation time');
  });

  t.test('create configmap and secrets: data exactly as given', async (t) => {
    t.match(ok(kubectl('create', 'configmap', 'cm1', '-n', NS, '--from-literal=a=b', '--from-literal=empty=', '--from-literal=multi=line1\nline2')), /configmap\/cm1 created/);
    t.strictSame(get<Data>('configmap', 'cm1', '-n', NS).data, { a: 'b', empty: '', multi: 'line1\nline2' });

    t.match(ok(kubectl('create', 'secret', 'generic', 's1', '-n', NS, '--from-literal=user=admin', '--from-literal=pass=s3cr3t!')), /secret\/s1 created/);
    const s1 = get<Data>('secret', 's1', '-n', NS);
    t.strictSame(s1.data, { pass: b64('s3cr3t!'), user: b64('admin') });
    t.equal(s1.type, 'Opaque');

    ok(kubectl('create', 'secret', 'docker-registry', 'reg', '-n', NS, '--docker-server=registry.example', '--docker-username=u', '--docker-password=p'));
    const reg = get<Data>('secret', 'reg', '-n', NS);
    t.equal(reg.type, 'kubernetes.io/dockerconfigjson');
    const config = JSON.parse(Buffer.from(reg.data['.dockerconfigjson'] ?? '', 'base64').toString()) as { auths: Record<string, { username?: string }> };
    t.equal(config.auths['registry.example']?.username, 'u');
  });

  t.test('create service clusterip and serviceaccount', async (t) => {
    ok(kubectl('create', 'service', 'clusterip', 'web', '-n', NS, '--tcp=80:8080'));
    const svc = get<Service>('service', 'web', '-n', NS);
    t.strictSame(svc.spec.ports, [{ name: '80-8080', port: 80, protocol: 'TCP', targetPort: 8080 }]);
    t.strictSame(svc.spec.selector, { app: 'web' });
    t.equal(svc.spec.type, 'ClusterIP');
    t.match(svc.spec.clusterIP, /^\d+\.\d+\.\d+\.\d+$/, 'a cluster IP was allocated');

    ok(kubectl('create', 'serviceaccount', 'robot', '-n', NS));
    t.equal(get<Meta>('serviceaccount', 'robot', '-n', NS).metadata.name, 'robot');
  });

  t.test('create deployment and job: the pod template survives', async (t) => {
    ok(kubectl('create', 'deployment', 'web', '-n', NS, '--image=nginx:1.27', '--replicas=2', '--port=80'));
    const web = get<Workload>('deployment', 'web', '-n', NS);
    t.equal(web.spec.replicas, 2);
    t.strictSame(web.spec.selector, { matchLabels: { app: 'web' } });
    t.strictSame(web.spec.template.metadata.labels, { app: 'web' });
    const [c] = web.spec.template.spec.containers;
    t.equal(c?.name, 'nginx');
    t.equal(c?.image, 'nginx:1.27');
    t.strictSame(c?.ports, [{ containerPort: 80, protocol: 'TCP' }]);

    // replicas is a pointer in Go: an explicit 0 must arrive as 0, not be defaulted to 1.
    ok(kubectl('create', 'deployment', 'idle', '-n', NS, '--image=busybox', '--replicas=0'));
    t.equal(get<Workload>('deployment', 'idle', '-n', NS).spec.replicas, 0);

    ok(kubectl('create', 'job', 'hello', '-n', NS, '--image=busybox:1.36', '--', 'echo', 'hi there'));
    const job = get<Workload>('job', 'hello', '-n', NS);
    const [jc] = job.spec.template.spec.containers;
    t.equal(jc?.image, 'busybox:1.36');
    t.strictSame(jc?.command, ['echo', 'hi there']);
    t.equal(job.spec.template.spec.restartPolicy, 'Never');
  });

  t.test('expose and scale work on the created deployment', async (t) => {
    ok(kubectl('expose', 'deployment', 'web', '-n', NS, '--name=web-exposed', '--port=8080', '--target-port=80'));
    const svc = get<Service>('service', 'web-exposed', '-n', NS);
    t.strictSame(svc.spec.ports.map((p) => ({ port: p.port, targetPort: p.targetPort, protocol: p.protocol })), [{ port: 8080, targetPort: 80, protocol: 'TCP' }]);
    t.strictSame(svc.spec.selector, { app: 'web' });

    t.match(ok(kubectl('scale', 'deployment', 'web', '-n', NS, '--replicas=3')), /deployment\.apps\/web scaled/);
    t.equal(get<Workload>('deployment', 'web', '-n', NS).spec.replicas, 3);
  });

  t.test('a server-side dry run decodes the same way and stores nothing', async (t) => {
    const out = JSON.parse(ok(kubectl('create', 'configmap', 'dry', '-n', NS, '--from-literal=k=v', '--dry-run=server', '-o', 'json'))) as Data;
    t.strictSame(out.data, { k: 'v' });
    t.match(kubectl('get', 'configmap', 'dry', '-n', NS).stderr, /NotFound/);
  });
}
