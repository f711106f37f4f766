// The shared controller pieces on their own: expectations, pod ordering and availability,
// int-or-percent, template hashing, taint toleration, and the ControllerRefManager claim.
import t from 'tap';
import type { KubeObject } from '../../../api/meta/object.js';
import type { ResourceClient } from '../../client/resource-client.js';
import { Expectations } from './expectations.js';
import { semanticEqual, safeEncode, stableStringify, templateHash } from './hash.js';
import { scaledValue } from './intstr.js';
import { claimObjects, newControllerRef } from './owner-refs.js';
import { deletionOrder, isPodActive, isPodAvailable, podFromTemplate, podsPrefix } from './pods.js';
import { toleratesTaint, untoleratedTaint } from './taints.js';
import type { Pod } from './types.js';

t.test('expectations hold a key until what was started is observed', async (t) => {
  let now = 0;
  const e = new Expectations(1000, () => now);
  t.ok(e.satisfied('a'), 'nothing expected');
  e.expectCreations('a', 2);
  t.notOk(e.satisfied('a'));
  e.creationObserved('a');
  t.notOk(e.satisfied('a'));
  e.creationObserved('a');
  t.ok(e.satisfied('a'), 'both creations seen');
  e.expectDeletions('a', ['ns/p1', 'ns/p2']);
  e.deletionObserved('a', 'ns/p1');
  e.deletionObserved('a', 'ns/p1');
  t.same(e.pending('a'), { adds: 0, dels: 1 }, 'a deletion seen twice counts once');
  now = 1001;
  t.ok(e.satisfied('a'), 'expectations expire (a lost event must not wedge the controller)');
  e.expect('b', 1, ['ns/x']);
  e.delete('b');
  t.ok(e.satisfied('b'));
});

const pod = (name: string, over: Partial<{ node: string; phase: string; ready: boolean; readyAt: string; created: string; restarts: number; deleting: boolean }> = {}): Pod => ({
  metadata: { name, creationTimestamp: over.created ?? '2024-01-01T00:00:00Z', ...(over.deleting ? { deletionTimestamp: '2024-01-01T00:01:00Z' } : {}) },
  spec: { containers: [{ name: 'c' }], ...(over.node ? { nodeName: over.node } : {}) },
  status: {
    phase: over.phase ?? 'Running',
    conditions: [{ type: 'Ready', status: over.ready === false ? 'False' : 'True', lastTransitionTime: over.readyAt ?? '2024-01-01T00:00:10Z' }],
    containerStatuses: [{ name: 'c', restartCount: over.restarts ?? 0 }],
  },
});

t.test('scale-down order: unscheduled, pending, not ready, recently ready, restarts, newest', async (t) => {
  const pods = [
    pod('old-ready', { node: 'n' }),
    pod('newer', { node: 'n', created: '2024-01-02T00:00:00Z' }),
    pod('restarty', { node: 'n', restarts: 3 }),
    pod('fresh-ready', { node: 'n', readyAt: '2024-01-01T00:05:00Z' }),
    pod('not-ready', { node: 'n', ready: false }),
    pod('pending', { node: 'n', phase: 'Pending', ready: false }),
    pod('unscheduled', { phase: 'Pending', ready: false }),
  ];
  t.same(pods.sort(deletionOrder).map((p) => p.metadata?.name), ['unscheduled', 'pending', 'not-ready', 'fresh-ready', 'restarty', 'newer', 'old-ready']);
});

t.test('active and available pods', async (t) => {
  t.ok(isPodActive(pod('a')));
  t.notOk(isPodActive(pod('b', { phase: 'Succeeded' })));
  t.notOk(isPodActive(pod('c', { deleting: true })));
  const ready = pod('r', { readyAt: '2024-01-01T00:00:10Z' });
  t.ok(isPodAvailable(ready, 0, Date.parse('2024-01-01T00:00:10Z')));
  t.notOk(isPodAvailable(ready, 5, Date.parse('2024-01-01T00:00:14Z')), 'not yet ready for minReadySeconds');
  t.ok(isPodAvailable(ready, 5, Date.parse('2024-01-01T00:00:15Z')));
  t.notOk(isPodAvailable(pod('n', { ready: false }), 0));
});

t.test('pods from a template', async (t) => {
  const owner: KubeObject = { metadata: { name: 'web', namespace: 'ns', uid: 'u1' } };
  const ref = newControllerRef(owner, 'v1', 'ReplicationController');
  const p = podFromTemplate({ metadata: { labels: { app: 'web' }, annotations: { a: 'b' } }, spec: { containers: [{ name: 'c', image: 'i' }] } }, owner, ref);
  t.same(p.metadata, { generateName: 'web-', namespace: 'ns', labels: { app: 'web' }, annotations: { a: 'b' }, ownerReferences: [{ apiVersion: 'v1', kind: 'ReplicationController', name: 'web', uid: 'u1', controller: true, blockOwnerDeletion: true }] });
  t.equal(podsPrefix('x'.repeat(70)).length, 58, 'generateName leaves room for the suffix');
});

t.test('int-or-percent', async (t) => {
  t.equal(scaledValue(2, 10, true), 2);
  t.equal(scaledValue('25%', 10, true), 3);
  t.equal(scaledValue('25%', 10, false), 2);
  t.equal(scaledValue(undefined, 10, false), 0);
  t.throws(() => scaledValue('lots', 10, false));
});

t.test('template hashes ignore key order and use the safe alphabet', async (t) => {
  const a = { metadata: { labels: { x: '1', y: '2' } }, spec: { containers: [{ name: 'c', image: 'i' }] } };
  const b = { spec: { containers: [{ image: 'i', name: 'c' }] }, metadata: { labels: { y: '2', x: '1' } } };
  t.equal(templateHash(a), templateHash(b));
  t.not(templateHash(a), templateHash(a, 1), 'the collision count changes the hash');
  t.match(templateHash(a), /^[bcdfghjklmnpqrstvwxz2456789]+$/);
  t.equal(safeEncode(0), 'b');
  t.ok(semanticEqual({ a: 1, b: undefined }, { a: 1 }));
  t.equal(stableStringify({ b: [1, { d: 1, c: 2 }], a: null }), '{"a":null,"b":[1,{"c":2,"d":1}]}');
});

t.test('taint toleration', async (t) => {
  const taint = { key: 'k', value: 'v', effect: 'NoSchedule' };
  t.ok(toleratesTaint({ key: 'k', operator: 'Equal', value: 'v' }, taint));
  t.ok(toleratesTaint({ key: 'k', operator: 'Exists', effect: 'NoSchedule' }, taint));
  t.ok(toleratesTaint({ operator: 'Exists' }, taint), 'an empty key with Exists tolerates everything');
  t.notOk(toleratesTaint({ key: 'k', value: 'w' }, taint));
  t.notOk(toleratesTaint({ key: 'k', operator: 'Exists', effect: 'NoExecute' }, taint));
  t.same(untoleratedTaint([taint, { key: 'z', effect: 'NoExecute' }], [{ key: 'k', operator: 'Exists' }], ['NoExecute']), { key: 'z', effect: 'NoExecute' });
});

t.test('claim adopts matching orphans, releases non-matching owned objects, ignores others', async (t) => {
  const owner: KubeObject = { metadata: { name: 'rc', namespace: 'ns', uid: 'mine' } };
  const ref = newControllerRef(owner, 'v1', 'ReplicationController');
  const objs: KubeObject[] = [
    { metadata: { name: 'owned', uid: '1', labels: { app: 'x' }, ownerReferences: [ref] } },
    { metadata: { name: 'strayed', uid: '2', labels: { app: 'y' }, ownerReferences: [ref] } },
    { metadata: { name: 'orphan', uid: '3', labels: { app: 'x' } } },
    { metadata: { name: 'theirs', uid: '4', labels: { app: 'x' }, ownerReferences: [{ ...ref, uid: 'other' }] } },
    { metadata: { name: 'dying', uid: '5', labels: { app: 'x' }, deletionTimestamp: 'now' } },
  ];
  const patches: Array<[string, unknown]> = [];
  const client = { patch: async (_ns: string, name: string, patch: unknown) => (patches.push([name, patch]), { metadata: { name, ownerReferences: [ref] } }) } as unknown as ResourceClient;
  let rechecks = 0;
  const claimed = await claimObjects(objs, { owner, ref, client, matches: (o) => o.metadata?.labels?.['app'] === 'x', canAdopt: async () => void rechecks++ });
  t.same(claimed.map((o) => o.metadata?.name), ['owned', 'orphan']);
  t.same(patches, [
    ['strayed', { metadata: { ownerReferences: [{ $patch: 'delete', uid: 'mine' }], uid: '2' } }],
    ['orphan', { metadata: { ownerReferences: [ref], uid: '3' } }],
  ]);
  t.equal(rechecks, 1, 'the owner is re-read once before adopting');
  const deleting = await claimObjects(objs, { owner: { metadata: { ...owner.metadata, deletionTimestamp: 'now' } }, ref, client, matches: () => false, canAdopt: async () => undefined });
  t.same(deleting.map((o) => o.metadata?.name), [], 'an owner being deleted neither adopts nor releases');
  t.equal(patches.length, 2);
});
