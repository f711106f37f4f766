// The sync runner: bursts batched by the min interval, one sync at a time, periodic full syncs,
// failures retried as full syncs.
import t from 'tap';
import { SyncRunner } from './sync-runner.js';

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

t.test('a burst of requests becomes few syncs, spaced by the min interval', async (t) => {
  const runs: Array<{ at: number; full: boolean }> = [];
  const start = performance.now();
  const r = new SyncRunner(async (full) => void runs.push({ at: performance.now() - start, full }), 50, 60_000, () => undefined);
  t.teardown(() => r.stop());
  r.request(true);
  for (let i = 0; i < 20; i++) {
    r.request();
    await sleep(5);
  }
  await sleep(120);
  const elapsed = performance.now() - start;
  t.ok(runs.length >= 2 && runs.length <= Math.floor(elapsed / 50) + 1, `${runs.length} syncs for 21 requests in ${Math.round(elapsed)} ms`);
  t.equal(runs[0]?.full, true, 'the first is full');
  t.ok(runs.slice(1).every((x) => !x.full), 'the rest incremental');
  for (let i = 1; i < runs.length; i++) t.ok((runs[i]?.at ?? 0) - (runs[i - 1]?.at ?? 0) >= 45, 'min interval kept');
});

t.test('one sync at a time; a request during a sync runs after it', async (t) => {
  let running = 0;
  let overlap = false;
  let count = 0;
  const r = new SyncRunner(async () => {
    overlap ||= running > 0;
    running++;
    count++;
    await sleep(30);
    running--;
  }, 1, 60_000, () => undefined);
  t.teardown(() => r.stop());
  r.request();
  await sleep(5);
  r.request();
  await sleep(100);
  t.notOk(overlap);
  t.equal(count, 2);
});

t.test('full syncs every max interval; a failure is retried as a full sync', async (t) => {
  const runs: boolean[] = [];
  let fail = true;
  const errors: unknown[] = [];
  const r = new SyncRunner(async (full) => {
    runs.push(full);
    if (fail) {
      fail = false;
      throw new Error('iptables-restore: boom');
    }
  }, 10, 80, (e) => errors.push(e));
  t.teardown(() => r.stop());
  r.request();
  await sleep(200);
  t.equal(errors.length, 1);
  t.equal(runs[1], true, 'the retry after a failure is full');
  t.ok(runs.filter(Boolean).length >= 2, `periodic full syncs (${runs.length} syncs)`);
});
