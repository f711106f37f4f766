// Node lifecycle with the ReplicationController: a node that stops renewing its Lease is marked
// Unknown after the grace period, tainted unreachable, its pods marked not ready and evicted after
// the eviction timeout, and the RC's pods come back on the other node; when the node heartbeats
// again its taints go.
import t from 'tap';
import type { Node, Pod } from '../../pkg/controller/base/types.js';
import { startHollowCluster, waitFor, type HollowCluster } from '../lib/hollow-cluster.js';

let c: HollowCluster;
t.before(async () => {
  // FAST_FLAGS: grace 2 s, eviction 1 s.
  c = await startHollowCluster({ controllers: ['replicationcontroller', 'nodelifecycle'], nodes: ['node-a', 'node-b'] });
});
t.teardown(() => c.close());

const node = async (name: string): Promise<Node> => (await c.cs.resource('', 'nodes').get(undefined, name)) as Node;
const pods = async (): Promise<Pod[]> => c.list<Pod>('', 'pods', 'default');

t.test('a silent node is marked, tainted, and its pods come back elsewhere', async (t) => {
  await c.cs.resource('', 'replicationcontrollers').create('default', {
    metadata: { name: 'web' },
    spec: { replicas: 4, selector: { app: 'web' }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'c', image: 'nginx' }] } } },
  });
  await waitFor(async () => (await pods()).filter((p) => p.status?.phase === 'Running').length === 4, '4 running pods');
  const onA = (await pods()).filter((p) => p.spec.nodeName === 'node-a').map((p) => p.metadata?.name);
  t.ok(onA.length > 0, `pods on node-a: ${onA.join(', ')}`);
  // A pod that tolerates unreachability forever stays put.
  await c.cs.resource('', 'pods').create('default', {
    metadata: { name: 'sticky' },
    spec: { nodeName: 'node-a', tolerations: [{ key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute' }], containers: [{ name: 'c', image: 'nginx' }] },
  });
  await waitFor(async () => ((await c.cs.resource('', 'pods').get('default', 'sticky')).status as { phase?: string } | undefined)?.phase === 'Running', 'sticky running');

  const stopped = Date.now();
  c.nodes.stopNode('node-a');
  await waitFor(async () => (await node('node-a')).status?.conditions?.find((x) => x.type === 'Ready')?.status === 'Unknown', 'Ready Unknown', 6000);
  const markedAfter = Date.now() - stopped;
  t.ok(markedAfter >= 1900, `not before the grace period (${markedAfter} ms)`);
  const ready = (await node('node-a')).status?.conditions?.find((x) => x.type === 'Ready');
  t.match(ready, { status: 'Unknown', reason: 'NodeStatusUnknown', message: 'Kubelet stopped posting node status.' });
  await waitFor(async () => ((await node('node-a')).spec?.taints ?? []).length === 2, 'taints');
  t.same(((await node('node-a')).spec?.taints ?? []).map((x) => `${x.key}:${x.effect}`).sort(), ['node.kubernetes.io/unreachable:NoExecute', 'node.kubernetes.io/unreachable:NoSchedule']);

  await waitFor(async () => {
    const live = (await pods()).filter((p) => p.metadata?.labels?.['app'] === 'web' && !p.metadata?.deletionTimestamp);
    return live.length === 4 && live.every((p) => p.spec.nodeName === 'node-b' && p.status?.phase === 'Running');
  }, 'all 4 RC pods running on node-b', 8000);
  t.ok(Date.now() - stopped < 8000, `recovered ${Date.now() - stopped} ms after the node went silent`);
  const evicted = (await pods()).filter((p) => onA.includes(p.metadata?.name));
  t.ok(evicted.every((p) => p.metadata?.deletionTimestamp), 'the old pods are terminating (their kubelet is gone)');
  t.ok(evicted.every((p) => p.status?.conditions?.find((x) => x.type === 'Ready')?.status === 'False'), 'and marked not ready');
  const sticky = await c.cs.resource('', 'pods').get('default', 'sticky');
  t.notOk(sticky.metadata?.deletionTimestamp, 'the tolerating pod is not evicted');
  const events = await c.list('', 'events', 'default');
  t.ok(events.some((e) => e['reason'] === 'NodeNotReady' && e['message'] === 'Node node-a status is now: NodeNotReady'), 'NodeNotReady event');
  t.ok(events.some((e) => e['reason'] === 'TaintManagerEviction'), 'eviction events');

  await c.nodes.resumeNode('node-a');
  await waitFor(async () => ((await node('node-a')).spec?.taints ?? []).length === 0, 'taints removed on return');
  await waitFor(async () => (await pods()).every((p) => !onA.includes(p.metadata?.name)), 'the returning kubelet to finish the evicted pods');
  t.equal((await node('node-a')).status?.conditions?.find((x) => x.type === 'Ready')?.status, 'True');
});
