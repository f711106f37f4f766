// kubectl's OpenAPI-driven commands against a real kubelite: client-side apply (create, unchanged,
// configured, with the strategic merge computed from the served patch tags), server-side field
// validation of `kubectl create`, `kubectl explain` and `kubectl diff`. kubectl 1.32 is required;
// KUBECTL_1_20=<path> also runs the checks with kubectl 1.20, which reads /openapi/v2 as protobuf.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import t from 'tap';
import { ensureBuilt, start } from '../lib/kubelite-process.js';

const NS = 'apply';

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function kubectlVersion(bin: string): number | undefined {
  const r = spawnSync(bin, ['version', '--client', '-o', 'json'], { encoding: 'utf8', timeout: 30_000 });
  if (r.status !== 0) return undefined;
  return Number((JSON.parse(r.stdout) as { clientVersion: { minor: string } }).clientVersion.minor.replace(/\D.*$/, ''));
}

const minor = kubectlVersion('kubectl');
if (minor === undefined || minor < 27) {
  t.plan(0, `needs kubectl >= 1.27 on PATH (found ${minor === undefined ? 'none' : `1.${minor}`})`);
} else {
  ensureBuilt();
  const dir = mkdtempSync(join(tmpdir(), 'kubelite-apply-'));
  const dataDir = join(dir, 'data');
  const server = start(['apiserver', '--data-dir', dataDir, '--secure-port', '0', '--bind-address', '127.0.0.1']);
  t.teardown(async () => {
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  // A cache dir of our own: kubectl caches discovery and OpenAPI per server URL.
  const kubectlWith = (bin: string) => (...args: string[]): Run => {
    const r = spawnSync(bin, [...args, '--cache-dir', join(dir, `cache-${bin.replace(/\W/g, '_')}`)], { env: { ...process.env, KUBECONFIG: join(dataDir, 'kubeconfig') }, encoding: 'utf8', timeout: 60_000 });
    return { code: r.status, stdout: r.stdout, stderr: r.stderr };
  };
  const kubectl = kubectlWith('kubectl');
  const ok = (r: Run): string => {
    if (r.code !== 0) throw new Error(`kubectl failed (${r.code}): ${r.stderr}`);
    return r.stdout;
  };

  const manifest = (name: string, image: string, extraContainerField = ''): string => {
    const path = join(dir, `${name}-${image.replace(/\W/g, '_')}${extraContainerField ? '-x' : ''}.yaml`);
    writeFileSync(path, `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${name}
  namespace: ${NS}
spec:
  replicas: 2
  selector:
    matchLabels: {app: ${name}}
  template:
    metadata:
      labels: {app: ${name}}
    spec:
      containers:
      - name: ${name}
        image: ${image}
        ports:
        - containerPort: 80
          name: http
        env:
        - name: MODE
          value: prod
${extraContainerField ? `        ${extraContainerField}\n` : ''}---
apiVersion: v1
kind: Service
metadata:
  name: ${name}
  namespace: ${NS}
spec:
  selector: {app: ${name}}
  ports:
  - port: 80
    targetPort: http
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: ${name}-config
  namespace: ${NS}
data:
  key: value
`);
    return path;
  };

  interface Container {
    image: string;
    ports: Array<{ containerPort: number; name?: string }>;
    env: Array<{ name: string; value: string }>;
  }
  const containerOf = (run: (...a: string[]) => Run, name: string): Container => {
    const d = JSON.parse(ok(run('get', 'deployment', name, '-n', NS, '-o', 'json'))) as { spec: { template: { spec: { containers: Container[] } } } };
    return d.spec.template.spec.containers[0] as Container;
  };

  t.before(async () => {
    await server.waitFor(/server ready/, 30_000);
    // Not `kubectl create namespace`: (typed kubectl create commands send protobuf bodies; see kubectl-create-protobuf.test.ts).
    const ns = join(dir, 'namespace.yaml');
    writeFileSync(ns, `apiVersion: v1\nkind: Namespace\nmetadata:\n  name: ${NS}\n`);
    ok(kubectl('apply', '-f', ns));
  });

  t.test('apply creates, leaves unchanged, then configures with a strategic merge', async (t) => {
    const v1 = manifest('web', 'nginx:1.25');
    t.same(ok(kubectl('apply', '-f', v1)).trim().split('\n'), ['deployment.apps/web created', 'service/web created', 'configmap/web-config created']);
    t.same(ok(kubectl('apply', '-f', v1)).trim().split('\n'), ['deployment.apps/web unchanged', 'service/web unchanged', 'configmap/web-config unchanged']);
    // A change made outside the manifest: the merge must keep it (env is merged by name).
    ok(kubectl('set', 'env', 'deployment/web', '-n', NS, 'EXTRA=1'));
    const r = kubectl('apply', '-f', manifest('web', 'nginx:1.26'));
    t.same(ok(r).trim().split('\n'), ['deployment.apps/web configured', 'service/web unchanged', 'configmap/web-config unchanged']);
    t.equal(r.stderr, '', 'no warnings: every field of the manifest is known');
    const c = containerOf(kubectl, 'web');
    t.equal(c.image, 'nginx:1.26');
    t.match(c.ports, [{ containerPort: 80, name: 'http' }], 'ports kept');
    t.same(c.env.map((e) => e.name).sort(), ['EXTRA', 'MODE'], 'env kept, and merged by name');
    const annotation = ok(kubectl('get', 'deployment', 'web', '-n', NS, '-o', 'jsonpath={.metadata.annotations.kubectl\\.kubernetes\\.io/last-applied-configuration}'));
    t.match(annotation, /"image":"nginx:1\.26"/, 'last-applied annotation updated');
  });

  t.test('create with an unknown field fails with the strict decoding error', async (t) => {
    const bad = manifest('typo', 'nginx:1.25', 'imagePullPolicyy: Always');
    const r = kubectl('create', '-f', bad);
    t.equal(r.code, 1);
    t.match(r.stderr, /Error from server \(BadRequest\): error when creating ".*": Deployment in version "v1" cannot be handled as a Deployment: strict decoding error: unknown field "spec\.template\.spec\.containers\[0\]\.imagePullPolicyy"/);
    t.match(kubectl('get', 'deployment', 'typo', '-n', NS).stderr, /NotFound/, 'nothing was created');
    const warned = kubectl('apply', '-f', bad, '--validate=warn');
    t.equal(warned.code, 0);
    t.match(warned.stderr, /Warning: unknown field "spec\.template\.spec\.containers\[0\]\.imagePullPolicyy"/);
    t.notOk(JSON.stringify(containerOf(kubectl, 'typo')).includes('imagePullPolicyy'), 'the unknown field was dropped');
  });

  t.test('explain reads the served schemas', async (t) => {
    const out = ok(kubectl('explain', 'pods.spec.containers'));
    t.match(out, /FIELD: containers <\[\]Container>/);
    t.match(out, /^ {2}env\t<\[\]EnvVar>$/m);
    t.match(out, /^ {2}name\t<string> -required-$/m);
    t.match(out, /^ {2}ports\t<\[\]ContainerPort>$/m);
    t.match(out, /List of environment variables to set in the container/);
    t.match(ok(kubectl('explain', 'deployments.spec.strategy.rollingUpdate')), /maxSurge\t<IntOrString>/);
    // The Swagger 2.0 template reads /openapi/v2, which client-go fetches as gnostic protobuf.
    t.match(ok(kubectl('explain', 'services.spec.ports', '--output=plaintext-openapiv2')), /targetPort\t<string>/);
  });

  t.test('diff shows the change a dry-run apply would make, and makes none', async (t) => {
    const r = kubectl('diff', '-f', manifest('web', 'nginx:1.27'));
    t.equal(r.code, 1, 'exit 1: there are differences');
    t.match(r.stdout, /^-\s+image: nginx:1\.26$/m);
    t.match(r.stdout, /^\+\s+image: nginx:1\.27$/m);
    t.notMatch(r.stdout, /service|configmap/i, 'only the deployment differs');
    t.equal(containerOf(kubectl, 'web').image, 'nginx:1.26', 'dry run: nothing changed');
    const same = kubectl('diff', '-f', manifest('web', 'nginx:1.26'));
    t.equal(same.code, 0, `no differences: ${same.stdout}${same.stderr}`);
  });

  const legacy = process.env['KUBECTL_1_20'];
  t.test('kubectl 1.20 (OpenAPI v2 as protobuf)', { skip: legacy ? false : 'set KUBECTL_1_20 to a kubectl 1.20 binary' }, async (t) => {
    const k = kubectlWith(legacy as string);
    t.same(ok(k('apply', '-f', manifest('old', 'nginx:1.25'))).trim().split('\n'), ['deployment.apps/old created', 'service/old created', 'configmap/old-config created']);
    t.same(ok(k('apply', '-f', manifest('old', 'nginx:1.25'))).trim().split('\n'), ['deployment.apps/old unchanged', 'service/old unchanged', 'configmap/old-config unchanged']);
    ok(k('set', 'env', 'deployment/old', '-n', NS, 'EXTRA=1'));
    t.match(ok(k('apply', '-f', manifest('old', 'nginx:1.26'))), /deployment\.apps\/old configured/);
    const c = containerOf(k, 'old');
    t.equal(c.image, 'nginx:1.26');
    t.same(c.env.map((e) => e.name).sort(), ['EXTRA', 'MODE']);
    t.match(ok(k('explain', 'deployments.spec.strategy')), /rollingUpdate\t<Object>/);
    // 1.20 validates on the client, against the served schema.
    const bad = k('create', '-f', manifest('old-typo', 'nginx:1.25', 'imagePullPolicyy: Always'));
    t.equal(bad.code, 1);
    t.match(bad.stderr, /unknown field "imagePullPolicyy" in io\.k8s\.api\.core\.v1\.Container/);
  });

  t.test('the kubeconfig points at the server that was started', async (t) => {
    t.match(readFileSync(join(dataDir, 'kubeconfig'), 'utf8'), /server: https:\/\/127\.0\.0\.1:\d+/);
  });
}
