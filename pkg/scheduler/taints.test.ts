// Toleration matching (core/v1 ToleratesTaint) and the taints a node's Ready condition implies.
import t from 'tap';
import { countIntolerable, firstUntolerated, nodeTaints, NOT_READY_TAINT, toleratesTaint, UNREACHABLE_TAINT } from './taints.js';
import { testNode } from './testing.js';

t.test('toleratesTaint', async (t) => {
  const taint = { key: 'dedicated', value: 'gpu', effect: 'NoSchedule' };
  t.ok(toleratesTaint({ key: 'dedicated', operator: 'Equal', value: 'gpu', effect: 'NoSchedule' }, taint));
  t.ok(toleratesTaint({ key: 'dedicated', value: 'gpu' }, taint), 'empty effect matches every effect; empty operator is Equal');
  t.ok(toleratesTaint({ key: 'dedicated', operator: 'Exists' }, taint));
  t.ok(toleratesTaint({ operator: 'Exists' }, taint), 'empty key with Exists tolerates everything');
  t.notOk(toleratesTaint({ key: 'dedicated', operator: 'Equal', value: 'cpu' }, taint));
  t.notOk(toleratesTaint({ key: 'dedicated', operator: 'Exists', effect: 'NoExecute' }, taint));
  t.notOk(toleratesTaint({ key: 'other', operator: 'Exists' }, taint));
  t.notOk(toleratesTaint({ key: 'dedicated', operator: 'Lt', value: 'gpu' }, taint));
});

t.test('nodeTaints splits by effect and adds the not-ready taint of unhealthy nodes', async (t) => {
  const n = nodeTaints(testNode('n', { taints: [{ key: 'a', effect: 'NoSchedule' }, { key: 'b', effect: 'PreferNoSchedule' }, { key: 'c', effect: 'NoExecute' }] }));
  t.strictSame(n.hard.map((x) => x.key), ['a', 'c']);
  t.strictSame(n.soft.map((x) => x.key), ['b']);
  t.strictSame(nodeTaints(testNode('n', { ready: 'False' })).hard, [{ key: NOT_READY_TAINT, effect: 'NoSchedule' }]);
  t.strictSame(nodeTaints(testNode('n', { ready: 'Unknown' })).hard, [{ key: UNREACHABLE_TAINT, effect: 'NoSchedule' }]);
  t.strictSame(nodeTaints({ metadata: { name: 'n' } }).hard, [{ key: UNREACHABLE_TAINT, effect: 'NoSchedule' }], 'no Ready condition at all');
  const already = nodeTaints(testNode('n', { ready: 'False', taints: [{ key: NOT_READY_TAINT, effect: 'NoSchedule' }] }));
  t.equal(already.hard.length, 1, 'the controller’s own taint is not doubled');
});

t.test('firstUntolerated and countIntolerable', async (t) => {
  const hard = [{ key: 'a', effect: 'NoSchedule' }, { key: 'b', value: 'x', effect: 'NoExecute' }];
  t.equal(firstUntolerated(hard, [])?.key, 'a');
  t.equal(firstUntolerated(hard, [{ key: 'a', operator: 'Exists' }])?.key, 'b');
  t.equal(firstUntolerated(hard, [{ operator: 'Exists' }]), undefined);
  t.equal(countIntolerable([{ key: 'a', effect: 'PreferNoSchedule' }, { key: 'b', effect: 'PreferNoSchedule' }], [{ key: 'a', operator: 'Exists' }]), 1);
});
