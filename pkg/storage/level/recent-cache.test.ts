// The recent-record cache stays within its byte bound, evicting the least recently used keys,
// and the store serves reads from it exactly as LevelDB would.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import t from 'tap';
import { RecentCache } from './recent-cache.js';
import { LevelStore } from './store.js';

const rec = (key: string, bytes: number, rev = 1) => ({ key, modRevision: rev, createRevision: rev, prevRevision: 0, deleted: false, value: new Uint8Array(bytes) });

t.test('bounded by bytes, least recently used out first', async (t) => {
  const c = new RecentCache(3 * (1000 + 64 + 1));
  c.set('a', rec('a', 1000));
  c.set('b', rec('b', 1000));
  c.set('c', rec('c', 1000));
  t.equal(c.size, 3);
  t.ok(c.get('a'), 'touch a');
  c.set('d', rec('d', 1000));
  t.equal(c.get('b'), undefined, 'b was least recently used');
  t.ok(c.get('a'));
  c.set('a', null);
  t.equal(c.get('a'), null, 'a cached delete');
});

t.test('the store reads its own writes through the cache, and deletes', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'kubelite-recent-'));
  const store = await LevelStore.open(dir);
  t.teardown(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });
  const enc = (s: string) => new TextEncoder().encode(s);
  const dec = (v: Uint8Array | undefined) => new TextDecoder().decode(v);
  const a = await store.create('/k/a', enc('1'));
  t.equal(dec((await store.get('/k/a'))?.value), '1');
  const b = await store.update('/k/a', enc('2'), a.modRevision);
  const got = await store.get('/k/a');
  t.equal(dec(got?.value), '2');
  t.equal(got?.modRevision, b.modRevision);
  await store.delete('/k/a', b.modRevision);
  t.equal(await store.get('/k/a'), null);
  const coldDir = mkdtempSync(join(tmpdir(), 'kubelite-recent-off-'));
  const cold = await LevelStore.open(coldDir, { readCacheBytes: 0 });
  await cold.create('/k/x', enc('x'));
  t.equal(dec((await cold.get('/k/x'))?.value), 'x', 'works with the cache off');
  await cold.close();
  rmSync(coldDir, { recursive: true, force: true });
});

t.test('a delete event never shares its bytes with the write before it (watchers key decodes on them)', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'kubelite-recent-del-'));
  const store = await LevelStore.open(dir);
  t.teardown(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });
  const ctrl = new AbortController();
  const seen: Array<{ type: string; value: Uint8Array }> = [];
  const from = store.currentRevision();
  const reading = (async () => {
    for await (const e of store.watch('/d/', from, ctrl.signal)) {
      seen.push(e);
      if (seen.length === 4) break;
    }
  })();
  const a = await store.create('/d/a', new Uint8Array([1]));
  await store.delete('/d/a', a.modRevision); // last value from the cache
  const b = await store.create('/d/b', new Uint8Array([2]));
  void store.delete('/d/b', b.modRevision); // last value may still be pending
  await reading;
  ctrl.abort();
  t.strictSame(seen.map((e) => e.type), ['ADDED', 'DELETED', 'ADDED', 'DELETED']);
  t.not(seen[1]?.value, seen[0]?.value);
  t.not(seen[3]?.value, seen[2]?.value);
  t.strictSame([...(seen[1]?.value ?? [])], [1], 'same content');
});
