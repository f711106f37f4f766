// Garbage collection and namespace deletion against a real API server and hollow nodes:
// background, foreground and orphan cascades through ownerReferences (RC → pods, Deployment →
// ReplicaSet → pods), dangling references, terminated-pod GC, pods and Leases of deleted nodes,
// and a deleted namespace emptied, finalized and removed.
import t from 'tap';
import type { KubeObject } from '../../api/meta/object.js';
import type { Pod } from '../../pkg/controller/base/types.js';
import { retryConflicts, startHollowCluster, waitFor, type HollowCluster } from '../lib/hollow-cluster.js';

let c: HollowCluster;
t.before(async () => {
  c = await startHollowCluster({
    controllers: ['replicationcontroller', 'replicaset', 'deployment', 'garbagecollector', 'podgc', 'namespace'],
    flags: { terminatedPodGcThreshold: 2 },
    nodes: ['node-a', 'node-b'],
    hollow: { outcome: (p) => (p.metadata?.labels?.['finish'] === 'yes' ? { phase: 'Succeeded', afterMs: 20 } : undefined) },
  });
});
t.teardown(() => c.close());

const rcs = () => c.cs.resource('', 'replicationcontrollers');
const podsOf = (app: string, ns = 'default'): Promise<Pod[]> => c.list<Pod>('', 'pods', ns, `app=${app}`);
const exists = (group: string, resource: string, ns: string | undefined, name: string): Promise<boolean> => c.cs.resource(group, resource).get(ns, name).then(() => true, () => false);
const rc = (name: string, replicas = 2): KubeObject => ({
  metadata: { name },
  spec: { replicas, selector: { app: name }, template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: 'c', image: 'nginx' }] } } },
});
const running = async (app: string, n: number): Promise<void> => waitFor(async () => (await podsOf(app)).filter((p) => p.status?.phase === 'Running').length === n, `${n} running ${app} pods`);

t.test('deleting an RC with background propagation removes its pods', async (t) => {
  await rcs().create('default', rc('bg'));
  await running('bg', 2);
  await retryConflicts(() => rcs().delete('default', 'bg', { propagationPolicy: 'Background' }));
  t.notOk(await exists('', 'replicationcontrollers', 'default', 'bg'), 'the RC goes at once');
  await waitFor(async () => (await podsOf('bg')).length === 0, 'its pods to go');
});

t.test('foreground deletion removes the pods before the RC', async (t) => {
  await rcs().create('default', rc('fg'));
  await running('fg', 2);
  await retryConflicts(() => rcs().delete('default', 'fg', { propagationPolicy: 'Foreground' }));
  const marked = await rcs().get('default', 'fg').catch(() => undefined);
  if (marked) t.ok(marked.metadata?.finalizers?.includes('foregroundDeletion'), 'the RC waits with the foregroundDeletion finalizer');
  await waitFor(async () => !(await exists('', 'replicationcontrollers', 'default', 'fg')), 'the RC to go');
  t.equal((await podsOf('fg')).length, 0, 'no pod outlived the RC');
});

t.test('orphan deletion leaves the pods without an owner', async (t) => {
  await rcs().create('default', rc('orph'));
  await running('orph', 2);
  await retryConflicts(() => rcs().delete('default', 'orph', { propagationPolicy: 'Orphan' }));
  await waitFor(async () => !(await exists('', 'replicationcontrollers', 'default', 'orph')), 'the RC to go');
  const pods = await podsOf('orph');
  t.equal(pods.length, 2, 'the pods stay');
  t.ok(pods.every((p) => (p.metadata?.ownerReferences ?? []).length === 0), 'without ownerReferences');
});

t.test('a Deployment cascades through its ReplicaSet to the pods', async (t) => {
  await c.cs.resource('apps', 'deployments').create('default', {
    metadata: { name: 'dep' },
    spec: { replicas: 2, selector: { matchLabels: { app: 'dep' } }, template: { metadata: { labels: { app: 'dep' } }, spec: { containers: [{ name: 'c', image: 'nginx' }] } } },
  });
  await running('dep', 2);
  await retryConflicts(() => c.cs.resource('apps', 'deployments').delete('default', 'dep'));
  await waitFor(async () => (await c.list('apps', 'replicasets', 'default', 'app=dep')).length === 0 && (await podsOf('dep')).length === 0, 'ReplicaSet and pods to go');
  t.pass();
});

t.test('an object whose owner never existed is collected; one with a live owner left', async (t) => {
  const owner = await c.cs.resource('', 'configmaps').create('default', { metadata: { name: 'owner' } });
  const ref = (name: string, uid: string) => [{ apiVersion: 'v1', kind: 'ConfigMap', name, uid }];
  await c.cs.resource('', 'configmaps').create('default', { metadata: { name: 'dangling', ownerReferences: ref('ghost', '00000000-0000-0000-0000-000000000000') } });
  await c.cs.resource('', 'configmaps').create('default', { metadata: { name: 'owned', ownerReferences: ref('owner', owner.metadata!.uid!) } });
  await waitFor(async () => !(await exists('', 'configmaps', 'default', 'dangling')), 'the dangling dependent to go');
  t.ok(await exists('', 'configmaps', 'default', 'owned'), 'the owned one stays');
  await c.cs.resource('', 'configmaps').delete('default', 'owner');
  await waitFor(async () => !(await exists('', 'configmaps', 'default', 'owned')), 'and goes with its owner');
});

t.test('terminated pods beyond the threshold are collected, oldest first', async (t) => {
  for (let i = 0; i < 4; i++) await c.cs.resource('', 'pods').create('default', { metadata: { name: `done-${i}`, labels: { app: 'done', finish: 'yes' } }, spec: { containers: [{ name: 'c', image: 'busybox' }], restartPolicy: 'Never' } });
  await waitFor(async () => {
    const pods = await podsOf('done');
    return pods.length === 2 && pods.every((p) => p.status?.phase === 'Succeeded');
  }, '2 finished pods kept (threshold 2)');
  t.pass();
});

t.test('a deleted node loses its pods and its Lease', async (t) => {
  await c.cs.resource('', 'pods').create('default', { metadata: { name: 'ghostly', labels: { app: 'ghost' } }, spec: { nodeName: 'node-none', containers: [{ name: 'c', image: 'nginx' }] } });
  await waitFor(async () => !(await exists('', 'pods', 'default', 'ghostly')), 'a pod bound to a missing node to go');
  await c.cs.resource('', 'pods').create('default', { metadata: { name: 'on-b', labels: { app: 'on-b' } }, spec: { nodeName: 'node-b', containers: [{ name: 'c', image: 'nginx' }] } });
  await waitFor(async () => (await podsOf('on-b'))[0]?.status?.phase === 'Running', 'pod on node-b running');
  await c.nodes.removeNode('node-b');
  await waitFor(async () => !(await exists('', 'pods', 'default', 'on-b')), 'the pod of the deleted node to go');
  await waitFor(async () => !(await exists('coordination.k8s.io', 'leases', 'kube-node-lease', 'node-b')), 'its Lease (owned by the Node) to go');
  t.pass();
});

t.test('deleting a namespace empties it and removes it', async (t) => {
  await c.cs.resource('', 'namespaces').create(undefined, { metadata: { name: 'scratch' } });
  await rcs().create('scratch', rc('web'));
  await c.cs.resource('', 'configmaps').create('scratch', { metadata: { name: 'cfg' }, data: { a: '1' } });
  await c.cs.resource('', 'services').create('scratch', { metadata: { name: 'svc' }, spec: { selector: { app: 'web' }, ports: [{ port: 80 }] } });
  await waitFor(async () => (await podsOf('web', 'scratch')).filter((p) => p.status?.phase === 'Running').length === 2, 'pods in scratch');
  const del = await retryConflicts(() => c.cs.resource('', 'namespaces').delete(undefined, 'scratch'));
  t.equal(((del.body as KubeObject).status as { phase?: string }).phase, 'Terminating', 'the namespace is Terminating');
  t.ok((del.body as KubeObject).metadata?.deletionTimestamp, 'with a deletionTimestamp');
  await waitFor(async () => !(await exists('', 'namespaces', undefined, 'scratch')), 'the namespace to go', 15_000);
  for (const [g, r] of [['', 'pods'], ['', 'replicationcontrollers'], ['', 'configmaps'], ['', 'services'], ['', 'serviceaccounts']] as const) {
    t.equal((await c.list(g, r, 'scratch')).length, 0, `no ${r} left`);
  }
});
