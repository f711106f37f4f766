// kctl against one real kubelite API server process, as a user drives it: the classic walkthrough
// (run, get, expose, resize, describe, label, delete), apply/create/delete with manifests and the
// bad-input cases, watch, wait, cordon, config and discovery, plus kubectl reading what kctl wrote
// through the same kubeconfig. No scheduler, controllers or kubelet run here, so no pods appear:
// everything is checked as far as the API goes.
import { spawn, spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import t from 'tap';
import { kctlMain } from '../../pkg/kctl/main.js';
import { ensureBuilt, ROOT, start } from '../lib/kubelite-process.js';

ensureBuilt();
const KCTL = join(ROOT, 'bin/kctl.cjs');
const dir = mkdtempSync(join(tmpdir(), 'kctl-e2e-'));
const dataDir = join(dir, 'data');
const files = join(dir, 'manifests');
mkdirSync(files);
// The API server alone: kctl is checked as far as the API goes, independent of what the
// scheduler, controllers and kubelet (which `kubelite server` adds) do with the objects.
const server = start(['apiserver', '--data-dir', dataDir, '--secure-port', '0']);
const cleanup = async (): Promise<void> => {
  await server.stop();
  rmSync(dir, { recursive: true, force: true });
};
t.teardown(cleanup);
await server.waitFor(/apiserver ready/, 30_000).catch(async (err: unknown) => {
  await cleanup();
  throw err;
});
const KUBECONFIG = join(dataDir, 'kubeconfig');
// tap's loaders (NODE_OPTIONS) would make every kctl start several times slower; kctl runs as users run it.
const env = { ...process.env, KUBECONFIG, TZ: 'UTC', NODE_OPTIONS: '' };
process.env['TZ'] = 'UTC';

interface Result {
  code: number | null;
  stdout: string;
  stderr: string;
}

// Most commands run in this process (kctlMain with captured output: the same code, without paying
// the bundle's start-up a hundred times); binary() runs the built bin/kctl.cjs as users do.
async function kctl(args: string[], input?: string): Promise<Result> {
  const io = { stdout: '', stderr: '', out: (s: string) => void (io.stdout += s), err: (s: string) => void (io.stderr += s), stdin: async () => input ?? '', env, tty: false };
  const code = await kctlMain(args, io, new AbortController().signal);
  return { code, stdout: io.stdout, stderr: io.stderr };
}

function binary(args: string[], input?: string): Result {
  const r = spawnSync(process.execPath, [KCTL, ...args], { encoding: 'utf8', env, input, timeout: 60_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const kubectlAvailable = spawnSync('kubectl', ['version', '--client'], { encoding: 'utf8' }).status === 0;
function kubectl(args: string[]): Result {
  const r = spawnSync('kubectl', args, { encoding: 'utf8', env, timeout: 60_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const write = (name: string, text: string): string => {
  const p = join(files, name);
  writeFileSync(p, text);
  return p;
};
const lines = (s: string): string[] => s.split('\n').filter((l) => l !== '');
const columns = (s: string): string[][] => lines(s).map((l) => l.split(/\s{2,}/));

t.test('version, cluster-info, api-resources, config', async (t) => {
  const v = binary(['version']);
  t.equal(v.code, 0);
  t.match(v.stdout, /^Client Version: v\d+\.\d+\.\d+.*\nServer Version: v1\.\d+\.\d+\+kubelite/);
  const sub = spawnSync(process.execPath, [join(ROOT, 'bin/kubelite.cjs'), 'kctl', 'get', 'ns', 'default', '-o', 'name'], { encoding: 'utf8', env });
  t.same([sub.status, sub.stdout], [0, 'namespace/default\n'], 'also as `kubelite kctl`');
  const server = /server: (\S+)/.exec(readFileSync(KUBECONFIG, 'utf8'))?.[1] as string;
  const ci = (await kctl(['cluster-info']));
  t.equal(ci.code, 0);
  t.equal(lines(ci.stdout)[0], `Kubernetes control plane is running at ${server}`);
  const ar = (await kctl(['api-resources']));
  t.same(columns(ar.stdout)[0], ['NAME', 'SHORTNAMES', 'APIVERSION', 'NAMESPACED', 'KIND']);
  t.match(ar.stdout, /\nreplicationcontrollers\s+rc\s+v1\s+true\s+ReplicationController\n/);
  t.match(ar.stdout, /\ndeployments\s+deploy\s+apps\/v1\s+true\s+Deployment\n/);
  t.match((await kctl(['api-resources', '--namespaced=false', '-o', 'name'])).stdout, /^namespaces\nnodes\n/);
  t.equal((await kctl(['config', 'current-context'])).stdout, 'kubelite\n');
  const view = (await kctl(['config', 'view'])).stdout;
  t.match(view, /certificate-authority-data: DATA\+OMITTED/);
  t.match(view, /token: REDACTED/);
  t.same(columns((await kctl(['config', 'get-contexts'])).stdout), [['CURRENT', 'NAME', 'CLUSTER', 'AUTHINFO', 'NAMESPACE'], ['*', 'kubelite', 'kubelite', 'admin', 'default']]);
  const copy = join(dir, 'kubeconfig-copy');
  copyFileSync(KUBECONFIG, copy);
  t.equal((await kctl(['--kubeconfig', copy, 'config', 'set-context', 'other', '--cluster=kubelite', '--user=admin', '--namespace=kube-system'])).stdout, 'Context "other" created.\n');
  t.equal((await kctl(['--kubeconfig', copy, 'config', 'use-context', 'other'])).stdout, 'Switched to context "other".\n');
  t.match((await kctl(['--kubeconfig', copy, 'get', 'sa'])).stdout, /^NAME\s+SECRETS\s+AGE\ndefault\s/, 'the context namespace applies');
  t.equal((await kctl(['--kubeconfig', copy, 'config', 'use-context', 'nope'])).stderr, 'error: no context exists with the name: "nope"\n');
});

t.test('the walkthrough: run, get, expose, resize, label, describe', async (t) => {
  const empty = (await kctl(['get', 'pods']));
  t.same([empty.code, empty.stdout, empty.stderr], [0, '', 'No resources found in default namespace.\n']);
  const run = binary(['run', 'nginx', '--image=nginx', '--port=80']);
  t.same([run.code, run.stdout], [0, 'replicationcontroller/nginx created\n']);
  const rc = JSON.parse((await kctl(['get', 'rc', 'nginx', '-o', 'json'])).stdout);
  t.same(rc.spec.selector, { run: 'nginx' });
  t.same(rc.spec.template.metadata.labels, { run: 'nginx' });
  t.equal(rc.spec.template.spec.containers[0].name, 'nginx');
  t.equal(rc.spec.template.spec.containers[0].ports[0].containerPort, 80);
  const table = columns(binary(['get', 'rc']).stdout);
  t.same(table.map((r) => r.slice(0, 4)), [['NAME', 'DESIRED', 'CURRENT', 'READY'], ['nginx', '1', '0', '0']]);
  t.match(table[1]?.[4], /^\d+s$/, 'AGE');
  t.match((await kctl(['get', 'rc', '-o', 'wide'])).stdout, /^NAME\s+DESIRED\s+CURRENT\s+READY\s+AGE\s+CONTAINERS\s+IMAGES\s+SELECTOR\nnginx\s+1\s+0\s+0\s+\S+\s+nginx\s+nginx\s+run=nginx\n$/);
  t.equal((await kctl(['get', 'pods'])).stderr, 'No resources found in default namespace.\n', 'no controller manager here: no pods');
  if (kubectlAvailable) t.match(kubectl(['get', 'rc']).stdout, /^NAME\s+DESIRED\s+CURRENT\s+READY\s+AGE\nnginx\s+1\s+0\s+0\s/, 'kubectl reads what kctl created');

  t.equal((await kctl(['expose', 'rc', 'nginx', '--port=80', '--target-port=8000'])).stdout, 'service/nginx exposed\n');
  const svc = JSON.parse((await kctl(['get', 'svc', 'nginx', '-o', 'json'])).stdout);
  t.same(svc.spec.selector, { run: 'nginx' });
  t.same([svc.spec.ports[0].port, svc.spec.ports[0].targetPort, svc.spec.ports[0].protocol], [80, 8000, 'TCP']);
  t.match((await kctl(['get', 'svc'])).stdout, /\nnginx\s+ClusterIP\s+10\.\d+\.\d+\.\d+\s+<none>\s+80\/TCP\s/);
  t.equal((await kctl(['expose', 'rc', 'nginx', '--name=nginx-np', '--type=NodePort'])).stdout, 'service/nginx-np exposed\n', 'ports from the rc');
  t.match((await kctl(['get', 'svc', 'nginx-np', '-o', 'jsonpath={.spec.type} {.spec.ports[0].port} {.spec.ports[0].nodePort}'])).stdout, /^NodePort 80 \d+$/);

  t.equal((await kctl(['resize', 'rc', 'nginx', '--replicas=2'])).stdout, 'replicationcontroller/nginx scaled\n');
  t.equal((await kctl(['get', 'rc', 'nginx', '-o', 'jsonpath={.spec.replicas}'])).stdout, '2');
  t.equal((await kctl(['scale', 'rc/nginx', '--replicas=3', '--current-replicas=2'])).stdout, 'replicationcontroller/nginx scaled\n');
  const stale = (await kctl(['scale', 'rc', 'nginx', '--replicas=1', '--current-replicas=2']));
  t.same([stale.code, stale.stderr], [1, 'error: Expected replicas to be 2, was 3\n']);

  t.equal((await kctl(['label', 'rc', 'nginx', 'env=prod'])).stdout, 'replicationcontroller/nginx labeled\n');
  const clash = (await kctl(['label', 'rc', 'nginx', 'env=dev']));
  t.same([clash.code, clash.stderr], [1, "error: 'env' already has a value (prod), and --overwrite is false\n"]);
  t.equal((await kctl(['label', 'rc', 'nginx', 'env=dev', '--overwrite'])).stdout, 'replicationcontroller/nginx labeled\n');
  t.match((await kctl(['get', 'rc', '--show-labels'])).stdout, /\sLABELS\n.*env=dev,run=nginx\n/);
  t.equal((await kctl(['label', 'rc', 'nginx', 'env-'])).stdout, 'replicationcontroller/nginx unlabeled\n');
  t.equal((await kctl(['annotate', 'rc', 'nginx', 'owner=team-a'])).stdout, 'replicationcontroller/nginx annotated\n');
  t.match((await kctl(['annotate', 'rc', 'nginx', 'owner=team-b'])).stderr, /^error: --overwrite is false but found the following declared annotation\(s\): 'owner' already has a value \(team-a\)\n$/);

  const d = (await kctl(['describe', 'rc', 'nginx']));
  t.equal(d.code, 0);
  t.match(d.stdout, /^Name:         nginx\nNamespace:    default\nSelector:     run=nginx\nLabels:       run=nginx\nAnnotations:  owner: team-a\nReplicas:     0 current \/ 3 desired\nPods Status:  0 Running \/ 0 Waiting \/ 0 Succeeded \/ 0 Failed\nPod Template:\n/);
  t.match(d.stdout, /\nEvents:\s+<none>\n$/);
  if (kubectlAvailable) t.equal(d.stdout, kubectl(['describe', 'rc', 'nginx']).stdout, 'describe reads exactly as kubectl describe');
  t.match((await kctl(['describe', 'svc', 'nginx'])).stdout, /\nTargetPort:\s+8000\/TCP\n/);
});

t.test('describe shows the events recorded about the object', async (t) => {
  const uid = JSON.parse((await kctl(['get', 'rc', 'nginx', '-o', 'json'])).stdout).metadata.uid as string;
  const now = new Date().toISOString().replace(/\.\d+Z$/, 'Z');
  const event = (name: string, objUid: string, reason: string): string => JSON.stringify({
    apiVersion: 'v1', kind: 'Event', metadata: { name, namespace: 'default' }, type: 'Normal', reason, message: `${reason} happened`, count: 1,
    involvedObject: { kind: 'ReplicationController', name: 'nginx', namespace: 'default', uid: objUid }, firstTimestamp: now, lastTimestamp: now, source: { component: 'tester' },
  });
  t.equal((await kctl(['create', '-f', '-'], `${event('ev1', uid, 'Ours')}\n${event('ev2', 'another-uid', 'OldObject')}`)).code, 0);
  const d = (await kctl(['describe', 'rc', 'nginx'])).stdout;
  t.match(d, /\nEvents:\n  Type    Reason  Age   From    Message\n  ----    ------  ----  ----    -------\n  Normal  Ours    \S+\s+tester  Ours happened\n$/);
  t.notMatch(d, /OldObject/, 'events of another object with the same name are not shown');
});

t.test('get: kinds, names, formats, selectors, errors', async (t) => {
  t.equal((await kctl(['get', 'rc,svc', '-o', 'name'])).stdout, 'replicationcontroller/nginx\nservice/kubernetes\nservice/nginx\nservice/nginx-np\n');
  const all = (await kctl(['get', 'all'])).stdout;
  t.match(all, /^NAME\s+TYPE\s+CLUSTER-IP/m);
  t.match(all, /\nservice\/nginx\s+ClusterIP\s/);
  t.match(all, /\n\nNAME\s+DESIRED\s+CURRENT\s+READY\s+AGE\nreplicationcontroller\/nginx\s+3\s/, 'a blank line between kinds, kind prefixes');
  t.match((await kctl(['get', 'namespaces'])).stdout, /^NAME\s+STATUS\s+AGE\ndefault\s+Active\s/);
  t.match((await kctl(['get', 'sa', '-A'])).stdout, /^NAMESPACE\s+NAME\s+SECRETS\s+AGE\n/);
  t.equal((await kctl(['get', 'replicationcontroller/nginx', 'service/nginx', '-o', 'name'])).stdout, 'replicationcontroller/nginx\nservice/nginx\n');
  const y = (await kctl(['get', 'replicationcontrollers', 'nginx', '-o', 'yaml'])).stdout;
  t.match(y, /^apiVersion: v1\nkind: ReplicationController\nmetadata:\n/);
  const list = JSON.parse((await kctl(['get', 'rc', '-o', 'json'])).stdout);
  t.same([list.kind, list.apiVersion, list.items[0].kind], ['List', 'v1', 'ReplicationController']);
  t.equal((await kctl(['get', 'svc', '-l', 'run=nginx', '-o', 'name'])).stdout, 'service/nginx\nservice/nginx-np\n');
  t.equal((await kctl(['get', 'svc', '--field-selector', 'metadata.name=nginx', '--no-headers', '-o', 'name'])).stdout, 'service/nginx\n');
  if (kubectlAvailable) {
    // AGE cells move on between the two calls now and then: compare a few times.
    let same = false;
    for (let i = 0; i < 3 && !same; i++) same = (await kctl(['get', 'svc', '-A', '-o', 'wide'])).stdout === kubectl(['get', 'svc', '-A', '-o', 'wide']).stdout;
    t.ok(same, "tables are byte for byte kubectl's");
  }

  const unknown = binary(['get', 'foo']);
  t.same([unknown.code, unknown.stdout, unknown.stderr], [1, '', 'error: the server doesn\'t have a resource type "foo"\n']);
  const missing = binary(['get', 'pod', 'x']);
  t.same([missing.code, missing.stderr], [1, 'Error from server (NotFound): pods "x" not found\n']);
  const some = (await kctl(['get', 'rc', 'nginx', 'nope']));
  t.equal(some.code, 1);
  t.match(some.stdout, /^NAME\s+DESIRED.*\nnginx\s/, 'what exists still prints');
  t.equal(some.stderr, 'Error from server (NotFound): replicationcontrollers "nope" not found\n');
  t.equal((await kctl(['get', 'pod', 'x', '--ignore-not-found'])).code, 0);
  const usage = binary(['get', 'pods', '--bogus']);
  t.same([usage.code, usage.stderr], [1, "Error: unknown flag: --bogus\nSee 'kctl get --help' for usage.\n"]);
  t.equal((await kctl(['get'])).code, 1);
});

t.test('apply: create, unchanged, three-way update, List, stdin, dry runs', async (t) => {
  const deploy = (image: string, extra = ''): string => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  labels: {app: web${extra}}
spec:
  replicas: 2
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers:
      - {name: web, image: ${image}}
      - {name: log, image: busybox}
`;
  const cm = 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: web-config}\ndata: {a: "1", b: "2"}\n';
  write('10-web.yaml', `${deploy('nginx:1', ', tier: frontend')}---\n${cm}`);
  const first = (await kctl(['apply', '-f', files]));
  t.same([first.code, first.stdout], [0, 'deployment.apps/web created\nconfigmap/web-config created\n']);
  t.equal((await kctl(['apply', '-f', files])).stdout, 'deployment.apps/web unchanged\nconfigmap/web-config unchanged\n');
  t.equal((await kctl(['label', 'deploy', 'web', 'owner=ops'])).code, 0, 'someone else adds a label');
  write('10-web.yaml', `${deploy('nginx:2').replace('      - {name: log, image: busybox}\n', '')}---\n${cm.replace(', b: "2"', '')}`);
  t.equal((await kctl(['apply', '-f', join(files, '10-web.yaml')])).stdout, 'deployment.apps/web configured\nconfigmap/web-config configured\n');
  const web = JSON.parse((await kctl(['get', 'deploy', 'web', '-o', 'json'])).stdout);
  t.same(web.metadata.labels, { app: 'web', owner: 'ops' }, 'tier (removed from the manifest) is gone, owner (never in it) is kept');
  t.same(web.spec.template.spec.containers.map((c: { name: string; image: string }) => `${c.name}=${c.image}`), ['web=nginx:2'], 'containers merged by name');
  t.match(web.metadata.annotations['kubectl.kubernetes.io/last-applied-configuration'], /^\{"apiVersion":"apps\/v1","kind":"Deployment","metadata":\{"annotations":\{\},"labels":\{"app":"web"\},"name":"web","namespace":"default"\}/);
  t.same(JSON.parse((await kctl(['get', 'cm', 'web-config', '-o', 'json'])).stdout).data, { a: '1' });
  if (kubectlAvailable) t.equal(kubectl(['apply', '--validate=false', '-f', join(files, '10-web.yaml')]).stdout, 'deployment.apps/web unchanged\nconfigmap/web-config unchanged\n', 'kubectl agrees nothing changed');

  const list = JSON.stringify({ apiVersion: 'v1', kind: 'List', items: [{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'from-list-1' } }, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'from-list-2' } }] });
  t.equal(binary(['apply', '-f', '-'], list).stdout, 'configmap/from-list-1 created\nconfigmap/from-list-2 created\n');
  t.equal((await kctl(['apply', '-f', '-', '--dry-run=server'], cm.replace('web-config', 'dry'))).stdout, 'configmap/dry created (server dry run)\n');
  t.equal((await kctl(['apply', '-f', '-', '--dry-run=client'], cm.replace('web-config', 'dry'))).stdout, 'configmap/dry created (dry run)\n');
  t.equal((await kctl(['get', 'cm', 'dry'])).code, 1, 'dry runs change nothing');
  t.equal((await kctl(['create', '-f', '-'], cm.replace('web-config', 'made'))).stdout, 'configmap/made created\n');
  const again = (await kctl(['create', '-f', '-'], cm.replace('web-config', 'made')));
  t.same([again.code, again.stderr], [1, 'Error from server (AlreadyExists): error when creating "STDIN" (document 1): configmaps "made" already exists\n']);
  t.equal((await kctl(['-n', 'kube-system', 'apply', '-f', '-'], cm.replace('web-config', 'elsewhere'))).stdout, 'configmap/elsewhere created\n');
  t.equal((await kctl(['get', 'cm', 'elsewhere', '-n', 'kube-system', '-o', 'name'])).stdout, 'configmap/elsewhere\n');
});

t.test('bad input in -f: one clear line each, the rest applied, exit 1', async (t) => {
  const missing = (await kctl(['apply', '-f', 'x.yaml']));
  t.same([missing.code, missing.stdout, missing.stderr], [1, '', 'error: the path "x.yaml" does not exist\n']);
  const good = write('good.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: good}\n');
  const bad = write('bad.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: from-bad\n data: : x\n');
  const r = (await kctl(['apply', '-f', bad, '-f', good]));
  t.equal(r.code, 1);
  t.equal(r.stdout, 'configmap/good created\n');
  t.match(r.stderr, new RegExp(`^error: error parsing ${bad}: error converting YAML to JSON: yaml: line \\d+: [^\\n]+\\n$`));
  t.equal((await kctl(['get', 'cm', 'from-bad'])).code, 1, 'nothing from the bad file');
  const foo = write('foo.yaml', 'apiVersion: v1\nkind: Foo\nmetadata: {name: x}\n');
  const f = (await kctl(['apply', '-f', foo]));
  t.same([f.code, f.stderr], [1, `error: resource mapping not found for name: "x" namespace: "" from "${foo}": no matches for kind "Foo" in version "v1"\n`]);
  const mixed = write('mixed.yaml', [
    'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: mixed-1}\n',
    'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: Bad_Name}\n',
    'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: lost, namespace: no-such-namespace}\n',
    'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: mixed-4}\n',
  ].join('---\n'));
  const m = binary(['apply', '-f', mixed]);
  t.equal(m.code, 1);
  t.equal(m.stdout, 'configmap/mixed-1 created\nconfigmap/mixed-4 created\n', 'the other documents are applied');
  const errs = lines(m.stderr);
  t.equal(errs.length, 2, 'one line per rejected document');
  t.match(errs[0], new RegExp(`^Error from server \\(Invalid\\): error when creating "${mixed}" \\(document 2\\): ConfigMap "Bad_Name" is invalid: metadata\\.name: Invalid value: "Bad_Name"`));
  t.equal(errs[1], `Error from server (NotFound): error when creating "${mixed}" (document 3): namespaces "no-such-namespace" not found`);
  t.notMatch(m.stderr, /\n\s+at /, 'no stack traces');
});

t.test('watch prints rows as they change', async (t) => {
  const child = spawn(process.execPath, [KCTL, 'get', 'cm', '-w', '-l', 'watched=yes'], { env });
  let out = '';
  child.stdout.on('data', (b: Buffer) => (out += b.toString()));
  const until = async (re: RegExp): Promise<void> => {
    for (let i = 0; i < 100 && !re.test(out); i++) await new Promise((r) => setTimeout(r, 100));
  };
  t.equal((await kctl(['create', '-f', '-'], 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: w1, labels: {watched: "yes"}}\n')).code, 0);
  await until(/w1/);
  await new Promise((r) => setTimeout(r, 300));
  t.equal((await kctl(['create', '-f', '-'], 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: w2-longer-name, labels: {watched: "yes"}}\ndata: {k: v}\n')).code, 0);
  await until(/w2-longer-name/);
  t.equal((await kctl(['delete', 'cm', 'w1'])).code, 0);
  await until(/w2-longer-name[^\n]*\n[^\n]*w1/);
  child.kill('SIGTERM');
  await new Promise((r) => child.on('exit', r));
  const rows = columns(out);
  t.same(rows[0], ['NAME', 'DATA', 'AGE']);
  t.same(rows.map((r) => r[0]), ['NAME', 'w1', 'w2-longer-name', 'w1'], 'added, added, deleted');
  t.equal(rows[2]?.[1], '1');
});

t.test('nodes: cordon, uncordon, wait', async (t) => {
  const node = { apiVersion: 'v1', kind: 'Node', metadata: { name: 'node-1', labels: { 'kubernetes.io/hostname': 'node-1' } }, status: { conditions: [{ type: 'Ready', status: 'True', reason: 'KubeletReady', lastHeartbeatTime: '2024-01-01T00:00:00Z', lastTransitionTime: '2024-01-01T00:00:00Z' }] } };
  t.equal((await kctl(['create', '-f', '-'], JSON.stringify(node))).stdout, 'node/node-1 created\n');
  t.equal((await kctl(['cordon', 'node-1'])).stdout, 'node/node-1 cordoned\n');
  t.equal((await kctl(['cordon', 'node-1'])).stdout, 'node/node-1 already cordoned\n');
  t.match((await kctl(['get', 'nodes'])).stdout, /\nnode-1\s+Ready,SchedulingDisabled\s/);
  t.equal((await kctl(['wait', '--for=jsonpath={.spec.unschedulable}=true', 'node/node-1'])).stdout, 'node/node-1 condition met\n');
  t.equal((await kctl(['uncordon', 'node-1'])).stdout, 'node/node-1 uncordoned\n');
  t.equal((await kctl(['get', 'node', 'node-1', '-o', 'jsonpath={.spec.unschedulable}'])).stdout, '');
  t.equal((await kctl(['wait', '--for=condition=Ready', 'node/node-1'])).stdout, 'node/node-1 condition met\n');
  const late = (await kctl(['wait', '--for=condition=Ready=False', 'nodes', 'node-1', '--timeout=1s']));
  t.same([late.code, late.stdout], [1, '']);
  t.equal(late.stderr, 'Waiting for node/node-1: condition Ready is True (KubeletReady)\nerror: timed out waiting for the condition on nodes/node-1\n', 'progress on stderr while waiting');
  const nope = (await kctl(['wait', '--for=condition=Ready', 'node/nope', '--timeout=1s']));
  t.same([nope.code, nope.stderr], [1, 'Error from server (NotFound): nodes "nope" not found\n']);
  t.match((await kctl(['describe', 'node', 'node-1'])).stdout, /^Name:               node-1\nRoles:              <none>\n/);
});

t.test('delete: by name, -f, -l, waiting until gone; wait --for=delete', async (t) => {
  const del = (await kctl(['delete', 'svc', 'nginx-np']));
  t.same([del.code, del.stdout], [0, 'service "nginx-np" deleted\n']);
  t.equal((await kctl(['get', 'svc', 'nginx-np'])).code, 1, 'gone when delete returns');
  t.equal((await kctl(['delete', '-f', join(files, 'good.yaml')])).stdout, 'configmap "good" deleted\n');
  t.equal((await kctl(['delete', 'cm', '-l', 'watched=yes'])).stdout, 'configmap "w2-longer-name" deleted\n');
  t.equal((await kctl(['delete', 'deployment.apps/web', '--wait=false'])).stdout, 'deployment.apps "web" deleted\n');
  const gone = (await kctl(['delete', 'pod', 'nope']));
  t.same([gone.code, gone.stderr], [1, 'Error from server (NotFound): pods "nope" not found\n']);
  t.equal((await kctl(['delete', 'pod', 'nope', '--ignore-not-found'])).code, 0);
  t.equal((await kctl(['delete', 'rc'])).stderr, 'error: resource(s) were provided, but no name was specified\n');
  const waiter = spawn(process.execPath, [KCTL, 'wait', '--for=delete', 'rc/nginx', '--timeout=20s'], { env });
  let out = '';
  waiter.stdout.on('data', (b: Buffer) => (out += b.toString()));
  await new Promise((r) => setTimeout(r, 800));
  t.equal((await kctl(['delete', 'rc', 'nginx', '--grace-period=0'])).stdout, 'replicationcontroller "nginx" force deleted\n');
  const code = await new Promise((r) => waiter.on('exit', r));
  t.same([code, out], [0, 'replicationcontroller/nginx condition met\n']);
  if (kubectlAvailable) t.equal(kubectl(['get', 'rc']).stderr, 'No resources found in default namespace.\n');
});
