// @kubernetes/client-node, the official JS client nobody here wrote, works unmodified:
// list, create, patch, delete, a raw watch, and its informer seeing every change.
import * as k8s from '@kubernetes/client-node';
import t from 'tap';
import { startTestApi } from '../lib/api-server.js';

t.test('client-node against the API server', async (t) => {
  const api = await startTestApi();
  t.teardown(() => api.close());
  const kc = new k8s.KubeConfig();
  kc.loadFromFile(`${api.dataDir}/kubeconfig`);
  const core = kc.makeApiClient(k8s.CoreV1Api);
  const namespace = 'default';

  const listFn = () => core.listNamespacedConfigMap({ namespace });
  const informer = k8s.makeInformer(kc, `/api/v1/namespaces/${namespace}/configmaps`, listFn);
  const seen: string[] = [];
  informer.on('add', (o: k8s.V1ConfigMap) => seen.push(`add ${o.metadata?.name}`));
  informer.on('update', (o: k8s.V1ConfigMap) => seen.push(`update ${o.metadata?.name} ${o.data?.['k']}`));
  informer.on('delete', (o: k8s.V1ConfigMap) => seen.push(`delete ${o.metadata?.name}`));
  await informer.start();
  t.teardown(() => informer.stop());

  const watched: string[] = [];
  const watch = await new k8s.Watch(kc).watch(`/api/v1/namespaces/${namespace}/configmaps`, {}, (type: string, obj: k8s.V1ConfigMap) => {
    if (obj.metadata?.name?.startsWith('cn-')) watched.push(`${type} ${obj.metadata.name}`);
  }, () => undefined);
  t.teardown(() => watch.abort());

  const created = await core.createNamespacedConfigMap({ namespace, body: { metadata: { name: 'cn-1', labels: { app: 'cn' } }, data: { k: 'v1' } } });
  t.ok(created.metadata?.uid, 'create returns the stored object');
  const listed = await core.listNamespacedConfigMap({ namespace, labelSelector: 'app=cn' });
  t.same(listed.items.map((i) => i.metadata?.name), ['cn-1'], 'list with a label selector');
  const patched = await core.patchNamespacedConfigMap({ name: 'cn-1', namespace, body: { data: { k: 'v2' } } }, k8s.setHeaderOptions('Content-Type', k8s.PatchStrategy.MergePatch));
  t.equal(patched.data?.['k'], 'v2', 'merge patch');
  const sp = await core.patchNamespacedConfigMap({ name: 'cn-1', namespace, body: { data: { k: 'v3' } } }, k8s.setHeaderOptions('Content-Type', k8s.PatchStrategy.StrategicMergePatch));
  t.equal(sp.data?.['k'], 'v3', 'strategic merge patch');
  await core.deleteNamespacedConfigMap({ name: 'cn-1', namespace });
  await t.rejects(core.readNamespacedConfigMap({ name: 'cn-1', namespace }), 'read after delete fails (404)');

  const deadline = Date.now() + 5000;
  while ((seen.length < 4 || watched.length < 4) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
  t.same(watched, ['ADDED cn-1', 'MODIFIED cn-1', 'MODIFIED cn-1', 'DELETED cn-1'], 'the raw watch saw every change');
  t.same(seen.filter((s) => s.includes('cn-1')), ['add cn-1', 'update cn-1 v2', 'update cn-1 v3', 'delete cn-1'], 'the informer saw every change, once, in order');
});
