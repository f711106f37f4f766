// kubectl 1.32 (preinstalled) and Debian's kubectl 1.20 against a real kubelite server: the
// everyday commands beyond get/apply, which other files cover.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import t from 'tap';
import { ensureBuilt, ROOT, start } from '../lib/kubelite-process.js';

ensureBuilt();
const dataDir = mkdtempSync(join(tmpdir(), 'kubelite-kubectl-'));
const server = start(['apiserver', '--data-dir', dataDir, '--secure-port', '0', '--bind-address', '127.0.0.1']);
t.teardown(async () => {
  await server.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

function kubectl(args: string[], bin = 'kubectl', input?: string): { code: number | null; out: string; err: string } {
  const r = spawnSync(bin, args, { encoding: 'utf8', timeout: 60_000, input, env: { ...process.env, KUBECONFIG: join(dataDir, 'kubeconfig') } });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

const manifest = `apiVersion: v1
kind: ReplicationController
metadata:
  name: web
  labels: {app: web}
spec:
  replicas: 1
  selector: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
      - name: web
        image: busybox
        ports: [{containerPort: 8000}]
`;

t.before(async () => {
  await server.waitFor(/server ready/, 30_000);
});

t.test('kubectl 1.32: everyday commands', async (t) => {
  const file = join(dataDir, 'rc.yaml');
  writeFileSync(file, manifest);
  t.equal(kubectl(['apply', '-f', file]).code, 0, 'apply');
  const json = JSON.parse(kubectl(['get', 'rc', 'web', '-o', 'json']).out);
  t.equal(json.spec.template.spec.containers[0].ports[0].containerPort, 8000, 'get -o json');
  t.match(kubectl(['get', 'rc', 'web', '-o', 'yaml']).out, /kind: ReplicationController/, 'get -o yaml');
  t.match(kubectl(['get', 'rc', '-l', 'app=web']).out, /^web\s+1\s+0\s+0\s+/m, 'get -l prints the table');
  t.equal(kubectl(['get', 'rc', '-l', 'app=nope']).err.trim(), 'No resources found in default namespace.');

  // replace with a stale resourceVersion → Conflict
  const stale = { ...json, spec: { ...json.spec, replicas: 2 } };
  kubectl(['scale', 'rc', 'web', '--replicas=3']);
  const conflict = kubectl(['replace', '-f', '-'], 'kubectl', JSON.stringify(stale));
  t.equal(conflict.code, 1, 'replace with a stale resourceVersion fails');
  t.match(conflict.err, /Conflict|the object has been modified/);
  t.equal(JSON.parse(kubectl(['get', 'rc', 'web', '-o', 'json']).out).spec.replicas, 3, 'scale went through the scale subresource');

  t.equal(kubectl(['label', 'rc', 'web', 'tier=front']).code, 0, 'label');
  t.match(kubectl(['label', 'rc', 'web', 'tier=back']).err, /already has a value/, 'label without --overwrite refuses');
  t.equal(kubectl(['annotate', 'rc', 'web', 'note=hello']).code, 0, 'annotate');
  const labelled = JSON.parse(kubectl(['get', 'rc', 'web', '-o', 'json']).out);
  t.equal(labelled.metadata.labels.tier, 'front');
  t.equal(labelled.metadata.annotations.note, 'hello');

  const exposed = kubectl(['expose', 'rc', 'web', '--port=80', '--target-port=8000']);
  t.match(exposed.out, /service\/web exposed/, 'expose');
  const svc = JSON.parse(kubectl(['get', 'svc', 'web', '-o', 'json']).out);
  t.same(svc.spec.selector, { app: 'web' });
  t.equal(svc.spec.ports[0].targetPort, 8000);

  const described = kubectl(['describe', 'rc', 'web']);
  t.equal(described.code, 0, 'describe');
  t.match(described.out, /Name:\s+web/);
  t.match(described.out, /Replicas:\s+/);

  const resources = kubectl(['api-resources']);
  t.match(resources.out, /^replicationcontrollers\s+rc\s+v1\s+true\s+ReplicationController$/m, 'api-resources');
  t.match(resources.out, /^deployments\s+deploy\s+apps\/v1\s+true\s+Deployment$/m);

  const del = kubectl(['delete', 'rc', 'web']);
  t.equal(del.code, 0, 'delete waits until the object is gone');
  t.match(del.out, /replicationcontroller "web" deleted/);
  t.equal(kubectl(['get', 'rc', 'web']).code, 1, 'and it is gone');
  t.match(kubectl(['get', 'rc', 'nope']).err, /Error from server \(NotFound\): replicationcontrollers "nope" not found/);
});

t.test('kubectl 1.20 (Debian kubernetes-client): get, apply, scale, delete', async (t) => {
  const fetched = spawnSync(join(ROOT, 'hack/kubectl-1.20.sh'), { encoding: 'utf8', timeout: 180_000 });
  if (fetched.status !== 0) {
    t.fail(`could not unpack Debian's kubectl 1.20: ${fetched.stderr}`);
    return;
  }
  const bin = fetched.stdout.trim();
  t.match(kubectl(['version', '--client', '--short'], bin).out, /v1\.20/);
  const file = join(dataDir, 'rc-120.yaml');
  writeFileSync(file, manifest.replace(/web/g, 'old'));
  const applied = kubectl(['apply', '-f', file], bin);
  t.equal(applied.code, 0, `apply: ${applied.err}`);
  t.match(kubectl(['get', 'rc'], bin).out, /^old\s+1\s+0\s+0\s+/m, 'get prints the table');
  t.equal(kubectl(['scale', 'rc', 'old', '--replicas=2'], bin).code, 0, 'scale');
  t.equal(JSON.parse(kubectl(['get', 'rc', 'old', '-o', 'json'], bin).out).spec.replicas, 2);
  t.equal(kubectl(['delete', '-f', file], bin).code, 0, 'delete -f');
  t.equal(kubectl(['get', 'rc', 'old'], bin).code, 1, 'gone');
});
