// Node lifecycle decisions without an API: Unknown conditions, lifecycle taints, eviction times.
import t from 'tap';
import type { Node, Pod } from '../base/types.js';
import { evictionTime, unknownConditions, wantedTaints, withLifecycleTaints } from './health.js';

const now = new Date('2024-01-01T00:10:00Z');

t.test('a silent kubelet\'s conditions become Unknown, keeping its last heartbeat', async (t) => {
  const node: Node = { metadata: { name: 'n' }, status: { conditions: [
    { type: 'Ready', status: 'True', reason: 'KubeletReady', lastHeartbeatTime: '2024-01-01T00:00:00Z', lastTransitionTime: '2024-01-01T00:00:00Z' },
    { type: 'MemoryPressure', status: 'False', lastHeartbeatTime: '2024-01-01T00:00:00Z' },
    { type: 'NetworkUnavailable', status: 'False' },
  ] } };
  const c = unknownConditions(node, now)!;
  t.match(c[0], { type: 'Ready', status: 'Unknown', reason: 'NodeStatusUnknown', message: 'Kubelet stopped posting node status.', lastHeartbeatTime: '2024-01-01T00:00:00Z', lastTransitionTime: '2024-01-01T00:10:00Z' });
  t.match(c[1], { type: 'MemoryPressure', status: 'Unknown' });
  t.match(c[2], { type: 'NetworkUnavailable', status: 'False' }, 'conditions the kubelet does not own stay');
  t.equal(unknownConditions({ ...node, status: { conditions: c } }, now), undefined, 'nothing to do twice');
  t.match(unknownConditions({ metadata: { name: 'n' } }, now), [{ type: 'Ready', status: 'Unknown', reason: 'NodeStatusNeverUpdated' }]);
});

t.test('lifecycle taints follow the Ready status', async (t) => {
  t.equal(wantedTaints('Unknown'), 'node.kubernetes.io/unreachable');
  t.equal(wantedTaints('False'), 'node.kubernetes.io/not-ready');
  t.equal(wantedTaints('True'), undefined);
  const user = { key: 'dedicated', effect: 'NoSchedule' };
  const tainted = withLifecycleTaints({ metadata: {}, spec: { taints: [user] } }, 'node.kubernetes.io/unreachable', now)!;
  t.same(tainted, [user, { key: 'node.kubernetes.io/unreachable', effect: 'NoSchedule' }, { key: 'node.kubernetes.io/unreachable', effect: 'NoExecute', timeAdded: '2024-01-01T00:10:00Z' }]);
  t.equal(withLifecycleTaints({ metadata: {}, spec: { taints: tainted } }, 'node.kubernetes.io/unreachable', new Date()), undefined, 'timeAdded is kept');
  t.same(withLifecycleTaints({ metadata: {}, spec: { taints: tainted } }, 'node.kubernetes.io/not-ready', now)?.map((x) => `${x.key}:${x.effect}`), ['dedicated:NoSchedule', 'node.kubernetes.io/not-ready:NoSchedule', 'node.kubernetes.io/not-ready:NoExecute'], 'swapped');
  t.same(withLifecycleTaints({ metadata: {}, spec: { taints: tainted } }, undefined, now), [user], 'lifted');
});

t.test('eviction times', async (t) => {
  const taint = { key: 'node.kubernetes.io/unreachable', effect: 'NoExecute', timeAdded: '2024-01-01T00:00:00Z' };
  const at = Date.parse('2024-01-01T00:00:00Z');
  const pod = (tolerations: Pod['spec']['tolerations'] = []): Pod => ({ metadata: { name: 'p' }, spec: { containers: [], tolerations } });
  t.equal(evictionTime(pod(), [taint], 1000), at + 1000, 'untolerated: after the eviction timeout');
  t.equal(evictionTime(pod([{ key: taint.key, operator: 'Exists', effect: 'NoExecute' }]), [taint], 1000), undefined, 'tolerated forever');
  t.equal(evictionTime(pod([{ key: taint.key, operator: 'Exists', tolerationSeconds: 5 }]), [taint], 1000), at + 5000, 'tolerated for a while');
  t.equal(evictionTime(pod(), [{ key: 'custom', effect: 'NoExecute', timeAdded: '2024-01-01T00:00:00Z' }], 1000), at, 'other NoExecute taints evict at once');
  t.equal(evictionTime(pod(), [{ key: 'custom', effect: 'NoSchedule' }], 1000), undefined);
});
