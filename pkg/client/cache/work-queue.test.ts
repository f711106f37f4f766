import t from 'tap';
import { Registry } from 'prom-client';
import { WorkQueue } from './work-queue.js';

const tick = (ms = 0): Promise<void> => new Promise((r) => setTimeout(r, ms));

t.test('a key added while queued is queued once', async (t) => {
  const q = new WorkQueue();
  q.add('a');
  q.add('b');
  q.add('a');
  t.equal(q.len(), 2);
  t.equal(await q.get(), 'a');
  t.equal(await q.get(), 'b');
  t.equal(q.len(), 0);
});

t.test('a key added while processing is re-queued after done, and never handed out twice at once', async (t) => {
  const q = new WorkQueue();
  q.add('a');
  t.equal(await q.get(), 'a');
  q.add('a');
  q.add('a');
  t.equal(q.len(), 0, 'not queued while a worker has it');
  let second: string | undefined;
  void q.get().then((k) => (second = k));
  await tick();
  t.equal(second, undefined, 'a second worker does not get it');
  q.done('a');
  await tick();
  t.equal(second, 'a', 'queued again (once) after done');
  q.done('a');
  t.equal(q.len(), 0);
  q.done('never-got'); // harmless
});

t.test('get waits for an add; waiting workers are served in order', async (t) => {
  const q = new WorkQueue();
  const got: Array<string | undefined> = [];
  const w1 = q.get().then((k) => got.push(`w1:${k}`));
  const w2 = q.get().then((k) => got.push(`w2:${k}`));
  q.add('x');
  q.add('y');
  await Promise.all([w1, w2]);
  t.same(got, ['w1:x', 'w2:y']);
});

t.test('rate limiting: per-key exponential backoff, capped, reset by forget', async (t) => {
  const q = new WorkQueue({ baseDelayMs: 20, maxDelayMs: 80 });
  const delays: number[] = [];
  for (let i = 0; i < 4; i++) {
    const start = performance.now();
    q.addRateLimited('k');
    t.equal(q.len(), 0, 'not queued before its delay');
    t.equal(await q.get(), 'k');
    delays.push(performance.now() - start);
    q.done('k');
  }
  t.equal(q.numRequeues('k'), 4);
  t.ok(delays[0]! >= 19 && delays[1]! >= 39 && delays[2]! >= 79 && delays[3]! >= 79, `20, 40, 80, 80 ms: ${delays.map(Math.round).join(', ')}`);
  t.ok(delays[3]! < 160, 'capped at maxDelay');
  t.equal(q.numRequeues('other'), 0, 'backoff is per key');
  q.forget('k');
  t.equal(q.numRequeues('k'), 0);
  const start = performance.now();
  q.addRateLimited('k');
  await q.get();
  t.ok(performance.now() - start < 60, 'back to the base delay after forget');
});

t.test('addAfter: items come out in due order, ties in add order, a key keeps its earliest time', async (t) => {
  const q = new WorkQueue();
  q.addAfter('late', 60);
  q.addAfter('early', 10);
  q.addAfter('mid-1', 30);
  q.addAfter('mid-2', 30);
  q.addAfter('late', 200); // later than it already waits: ignored
  q.addAfter('now', 0);
  const got: string[] = [];
  for (let i = 0; i < 5; i++) {
    const k = (await q.get()) as string;
    got.push(k);
    q.done(k);
  }
  t.same(got, ['now', 'early', 'mid-1', 'mid-2', 'late']);
  q.addAfter('moved', 500);
  q.addAfter('moved', 5); // earlier: wins
  const start = performance.now();
  t.equal(await q.get(), 'moved');
  t.ok(performance.now() - start < 300);
  q.done('moved');
  await tick(550);
  t.equal(q.len(), 0, 'the superseded later entry does not add it again');
});

t.test('shutDown: adds ignored, queued items still handed out, then undefined for every worker', async (t) => {
  const q = new WorkQueue();
  const idle = q.get();
  q.add('a');
  t.equal(await idle, 'a');
  q.add('b');
  q.addAfter('c', 10);
  const waiting = [q.get(), q.get()];
  t.equal(await waiting[0], 'b');
  q.shutDown();
  t.ok(q.shuttingDown());
  t.equal(await waiting[1], undefined, 'a waiting worker is released');
  q.add('d');
  q.addRateLimited('e');
  await tick(30);
  t.equal(q.len(), 0, 'nothing is added after shutdown, delayed items are dropped');
  t.equal(await q.get(), undefined);

  const q2 = new WorkQueue();
  q2.add('x');
  q2.add('y');
  const x = await q2.get();
  let drained = false;
  const drain = q2.shutDownWithDrain().then(() => (drained = true));
  t.equal(await q2.get(), 'y', 'queued items are still handed out');
  q2.done(x as string);
  await tick();
  t.notOk(drained, 'y is still in flight');
  q2.done('y');
  await drain;
  t.ok(drained);
});

t.test('metrics: client-go names with a name label, in the given registry', async (t) => {
  const registry = new Registry();
  const q = new WorkQueue({ name: 'deployments', registry });
  const other = new WorkQueue({ name: 'pods', registry }); // same registry: metrics registered once
  q.add('a');
  q.add('a');
  q.add('b');
  other.add('z');
  const k = await q.get();
  await tick(5);
  q.done(k as string);
  q.addRateLimited('c');
  const text = await registry.metrics();
  t.match(text, /workqueue_depth\{name="deployments"\} 1/);
  t.match(text, /workqueue_depth\{name="pods"\} 1/);
  t.match(text, /workqueue_adds_total\{name="deployments"\} 2/);
  t.match(text, /workqueue_retries_total\{name="deployments"\} 1/);
  t.match(text, /workqueue_work_duration_seconds_count\{name="deployments"\} 1/);
  t.match(text, /workqueue_queue_duration_seconds_count\{name="deployments"\} 1/);
  q.shutDown();
  other.shutDown();
});
