// DaemonSet placement and rolling-update decisions without an API.
import t from 'tap';
import type { Node, Pod, PodTemplateSpec } from '../base/types.js';
import { daemonPodSpec, nodeShouldRunDaemonPod, requirementMatches, targetNodeOf, withDaemonTolerations } from './predicates.js';
import { HASH_LABEL, daemonSetStatus, rollingUpdateVictims, type DaemonSet } from './update.js';

const node = (name: string, labels: Record<string, string> = {}, taints: Node['spec'] extends infer S ? (S extends { taints?: infer T } ? T : never) : never = []): Node => ({ metadata: { name, labels }, spec: { taints } });
const tmpl = (spec: Partial<PodTemplateSpec['spec']> = {}): PodTemplateSpec => ({ metadata: { labels: { app: 'd' } }, spec: { containers: [{ name: 'c' }], ...spec } });

t.test('node selection: nodeSelector, required node affinity, matchFields', async (t) => {
  t.ok(nodeShouldRunDaemonPod(tmpl(), node('a')).shouldRun);
  t.notOk(nodeShouldRunDaemonPod(tmpl({ nodeSelector: { disk: 'ssd' } }), node('a')).shouldRun);
  t.ok(nodeShouldRunDaemonPod(tmpl({ nodeSelector: { disk: 'ssd' } }), node('a', { disk: 'ssd' })).shouldRun);
  const affinity = (terms: unknown[]) => ({ nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: terms } } }) as PodTemplateSpec['spec']['affinity'];
  const zone = tmpl({ affinity: affinity([{ matchExpressions: [{ key: 'zone', operator: 'In', values: ['z1', 'z2'] }] }, { matchFields: [{ key: 'metadata.name', operator: 'In', values: ['special'] }] }]) });
  t.ok(nodeShouldRunDaemonPod(zone, node('a', { zone: 'z2' })).shouldRun, 'first term');
  t.ok(nodeShouldRunDaemonPod(zone, node('special')).shouldRun, 'second term (matchFields)');
  t.notOk(nodeShouldRunDaemonPod(zone, node('b', { zone: 'z3' })).shouldRun);
  t.ok(requirementMatches({ key: 'k', operator: 'Gt', values: ['3'] }, '4'));
  t.notOk(requirementMatches({ key: 'k', operator: 'Lt', values: ['3'] }, 'x'));
  t.ok(requirementMatches({ key: 'k', operator: 'DoesNotExist' }, undefined));
  t.ok(requirementMatches({ key: 'k', operator: 'NotIn', values: ['a'] }, undefined));
});

t.test('taints: NoSchedule keeps what runs, NoExecute removes it, default tolerations apply', async (t) => {
  t.same(nodeShouldRunDaemonPod(tmpl(), node('a', {}, [{ key: 'dedicated', effect: 'NoSchedule' }])), { shouldRun: false, shouldContinueRunning: true });
  t.same(nodeShouldRunDaemonPod(tmpl(), node('a', {}, [{ key: 'dedicated', effect: 'NoExecute' }])), { shouldRun: false, shouldContinueRunning: false });
  t.same(nodeShouldRunDaemonPod(tmpl({ tolerations: [{ key: 'dedicated', operator: 'Exists' }] }), node('a', {}, [{ key: 'dedicated', effect: 'NoExecute' }])), { shouldRun: true, shouldContinueRunning: true });
  for (const key of ['node.kubernetes.io/unreachable', 'node.kubernetes.io/not-ready']) {
    t.ok(nodeShouldRunDaemonPod(tmpl(), node('a', {}, [{ key, effect: 'NoExecute' }])).shouldContinueRunning, `${key}:NoExecute is tolerated by default`);
  }
  t.ok(nodeShouldRunDaemonPod(tmpl(), node('a', {}, [{ key: 'node.kubernetes.io/unschedulable', effect: 'NoSchedule' }])).shouldRun, 'cordoned nodes still run daemons');
  t.equal(withDaemonTolerations({ containers: [], hostNetwork: true }).length, 7, 'host-network daemons also tolerate network-unavailable');
  t.equal(withDaemonTolerations({ containers: [], tolerations: [{ key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute' }] }).length, 6, 'no duplicates');
});

t.test('the pod for a node names it through matchFields', async (t) => {
  const spec = daemonPodSpec(tmpl({ affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'zone', operator: 'Exists' }] }] } }, podAntiAffinity: { x: 1 } } }), 'n1');
  t.same(spec.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution, { nodeSelectorTerms: [{ matchFields: [{ key: 'metadata.name', operator: 'In', values: ['n1'] }] }] });
  t.same(spec.affinity?.['podAntiAffinity'], { x: 1 }, 'other affinity kept');
  t.equal(targetNodeOf({ metadata: {}, spec }), 'n1');
});

const dpod = (name: string, hash: string, ready = true, deleting = false): Pod => ({
  metadata: { name, labels: { [HASH_LABEL]: hash }, creationTimestamp: '2024-01-01T00:00:00Z', ...(deleting ? { deletionTimestamp: 'x' } : {}) },
  spec: { containers: [{ name: 'c' }] },
  status: { phase: 'Running', conditions: [{ type: 'Ready', status: ready ? 'True' : 'False', lastTransitionTime: '2024-01-01T00:00:00Z' }] },
});
const ds = (maxUnavailable: number | string): DaemonSet => ({ metadata: { name: 'd', generation: 3 }, spec: { template: tmpl(), updateStrategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable } } } });

t.test('rolling update: unavailable old pods go at once, available ones within maxUnavailable', async (t) => {
  const map = new Map([
    ['a', [dpod('a1', 'old')]],
    ['b', [dpod('b1', 'old')]],
    ['c', [dpod('c1', 'old', false)]],
    ['d', [dpod('d1', 'new')]],
  ]);
  t.same(rollingUpdateVictims(ds(1), map, 4, 'new').map((p) => p.metadata?.name), ['c1', 'a1'], 'the unavailable one, plus one within maxUnavailable');
  t.same(rollingUpdateVictims(ds('50%'), map, 4, 'new').map((p) => p.metadata?.name), ['c1', 'a1', 'b1']);
  map.set('d', [dpod('d1', 'new', false)]);
  t.same(rollingUpdateVictims(ds(1), map, 4, 'new').map((p) => p.metadata?.name), ['c1'], 'an unavailable new pod uses up the budget');
  map.set('e', [dpod('e1', 'old', true, true)]);
  t.same(rollingUpdateVictims(ds(2), map, 5, 'new').map((p) => p.metadata?.name), ['c1'], 'a node between pods counts as unavailable');
  t.same(rollingUpdateVictims({ ...ds(1), spec: { ...ds(1).spec, updateStrategy: { type: 'OnDelete' } } }, map, 5, 'new'), [], 'OnDelete never deletes');
});

t.test('status counts', async (t) => {
  const nodes = [node('a'), node('b'), node('c', {}, [{ key: 'x', effect: 'NoSchedule' }])];
  const map = new Map([['a', [dpod('a1', 'new')]], ['c', [dpod('c1', 'old')]]]);
  t.same(daemonSetStatus(ds(1), nodes, map, 'new'), {
    currentNumberScheduled: 1, numberMisscheduled: 1, desiredNumberScheduled: 2, numberReady: 1, observedGeneration: 3, updatedNumberScheduled: 1, numberAvailable: 1, numberUnavailable: 1,
  });
});
