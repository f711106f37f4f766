// The DaemonSet controller against a real API server and hollow nodes: one pod per node, named
// to its node through node affinity (the hollow scheduler binds it), following nodes as they
// come and go, honouring nodeSelector and taints, and a rolling update within maxUnavailable.
import t from 'tap';
import type { KubeObject } from '../../api/meta/object.js';
import type { Pod } from '../../pkg/controller/base/types.js';
import { retryConflicts, startHollowCluster, waitFor, type HollowCluster } from '../lib/hollow-cluster.js';

let c: HollowCluster;
t.before(async () => {
  c = await startHollowCluster({
    controllers: ['daemonset'],
    nodes: ['node-a', 'node-b'],
    hollow: { readyAfterMs: (pod) => (pod.spec.containers[0]?.image?.endsWith(':2') ? 200 : 0) },
  });
});
t.teardown(() => c.close());

const dsClient = () => c.cs.resource('apps', 'daemonsets');
const nodesClient = () => c.cs.resource('', 'nodes');
const podsOf = async (app: string): Promise<Pod[]> => (await c.list<Pod>('', 'pods', 'default', `app=${app}`)).filter((p) => !p.metadata?.deletionTimestamp);
const nodesOf = async (app: string): Promise<string[]> => (await podsOf(app)).map((p) => p.spec.nodeName ?? '?').sort();

function daemonSet(name: string, extra: Record<string, unknown> = {}): KubeObject {
  return {
    metadata: { name },
    spec: {
      selector: { matchLabels: { app: name } },
      template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: 'agent', image: 'agent:1' }], ...extra } },
    },
  };
}

t.test('a DaemonSet runs one pod on every node', async (t) => {
  await dsClient().create('default', daemonSet('agent'));
  await waitFor(async () => (await nodesOf('agent')).join() === 'node-a,node-b', 'a pod on each node');
  const pods = await podsOf('agent');
  for (const p of pods) {
    const term = p.spec.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms?.[0];
    t.same(term, { matchFields: [{ key: 'metadata.name', operator: 'In', values: [p.spec.nodeName] }] }, 'the pod names its node through matchFields');
    t.ok(p.spec.tolerations?.some((x) => x.key === 'node.kubernetes.io/unreachable' && x.effect === 'NoExecute' && x.operator === 'Exists'), 'default tolerations');
    t.ok(p.spec.tolerations?.some((x) => x.key === 'node.kubernetes.io/unschedulable' && x.effect === 'NoSchedule'));
    t.equal(p.metadata?.ownerReferences?.[0]?.kind, 'DaemonSet');
  }
  await waitFor(async () => ((await dsClient().get('default', 'agent')).status as { numberAvailable?: number }).numberAvailable === 2, 'status');
  t.match((await dsClient().get('default', 'agent')).status, { desiredNumberScheduled: 2, currentNumberScheduled: 2, numberReady: 2, numberAvailable: 2, updatedNumberScheduled: 2, observedGeneration: 1 });
});

t.test('new nodes get a pod, removed nodes lose theirs', async (t) => {
  await c.nodes.addNode('node-c');
  await waitFor(async () => (await nodesOf('agent')).join() === 'node-a,node-b,node-c', 'a pod on the new node');
  await c.nodes.removeNode('node-b');
  await waitFor(async () => (await c.list<Pod>('', 'pods', 'default', 'app=agent')).map((p) => p.spec.nodeName).sort().join() === 'node-a,node-c', 'the removed node\'s pod to go');
  await waitFor(async () => ((await dsClient().get('default', 'agent')).status as { desiredNumberScheduled?: number }).desiredNumberScheduled === 2, 'status to follow');
  t.pass();
});

t.test('nodeSelector and taints decide placement', async (t) => {
  await dsClient().create('default', daemonSet('ssd', { nodeSelector: { disk: 'ssd' } }));
  await new Promise((r) => setTimeout(r, 300));
  t.same(await nodesOf('ssd'), [], 'no node matches yet');
  await retryConflicts(() => nodesClient().patch(undefined, 'node-a', { metadata: { labels: { disk: 'ssd' } } }));
  await waitFor(async () => (await nodesOf('ssd')).join() === 'node-a', 'a pod on the labelled node');
  await retryConflicts(() => nodesClient().patch(undefined, 'node-c', { spec: { taints: [{ key: 'dedicated', value: 'db', effect: 'NoExecute' }] } }));
  await waitFor(async () => (await nodesOf('agent')).join() === 'node-a', 'the NoExecute-tainted node loses its pod');
  await retryConflicts(() => nodesClient().patch(undefined, 'node-a', { metadata: { labels: { disk: null } } }));
  await waitFor(async () => (await nodesOf('ssd')).length === 0, 'the unlabelled node loses its pod');
  await retryConflicts(() => nodesClient().patch(undefined, 'node-c', { spec: { taints: null } }));
  await waitFor(async () => (await nodesOf('agent')).join() === 'node-a,node-c', 'the untainted node gets its pod back');
});

t.test('a rolling update replaces pods within maxUnavailable', async (t) => {
  await c.nodes.addNode('node-d');
  await waitFor(async () => (await podsOf('agent')).filter((p) => p.status?.phase === 'Running').length === 3, '3 running daemon pods');
  const ready = new Map<string, boolean>();
  let minReady = Infinity;
  let armed = false;
  const watch = c.api.stream('/api/v1/namespaces/default/pods?watch=true&labelSelector=app%3Dagent');
  const timer = setInterval(() => {
    for (const e of watch.events.splice(0)) {
      const p = e.object as Pod;
      if (e.type === 'DELETED' || p.metadata?.deletionTimestamp) ready.delete(p.metadata?.name ?? '');
      else ready.set(p.metadata?.name ?? '', p.status?.conditions?.some((x) => x.type === 'Ready' && x.status === 'True') ?? false);
      if (armed) minReady = Math.min(minReady, [...ready.values()].filter(Boolean).length);
    }
  }, 1);
  try {
    await waitFor(() => [...ready.values()].filter(Boolean).length === 3, 'the watch to see 3 ready pods');
    armed = true;
    await retryConflicts(() => dsClient().patch('default', 'agent', { spec: { template: { spec: { containers: [{ name: 'agent', image: 'agent:2' }] } } } }, 'strategic'));
    await waitFor(async () => {
      const pods = await podsOf('agent');
      return pods.length === 3 && pods.every((p) => p.spec.containers[0]?.image === 'agent:2' && p.status?.conditions?.some((x) => x.type === 'Ready' && x.status === 'True'));
    }, 'every pod updated', 15_000);
  } finally {
    clearInterval(timer);
    watch.close();
  }
  t.ok(minReady >= 2, `at most one pod unavailable at a time (min ready ${minReady})`);
  await waitFor(async () => ((await dsClient().get('default', 'agent')).status as { updatedNumberScheduled?: number }).updatedNumberScheduled === 3, 'updatedNumberScheduled');
});
