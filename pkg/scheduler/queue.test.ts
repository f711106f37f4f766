// The scheduling queue: priority order, backoff, unschedulable pods moved only by helpful
// events, changes seen in flight, gates, and the safety flush.
import t from 'tap';
import { SchedulingQueue, type QueueOptions } from './queue.js';
import { testPod } from './testing.js';
import type { Pod } from './types.js';

function queue(o: Partial<QueueOptions> = {}): { q: SchedulingQueue; clock: { now: number } } {
  const clock = { now: 1000 };
  const q = new SchedulingQueue({ initialBackoffMs: 1000, maxBackoffMs: 10_000, maxInUnschedulableMs: 60_000, now: () => clock.now, ...o });
  t.teardown(() => q.close());
  return { q, clock };
}

const withPriority = (name: string, priority: number, created = '2026-01-01T00:00:00Z'): Pod => testPod(name, { spec: { priority }, created });

t.test('higher priority first, then older pods', async (t) => {
  const { q } = queue();
  q.add(withPriority('low-old', 0, '2026-01-01T00:00:00Z'));
  q.add(withPriority('low-new', 0, '2026-01-01T00:00:05Z'));
  q.add(withPriority('high', 100, '2026-01-01T00:00:09Z'));
  q.add(withPriority('low-oldest', 0, '2025-12-31T00:00:00Z'));
  const order = [q.tryPop(), q.tryPop(), q.tryPop(), q.tryPop()].map((x) => x?.pod.metadata?.name);
  t.strictSame(order, ['high', 'low-oldest', 'low-old', 'low-new']);
  t.equal(q.tryPop(), undefined);
});

t.test('pop waits for a pod, and an aborted pop gives up without losing one', async (t) => {
  const { q } = queue();
  const ctrl = new AbortController();
  const aborted = q.pop(ctrl.signal);
  ctrl.abort();
  t.equal(await aborted, undefined);
  const waiting = q.pop();
  q.add(testPod('p'));
  t.equal((await waiting)?.key, 'default/p');
  t.equal(q.inFlightCount(), 1);
});

t.test('backoff doubles per attempt up to the maximum', async (t) => {
  const { q } = queue();
  t.strictSame([1, 2, 3, 4, 5, 6].map((n) => q.backoffMs(n)), [1000, 2000, 4000, 8000, 10_000, 10_000]);
});

t.test('unschedulable pods move only when a change may help them, through backoff', async (t) => {
  const { q, clock } = queue();
  q.add(testPod('a'));
  q.add(testPod('b'));
  const a = q.tryPop()!;
  const b = q.tryPop()!;
  q.addUnschedulable(a, new Set(['NodeResourcesFit']));
  q.addUnschedulable(b, new Set(['NodeAffinity']));
  t.strictSame(q.counts(), { active: 0, backoff: 0, unschedulable: 2, gated: 0 });
  t.equal(q.moveAll((x) => x.unschedulablePlugins.has('NodeResourcesFit')), 1);
  t.strictSame(q.counts(), { active: 0, backoff: 1, unschedulable: 1, gated: 0 }, 'still backing off');
  clock.now += 1000;
  q.flushBackoffCompleted();
  t.equal(q.tryPop()?.key, 'default/a');
  clock.now += 5000;
  t.equal(q.moveAll(), 1);
  t.equal(q.tryPop()?.key, 'default/b', 'backoff already over: straight to active');
});

t.test('a helpful change or an update seen in flight sends a failed pod to backoff, not to wait', async (t) => {
  const { q } = queue();
  q.add(testPod('a'));
  q.add(testPod('b'));
  q.add(testPod('c'));
  const a = q.tryPop()!;
  const b = q.tryPop()!;
  const c = q.tryPop()!;
  q.moveAll((x) => x.key === 'default/a');
  q.update({ ...b.pod, metadata: { ...b.pod.metadata, labels: { changed: 'yes' } } });
  q.addUnschedulable(a, new Set(['NodeResourcesFit']));
  q.addUnschedulable(b, new Set(['NodeResourcesFit']));
  q.addUnschedulable(c, new Set(['NodeResourcesFit']));
  t.strictSame(q.counts(), { active: 0, backoff: 2, unschedulable: 1, gated: 0 });
});

t.test('a relevant update of an unschedulable pod retries it; a status update does not', async (t) => {
  const { q, clock } = queue();
  q.add(testPod('a'));
  const a = q.tryPop()!;
  q.addUnschedulable(a, new Set(['NodeAffinity']));
  q.update({ ...a.pod, status: { phase: 'Pending', conditions: [{ type: 'PodScheduled', status: 'False' }] } });
  t.equal(q.counts().unschedulable, 1);
  clock.now += 2000;
  q.update({ ...a.pod, spec: { ...a.pod.spec, tolerations: [{ operator: 'Exists' }] } });
  t.equal(q.counts().active, 1);
});

t.test('deleted pods leave every sub-queue; gated pods wait for their gates to go', async (t) => {
  const { q } = queue();
  q.add(testPod('a'));
  q.delete('default/a');
  t.equal(q.tryPop(), undefined);
  const gated = testPod('g', { spec: { schedulingGates: [{ name: 'example.com/wait' }] } });
  q.add(gated);
  t.strictSame(q.counts(), { active: 0, backoff: 0, unschedulable: 0, gated: 1 });
  q.update({ ...gated, spec: { ...gated.spec, schedulingGates: [] } });
  t.equal(q.tryPop()?.key, 'default/g');
  const flying = q.tryPop();
  t.equal(flying, undefined);
});

t.test('a pod left unschedulable too long is retried by the safety flush', async (t) => {
  const { q, clock } = queue({ maxInUnschedulableMs: 60_000 });
  q.add(testPod('a'));
  q.addUnschedulable(q.tryPop()!, new Set(['NodeResourcesFit']));
  clock.now += 30_000;
  q.flushUnschedulableLeftover();
  t.equal(q.counts().unschedulable, 1);
  clock.now += 30_000;
  q.flushUnschedulableLeftover();
  t.equal(q.tryPop()?.key, 'default/a');
});

t.test('the backoff timer moves pods out on time, with no tick', async (t) => {
  const q = new SchedulingQueue({ initialBackoffMs: 30, maxBackoffMs: 100, maxInUnschedulableMs: 60_000 });
  // The queue's timers do not hold the process open (its watches do, in a scheduler); here, this does.
  const keepAlive = setInterval(() => undefined, 1000);
  t.teardown(() => {
    clearInterval(keepAlive);
    q.close();
  });
  q.add(testPod('a'));
  q.requeueAfterError(q.tryPop()!);
  t.equal(q.counts().backoff, 1);
  const started = performance.now();
  const got = await q.pop();
  t.equal(got?.key, 'default/a');
  t.ok(performance.now() - started >= 25, 'not before its backoff');
});
