// The API server's REST and watch contract, over real HTTPS against a real LevelDB store.
import t from 'tap';
import { startTestApi, type TestApi } from '../lib/api-server.js';

let api: TestApi;
t.before(async () => {
  api = await startTestApi({ storageCompactionInterval: 0 });
});
t.teardown(() => api.close());

const cm = (name: string, labels: Record<string, string> = {}, data: Record<string, string> = { k: 'v' }) => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, labels }, data });

t.test('authentication: public health, 401 without a valid token', async (t) => {
  for (const path of ['/healthz', '/livez', '/readyz', '/version']) t.equal((await api.call('GET', path, undefined, { token: null })).status, 200, `${path} is public`);
  const anon = await api.call('GET', '/api/v1/namespaces', undefined, { token: null });
  t.equal(anon.status, 401);
  t.match(anon.body, { kind: 'Status', reason: 'Unauthorized', code: 401 });
  t.equal((await api.call('POST', '/api/v1/namespaces/default/configmaps', cm('x'), { token: 'wrong' })).status, 401, 'no anonymous writes');
  t.equal((await api.call('GET', '/version')).body.major, '1');
});

t.test('bootstrap objects exist', async (t) => {
  const ns = await api.call('GET', '/api/v1/namespaces');
  t.same(ns.body.items.map((n: { metadata: { name: string } }) => n.metadata.name).sort(), ['default', 'kube-node-lease', 'kube-public', 'kube-system']);
  const svc = await api.call('GET', '/api/v1/namespaces/default/services/kubernetes');
  t.equal(svc.body.spec.clusterIP, '10.96.0.1');
  const ep = await api.call('GET', '/api/v1/namespaces/default/endpoints/kubernetes');
  t.equal(ep.body.subsets[0].ports[0].port, Number(new URL(api.server.url).port));
  const secret = await api.call('GET', '/api/v1/namespaces/default/secrets/default-token');
  const token = Buffer.from(secret.body.data.token, 'base64').toString();
  t.equal((await api.call('GET', '/api/v1/namespaces/default/configmaps', undefined, { token })).status, 200, 'the ServiceAccount token authenticates');
  t.equal((await api.call('DELETE', '/api/v1/namespaces/kube-system')).status, 403, 'kube-system may not be deleted');
});

t.test('create, get, update with conflicts, delete', async (t) => {
  const created = await api.call('POST', '/api/v1/namespaces/default/configmaps', cm('one', { app: 'a' }));
  t.equal(created.status, 201);
  const meta = created.body.metadata;
  t.ok(meta.uid && meta.creationTimestamp && meta.resourceVersion, 'server-owned metadata is set');
  t.equal(meta.namespace, 'default');
  t.equal((await api.call('POST', '/api/v1/namespaces/default/configmaps', cm('one'))).body.reason, 'AlreadyExists');
  const updated = await api.call('PUT', '/api/v1/namespaces/default/configmaps/one', { ...created.body, data: { k: 'v2' } });
  t.equal(updated.status, 200);
  t.ok(Number(updated.body.metadata.resourceVersion) > Number(meta.resourceVersion));
  const stale = await api.call('PUT', '/api/v1/namespaces/default/configmaps/one', { ...created.body, data: { k: 'v3' } });
  t.equal(stale.status, 409);
  t.match(stale.body, { reason: 'Conflict', message: /Operation cannot be fulfilled on configmaps "one": the object has been modified/ });
  const unconditional = await api.call('PUT', '/api/v1/namespaces/default/configmaps/one', cm('one', {}, { k: 'v4' }));
  t.equal(unconditional.body.metadata.uid, meta.uid, 'uid is kept by an update');
  const gone = await api.call('DELETE', '/api/v1/namespaces/default/configmaps/one');
  t.equal(gone.status, 200);
  const missing = await api.call('GET', '/api/v1/namespaces/default/configmaps/one');
  t.match(missing, { status: 404, body: { reason: 'NotFound', message: 'configmaps "one" not found', details: { name: 'one', kind: 'configmaps' } } });
});

t.test('namespaces, generateName, dry run, unknown resources', async (t) => {
  const nope = await api.call('POST', '/api/v1/namespaces/nope/configmaps', cm('x'));
  t.match(nope, { status: 404, body: { message: 'namespaces "nope" not found' } });
  const gen = await api.call('POST', '/api/v1/namespaces/default/configmaps', { metadata: { generateName: 'gen-' }, data: {} });
  t.match(gen.body.metadata.name, /^gen-[a-z0-9]{5}$/);
  const dry = await api.call('POST', '/api/v1/namespaces/default/configmaps?dryRun=All', cm('dry'));
  t.equal(dry.status, 201);
  t.equal((await api.call('GET', '/api/v1/namespaces/default/configmaps/dry')).status, 404, 'dry run stores nothing');
  const unknown = await api.call('GET', '/apis/example.com/v1/widgets');
  t.equal(unknown.status, 404);
  t.match(unknown.body.message, /widgets.*example\.com\/v1/);
  const ns = await api.call('POST', '/api/v1/namespaces', { metadata: { name: 'team-a' } });
  t.equal(ns.body.status.phase, 'Active');
  t.equal((await api.call('GET', '/api/v1/namespaces/team-a/serviceaccounts/default')).status, 200, 'a new namespace gets a default ServiceAccount');
});

t.test('list: selectors, paging, all namespaces', async (t) => {
  for (let i = 0; i < 7; i++) await api.call('POST', '/api/v1/namespaces/default/configmaps', cm(`page-${i}`, { tier: i % 2 ? 'odd' : 'even' }));
  const even = await api.call('GET', '/api/v1/namespaces/default/configmaps?labelSelector=tier%3Deven');
  t.equal(even.body.items.length, 4);
  t.equal(even.body.kind, 'ConfigMapList');
  const set = await api.call('GET', '/api/v1/configmaps?labelSelector=tier+in+(odd),tier!=even');
  t.equal(set.body.items.length, 3, 'set-based selector across namespaces');
  const byName = await api.call('GET', '/api/v1/namespaces/default/configmaps?fieldSelector=metadata.name%3Dpage-3');
  t.same(byName.body.items.map((i: { metadata: { name: string } }) => i.metadata.name), ['page-3']);
  t.equal((await api.call('GET', '/api/v1/namespaces/default/configmaps?labelSelector=a%3D%3D%3Db')).status, 400, 'bad selector → 400');
  const names: string[] = [];
  let cont = '';
  let pages = 0;
  do {
    const page = await api.call('GET', `/api/v1/namespaces/default/configmaps?labelSelector=tier&limit=3${cont ? `&continue=${encodeURIComponent(cont)}` : ''}`);
    names.push(...page.body.items.map((i: { metadata: { name: string } }) => i.metadata.name));
    cont = page.body.metadata.continue ?? '';
    pages++;
  } while (cont && pages < 10);
  t.same(names, Array.from({ length: 7 }, (_, i) => `page-${i}`));
  t.equal(pages, 3);
  const del = await api.call('DELETE', '/api/v1/namespaces/default/configmaps?labelSelector=tier%3Dodd');
  t.equal(del.body.items.length, 3, 'deletecollection with a selector');
});

t.test('watch: history, live events, selector transitions, 410', async (t) => {
  const start = await api.call('GET', '/api/v1/namespaces/default/configmaps');
  const rv = start.body.metadata.resourceVersion;
  const all = api.stream(`/api/v1/namespaces/default/configmaps?watch=true&resourceVersion=${rv}`);
  const sel = api.stream(`/api/v1/namespaces/default/configmaps?watch=1&resourceVersion=${rv}&labelSelector=color%3Dred`);
  await api.call('POST', '/api/v1/namespaces/default/configmaps', cm('w', { color: 'red' }));
  const patch = (color: string) => api.call('PATCH', '/api/v1/namespaces/default/configmaps/w', { metadata: { labels: { color } } }, { contentType: 'application/merge-patch+json' });
  await patch('blue');
  await patch('red');
  await api.call('DELETE', '/api/v1/namespaces/default/configmaps/w');
  const events = await all.waitFor(4);
  t.same(events.map((e) => e.type), ['ADDED', 'MODIFIED', 'MODIFIED', 'DELETED']);
  const filtered = await sel.waitFor(4);
  t.same(filtered.map((e) => e.type), ['ADDED', 'DELETED', 'ADDED', 'DELETED'], 'leaving and re-entering the selector');
  all.close();
  sel.close();
  const initial = api.stream('/api/v1/namespaces/kube-system/serviceaccounts?watch=true');
  t.same((await initial.waitFor(1)).map((e) => [e.type, e.object.metadata.name]), [['ADDED', 'default']], 'no resourceVersion: current state first');
  initial.close();
});

t.test('pods: binding, status, graceful deletion', async (t) => {
  const pod = { metadata: { name: 'p1' }, spec: { containers: [{ name: 'c', image: 'busybox' }] }, status: { phase: 'Running' } };
  const created = await api.call('POST', '/api/v1/namespaces/default/pods', pod);
  t.equal(created.body.status.phase, 'Pending', 'a client cannot create a pod as Running');
  const bind = await api.call('POST', '/api/v1/namespaces/default/pods/p1/binding', { apiVersion: 'v1', kind: 'Binding', metadata: { name: 'p1' }, target: { kind: 'Node', name: 'n1' } });
  t.equal(bind.status, 201);
  t.equal((await api.call('POST', '/api/v1/namespaces/default/pods/p1/binding', { target: { name: 'n2' } })).status, 409, 'bound once');
  const bound = await api.call('GET', '/api/v1/namespaces/default/pods/p1');
  t.equal(bound.body.spec.nodeName, 'n1');
  const st = await api.call('PUT', '/api/v1/namespaces/default/pods/p1/status', { ...bound.body, status: { phase: 'Running' }, spec: { ...bound.body.spec, nodeName: 'elsewhere' } });
  t.equal(st.body.status.phase, 'Running');
  t.equal(st.body.spec.nodeName, 'n1', 'a status update changes only status');
  const del = await api.call('DELETE', '/api/v1/namespaces/default/pods/p1');
  t.ok(del.body.metadata.deletionTimestamp, 'a pod on a node is marked for graceful deletion');
  t.equal(del.body.metadata.deletionGracePeriodSeconds, 30);
  t.equal((await api.call('GET', '/api/v1/namespaces/default/pods/p1')).status, 200, 'still there until its kubelet confirms');
  await api.call('DELETE', '/api/v1/namespaces/default/pods/p1', { gracePeriodSeconds: 0 });
  t.equal((await api.call('GET', '/api/v1/namespaces/default/pods/p1')).status, 404, 'grace period 0 removes it');
  await api.call('POST', '/api/v1/namespaces/default/pods', { ...pod, metadata: { name: 'p2' } });
  await api.call('DELETE', '/api/v1/namespaces/default/pods/p2');
  t.equal((await api.call('GET', '/api/v1/namespaces/default/pods/p2')).status, 404, 'an unscheduled pod goes at once');
});

t.test('scale subresource and generation', async (t) => {
  const rc = { metadata: { name: 'web' }, spec: { replicas: 1, selector: { app: 'web' }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'c', image: 'busybox' }] } } } };
  const created = await api.call('POST', '/api/v1/namespaces/default/replicationcontrollers', rc);
  t.equal(created.body.metadata.generation, 1);
  const scale = await api.call('GET', '/api/v1/namespaces/default/replicationcontrollers/web/scale');
  t.match(scale.body, { kind: 'Scale', apiVersion: 'autoscaling/v1', spec: { replicas: 1 }, status: { selector: 'app=web' } });
  await api.call('PUT', '/api/v1/namespaces/default/replicationcontrollers/web/scale', { ...scale.body, spec: { replicas: 3 } });
  await api.call('PATCH', '/api/v1/namespaces/default/replicationcontrollers/web/scale', { spec: { replicas: 4 } }, { contentType: 'application/merge-patch+json' });
  const after = await api.call('GET', '/api/v1/namespaces/default/replicationcontrollers/web');
  t.equal(after.body.spec.replicas, 4);
  t.equal(after.body.metadata.generation, 3, 'each spec change bumps generation');
  const neg = await api.call('PATCH', '/api/v1/namespaces/default/replicationcontrollers/web/scale', { spec: { replicas: -1 } }, { contentType: 'application/merge-patch+json' });
  t.match(neg, { status: 422, body: { reason: 'Invalid' } });
});

t.test('allocation: ClusterIPs, NodePorts, pod CIDRs', async (t) => {
  const svc = (name: string, spec: object) => api.call('POST', '/api/v1/namespaces/default/services', { metadata: { name }, spec: { ports: [{ port: 80 }], ...spec } });
  const a = await svc('a', {});
  t.match(a.body.spec.clusterIP, /^10\.96\.\d+\.\d+$/);
  t.not(a.body.spec.clusterIP, '10.96.0.10', '.10 is kept for DNS');
  t.equal((await svc('dup', { clusterIP: a.body.spec.clusterIP })).status, 422, 'an IP is never handed out twice');
  t.equal((await svc('out', { clusterIP: '192.168.1.1' })).status, 422);
  const dns = await svc('dns', { clusterIP: '10.96.0.10' });
  t.equal(dns.body.spec.clusterIP, '10.96.0.10', '.10 when asked for by name');
  const np = await svc('np', { type: 'NodePort' });
  const port = np.body.spec.ports[0].nodePort;
  t.ok(port >= 30000 && port <= 32767);
  await api.call('DELETE', '/api/v1/namespaces/default/services/np');
  t.equal((await svc('np2', { type: 'NodePort', ports: [{ port: 80, nodePort: port }] })).body.spec.ports[0].nodePort, port, 'released on delete');
  const n1 = await api.call('POST', '/api/v1/nodes', { metadata: { name: 'n1' } });
  const n2 = await api.call('POST', '/api/v1/nodes', { metadata: { name: 'n2' } });
  t.match(n1.body.spec.podCIDR, /^10\.244\.\d+\.0\/24$/);
  t.not(n1.body.spec.podCIDR, n2.body.spec.podCIDR);
});

t.test('metrics are served with kube-apiserver names', async (t) => {
  const m = await api.call('GET', '/metrics', undefined, { accept: 'text/plain' });
  t.match(m.text, /apiserver_request_total\{verb="POST",dry_run="",group="",version="v1",resource="configmaps"/);
  t.match(m.text, /apiserver_request_duration_seconds_bucket/);
  t.match(m.text, /etcd_request_duration_seconds_bucket\{le="[^"]+",operation="create",type="configmaps"\}/);
});
