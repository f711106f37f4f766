// Compaction of the revision log. Compacting to C deletes every record superseded by a write at
// or before C, and every delete tombstone at or before C. What stays is enough to answer any list
// or watch from a revision ≥ C, and the log of a key rewritten forever (a Lease) stays one record
// long instead of growing — the k3s/kine complaint this avoids.
//
// The compacted mark is written (synced) before anything is deleted, so a crash can leave more
// history than claimed, never less; the sweep's own progress mark lets a restart finish the job.
import { META_COMPACTED, META_SWEPT, logKey, metaNumber, parseMetaNumber } from './keys.js';
import type { BatchOp, BatchWriter } from './group-commit.js';
import type { LevelDB } from './open-db.js';
import { decodeRecord } from './record.js';

const CHUNK = 1000;

/** Compactor runs compactions one at a time, on demand and on a timer. */
export class Compactor {
  /** compacted is the newest revision whose history may be gone. */
  compacted = 0;
  private swept = 0;
  private chain: Promise<void> = Promise.resolve();
  private timer: NodeJS.Timeout | undefined;
  private mark = 0;

  constructor(
    private readonly db: LevelDB,
    private readonly write: BatchWriter,
    private readonly head: () => number,
    private readonly interval: number,
  ) {}

  /** load reads the marks and resumes a sweep that a crash interrupted. */
  async load(): Promise<void> {
    this.compacted = parseMetaNumber(await this.db.get(META_COMPACTED));
    this.swept = parseMetaNumber(await this.db.get(META_SWEPT));
    // Nobody awaits the resumed sweep: if it fails, the error must not become an unhandled
    // rejection (which kills the process); the next compact() retries it and reports to its caller.
    if (this.swept < this.compacted) this.enqueue(() => this.sweep(this.compacted)).catch(() => undefined);
  }

  /** start compacts every interval to the revision seen one interval earlier, keeping one interval of history. */
  start(): void {
    if (this.interval <= 0) return;
    this.mark = this.head();
    this.timer = setInterval(() => {
      const target = this.mark;
      this.mark = this.head();
      if (target > this.compacted) void this.compact(target).catch(() => undefined);
    }, this.interval);
    this.timer.unref();
  }

  /** compact compacts to revision (no-op if already there); resolves when the sweep is done. */
  compact(revision: number): Promise<void> {
    if (revision <= this.compacted) return this.chain;
    this.compacted = revision; // readers older than this fail fast from now on
    return this.enqueue(async () => {
      await this.write([{ type: 'put', key: META_COMPACTED, value: metaNumber(revision) }], true);
      await this.sweep(revision);
    });
  }

  /** stop cancels the timer and waits for a running compaction. */
  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.chain.catch(() => undefined);
  }

  private enqueue(job: () => Promise<void>): Promise<void> {
    this.chain = this.chain.catch(() => undefined).then(job);
    return this.chain;
  }

  private async sweep(upTo: number): Promise<void> {
    if (upTo <= this.swept) return;
    const it = this.db.iterator({ gt: logKey(this.swept), lte: logKey(upTo) });
    try {
      for (;;) {
        const entries = await it.nextv(CHUNK);
        if (entries.length === 0) break;
        const ops: BatchOp[] = [];
        for (const [key, bytes] of entries) {
          const r = decodeRecord(bytes);
          if (r.prevRevision > 0) ops.push({ type: 'del', key: logKey(r.prevRevision) });
          if (r.deleted) ops.push({ type: 'del', key });
        }
        const [lastKey] = entries[entries.length - 1] as [string, Uint8Array];
        ops.push({ type: 'put', key: META_SWEPT, value: metaNumber(parseInt(lastKey.slice(1), 16)) });
        await this.write(ops, false);
      }
    } finally {
      await it.close();
    }
    await this.write([{ type: 'put', key: META_SWEPT, value: metaNumber(upTo) }], false);
    this.swept = upTo;
  }
}
