// Durability of the LevelDB store: what a writer was told is written must survive the process
// being killed at any moment, and "written" must mean fsynced, not merely handed to the kernel.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import t, { type Test } from 'tap';
import { Level } from 'level';
import { LevelStore } from '../../pkg/storage/level/store.js';
import { decodeRecord } from '../../pkg/storage/level/record.js';
import { killAll, spawnChild, storeWriter, tsxArgv } from './fixtures/child.js';
import { onBatchDone } from './fixtures/durable.js';

const dirs: string[] = [];
const tempDir = (): string => {
  const d = mkdtempSync(join(tmpdir(), 'kubelite-durability-'));
  dirs.push(d);
  return d;
};
t.teardown(() => {
  killAll();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

interface Ack {
  key: string;
  revision: number;
  value: string;
}

/**
 * parseRun reads a crash run's output. In output order, no write may be acknowledged before a
 * batch carrying it was written with sync=true and completed.
 */
function parseRun(t: Test, run: number, lines: string[]): { acks: Ack[]; syncedBatches: number } {
  const acks: Ack[] = [];
  let durableRecords = 0;
  let syncedBatches = 0;
  let unsyncedRecords = 0;
  let firstEarlyAck: string | undefined;
  for (const line of lines) {
    const [kind, a, b, c] = line.split(' ');
    if (kind === 'done') {
      if (b === '1') durableRecords += Number(a);
      else unsyncedRecords += Number(a);
    } else if (kind === 'batch') {
      if (b === '1' && Number(a) >= 3) syncedBatches++; // 2 ops per record + the revision counter
    } else if (kind === 'ack') {
      acks.push({ key: a as string, revision: Number(b), value: c as string });
      if (acks.length > durableRecords && firstEarlyAck === undefined) firstEarlyAck = line;
    }
  }
  t.equal(unsyncedRecords, 0, `run ${run}: no batch carrying writes was written without sync`);
  t.equal(firstEarlyAck, undefined, `run ${run}: no write was acknowledged before its synced batch completed`);
  return { acks, syncedBatches };
}

t.test('acknowledged writes survive SIGKILL at a random moment', async (t) => {
  const dir = tempDir();
  const acked: Ack[] = []; // across runs: each run reopens what the previous kill left
  const runs = 6;
  for (let run = 0; run < runs; run++) {
    // Spread the kill moments over the whole window rather than trusting randomness to.
    const delay = Math.round(150 + ((run + Math.random()) / runs) * 650);
    // The kill waits for the delay after the first acknowledgement and, on a machine slowed by
    // other tests, also for enough acknowledgements that the run proves something.
    let acksSeen = 0;
    let delayOver = false;
    const killIfDue = (): void => void (delayOver && acksSeen >= 150 && child.proc.kill('SIGKILL'));
    const child = spawnChild(tsxArgv(storeWriter, 'crash', dir, String(run)), (line) => {
      if (line.startsWith('ack ') && ++acksSeen >= 150) killIfDue();
    });
    await child.waitFor((l) => l.startsWith('ack '));
    const timer = setTimeout(() => {
      delayOver = true;
      killIfDue();
    }, delay);
    const { code, signal } = await child.exited;
    clearTimeout(timer);
    t.equal(signal, 'SIGKILL', `run ${run}: the writer was killed (${delay} ms after its first ack at the earliest), not stopped by an error (code ${code}) ${child.stderr()}`);

    const { acks, syncedBatches } = parseRun(t, run, child.lines);
    t.ok(acks.length > 100, `run ${run}: ${acks.length} writes acknowledged (enough to mean something)`);
    t.ok(syncedBatches < acks.length / 2, `run ${run}: ${syncedBatches} synced batches for ${acks.length} writes (group commit groups)`);
    acked.push(...acks);

    const store = await LevelStore.open(dir);
    let missing = 0;
    let older = 0;
    let wrongValue = 0;
    for (const a of acked) {
      const kv = await store.get(a.key);
      if (!kv) missing++;
      else if (kv.modRevision < a.revision) older++;
      else if (kv.modRevision === a.revision && Buffer.from(kv.value).toString() !== a.value) wrongValue++;
    }
    t.same({ missing, older, wrongValue }, { missing: 0, older: 0, wrongValue: 0 }, `run ${run}: all ${acked.length} acknowledged writes are there, at that revision or later`);
    const maxAcked = Math.max(...acked.map((a) => a.revision));
    t.ok(store.currentRevision() >= maxAcked, `run ${run}: store revision ${store.currentRevision()} ≥ highest acknowledged ${maxAcked}`);
    // A revision counter that went back would hand out a resourceVersion twice.
    const reopened = store.currentRevision();
    const next = await store.create(`/after-crash/${run}`, Buffer.from('x'));
    t.equal(next.modRevision, reopened + 1, `run ${run}: the next write continues the revision counter`);
    await store.close();
    await checkLog(t, dir, run);
  }
});

/** checkLog looks at the raw database: log and revision counter agree, and compaction left no superseded history. */
async function checkLog(t: Test, dir: string, run: number): Promise<void> {
  const db = new Level<string, Uint8Array>(dir, { keyEncoding: 'utf8', valueEncoding: 'view' });
  await db.open();
  try {
    const meta = async (k: string): Promise<number> => Number(Buffer.from((await db.get(k)) ?? '0').toString());
    const head = await meta('mrevision');
    const compacted = await meta('mcompacted');
    t.equal(await meta('mswept'), compacted, `run ${run}: the sweep finished (resumed on open if the kill interrupted it)`);
    let maxLog = 0;
    const atOrBeforeCompacted = new Map<string, number>();
    let tombstones = 0;
    for await (const [k, v] of db.iterator({ gte: 'r', lt: 's' })) {
      const rev = parseInt(k.slice(1), 16);
      maxLog = Math.max(maxLog, rev);
      const r = decodeRecord(v);
      if (rev <= compacted) {
        atOrBeforeCompacted.set(r.key, (atOrBeforeCompacted.get(r.key) ?? 0) + 1);
        if (r.deleted) tombstones++;
      }
    }
    t.equal(maxLog, head, `run ${run}: the newest log record is the revision counter's (batches are atomic)`);
    const dupes = [...atOrBeforeCompacted.values()].filter((n) => n > 1).length;
    t.equal(dupes + tombstones, 0, `run ${run}: at most one record per key at or before the compacted revision ${compacted}`);
    let dangling = 0;
    for await (const [, v] of db.iterator({ gte: 'k', lt: 'l' })) {
      if ((await db.get('r' + decodeRecord(v).modRevision.toString(16).padStart(14, '0'))) === undefined) dangling++;
    }
    t.equal(dangling, 0, `run ${run}: every current record has its log entry`);
  } finally {
    await db.close();
  }
}

t.test('every write is acknowledged only after a synced batch, and group commit groups', async (t) => {
  const batches: { ops: number; sync: boolean }[] = [];
  let durableRecords = 0;
  const store = await LevelStore.open(tempDir(), { onBatch: (ops, sync) => void batches.push({ ops, sync }) });
  t.teardown(() => store.close());
  onBatchDone(store, (records, sync) => void (sync && (durableRecords += records)));
  const writers = 64;
  const perWriter = 20;
  let acked = 0;
  let earlyAcks = 0;
  await Promise.all(
    Array.from({ length: writers }, async (_, w) => {
      for (let i = 0; i < perWriter; i++) {
        const kv = await store.create(`/g/${w}/${i}`, Buffer.from(String(i)));
        if (++acked > durableRecords) earlyAcks++;
        if (i === 0) continue;
        await store.update(kv.key, Buffer.from('u'), kv.modRevision);
        if (++acked > durableRecords) earlyAcks++;
      }
    }),
  );
  const writes = writers * (perWriter * 2 - 1);
  t.equal(acked, writes);
  t.equal(earlyAcks, 0, 'no write resolved before a synced batch carrying it completed');
  t.same(batches.filter((b) => !b.sync), [], 'no commit batch was written without sync');
  t.equal(batches.reduce((n, b) => n + (b.ops - 1) / 2, 0), writes, 'the batches carried exactly the writes');
  t.ok(batches.length <= writes / 8, `${batches.length} synced batches for ${writes} writes from ${writers} writers`);

  // A lone writer must not wait for company: one batch per write, no timer in between.
  batches.length = 0;
  const started = Date.now();
  for (let i = 0; i < 5; i++) await store.update('/g/0/0', Buffer.from(String(i)));
  t.equal(batches.length, 5, 'sequential writes are one batch each');
  t.ok(Date.now() - started < 2000, 'and do not wait for a batching timer');
});

// kill -9 leaves the page cache intact, so only the syscalls show that a store really fsyncs.
const straceProbe = spawnSync('strace', ['-qq', '-e', 'trace=fsync', 'true'], { encoding: 'utf8' });
const straceMissing = straceProbe.error || straceProbe.status !== 0 ? `strace cannot run here (${straceProbe.error?.message ?? straceProbe.stderr.trim()})` : false;

t.test('the synced batches really reach fdatasync (strace)', { skip: straceMissing }, async (t) => {
  const summary = join(tempDir(), 'strace.txt');
  const dir = tempDir();
  const child = spawnChild(['strace', '-f', '-qq', '-c', '-e', 'trace=fsync,fdatasync', '-o', summary, ...tsxArgv(storeWriter, 'burst', dir, '64', '20')]);
  const { code } = await child.exited;
  t.equal(code, 0, `burst writer exited cleanly ${child.stderr()}`);
  const stats = JSON.parse(child.lines.find((l) => l.startsWith('{')) ?? '{}') as { writes: number; batches: number; synced: number };
  let calls = 0;
  for (const line of readFileSync(summary, 'utf8').split('\n')) {
    const cols = line.trim().split(/\s+/);
    if (cols.at(-1) === 'fsync' || cols.at(-1) === 'fdatasync') calls += Number(cols[3]);
  }
  t.equal(stats.writes, 1280);
  t.ok(stats.batches >= 10, `${stats.batches} batches: enough that a missing sync would show`);
  // Trusting neither the sync flag nor the hook: every commit batch must cost the kernel a sync.
  t.ok(calls >= stats.batches, `${calls} fsync/fdatasync calls cover the ${stats.batches} commit batches (${stats.synced} flagged sync)`);
  t.ok(calls < stats.writes / 4, `${calls} fsync/fdatasync calls for ${stats.writes} writes: grouped, not one per write`);
});
