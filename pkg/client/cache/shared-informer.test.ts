import t from 'tap';
import type { KubeObject } from '../../../api/meta/object.js';
import { ApiError } from '../rest.js';
import { isDeletedFinalStateUnknown, objectOf } from './deltas.js';
import { FakeSource } from './fake-source.js';
import { SharedInformer, type EventHandler } from './shared-informer.js';

const cm = (name: string, data = 'v'): KubeObject => ({ metadata: { namespace: 'ns', name }, data: { k: data } });
const rv = (o: KubeObject): string => o.metadata?.resourceVersion ?? '';
const FAST = { backoffInitialMs: 5, backoffMaxMs: 20 };

/** eventually waits for cond, checking after every macrotask (tests only). */
async function eventually(cond: () => boolean, what: string, ms = 3000): Promise<void> {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 2));
  }
}

/** recorder logs what a handler heard as `add a@1`, `update a 1->2`, `delete a@3`, `delete? a@2`. */
function recorder(): { log: string[]; handler: EventHandler } {
  const log: string[] = [];
  return {
    log,
    handler: {
      onAdd: (o, initial) => log.push(`add ${o.metadata?.name}@${rv(o)}${initial ? ' (initial)' : ''}`),
      onUpdate: (a, b) => log.push(`update ${b.metadata?.name} ${rv(a)}->${rv(b)}`),
      onDelete: (o) => log.push(`${isDeletedFinalStateUnknown(o) ? 'delete?' : 'delete'} ${objectOf(o).metadata?.name}@${rv(objectOf(o))}`),
    },
  };
}

// Every informer stops at the end even when its test failed half-way, so the process can exit.
const stops: AbortController[] = [];
t.teardown(() => stops.forEach((c) => c.abort()));
const controller = (): AbortController => {
  const c = new AbortController();
  stops.push(c);
  return c;
};

function start(src: FakeSource, opts: ConstructorParameters<typeof SharedInformer>[1] = {}) {
  const informer = new SharedInformer(src, { reflector: FAST, ...opts });
  const ctrl = controller();
  return { informer, ctrl };
}

t.test('list, then watch from the list revision with bookmarks; handlers hear adds first', async (t) => {
  const src = new FakeSource();
  src.add(cm('a'));
  src.add(cm('b'));
  const { informer, ctrl } = start(src);
  const rec = recorder();
  const reg = informer.addEventHandler(rec.handler);
  t.notOk(informer.hasSynced());
  const running = informer.run(ctrl.signal);
  t.ok(await informer.waitForSync(ctrl.signal));
  await eventually(() => reg.hasSynced(), 'handler sync');
  t.same(rec.log, ['add a@1 (initial)', 'add b@2 (initial)']);
  await eventually(() => src.openWatches === 1, 'watch');
  t.match(src.watchCalls[0], { resourceVersion: '2', allowWatchBookmarks: true });
  t.ok(Number(src.watchCalls[0]!.timeoutSeconds) >= 300 && Number(src.watchCalls[0]!.timeoutSeconds) < 600, 'timeout spread over [5, 10) min');
  src.modify(cm('a', 'v2'));
  src.delete('ns/b');
  src.add(cm('c'));
  await eventually(() => rec.log.length === 5, 'events');
  t.same(rec.log.slice(2), ['update a 1->3', 'delete b@4', 'add c@5']);
  t.same(informer.indexer.listKeys().sort(), ['ns/a', 'ns/c']);
  t.equal(informer.lastSyncResourceVersion(), '5');
  await t.rejects(informer.run(ctrl.signal), /already started/);
  ctrl.abort();
  await running;
  t.equal(src.openWatches, 0, 'the watch is closed on stop');
});

t.test('a dropped watch resumes from the last event or bookmark: nothing missed, nothing twice', async (t) => {
  const src = new FakeSource();
  const { informer, ctrl } = start(src);
  const rec = recorder();
  informer.addEventHandler(rec.handler);
  const running = informer.run(ctrl.signal);
  await eventually(() => src.openWatches === 1, 'watch');
  src.add(cm('a'));
  await eventually(() => rec.log.length === 1, 'add');
  src.dropWatches();
  src.add(cm('b')); // while no watch is open
  await eventually(() => src.openWatches === 1, 're-watch');
  t.equal(src.watchCalls[1]!.resourceVersion, '1', 'from the last event seen');
  await eventually(() => rec.log.length === 2, 'b');
  src.add(cm('x'));
  src.revision += 5; // writes to other resources: the revision moves on without events here
  src.bookmark();
  await eventually(() => informer.lastSyncResourceVersion() === '8', 'bookmark');
  src.dropWatches();
  await eventually(() => src.watchCalls.length === 3 && src.openWatches === 1, 're-watch');
  t.equal(src.watchCalls[2]!.resourceVersion, '8', 'from the bookmark');
  t.same(rec.log, ['add a@1', 'add b@2', 'add x@3']);
  t.equal(informer.reflector.stats.lists, 1, 'no relist');
  t.equal(informer.reflector.stats.failures, 2);
  ctrl.abort();
  await running;
});

t.test('410 on re-watch: relist, and replace hands out exactly the differences', async (t) => {
  const src = new FakeSource();
  for (const n of ['keep', 'change', 'remove', 'recreate']) src.add(cm(n));
  const { informer, ctrl } = start(src);
  const rec = recorder();
  informer.addEventHandler(rec.handler);
  const running = informer.run(ctrl.signal);
  await eventually(() => src.openWatches === 1 && rec.log.length === 4, 'synced');
  src.dropWatches();
  // While disconnected: changes the informer will only learn from a relist.
  src.modify(cm('change', 'v2'));
  src.delete('ns/remove');
  src.delete('ns/recreate');
  src.add({ ...cm('recreate'), metadata: { namespace: 'ns', name: 'recreate', uid: 'second-life' } });
  src.add(cm('new'));
  src.compact();
  await eventually(() => informer.reflector.stats.lists === 2 && rec.log.length === 9, 'relist');
  // The re-created object's old incarnation is deleted before the new one is added: it is not an update.
  t.same(rec.log.slice(4), ['update change 2->5', 'delete? recreate@4', 'add recreate@8', 'add new@9', 'delete? remove@3']);
  t.equal(informer.reflector.stats.expired, 1);
  t.equal(src.listCalls.length, 2);
  t.same(informer.indexer.list().map((o) => `${o.metadata?.name}@${rv(o)}`).sort(), src.items().map((o) => `${o.metadata?.name}@${rv(o)}`).sort());
  await eventually(() => src.openWatches === 1, 'watch after relist');
  t.equal(src.watchCalls.at(-1)!.resourceVersion, '9', 'watches from the relist revision');
  ctrl.abort();
  await running;
});

t.test('interruptWatch drops the watch like a broken connection', async (t) => {
  const src = new FakeSource();
  const { informer, ctrl } = start(src);
  t.notOk(informer.reflector.interruptWatch(), 'no watch yet');
  const running = informer.run(ctrl.signal);
  await eventually(() => src.openWatches === 1, 'watch');
  src.add(cm('a'));
  await eventually(() => informer.indexer.size === 1, 'a');
  t.ok(informer.reflector.interruptWatch());
  await eventually(() => src.watchCalls.length === 2 && src.openWatches === 1, 're-watch');
  t.equal(src.watchCalls[1]!.resourceVersion, '1');
  t.equal(informer.reflector.stats.lists, 1);
  ctrl.abort();
  await running;
});

t.test('an ERROR 410 mid-stream relists too', async (t) => {
  const src = new FakeSource();
  src.add(cm('a'));
  const { informer, ctrl } = start(src);
  const running = informer.run(ctrl.signal);
  await eventually(() => src.openWatches === 1, 'watch');
  src.dropWatches(new ApiError(410, 'Expired', 'watch closed: fell behind'));
  await eventually(() => informer.reflector.stats.lists === 2, 'relist');
  t.equal(informer.reflector.stats.expired, 1);
  ctrl.abort();
  await running;
});

t.test('a handler added late catches up with adds, then hears live events in order', async (t) => {
  const src = new FakeSource();
  src.add(cm('a'));
  src.add(cm('b'));
  const { informer, ctrl } = start(src);
  const running = informer.run(ctrl.signal);
  await informer.waitForSync(ctrl.signal);
  await eventually(() => src.openWatches === 1, 'watch');
  const rec = recorder();
  const reg = informer.addEventHandler(rec.handler);
  t.same(rec.log, [], 'not delivered inside addEventHandler');
  t.notOk(reg.hasSynced());
  src.modify(cm('a', 'v2'));
  await eventually(() => rec.log.length === 3, 'events');
  t.same(rec.log, ['add a@1 (initial)', 'add b@2 (initial)', 'update a 1->3']);
  t.ok(reg.hasSynced());
  reg.remove();
  src.add(cm('c'));
  await eventually(() => informer.indexer.has('ns/c'), 'c');
  await new Promise((r) => setTimeout(r, 5));
  t.equal(rec.log.length, 3, 'removed handlers hear nothing');
  ctrl.abort();
  await running;
});

t.test('a throwing handler neither stops the informer nor other handlers', async (t) => {
  const src = new FakeSource();
  const errors: string[] = [];
  const { informer, ctrl } = start(src, { name: 'cms', onError: (err, where) => errors.push(`${where}: ${(err as Error).message}`) });
  informer.addEventHandler({ onAdd: () => { throw new Error('boom'); } });
  const rec = recorder();
  informer.addEventHandler(rec.handler);
  const running = informer.run(ctrl.signal);
  await eventually(() => src.openWatches === 1, 'watch');
  src.add(cm('a'));
  src.add(cm('b'));
  await eventually(() => rec.log.length === 2, 'events');
  t.same(errors, ['cms: handler: boom', 'cms: handler: boom']);
  ctrl.abort();
  await running;
});

t.test('failures back off exponentially to the cap; a healthy watch resets it', async (t) => {
  const src = new FakeSource();
  const reset = Object.assign(new Error('reset'), { code: 'ECONNRESET' });
  src.failNextList(new Error('refused'), new Error('refused'));
  src.failNextWatch(reset, reset, reset, reset);
  const times: number[] = [];
  const lw = {
    list: (o: Parameters<FakeSource['list']>[0]) => (times.push(performance.now()), src.list(o)),
    watch: (o: Parameters<FakeSource['watch']>[0], s: AbortSignal) => (times.push(performance.now()), src.watch(o, s)),
  };
  const informer = new SharedInformer(lw, { reflector: { backoffInitialMs: 20, backoffMaxMs: 80, healthyWatchMs: 50 } });
  const ctrl = controller();
  const running = informer.run(ctrl.signal);
  await eventually(() => src.openWatches === 1, 'watch', 5000);
  // list ✗ (20) list ✗ (40) list ✓ watch ✗ (80) watch ✗ (80) watch ✗ (80) watch ✗ (80) watch ✓
  const gaps = times.slice(1).map((x, i) => x - times[i]!);
  t.equal(gaps.length, 7);
  const want = [20, 40, 0, 80, 80, 80, 80];
  gaps.forEach((g, i) => t.ok(g >= want[i]! - 2 && g < want[i]! + 60, `gap ${i}: ${Math.round(g)} ms, want ~${want[i]}`));
  // Healthy (an event arrived), then dropped: the next wait is the initial one again.
  src.add(cm('a'));
  await eventually(() => informer.indexer.size === 1, 'event');
  const before = performance.now();
  src.dropWatches();
  await eventually(() => src.openWatches === 1, 're-watch');
  const waited = performance.now() - before;
  t.ok(waited >= 18 && waited < 70, `reset to the initial backoff: ${Math.round(waited)} ms`);
  ctrl.abort();
  await running;
});

t.test('a watch the server ends after a healthy run is renewed at once; a short empty one waits', async (t) => {
  const src = new FakeSource();
  let calls = 0;
  const lw = {
    list: src.list.bind(src),
    // Every watch ends cleanly right away, as a server with a tiny timeout would.
    watch: async function* (o: Parameters<FakeSource['watch']>[0]) {
      calls++;
      void o;
    },
  };
  const informer = new SharedInformer(lw, { reflector: { backoffInitialMs: 30, backoffMaxMs: 30, healthyWatchMs: 1000 } });
  const ctrl = controller();
  const running = informer.run(ctrl.signal);
  await new Promise((r) => setTimeout(r, 200));
  t.ok(calls >= 3 && calls <= 8, `empty short watches are spaced by the backoff: ${calls} in 200 ms`);
  ctrl.abort();
  await running;
});

t.test('waitForSync gives up when its signal aborts; resync re-delivers the cache', async (t) => {
  const src = new FakeSource();
  src.failNextList(new Error('down'), new Error('down'), new Error('down'));
  const informer = new SharedInformer(src, { reflector: { backoffInitialMs: 1000 }, resyncMs: 20 });
  const ctrl = controller();
  const running = informer.run(ctrl.signal);
  const giveUp = new AbortController();
  setTimeout(() => giveUp.abort(), 20);
  t.equal(await informer.waitForSync(giveUp.signal), false);
  ctrl.abort();
  await running;

  const src2 = new FakeSource();
  src2.add(cm('a'));
  const { informer: inf2, ctrl: c2 } = start(src2, { resyncMs: 20 });
  const rec = recorder();
  inf2.addEventHandler(rec.handler);
  const running2 = inf2.run(c2.signal);
  await eventually(() => rec.log.filter((l) => l === 'update a 1->1').length >= 2, 'resyncs');
  c2.abort();
  await running2;
});
