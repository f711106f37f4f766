// The replica manager's pure parts: slow-start batches and the status it reports.
import t from 'tap';
import type { Pod, ReplicaSetLike } from '../base/types.js';
import { REPLICA_SET, REPLICATION_CONTROLLER } from './kinds.js';
import { slowStartBatch } from './manage.js';
import { calculateStatus } from './status.js';

t.test('slow start: 1, 2, 4, ... and stop at the first failing batch', async (t) => {
  // Within a batch every call starts before any ends, so the in-flight count climbs per batch.
  const inflight: number[] = [];
  let running = 0;
  const r = await slowStartBatch(10, 1, async () => {
    inflight.push(++running);
    await new Promise((res) => setImmediate(res));
    running--;
  });
  t.same(r, { successes: 10 });
  t.same(inflight, [1, 1, 2, 1, 2, 3, 4, 1, 2, 3], 'batches of 1, 2, 4 and the remaining 3');
  let n = 0;
  const failing = await slowStartBatch(10, 1, async () => {
    if (++n === 3) throw new Error('quota');
  });
  t.equal(failing.successes, 2, 'batches of 1 and 2: the third call failed, nothing more was tried');
  t.match((failing.error as Error).message, 'quota');
  t.equal(n, 3);
});

const pod = (labels: Record<string, string>, ready: boolean, readyAt = '2024-01-01T00:00:00Z'): Pod => ({ metadata: { labels }, spec: { containers: [] }, status: { phase: 'Running', conditions: [{ type: 'Ready', status: ready ? 'True' : 'False', lastTransitionTime: readyAt }] } });

t.test('status: replicas, fully labelled, ready, available, generation, ReplicaFailure', async (t) => {
  const rs: ReplicaSetLike = { metadata: { generation: 4 }, spec: { replicas: 4, minReadySeconds: 10, template: { metadata: { labels: { app: 'a', tier: 'x' } }, spec: { containers: [] } } } };
  const pods = [pod({ app: 'a', tier: 'x' }, true), pod({ app: 'a' }, true, '2024-01-01T00:00:55Z'), pod({ app: 'a', tier: 'x' }, false)];
  const s = calculateStatus(rs, pods, undefined, Date.parse('2024-01-01T00:01:00Z'));
  t.same(s, { replicas: 3, fullyLabeledReplicas: 2, readyReplicas: 2, availableReplicas: 1, observedGeneration: 4 });
  const failed = calculateStatus(rs, pods, new Error('pods "x" is forbidden: exceeded quota'));
  t.match(failed.conditions, [{ type: 'ReplicaFailure', status: 'True', reason: 'FailedCreate', message: /exceeded quota/ }]);
  t.notOk(calculateStatus({ ...rs, status: failed }, pods, undefined).conditions, 'cleared once managing succeeds');
});

t.test('selectors of the two kinds', async (t) => {
  t.ok(REPLICATION_CONTROLLER.selectorOf({ spec: { selector: { app: 'a' } } }).matches({ app: 'a', x: 'y' }));
  const rs: ReplicaSetLike = { spec: { selector: { matchLabels: { app: 'a' }, matchExpressions: [{ key: 'track', operator: 'NotIn', values: ['canary'] }] } } };
  t.ok(REPLICA_SET.selectorOf(rs).matches({ app: 'a' }));
  t.notOk(REPLICA_SET.selectorOf(rs).matches({ app: 'a', track: 'canary' }));
  t.notOk(REPLICA_SET.selectorOf({ spec: { selector: { matchExpressions: [{ key: 'k', operator: 'Bogus' }] } } }).matches({ k: 'v' }), 'an invalid selector selects nothing');
});
