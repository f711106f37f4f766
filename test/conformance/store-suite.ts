// The Store contract (pkg/storage/interface.ts) as tests. Every implementation runs this suite
// through a small runner (store-<impl>.test.ts) that says how to open a fresh store.
import type { Test } from 'tap';
import type { Store, WatchEvent } from '../../pkg/storage/interface.js';

/** StoreFactory opens a fresh, empty store; the suite closes it. */
export type StoreFactory = (opts: { watchBuffer?: number }) => Promise<Store>;

const enc = (s: string): Uint8Array => Buffer.from(s);
const dec = (b: Uint8Array | undefined): string | undefined => (b === undefined ? undefined : Buffer.from(b).toString());

/** collect reads n events from a watch (or fails after a timeout). */
async function collect(events: AsyncIterable<WatchEvent>, n: number, timeoutMs = 5000): Promise<WatchEvent[]> {
  const out: WatchEvent[] = [];
  if (n === 0) return out;
  const it = events[Symbol.asyncIterator]();
  const deadline = Date.now() + timeoutMs;
  while (out.length < n) {
    const left = deadline - Date.now();
    const next = await Promise.race([it.next(), new Promise<'timeout'>((r) => setTimeout(() => r('timeout'), Math.max(left, 0)))]);
    if (next === 'timeout') throw new Error(`timed out after ${out.length} of ${n} events`);
    if (next.done) break;
    out.push(next.value);
  }
  return out;
}

const brief = (e: WatchEvent): string => `${e.type} ${e.key}=${dec(e.value)}@${e.revision}`;

/** storeConformance registers the whole suite on t. */
export function storeConformance(t: Test, open: StoreFactory): void {
  const withStore = (name: string, fn: (t: Test, s: Store) => Promise<void>, opts: { watchBuffer?: number } = {}): void => {
    t.test(name, async (t) => {
      const s = await open(opts);
      try {
        await fn(t, s);
      } finally {
        await s.close();
      }
    });
  };

  withStore('create, get, and AlreadyExists', async (t, s) => {
    const kv = await s.create('/a/1', enc('one'));
    t.ok(kv.modRevision > 0, 'create returns a revision');
    t.equal(kv.createRevision, kv.modRevision);
    const got = await s.get('/a/1');
    t.equal(dec(got?.value), 'one');
    t.equal(got?.modRevision, kv.modRevision);
    t.equal(s.currentRevision(), kv.modRevision, 'current revision is the last write');
    await t.rejects(s.create('/a/1', enc('again')), { code: 'AlreadyExists' });
    t.equal(await s.get('/a/none'), null, 'missing key reads null');
  });

  withStore('one cluster-wide revision: every write gets the next one', async (t, s) => {
    const revs: number[] = [];
    revs.push((await s.create('/x/a', enc('1'))).modRevision);
    revs.push((await s.create('/y/b', enc('2'))).modRevision);
    revs.push((await s.update('/x/a', enc('3'))).modRevision);
    revs.push((await s.delete('/y/b')).modRevision);
    revs.push((await s.create('/z', enc('4'))).modRevision);
    for (let i = 1; i < revs.length; i++) t.equal(revs[i], (revs[i - 1] as number) + 1, `write ${i} got the next revision`);
    await t.rejects(s.update('/x/a', enc('no'), 1), { code: 'Conflict' });
    t.equal(s.currentRevision(), revs[revs.length - 1], 'a failed write takes no revision');
  });

  withStore('update: preconditions, Conflict and NotFound', async (t, s) => {
    const c = await s.create('/u/k', enc('v1'));
    const u = await s.update('/u/k', enc('v2'), c.modRevision);
    t.ok(u.modRevision > c.modRevision);
    t.equal(u.createRevision, c.createRevision, 'update keeps the create revision');
    const err = await s.update('/u/k', enc('v3'), c.modRevision).catch((e: unknown) => e);
    t.match(err, { code: 'Conflict', currentRevision: u.modRevision }, 'stale precondition → Conflict with the current revision');
    t.equal(dec((await s.get('/u/k'))?.value), 'v2', 'a conflicting update changes nothing');
    await s.update('/u/k', enc('v4'));
    t.equal(dec((await s.get('/u/k'))?.value), 'v4', 'update without precondition always applies');
    await t.rejects(s.update('/u/none', enc('x')), { code: 'NotFound' });
  });

  withStore('delete: returns the last value, honours preconditions', async (t, s) => {
    const c = await s.create('/d/k', enc('last'));
    await t.rejects(s.delete('/d/k', c.modRevision + 100), { code: 'Conflict' });
    const d = await s.delete('/d/k', c.modRevision);
    t.equal(dec(d.value), 'last');
    t.ok(d.modRevision > c.modRevision, 'a delete takes a revision');
    t.equal(await s.get('/d/k'), null);
    await t.rejects(s.delete('/d/k'), { code: 'NotFound' });
    const again = await s.create('/d/k', enc('reborn'));
    t.equal(again.createRevision, again.modRevision, 'a re-created key has a new create revision');
  });

  withStore('list: sorted, prefix-bounded, consistent at one revision', async (t, s) => {
    for (const k of ['/p/b', '/p/a', '/p/c', '/pp/x', '/o/z']) await s.create(k, enc(k));
    const l = await s.list('/p/');
    t.same(l.items.map((i) => i.key), ['/p/a', '/p/b', '/p/c']);
    t.equal(l.revision, s.currentRevision());
    t.equal(l.continue, undefined, 'no continue token when everything fits');
    t.same((await s.list('/nothing/')).items, []);
  });

  withStore('list pages with limit/continue stay at the first page revision', async (t, s) => {
    for (let i = 0; i < 10; i++) await s.create(`/pg/${i}`, enc(`v${i}`));
    const first = await s.list('/pg/', { limit: 4 });
    t.same(first.items.map((i) => i.key), ['/pg/0', '/pg/1', '/pg/2', '/pg/3']);
    t.ok(first.continue, 'a continue token when more remain');
    // Change the world between pages: the next pages must still show the first page's revision.
    await s.update('/pg/5', enc('changed'));
    await s.delete('/pg/6');
    await s.create('/pg/55', enc('new'));
    await s.delete('/pg/1');
    const second = await s.list('/pg/', { limit: 4, continue: first.continue as string });
    t.equal(second.revision, first.revision);
    t.same(second.items.map((i) => `${i.key}=${dec(i.value)}`), ['/pg/4=v4', '/pg/5=v5', '/pg/6=v6', '/pg/7=v7']);
    const third = await s.list('/pg/', { limit: 4, continue: second.continue as string });
    t.same(third.items.map((i) => i.key), ['/pg/8', '/pg/9']);
    t.equal(third.continue, undefined);
    const now = await s.list('/pg/');
    t.same(now.items.map((i) => i.key), ['/pg/0', '/pg/2', '/pg/3', '/pg/4', '/pg/5', '/pg/55', '/pg/7', '/pg/8', '/pg/9']);
    await t.rejects(s.list('/pg/', { continue: 'garbage!' }), { code: 'InvalidContinue' });
  });

  withStore('list at an older revision', async (t, s) => {
    const a = await s.create('/h/a', enc('a1'));
    await s.create('/h/b', enc('b1'));
    const at = s.currentRevision();
    await s.update('/h/a', enc('a2'));
    await s.delete('/h/b');
    await s.create('/h/c', enc('c1'));
    const past = await s.list('/h/', { revision: at });
    t.same(past.items.map((i) => `${i.key}=${dec(i.value)}@${i.modRevision}`), [`/h/a=a1@${a.modRevision}`, `/h/b=b1@${at}`]);
    t.equal(past.revision, at);
    await t.rejects(s.list('/h/', { revision: s.currentRevision() + 10 }), { code: 'FutureRevision' });
  });

  withStore('100 concurrent read-modify-write updates of one key lose nothing', async (t, s) => {
    await s.create('/cas/counter', enc('0'));
    const revisions: number[] = [];
    let conflicts = 0;
    const worker = async (): Promise<void> => {
      for (;;) {
        const cur = (await s.get('/cas/counter'))!;
        try {
          const kv = await s.update('/cas/counter', enc(String(Number(dec(cur.value)) + 1)), cur.modRevision);
          revisions.push(kv.modRevision);
          return;
        } catch (err) {
          if ((err as { code?: string }).code !== 'Conflict') throw err;
          conflicts++;
        }
      }
    };
    await Promise.all(Array.from({ length: 100 }, worker));
    t.equal(dec((await s.get('/cas/counter'))?.value), '100', 'every increment survived');
    t.equal(new Set(revisions).size, 100, 'each success has a distinct revision');
    t.ok(conflicts > 0, `concurrency was real (${conflicts} conflicts retried)`);
  });

  withStore('watch from R sees exactly the events after R, history then live', async (t, s) => {
    await s.create('/w/a', enc('a1'));
    const r = s.currentRevision();
    await s.update('/w/a', enc('a2'));
    await s.create('/w/b', enc('b1'));
    await s.create('/other/x', enc('x'));
    await s.delete('/w/a');
    const ac = new AbortController();
    const stream = s.watch('/w/', r, ac.signal);
    const livePromise = (async () => {
      await s.create('/w/c', enc('c1'));
      await s.update('/w/b', enc('b2'));
    })();
    const events = await collect(stream, 5);
    await livePromise;
    ac.abort();
    t.same(events.map(brief), [
      `MODIFIED /w/a=a2@${r + 1}`,
      `ADDED /w/b=b1@${r + 2}`,
      `DELETED /w/a=a2@${r + 4}`,
      `ADDED /w/c=c1@${r + 5}`,
      `MODIFIED /w/b=b2@${r + 6}`,
    ]);
  });

  withStore('watch from now sees only later events; abort ends it', async (t, s) => {
    await s.create('/n/old', enc('old'));
    const ac = new AbortController();
    const stream = s.watch('/n/', 0, ac.signal);
    await s.create('/n/new', enc('new'));
    const [e] = await collect(stream, 1);
    t.equal(e?.key, '/n/new');
    ac.abort();
    const rest = await collect(stream, 1, 1000);
    t.same(rest, [], 'an aborted watch ends');
  });

  withStore('watch delivers prevValue when asked', async (t, s) => {
    await s.create('/pv/a', enc('one'));
    const ac = new AbortController();
    const stream = s.watch('/pv/', s.currentRevision(), ac.signal, { prevValues: true });
    await s.update('/pv/a', enc('two'));
    await s.delete('/pv/a');
    const events = await collect(stream, 2);
    ac.abort();
    t.same(events.map((e) => [e.type, dec(e.value), dec(e.prevValue)]), [['MODIFIED', 'two', 'one'], ['DELETED', 'two', 'two']]);
  });

  withStore('many watchers each see every event in order', async (t, s) => {
    const ac = new AbortController();
    const streams = Array.from({ length: 20 }, () => s.watch('/many/', 0, ac.signal));
    const writes = Array.from({ length: 50 }, (_, i) => s.create(`/many/${i}`, enc(String(i))));
    const results = await Promise.all(streams.map((st) => collect(st, 50)));
    const revs = (await Promise.all(writes)).map((kv) => kv.modRevision).sort((a, b) => a - b);
    ac.abort();
    for (const r of results) t.same(r.map((e) => e.revision), revs);
  });

  withStore('compaction: old revisions are Expired, newer ones still work', async (t, s) => {
    await s.create('/c/a', enc('1'));
    const early = s.currentRevision();
    for (let i = 2; i <= 20; i++) await s.update('/c/a', enc(String(i)));
    await s.create('/c/b', enc('b'));
    await s.delete('/c/b');
    const mid = s.currentRevision();
    await s.update('/c/a', enc('21'));
    await s.compact(mid);
    await t.rejects(s.list('/c/', { revision: early }), { code: 'Expired' });
    t.throws(() => s.watch('/c/', early, new AbortController().signal), { code: 'Expired' });
    const atMid = await s.list('/c/', { revision: mid });
    t.same(atMid.items.map((i) => dec(i.value)), ['20'], 'the state at the compacted revision is still readable');
    const ac = new AbortController();
    const events = await collect(s.watch('/c/', mid, ac.signal), 1);
    ac.abort();
    t.same(events.map(brief), [`MODIFIED /c/a=21@${mid + 1}`]);
    t.equal(dec((await s.get('/c/a'))?.value), '21');
  });

  withStore(
    'a slow watcher is cut off with WatchOverflow; writers and other watchers go on',
    async (t, s) => {
      const ac = new AbortController();
      const slow = s.watch('/slow/', 0, ac.signal)[Symbol.asyncIterator]();
      const fast = s.watch('/slow/', 0, ac.signal);
      const fastEvents = collect(fast, 200);
      const started = Date.now();
      for (let i = 0; i < 200; i++) await s.create(`/slow/${i}`, enc('x'));
      t.ok(Date.now() - started < 10_000, 'writers were not held up by the slow watcher');
      t.equal((await fastEvents).length, 200, 'the fast watcher saw everything');
      // The slow one is far behind: it may get what was buffered, then it must fail.
      let err: unknown;
      try {
        for (let i = 0; i < 300; i++) if ((await slow.next()).done) break;
      } catch (e) {
        err = e;
      }
      ac.abort();
      t.match(err, { code: 'WatchOverflow' });
    },
    { watchBuffer: 50 },
  );

  withStore('keys and values are bounded', async (t, s) => {
    await t.rejects(s.create('/big', new Uint8Array(1.5 * 1024 * 1024 + 1)), { code: 'TooLarge' });
    await t.rejects(s.create('/k/' + 'x'.repeat(5000), enc('v')), { code: 'TooLarge' });
    const ok = await s.create('/big', new Uint8Array(1024 * 1024));
    t.ok(ok.modRevision > 0, '1 MiB is accepted');
  });
}
