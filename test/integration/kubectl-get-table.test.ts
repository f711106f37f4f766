// kubectl against a real kubelite: `kubectl get` and `-o wide` print the server's Table columns and
// cells (as against kube-apiserver), `-w` prints one row per event, and the raw Table API honours
// Accept and includeObject. Objects are POSTed as JSON: kubectl create sends protobuf.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { request } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import t, { type Test } from 'tap';
import { parse } from 'yaml';
import { ensureBuilt, start } from '../lib/kubelite-process.js';

const NS = 'tables';
const TABLE_ACCEPT = 'application/json;as=Table;v=v1;g=meta.k8s.io,application/json;as=Table;v=v1beta1;g=meta.k8s.io,application/json';

interface Conn {
  server: string;
  token: string;
  ca: string;
  kubeconfig: string;
}

interface Response {
  status: number;
  contentType: string;
  body: Record<string, unknown>;
}

function api(conn: Conn, method: string, path: string, body?: unknown, accept = 'application/json', contentType = 'application/json'): Promise<Response> {
  return new Promise((resolve, reject) => {
    const url = new URL(path, conn.server);
    const req = request(url, { method, ca: conn.ca, headers: { authorization: `Bearer ${conn.token}`, accept, 'content-type': contentType } }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (text += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, contentType: String(res.headers['content-type'] ?? ''), body: text ? (JSON.parse(text) as Record<string, unknown>) : {} }));
    });
    req.on('error', reject);
    if (body !== undefined) req.write(JSON.stringify(body));
    req.end();
  });
}

async function create(t: Test, conn: Conn, path: string, obj: Record<string, unknown>): Promise<void> {
  const r = await api(conn, 'POST', path, obj);
  const what = `create ${path} ${(obj['metadata'] as { name: string }).name}`;
  t.equal(r.status, 201, r.status === 201 ? what : `${what}: ${JSON.stringify(r.body)}`);
}

function kubectl(conn: Conn, ...args: string[]): string {
  const r = spawnSync('kubectl', args, { env: { ...process.env, KUBECONFIG: conn.kubeconfig }, encoding: 'utf8', timeout: 30_000 });
  if (r.status !== 0) throw new Error(`kubectl ${args.join(' ')}: ${r.stderr}`);
  return r.stdout;
}

/** Splits kubectl's aligned output at the header's column starts, so empty and spaced cells survive. */
function columns(out: string): string[][] {
  const lines = out.replace(/\n+$/, '').split('\n');
  const header = lines[0] ?? '';
  const starts = [0, ...[...header.matchAll(/ {2,}(?=\S)/g)].map((m) => m.index! + m[0].length)];
  return lines.map((line) => starts.map((s, i) => line.slice(s, starts[i + 1]).trim()));
}

/** table is kubectl's output as header + rows, with AGE cells (fresh objects: seconds) checked and masked. */
function table(t: Test, out: string): string[][] {
  const [header = [], ...rows] = columns(out);
  const age = header.indexOf('AGE');
  for (const row of rows) {
    if (age >= 0) {
      t.match(row[age], /^\d+s$/, `AGE of ${row.join(' ')}`);
      row[age] = '<age>';
    }
  }
  return [header, ...rows];
}

const hasKubectl = spawnSync('kubectl', ['version', '--client'], { encoding: 'utf8' }).status === 0;

if (!hasKubectl) {
  t.plan(0, 'kubectl is not installed');
} else {
  ensureBuilt();
  const dataDir = mkdtempSync(join(tmpdir(), 'kubelite-table-'));
  const server = start(['apiserver', '--data-dir', dataDir, '--secure-port', '0', '--bind-address', '127.0.0.1']);
  t.teardown(async () => {
    await server.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });
  // A failed start fails the test (not the process), so the teardown still stops the server.
  const ready = await server.waitFor(/server ready/, 30_000).then(
    () => true,
    (err: Error) => t.fail(err.message) && false,
  );
  if (ready) await runTests(connect(join(dataDir, 'kubeconfig')));
}

function connect(kubeconfig: string): Conn {
  const kc = parse(readFileSync(kubeconfig, 'utf8')) as { clusters: { cluster: { server: string; 'certificate-authority-data': string } }[]; users: { user: { token: string } }[] };
  return {
    server: kc.clusters[0]!.cluster.server,
    ca: Buffer.from(kc.clusters[0]!.cluster['certificate-authority-data'], 'base64').toString(),
    token: kc.users[0]!.user.token,
    kubeconfig,
  };
}

async function runTests(conn: Conn): Promise<void> {
  const nsPath = (resource: string, group = ''): string => `${group ? `/apis/${group}` : '/api/v1'}/namespaces/${NS}/${resource}`;
  const template = { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'nginx', image: 'nginx:1.27' }, { name: 'side', image: 'busybox' }] } };
  const now = Date.now();

  await t.test('create the objects', async (t) => {
    await create(t, conn, '/api/v1/namespaces', { metadata: { name: NS } });
    await create(t, conn, nsPath('configmaps'), { metadata: { name: 'cm1' }, data: { a: '1', b: '2' }, binaryData: { c: 'AA==' } });
    await create(t, conn, nsPath('secrets'), { metadata: { name: 's1' }, type: 'Opaque', data: { u: 'YQ==' } });
    await create(t, conn, nsPath('serviceaccounts'), { metadata: { name: 'robot' }, secrets: [{ name: 's1' }] });
    await create(t, conn, nsPath('services'), { metadata: { name: 'web' }, spec: { type: 'ClusterIP', clusterIP: '10.96.100.100', selector: { app: 'web' }, ports: [{ port: 80, protocol: 'TCP', targetPort: 8080 }] } });
    await create(t, conn, nsPath('services'), { metadata: { name: 'np' }, spec: { type: 'NodePort', clusterIP: '10.96.100.101', ports: [{ name: 'http', port: 80, protocol: 'TCP', nodePort: 30080 }, { name: 'dns', port: 53, protocol: 'UDP', nodePort: 30053 }] } });
    await create(t, conn, nsPath('endpoints'), { metadata: { name: 'ep1' }, subsets: [{ addresses: [{ ip: '10.0.0.1' }, { ip: '10.0.0.2' }, { ip: '10.0.0.3' }], ports: [{ name: 'http', port: 80 }, { name: 'https', port: 443 }] }] });
    await create(t, conn, nsPath('pods'), { metadata: { name: 'p1' }, spec: { containers: [{ name: 'c', image: 'nginx' }] } });
    await create(t, conn, nsPath('deployments', 'apps/v1'), { metadata: { name: 'web' }, spec: { replicas: 3, selector: { matchLabels: { app: 'web' } }, template } });
    await create(t, conn, nsPath('replicasets', 'apps/v1'), {
      metadata: { name: 'rs1' },
      spec: { replicas: 2, selector: { matchLabels: { app: 'web' }, matchExpressions: [{ key: 'tier', operator: 'In', values: ['b', 'a'] }] }, template: { ...template, metadata: { labels: { app: 'web', tier: 'a' } } } },
    });
    await create(t, conn, nsPath('replicationcontrollers'), { metadata: { name: 'rc1' }, spec: { replicas: 1, selector: { app: 'web' }, template } });
    await create(t, conn, nsPath('daemonsets', 'apps/v1'), {
      metadata: { name: 'ds1' },
      spec: { selector: { matchLabels: { app: 'ds' } }, template: { metadata: { labels: { app: 'ds' } }, spec: { nodeSelector: { 'kubernetes.io/os': 'linux' }, containers: [{ name: 'agent', image: 'fluentd' }] } } },
    });
    await create(t, conn, nsPath('jobs', 'batch/v1'), {
      metadata: { name: 'j1' },
      spec: { completions: 3, parallelism: 2, manualSelector: true, selector: { matchLabels: { job: 'j1' } }, template: { metadata: { labels: { job: 'j1' } }, spec: { restartPolicy: 'Never', containers: [{ name: 'pi', image: 'perl' }] } } },
    });
    await create(t, conn, nsPath('events'), {
      metadata: { name: 'p1.1' },
      involvedObject: { kind: 'Pod', name: 'p1', namespace: NS, fieldPath: 'spec.containers{c}' },
      reason: 'Pulled', message: 'Container image "nginx" already present on machine', type: 'Normal',
      source: { component: 'kubelet', host: 'n-table' }, count: 4,
      firstTimestamp: new Date(now - (5 * 24 * 3600 + 1800) * 1000).toISOString().replace(/\.\d+Z$/, 'Z'),
      lastTimestamp: new Date(now - (3 * 3600 + 30) * 1000).toISOString().replace(/\.\d+Z$/, 'Z'),
    });
    await create(t, conn, nsPath('leases', 'coordination.k8s.io/v1'), { metadata: { name: 'l1' }, spec: { holderIdentity: 'n-table_42' } });
    await create(t, conn, '/api/v1/nodes', { metadata: { name: 'n-table', labels: { 'node-role.kubernetes.io/control-plane': '', 'node-role.kubernetes.io/worker': '' } } });
    const status = {
      status: {
        conditions: [{ type: 'Ready', status: 'True' }],
        addresses: [{ type: 'InternalIP', address: '10.0.0.5' }, { type: 'Hostname', address: 'n-table' }],
        nodeInfo: { kubeletVersion: 'v1.32.0', osImage: 'Debian GNU/Linux 12 (bookworm)', kernelVersion: '6.1.0', containerRuntimeVersion: 'kubelite://0.1.0' },
      },
    };
    const r = await api(conn, 'PATCH', '/api/v1/nodes/n-table/status', status, 'application/json', 'application/merge-patch+json');
    t.equal(r.status, 200, 'node status');
  });

  const get = (t: Test, ...args: string[]): string[][] => table(t, kubectl(conn, 'get', '-n', NS, ...args));

  await t.test('kubectl get and -o wide, per kind', async (t) => {
    const cases: Array<[string[], string[][]]> = [
      [['namespace', NS], [['NAME', 'STATUS', 'AGE'], [NS, 'Active', '<age>']]],
      [['configmap', 'cm1'], [['NAME', 'DATA', 'AGE'], ['cm1', '3', '<age>']]],
      [['secret', 's1'], [['NAME', 'TYPE', 'DATA', 'AGE'], ['s1', 'Opaque', '1', '<age>']]],
      [['serviceaccount', 'robot'], [['NAME', 'SECRETS', 'AGE'], ['robot', '1', '<age>']]],
      [['services', '-o', 'wide'], [
        ['NAME', 'TYPE', 'CLUSTER-IP', 'EXTERNAL-IP', 'PORT(S)', 'AGE', 'SELECTOR'],
        ['np', 'NodePort', '10.96.100.101', '<none>', '80:30080/TCP,53:30053/UDP', '<age>', '<none>'],
        ['web', 'ClusterIP', '10.96.100.100', '<none>', '80/TCP', '<age>', 'app=web'],
      ]],
      [['endpoints', 'ep1'], [['NAME', 'ENDPOINTS', 'AGE'], ['ep1', '10.0.0.1:80,10.0.0.2:80,10.0.0.3:80 + 3 more...', '<age>']]],
      [['pods'], [['NAME', 'READY', 'STATUS', 'RESTARTS', 'AGE'], ['p1', '0/1', 'Pending', '0', '<age>']]],
      [['pods', '-o', 'wide'], [
        ['NAME', 'READY', 'STATUS', 'RESTARTS', 'AGE', 'IP', 'NODE', 'NOMINATED NODE', 'READINESS GATES'],
        ['p1', '0/1', 'Pending', '0', '<age>', '<none>', '<none>', '<none>', '<none>'],
      ]],
      [['deployments'], [['NAME', 'READY', 'UP-TO-DATE', 'AVAILABLE', 'AGE'], ['web', '0/3', '0', '0', '<age>']]],
      [['deployments', '-o', 'wide'], [
        ['NAME', 'READY', 'UP-TO-DATE', 'AVAILABLE', 'AGE', 'CONTAINERS', 'IMAGES', 'SELECTOR'],
        ['web', '0/3', '0', '0', '<age>', 'nginx,side', 'nginx:1.27,busybox', 'app=web'],
      ]],
      [['replicasets', '-o', 'wide'], [
        ['NAME', 'DESIRED', 'CURRENT', 'READY', 'AGE', 'CONTAINERS', 'IMAGES', 'SELECTOR'],
        ['rs1', '2', '0', '0', '<age>', 'nginx,side', 'nginx:1.27,busybox', 'app=web,tier in (a,b)'],
      ]],
      [['replicationcontrollers'], [['NAME', 'DESIRED', 'CURRENT', 'READY', 'AGE'], ['rc1', '1', '0', '0', '<age>']]],
      [['replicationcontrollers', '-o', 'wide'], [
        ['NAME', 'DESIRED', 'CURRENT', 'READY', 'AGE', 'CONTAINERS', 'IMAGES', 'SELECTOR'],
        ['rc1', '1', '0', '0', '<age>', 'nginx,side', 'nginx:1.27,busybox', 'app=web'],
      ]],
      [['daemonsets'], [['NAME', 'DESIRED', 'CURRENT', 'READY', 'UP-TO-DATE', 'AVAILABLE', 'NODE SELECTOR', 'AGE'], ['ds1', '0', '0', '0', '0', '0', 'kubernetes.io/os=linux', '<age>']]],
      [['daemonsets', '-o', 'wide'], [
        ['NAME', 'DESIRED', 'CURRENT', 'READY', 'UP-TO-DATE', 'AVAILABLE', 'NODE SELECTOR', 'AGE', 'CONTAINERS', 'IMAGES', 'SELECTOR'],
        ['ds1', '0', '0', '0', '0', '0', 'kubernetes.io/os=linux', '<age>', 'agent', 'fluentd', 'app=ds'],
      ]],
      [['jobs'], [['NAME', 'STATUS', 'COMPLETIONS', 'DURATION', 'AGE'], ['j1', 'Running', '0/3', '', '<age>']]],
      [['jobs', '-o', 'wide'], [
        ['NAME', 'STATUS', 'COMPLETIONS', 'DURATION', 'AGE', 'CONTAINERS', 'IMAGES', 'SELECTOR'],
        ['j1', 'Running', '0/3', '', '<age>', 'pi', 'perl', 'job=j1'],
      ]],
      [['events'], [['LAST SEEN', 'TYPE', 'REASON', 'OBJECT', 'MESSAGE'], ['3h', 'Normal', 'Pulled', 'pod/p1', 'Container image "nginx" already present on machine']]],
      [['events', '-o', 'wide'], [
        ['LAST SEEN', 'TYPE', 'REASON', 'OBJECT', 'SUBOBJECT', 'SOURCE', 'MESSAGE', 'FIRST SEEN', 'COUNT', 'NAME'],
        ['3h', 'Normal', 'Pulled', 'pod/p1', 'spec.containers{c}', 'kubelet, n-table', 'Container image "nginx" already present on machine', '5d', '4', 'p1.1'],
      ]],
      [['leases'], [['NAME', 'HOLDER', 'AGE'], ['l1', 'n-table_42', '<age>']]],
      [['nodes', 'n-table'], [['NAME', 'STATUS', 'ROLES', 'AGE', 'VERSION'], ['n-table', 'Ready', 'control-plane,worker', '<age>', 'v1.32.0']]],
      [['nodes', 'n-table', '-o', 'wide'], [
        ['NAME', 'STATUS', 'ROLES', 'AGE', 'VERSION', 'INTERNAL-IP', 'EXTERNAL-IP', 'OS-IMAGE', 'KERNEL-VERSION', 'CONTAINER-RUNTIME'],
        ['n-table', 'Ready', 'control-plane,worker', '<age>', 'v1.32.0', '10.0.0.5', '<none>', 'Debian GNU/Linux 12 (bookworm)', '6.1.0', 'kubelite://0.1.0'],
      ]],
    ];
    for (const [args, want] of cases) {
      try {
        t.same(get(t, ...args), want, `kubectl get ${args.join(' ')}`);
      } catch (err) {
        t.fail((err as Error).message); // one kind failing should not hide the others
      }
    }
  });

  await t.test('kubectl get across namespaces adds NAMESPACE', async (t) => {
    const rows = get(t, 'serviceaccounts', '-A');
    t.same(rows[0], ['NAMESPACE', 'NAME', 'SECRETS', 'AGE']);
    t.ok(rows.some((r) => r.join(' ') === `${NS} robot 1 <age>`), 'robot listed');
    t.ok(rows.some((r) => r.join(' ') === 'kube-system default 0 <age>'), 'bootstrap service accounts listed');
  });

  await t.test('kubectl get -w prints a row per event', async (t) => {
    const child = spawn('kubectl', ['get', 'configmaps', '-n', NS, '-w', '--output-watch-events'], { env: { ...process.env, KUBECONFIG: conn.kubeconfig } });
    let out = '';
    child.stdout.on('data', (b: Buffer) => (out += b.toString()));
    child.stderr.on('data', (b: Buffer) => (out += b.toString()));
    const waitFor = async (re: RegExp): Promise<void> => {
      for (let i = 0; i < 100 && !re.test(out); i++) await new Promise((r) => setTimeout(r, 100));
      t.match(out, re);
    };
    try {
      await waitFor(/ADDED\s+cm1\s+3\s+\d+s\n/);
      await create(t, conn, nsPath('configmaps'), { metadata: { name: 'w2' }, data: { x: 'y' } });
      await waitFor(/ADDED\s+w2\s+1\s+\d+s\n/);
      t.equal((await api(conn, 'DELETE', `${nsPath('configmaps')}/w2`)).status, 200, 'delete w2');
      await waitFor(/DELETED\s+w2\s+1\s+\d+s\n/);
      t.match(out, /^EVENT\s+NAME\s+DATA\s+AGE\n/, 'one header');
      t.equal(out.match(/EVENT/g)?.length, 1, 'headers printed once');
    } finally {
      child.kill();
    }
  });

  await t.test('the Table API', async (t) => {
    const r = await api(conn, 'GET', `${nsPath('configmaps')}?includeObject=Object`, undefined, TABLE_ACCEPT);
    t.equal(r.status, 200);
    t.match(r.contentType, /^application\/json/);
    t.equal(r.body['kind'], 'Table');
    t.equal(r.body['apiVersion'], 'meta.k8s.io/v1');
    const rows = r.body['rows'] as { cells: unknown[]; object: { kind: string } }[];
    t.same(rows.map((x) => x.cells.slice(0, 2)), [['cm1', 3]]);
    t.equal(rows[0]!.object.kind, 'ConfigMap', 'includeObject=Object');
    const meta = await api(conn, 'GET', `${nsPath('configmaps')}/cm1`, undefined, TABLE_ACCEPT);
    t.same((meta.body['rows'] as { object: { kind: string } }[])[0]!.object.kind, 'PartialObjectMetadata', 'Metadata by default');
    const bad = await api(conn, 'GET', `${nsPath('configmaps')}?includeObject=Everything`, undefined, TABLE_ACCEPT);
    t.equal(bad.status, 400);
    t.equal(bad.body['reason'], 'BadRequest');
    const plain = await api(conn, 'GET', nsPath('configmaps'));
    t.equal(plain.body['kind'], 'ConfigMapList', 'plain JSON without as=Table');
    const json = JSON.parse(kubectl(conn, 'get', '-n', NS, 'configmap', 'cm1', '-o', 'json')) as { kind: string };
    t.equal(json.kind, 'ConfigMap', 'kubectl -o json still gets the object');
  });
}
