// The crash-loop backoff's arithmetic, on a fake clock: immediate first retry, doubling to the
// cap, and a fresh start once a container has run for twice the cap.
import t from 'tap';
import { Backoff } from './backoff.js';
import { goDuration } from './duration.js';

t.test('doubles from the initial delay to the cap, measured from the event', async (t) => {
  let now = 0;
  const b = new Backoff(10_000, 40_000, () => now);
  t.notOk(b.isInBackOffSince('c', 0), 'no history: restart at once');
  b.next('c', 0);
  t.equal(b.get('c'), 10_000);
  now = 5_000;
  t.ok(b.isInBackOffSince('c', 4_000), 'exited 1s ago with a 10s delay: wait');
  t.equal(b.retryAt('c', 4_000), 14_000);
  now = 14_000;
  t.notOk(b.isInBackOffSince('c', 4_000), 'the delay has passed');
  for (const want of [20_000, 40_000, 40_000]) {
    b.next('c', now);
    t.equal(b.get('c'), want);
  }
});

t.test('starts over after running for twice the cap (10 minutes for the 5 minute default)', async (t) => {
  let now = 0;
  const b = new Backoff(10_000, 300_000, () => now);
  b.next('c', 0);
  b.next('c', 0);
  t.equal(b.get('c'), 20_000);
  now = 601_000;
  t.notOk(b.isInBackOffSince('c', now), 'an old entry does not hold a restart back');
  b.next('c', now);
  t.equal(b.get('c'), 10_000, 'reset to the initial delay');
  now = 601_000 + 3_000;
  t.ok(b.isInBackOffSinceUpdate('c'));
  b.gc();
  t.equal(b.get('c'), 10_000, 'gc keeps recent entries');
  now += 700_000;
  b.gc();
  t.equal(b.get('c'), 0, 'and drops old ones');
});

t.test('durations print as Go prints them', async (t) => {
  t.same([250, 1000, 10_000, 1500, 80_000, 300_000, 3_723_000].map(goDuration), ['250ms', '1s', '10s', '1.5s', '1m20s', '5m0s', '1h2m3s']);
});
