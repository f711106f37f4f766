// LevelDB-specific behaviour of LevelStore that the generic conformance suite cannot see: what
// survives a reopen, how a bad data dir is refused, and that compaction keeps the log bounded.
import { mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import t, { type Test } from 'tap';
import { Level } from 'level';
import { isStorageError } from '../errors.js';
import { LevelStore } from './store.js';
import { killAll, spawnChild, storeWriter, tsxArgv } from '../../../test/integration/fixtures/child.js';

const dirs: string[] = [];
const tempDir = (): string => {
  const d = mkdtempSync(join(tmpdir(), 'kubelite-level-'));
  dirs.push(d);
  return d;
};
t.teardown(() => {
  killAll();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

const enc = (s: string): Uint8Array => Buffer.from(s);
const dec = (b: Uint8Array | undefined): string | undefined => (b === undefined ? undefined : Buffer.from(b).toString());

/** raw opens the data dir with the level package itself, as an operator's tool would. */
async function raw<T>(dir: string, fn: (db: Level<string, string>) => Promise<T>): Promise<T> {
  const db = new Level<string, string>(dir, { keyEncoding: 'utf8', valueEncoding: 'utf8' });
  await db.open();
  try {
    return await fn(db);
  } finally {
    await db.close();
  }
}

const logCount = (dir: string): Promise<number> =>
  raw(dir, async (db) => {
    let n = 0;
    for await (const _ of db.keys({ gte: 'r', lt: 's' })) n++;
    return n;
  });

/** updateMany rewrites key n times, `width` writes in flight at once so group commit keeps it quick. */
async function updateMany(store: LevelStore, key: string, n: number, width = 200): Promise<void> {
  for (let done = 0; done < n; ) {
    const round = Math.min(width, n - done);
    await Promise.all(Array.from({ length: round }, (_, i) => store.update(key, enc(`v${done + i}`))));
    done += round;
  }
}

/** expectOpenFails opens dir and checks the StorageError code and that the message names the dir. */
async function expectOpenFails(t: Test, dir: string, code: string, message: RegExp): Promise<void> {
  const err = await LevelStore.open(dir).then(
    async (s) => {
      await s.close();
      return undefined;
    },
    (e: unknown) => e,
  );
  t.ok(isStorageError(err), `a StorageError, not ${String(err)}`);
  if (!isStorageError(err)) return;
  t.equal(err.code, code);
  t.ok(err.message.includes(dir), `the message names the directory: ${err.message}`);
  t.match(err.message, message);
  t.notMatch(err.message, /\n/, 'one line');
}

t.test('reopening keeps data, the revision counter and the compaction mark', async (t) => {
  const dir = tempDir();
  let s = await LevelStore.open(dir);
  const a = await s.create('/a', enc('a1'));
  await s.create('/b', enc('b1'));
  const c1 = await s.create('/c', enc('c1'));
  await s.update('/a', enc('a2'), a.modRevision);
  await s.delete('/b');
  const mark = s.currentRevision();
  await s.compact(mark);
  await s.update('/c', enc('c2'));
  const head = s.currentRevision();
  await s.close();

  s = await LevelStore.open(dir);
  t.teardown(() => s.close());
  t.equal(s.currentRevision(), head, 'revision counter');
  t.equal(s.compactedRevision(), mark, 'compaction mark');
  const got = await s.get('/a');
  t.same([dec(got?.value), got?.createRevision], ['a2', a.modRevision], '/a kept its value and create revision');
  t.equal(await s.get('/b'), null, 'a deleted key stays deleted');
  const now = await s.list('/');
  t.same(now.items.map((kv) => `${kv.key}=${dec(kv.value)}`), ['/a=a2', '/c=c2']);
  t.equal(now.revision, head);
  const then = await s.list('/', { revision: mark });
  t.same(then.items.map((kv) => `${kv.key}=${dec(kv.value)}@${kv.modRevision}`), [`/a=a2@${a.modRevision + 3}`, `/c=c1@${c1.modRevision}`], 'history at the mark');
  await t.rejects(s.list('/', { revision: mark - 1 }), { code: 'Expired' }, 'history before the mark is gone');
  await t.rejects(s.create('/a', enc('again')), { code: 'AlreadyExists' }, 'the index was rebuilt');
  t.equal((await s.create('/b', enc('b2'))).modRevision, head + 1, 'the next write continues the counter');
});

t.test('a data dir in use is refused with Locked', async (t) => {
  t.test('by another process', async (t) => {
    const dir = tempDir();
    const holder = spawnChild(tsxArgv(storeWriter, 'hold', dir));
    t.teardown(() => void holder.proc.kill('SIGKILL'));
    await holder.waitFor((l) => l === 'open');
    await expectOpenFails(t, dir, 'Locked', /in use/);
    holder.proc.kill('SIGKILL');
    await holder.exited;
    const s = await LevelStore.open(dir);
    t.ok(s.currentRevision() >= 0, 'the lock dies with its process');
    await s.close();
  });
  t.test('by this process', async (t) => {
    const dir = tempDir();
    const first = await LevelStore.open(dir);
    await first.create('/x', enc('1'));
    await expectOpenFails(t, dir, 'Locked', /in use/);
    t.equal(dec((await first.get('/x'))?.value), '1', 'the refused open did not disturb the open store');
    await first.close();
    const again = await LevelStore.open(dir);
    t.equal(again.currentRevision(), 1);
    await again.close();
  });
});

/** populated makes a closed data dir whose data sits in .ldb tables (a reopen flushes the log). */
async function populated(): Promise<string> {
  const dir = tempDir();
  const s = await LevelStore.open(dir);
  await Promise.all(Array.from({ length: 200 }, (_, i) => s.create(`/k/${i}`, enc(`value ${i}`))));
  await s.close();
  await (await LevelStore.open(dir)).close();
  return dir;
}

t.test('a corrupt database is refused with Corrupt and one clear message', async (t) => {
  const garbage = (t: Test, dir: string, pick: (f: string) => boolean): void => {
    const hit = readdirSync(dir).filter(pick);
    t.ok(hit.length > 0, `there are files to corrupt among ${readdirSync(dir).join(' ')}`);
    for (const f of hit) writeFileSync(join(dir, f), Buffer.alloc(Math.max(statSync(join(dir, f)).size, 64), 0x5a));
  };
  const cases: [string, (f: string) => boolean][] = [
    ['CURRENT', (f) => f === 'CURRENT'],
    ['MANIFEST', (f) => f.startsWith('MANIFEST-')],
    ['.ldb tables', (f) => f.endsWith('.ldb')],
  ];
  for (const [name, pick] of cases) {
    await t.test(name, async (t) => {
      const dir = await populated();
      garbage(t, dir, pick);
      await expectOpenFails(t, dir, 'Corrupt', /corrupt.*backup/i);
    });
  }
  await t.test('an undecodable record', async (t) => {
    const dir = await populated();
    await raw(dir, (db) => db.put('k/k/bad', '\u00ff\u00ff\u00ff\u00ff'));
    await expectOpenFails(t, dir, 'Corrupt', /corrupt.*backup/i);
  });
});

t.test('a data dir of another format is refused with FormatMismatch', async (t) => {
  t.test('another kubelite format', async (t) => {
    const dir = await populated();
    await raw(dir, (db) => db.put('mformat', 'kubelite-leveldb/999'));
    await expectOpenFails(t, dir, 'FormatMismatch', /kubelite-leveldb\/999.*kubelite-leveldb\/1.*(release|docs)/);
  });
  t.test('a LevelDB database without the marker', async (t) => {
    const dir = tempDir();
    await raw(dir, (db) => db.put('someone', 'else'));
    await expectOpenFails(t, dir, 'FormatMismatch', /no kubelite format marker.*(release|docs)/);
    t.equal(await raw(dir, (db) => db.get('mformat')), undefined, 'the refused dir was not marked as ours');
  });
  t.test('an empty LevelDB database is adopted', async (t) => {
    const dir = tempDir();
    await raw(dir, async () => undefined);
    const s = await LevelStore.open(dir);
    await s.close();
    t.equal(await raw(dir, (db) => db.get('mformat')), 'kubelite-leveldb/1');
  });
});

t.test('compaction keeps the log of a rewritten key bounded', async (t) => {
  const dir = tempDir();
  const s = await LevelStore.open(dir);
  await s.create('/lease', enc('start'));
  // Lease churn: 20,000 renewals, compacting to the head every 1,000 as the API server's timer would.
  for (let i = 0; i < 20; i++) {
    await updateMany(s, '/lease', 1000);
    await s.compact(s.currentRevision());
  }
  t.equal(s.compactedRevision(), 20_001);
  // Uncompacted writes do stay in the log, so the count below measures compaction, not absence.
  await updateMany(s, '/lease', 50);
  const head = s.currentRevision();
  await s.close();
  t.equal(await logCount(dir), 51, 'the compacted record plus the 50 uncompacted ones');

  const again = await LevelStore.open(dir);
  t.equal(dec((await again.get('/lease'))?.value), 'v49');
  await again.compact(head);
  await again.close();
  t.equal(await logCount(dir), 1, 'after 20,050 writes to one key, its log is one record');
});

t.test('a sweep interrupted by a crash finishes on the next open', async (t) => {
  const scenarios: [string, (db: Level<string, string>) => Promise<void>][] = [
    ['the mark was written, no sweep yet', (db) => db.put('mcompacted', '400')],
    [
      'the sweep got half way',
      async (db) => {
        // As the first chunks of a sweep to 400 would leave it: superseded records up to 300 gone.
        await db.batch(Array.from({ length: 299 }, (_, i) => ({ type: 'del' as const, key: 'r' + (i + 1).toString(16).padStart(14, '0') })));
        await db.put('mswept', '300');
        await db.put('mcompacted', '400');
      },
    ],
  ];
  for (const [name, crash] of scenarios) {
    await t.test(name, async (t) => {
      const dir = tempDir();
      let s = await LevelStore.open(dir);
      await s.create('/lease', enc('v0'));
      await updateMany(s, '/lease', 499, 50); // revisions 2..500
      await s.close();
      t.equal(await logCount(dir), 500);
      await raw(dir, crash);

      s = await LevelStore.open(dir);
      t.equal(s.compactedRevision(), 400, 'the mark is honoured at once');
      await t.rejects(s.list('/', { revision: 399 }), { code: 'Expired' });
      const at = await s.list('/', { revision: 400 });
      t.same(at.items.map((kv) => kv.modRevision), [400], 'the state at the mark survived the sweep');
      await s.close(); // waits for the resumed sweep
      t.equal(await logCount(dir), 101, 'records 400..500 remain, everything before the mark is swept');
      t.equal(await raw(dir, (db) => db.get('mswept')), '400', 'the sweep recorded that it finished');
    });
  }
});

t.test('a resumed sweep that fails does not take the process down', async (t) => {
  const unhandled: unknown[] = [];
  const onUnhandled = (err: unknown): number => unhandled.push(err);
  process.on('unhandledRejection', onUnhandled);
  t.teardown(() => void process.off('unhandledRejection', onUnhandled));
  const dir = tempDir();
  let s = await LevelStore.open(dir);
  await s.create('/lease', enc('v0'));
  await updateMany(s, '/lease', 19);
  await s.close();
  // A damaged record inside the range a crashed sweep still has to cover.
  await raw(dir, (db) => db.batch().put('r' + (5).toString(16).padStart(14, '0'), '\u00ff\u00ff\u00ff').put('mcompacted', '15').write());
  s = await LevelStore.open(dir);
  t.teardown(() => s.close());
  await new Promise((r) => setTimeout(r, 100));
  t.same(unhandled, [], 'no unhandled rejection');
  t.equal(dec((await s.get('/lease'))?.value), 'v18', 'reads still work');
  t.equal((await s.update('/lease', enc('v19'))).modRevision, 21, 'writes still work');
  await t.rejects(s.compact(18), 'the next compaction retries the sweep and reports the failure to its caller');
});

t.test('the compaction timer compacts by itself', async (t) => {
  const dir = tempDir();
  let batches = 0;
  const s = await LevelStore.open(dir, { compactionInterval: 50, onBatch: () => void batches++ });
  await s.create('/lease', enc('v'));
  await updateMany(s, '/lease', 9);
  const head = s.currentRevision();
  const deadline = Date.now() + 3000;
  while (s.compactedRevision() < head && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
  t.equal(s.compactedRevision(), head, 'compacted to the revision seen one interval earlier, with no compact() call');
  await t.rejects(s.list('/', { revision: head - 1 }), { code: 'Expired' });
  await s.close();
  const after = batches;
  await new Promise((r) => setTimeout(r, 150));
  t.equal(batches, after, 'close stopped the timer');
  t.equal(await logCount(dir), 1);
});
