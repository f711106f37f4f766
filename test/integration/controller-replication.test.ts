// ReplicationController and ReplicaSet controllers against a real API server and hollow nodes:
// pods from the template owned through a controller ownerReference, replacement of a deleted pod,
// scaling without overshoot, adoption and release, status and events.
import t from 'tap';
import type { KubeObject } from '../../api/meta/object.js';
import type { Pod } from '../../pkg/controller/base/types.js';
import { retryConflicts, startHollowCluster, waitFor, type HollowCluster } from '../lib/hollow-cluster.js';

let c: HollowCluster;
t.before(async () => {
  c = await startHollowCluster({ controllers: ['replicationcontroller', 'replicaset'], nodes: ['node-a', 'node-b'] });
});
t.teardown(() => c.close());

const rcClient = () => c.cs.resource('', 'replicationcontrollers');
const podsClient = () => c.cs.resource('', 'pods');
const active = (pods: Pod[]): Pod[] => pods.filter((p) => !p.metadata?.deletionTimestamp && p.status?.phase !== 'Failed' && p.status?.phase !== 'Succeeded');
const podsOf = async (selector: string): Promise<Pod[]> => active(await c.list<Pod>('', 'pods', 'default', selector));

function rc(name: string, replicas: number): KubeObject {
  return {
    metadata: { name },
    spec: { replicas, selector: { app: name }, template: { metadata: { labels: { app: name, tier: 'web' } }, spec: { containers: [{ name: 'c', image: 'nginx:1.27' }] } } },
  };
}

t.test('an RC creates its pods from the template, owned, and reports status and events', async (t) => {
  await rcClient().create('default', rc('web', 3));
  await waitFor(async () => (await podsOf('app=web')).filter((p) => p.status?.phase === 'Running').length === 3, '3 running pods');
  const pods = await podsOf('app=web');
  const created = await rcClient().get('default', 'web');
  for (const p of pods) {
    t.match(p.metadata?.name, /^web-[bcdfghjklmnpqrstvwxz2456789]{5}$/, 'named <rc>-<5 random>');
    t.same(p.metadata?.ownerReferences, [{ apiVersion: 'v1', kind: 'ReplicationController', name: 'web', uid: created.metadata?.uid, controller: true, blockOwnerDeletion: true }]);
    t.equal(p.metadata?.labels?.['tier'], 'web', 'labels from the template');
  }
  await waitFor(async () => ((await rcClient().get('default', 'web')).status as { availableReplicas?: number }).availableReplicas === 3, 'status to catch up');
  const status = (await rcClient().get('default', 'web')).status;
  t.same(status, { replicas: 3, fullyLabeledReplicas: 3, readyReplicas: 3, availableReplicas: 3, observedGeneration: 1 });
  await waitFor(async () => (await c.list('', 'events', 'default')).filter((e) => e['reason'] === 'SuccessfulCreate').length === 3, 'events');
  const events = (await c.list('', 'events', 'default')).filter((e) => e['reason'] === 'SuccessfulCreate');
  t.ok(events.every((e) => /^Created pod: web-\w{5}$/.test(String(e['message'])) && (e['source'] as { component: string }).component === 'replication-controller'));
  t.same(new Set(events.map((e) => (e['involvedObject'] as { name: string }).name)), new Set(['web']));
});

t.test('a deleted pod is replaced within 2 s', async (t) => {
  const [victim] = await podsOf('app=web');
  const started = Date.now();
  await podsClient().delete('default', victim!.metadata!.name!);
  await waitFor(async () => {
    const pods = await podsOf('app=web');
    return pods.length === 3 && !pods.some((p) => p.metadata?.name === victim!.metadata!.name);
  }, 'a replacement', 2000);
  t.ok(Date.now() - started < 2000, `replaced in ${Date.now() - started} ms`);
  const gone = await podsClient().get('default', victim!.metadata!.name!).then(() => false, () => true);
  await waitFor(() => gone || podsClient().get('default', victim!.metadata!.name!).then(() => false, () => true), 'the hollow kubelet to remove the old pod');
});

t.test('resizing 1 → 5 → 2 converges and never overshoots', async (t) => {
  await rcClient().create('default', rc('scale', 1));
  await waitFor(async () => (await podsOf('app=scale')).length === 1, '1 pod');
  // Count active pods from a watch, as an observer outside the controller sees them.
  const live = new Set<string>();
  const seen = new Set<string>();
  let max = 0;
  const watch = c.api.stream('/api/v1/namespaces/default/pods?watch=true&labelSelector=app%3Dscale');
  const timer = setInterval(() => {
    for (const e of watch.events.splice(0)) {
      const name = e.object?.metadata?.name as string;
      seen.add(name);
      if (e.type === 'DELETED' || e.object?.metadata?.deletionTimestamp) live.delete(name);
      else live.add(name);
      max = Math.max(max, live.size);
    }
  }, 1);
  try {
    await retryConflicts(() => rcClient().patch('default', 'scale', { spec: { replicas: 5 } }));
    await waitFor(async () => (await podsOf('app=scale')).filter((p) => p.status?.phase === 'Running').length === 5, '5 pods');
    await new Promise((r) => setTimeout(r, 300));
    await retryConflicts(() => rcClient().patch('default', 'scale', { spec: { replicas: 2 } }));
    await waitFor(async () => (await podsOf('app=scale')).length === 2, '2 pods');
    await new Promise((r) => setTimeout(r, 300));
    t.equal((await podsOf('app=scale')).length, 2, 'stays at 2');
  } finally {
    clearInterval(timer);
    watch.close();
  }
  t.equal(max, 5, 'never more than 5 active pods');
  t.equal(seen.size, 5, 'no pod was created beyond the 5 needed');
  await waitFor(async () => ((await rcClient().get('default', 'scale')).status as { replicas?: number }).replicas === 2, 'status replicas 2');
  await waitFor(async () => (await c.list('', 'events', 'default')).filter((e) => e['reason'] === 'SuccessfulDelete' && (e['involvedObject'] as { name: string }).name === 'scale').length === 3, 'three SuccessfulDelete events');
});

t.test('a matching orphan is adopted, a relabelled pod is released and replaced', async (t) => {
  await rcClient().create('default', rc('adopt', 2));
  await waitFor(async () => (await podsOf('app=adopt')).length === 2, '2 pods');
  const orphan = await podsClient().create('default', { metadata: { name: 'stray', labels: { app: 'adopt' } }, spec: { containers: [{ name: 'c', image: 'nginx' }] } });
  await waitFor(async () => (await podsOf('app=adopt')).length === 2, 'back to 2 after adoption');
  const survivors = await podsOf('app=adopt');
  const strayNow = await podsClient().get('default', 'stray').catch(() => undefined);
  if (strayNow && !strayNow.metadata?.deletionTimestamp) t.equal(strayNow.metadata?.ownerReferences?.[0]?.name, 'adopt', 'the orphan was adopted');
  else t.pass('the adopted orphan was the one scaled away (unscheduled pods go first)');
  t.ok(orphan.metadata?.uid);
  const [one] = survivors;
  await retryConflicts(() => podsClient().patch('default', one!.metadata!.name!, { metadata: { labels: { app: 'elsewhere' } } }));
  await waitFor(async () => ((await podsClient().get('default', one!.metadata!.name!)).metadata?.ownerReferences ?? []).length === 0, 'release');
  await waitFor(async () => (await podsOf('app=adopt')).length === 2, 'a replacement for the released pod');
});

t.test('a ReplicaSet with matchExpressions keeps its replicas', async (t) => {
  const rsClient = c.cs.resource('apps', 'replicasets');
  await rsClient.create('default', {
    metadata: { name: 'front' },
    spec: {
      replicas: 2,
      selector: { matchLabels: { app: 'front' }, matchExpressions: [{ key: 'track', operator: 'In', values: ['stable', 'canary'] }] },
      template: { metadata: { labels: { app: 'front', track: 'stable' } }, spec: { containers: [{ name: 'c', image: 'nginx' }] } },
    },
  });
  await waitFor(async () => (await podsOf('app=front')).length === 2, '2 pods');
  const rs = await rsClient.get('default', 'front');
  t.ok((await podsOf('app=front')).every((p) => p.metadata?.ownerReferences?.[0]?.uid === rs.metadata?.uid && p.metadata?.ownerReferences?.[0]?.kind === 'ReplicaSet'));
  await retryConflicts(() => rsClient.patch('default', 'front', { spec: { replicas: 0 } }));
  await waitFor(async () => (await podsOf('app=front')).length === 0, 'scaled to 0');
});
