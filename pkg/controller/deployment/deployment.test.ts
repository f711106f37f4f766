// The Deployment controller's decisions without an API: how far the new ReplicaSet may grow and
// the old ones shrink at each step, which ReplicaSet is "new", the annotations, and the status
// with its Available and Progressing conditions.
import t from 'tap';
import type { PodTemplateSpec } from '../base/types.js';
import { reconcileNewReplicaSet, reconcileOldReplicaSets, newReplicaSetReplicas } from './rolling.js';
import { calculateStatus, isTimedOut, rolloutStatus, setCondition } from './status.js';
import { equalIgnoreHash, fenceposts, findNewReplicaSet, maxUnavailable, setReplicaSetAnnotations, type Deployment, type ReplicaSet } from './util.js';

const template = (image: string, hash?: string): PodTemplateSpec => ({ metadata: { labels: { app: 'web', ...(hash ? { 'pod-template-hash': hash } : {}) } }, spec: { containers: [{ name: 'c', image }] } });
const dep = (replicas: number, surge: number | string, unavailable: number | string, image = 'b'): Deployment => ({
  metadata: { name: 'web', namespace: 'default', uid: 'd1', generation: 2 },
  spec: { replicas, selector: { matchLabels: { app: 'web' } }, template: template(image), strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: surge, maxUnavailable: unavailable } }, progressDeadlineSeconds: 600 },
});
const rs = (name: string, spec: number, available: number, image: string, created = '2024-01-01T00:00:00Z', revision = '1'): ReplicaSet => ({
  metadata: { name, creationTimestamp: created, annotations: { 'deployment.kubernetes.io/revision': revision } },
  spec: { replicas: spec, template: template(image, name) },
  status: { replicas: spec, readyReplicas: available, availableReplicas: available },
});

t.test('fenceposts: surge rounds up, unavailable down, never both zero', async (t) => {
  t.same(fenceposts(dep(10, '25%', '25%')), { surge: 3, unavailable: 2 });
  t.same(fenceposts(dep(3, 0, 0)), { surge: 0, unavailable: 1 });
  t.equal(maxUnavailable(dep(2, 1, 5)), 2, 'never more than replicas');
  t.equal(maxUnavailable({ ...dep(3, 1, 1), spec: { ...dep(3, 1, 1).spec, strategy: { type: 'Recreate' } } }), 0);
});

t.test('a rolling update steps within maxSurge and maxUnavailable', async (t) => {
  const d = dep(3, 1, 1);
  let old = rs('web-a', 3, 3, 'a');
  let next = rs('web-b', 0, 0, 'b', '2024-01-02T00:00:00Z', '2');
  t.equal(newReplicaSetReplicas(d, [old, next], next), 1, 'surge one');
  t.same(reconcileNewReplicaSet(d, [old, next], next), { rs: next, replicas: 1 });
  next = { ...next, spec: { ...next.spec, replicas: 1 } };
  // New pod not available yet: one old pod may go (3 + 1 - 2 - 1 = 1).
  let downs = reconcileOldReplicaSets(d, [old], next);
  t.same(downs.map((o) => [o.rs.metadata?.name, o.replicas]), [['web-a', 2]]);
  old = { ...old, spec: { ...old.spec, replicas: 2 } };
  t.same(reconcileNewReplicaSet(d, [old, next], next), { rs: next, replicas: 2 }, 'then the new one grows again');
  next = { ...next, spec: { ...next.spec, replicas: 2 } };
  t.same(reconcileOldReplicaSets(d, [old], next), [], 'with two new pods unavailable nothing more may go');
  next = { ...next, status: { replicas: 2, availableReplicas: 2 } };
  downs = reconcileOldReplicaSets(d, [old], next);
  t.same(downs.map((o) => o.replicas), [0], 'both new pods available: the old ones may go');
});

t.test('old ReplicaSets lose their unavailable pods first, and stale statuses do not overdraw', async (t) => {
  const d = dep(4, 1, 1);
  const old = rs('web-a', 4, 2, 'a');
  t.same(reconcileOldReplicaSets(d, [old], rs('web-b', 0, 0, 'b', '2024-01-02T00:00:00Z')).map((o) => o.replicas), [3], 'only as many as 4 - 3 allows');
  const next = rs('web-b', 1, 1, 'b', '2024-01-02T00:00:00Z');
  t.same(reconcileOldReplicaSets(d, [old], next).map((o) => o.replicas), [2], 'the 2 unavailable pods go, and no available one (3 available is the minimum)');
  // A ReplicaSet just scaled to 1 whose status still shows 3 available: counted as 1.
  const stale = { ...rs('web-a', 1, 3, 'a') };
  const grown = { ...rs('web-b', 3, 3, 'b', '2024-01-02T00:00:00Z') };
  const ops = reconcileOldReplicaSets(d, [stale], grown);
  t.same(ops.map((o) => o.replicas), [0], 'available = min(status, spec): 1 + 3 - 3 = 1 may go');
});

t.test('the new ReplicaSet is the oldest one with the Deployment\'s template, hash aside', async (t) => {
  const d = dep(3, 1, 1, 'a');
  const a1 = rs('web-a1', 0, 0, 'a', '2024-01-01T00:00:00Z');
  const a2 = rs('web-a2', 0, 0, 'a', '2024-01-03T00:00:00Z');
  t.equal(findNewReplicaSet(d, [a2, rs('web-b', 3, 3, 'b'), a1])?.metadata?.name, 'web-a1');
  t.ok(equalIgnoreHash(template('a', 'x'), template('a')));
  // What kubectl rollout undo sends back: Go's zero values spelled out.
  const fromKubectl = { metadata: { creationTimestamp: null, labels: { app: 'web' } }, spec: { containers: [{ name: 'c', image: 'a', resources: {} }] } } as unknown as PodTemplateSpec;
  t.ok(equalIgnoreHash(fromKubectl, template('a', 'x')), 'null and empty fields are the same as absent ones');
  t.notOk(equalIgnoreHash(template('a'), template('b')));
});

t.test('annotations: a reused ReplicaSet records its previous revision', async (t) => {
  const d: Deployment = { ...dep(3, 1, 1), metadata: { ...dep(3, 1, 1).metadata, annotations: { team: 'x', 'kubectl.kubernetes.io/last-applied-configuration': '{}' } } };
  const reused = rs('web-a', 0, 0, 'b', undefined, '1');
  t.ok(setReplicaSetAnnotations(d, reused, 3, true));
  t.same(reused.metadata?.annotations, { 'deployment.kubernetes.io/revision': '3', 'deployment.kubernetes.io/revision-history': '1', team: 'x' });
  const fresh: ReplicaSet = { metadata: {}, spec: {} };
  setReplicaSetAnnotations(d, fresh, 1, false);
  t.same(fresh.metadata?.annotations, { team: 'x', 'deployment.kubernetes.io/revision': '1', 'deployment.kubernetes.io/desired-replicas': '3', 'deployment.kubernetes.io/max-replicas': '4' });
});

t.test('status and conditions', async (t) => {
  const d = dep(3, 1, 1);
  const next = rs('web-b', 3, 3, 'b');
  const old = rs('web-a', 0, 0, 'a');
  const s = calculateStatus(d, [old, next], next);
  t.match(s, { observedGeneration: 2, replicas: 3, updatedReplicas: 3, readyReplicas: 3, availableReplicas: 3, unavailableReplicas: 0 });
  t.match(s.conditions, [{ type: 'Available', status: 'True', reason: 'MinimumReplicasAvailable', message: 'Deployment has minimum availability.' }]);
  const done = rolloutStatus(d, [old, next], next);
  t.match(done.conditions?.find((c) => c.type === 'Progressing'), { status: 'True', reason: 'NewReplicaSetAvailable', message: 'ReplicaSet "web-b" has successfully progressed.' });
  const short = calculateStatus(d, [rs('web-b', 3, 1, 'b')], rs('web-b', 3, 1, 'b'));
  t.match(short.conditions, [{ type: 'Available', status: 'False', reason: 'MinimumReplicasUnavailable' }]);
  const stuck: Deployment = { ...d, spec: { ...d.spec, progressDeadlineSeconds: 10 }, status: { replicas: 1, updatedReplicas: 1, readyReplicas: 0, availableReplicas: 0 } };
  setCondition(stuck.status!, 'Progressing', 'True', 'ReplicaSetUpdated', 'x', '2024-01-01T00:00:00Z');
  t.notOk(isTimedOut(stuck, stuck.status!, Date.parse('2024-01-01T00:00:09Z')));
  t.ok(isTimedOut(stuck, stuck.status!, Date.parse('2024-01-01T00:00:11Z')));
  const timedOut = rolloutStatus(stuck, [rs('web-b', 1, 0, 'b')], rs('web-b', 1, 0, 'b'), Date.parse('2024-01-01T00:00:11Z'));
  t.match(timedOut.conditions?.find((c) => c.type === 'Progressing'), { status: 'False', reason: 'ProgressDeadlineExceeded' });
});
