// Group commit: writes that arrive while a synced batch is on its way to disk wait and go
// together in the next batch, so N concurrent writers cost one fsync instead of N, and a lone
// writer waits for no timer.
import { logKey, currentKey, META_REVISION, metaNumber } from './keys.js';
import { encodeRecord, type StoredRecord } from './record.js';

/** BatchOp is one LevelDB batch operation. */
export type BatchOp = { type: 'put'; key: string; value: Uint8Array } | { type: 'del'; key: string };

/** BatchWriter writes one atomic batch; `sync: true` means it is on disk when the promise resolves. */
export type BatchWriter = (ops: BatchOp[], sync: boolean) => Promise<void>;

interface Pending {
  record: StoredRecord;
  /** ready resolves once the record's value is known (a delete reads the last value first). */
  ready: Promise<void> | undefined;
  resolve: () => void;
  reject: (err: Error) => void;
}

/** GroupCommitter turns records, in revision order, into synced batches. */
export class GroupCommitter {
  private queue: Pending[] = [];
  private loop: Promise<void> | undefined;
  private failure: Error | undefined;

  constructor(
    private readonly write: BatchWriter,
    /** onCommit runs after each batch is durable, before its writers hear so. */
    private readonly onCommit: (records: StoredRecord[]) => void,
  ) {}

  /** submit queues a record; the promise resolves once it is durable. Records must arrive in revision order. */
  submit(record: StoredRecord, ready?: Promise<void>): Promise<void> {
    if (this.failure) return Promise.reject(this.failure);
    return new Promise((resolve, reject) => {
      this.queue.push({ record, ready, resolve, reject });
      this.loop ??= this.flushLoop();
    });
  }

  /** failed is the error that broke the store, if a batch ever failed to write. */
  get failed(): Error | undefined {
    return this.failure;
  }

  /** idle resolves when nothing is queued or being written. */
  async idle(): Promise<void> {
    while (this.loop) await this.loop;
  }

  private async flushLoop(): Promise<void> {
    try {
      while (this.queue.length > 0) {
        const batch = this.queue;
        this.queue = [];
        try {
          await Promise.all(batch.map((p) => p.ready));
          await this.write(toOps(batch.map((p) => p.record)), true);
        } catch (err) {
          // The in-memory index is now ahead of the disk: refuse every later write rather than
          // guess. The role dies loudly and a restart reloads the truth from disk.
          this.failure = new Error(`store write failed, refusing further writes: ${(err as Error).message}`);
          for (const p of [...batch, ...this.queue]) p.reject(this.failure);
          this.queue = [];
          return;
        }
        this.onCommit(batch.map((p) => p.record));
        for (const p of batch) p.resolve();
      }
    } finally {
      this.loop = undefined;
    }
  }
}

function toOps(records: StoredRecord[]): BatchOp[] {
  const ops: BatchOp[] = [];
  for (const r of records) {
    const bytes = encodeRecord(r);
    ops.push({ type: 'put', key: logKey(r.modRevision), value: bytes });
    ops.push(r.deleted ? { type: 'del', key: currentKey(r.key) } : { type: 'put', key: currentKey(r.key), value: bytes });
  }
  const last = records[records.length - 1] as StoredRecord;
  ops.push({ type: 'put', key: META_REVISION, value: metaNumber(last.modRevision) });
  return ops;
}
