// LevelStore: the Store contract over embedded LevelDB.
//
// The in-memory index (key → revisions) is the single place where preconditions are checked and
// revisions handed out, synchronously, so concurrent writers in this process need no locks and no
// read-before-write. Durable state is LevelDB: the revision log (immutable records) and each key's
// current record, written together in group-committed, fsynced batches (group-commit.ts).
// Reads see only committed batches; a snapshot pins the revision a list or a watch's history is at.
import type { KeyValue, ListOptions, ListResult, Store, WatchEvent, WatchOptions } from '../interface.js';
import { StorageError } from '../errors.js';
import { Compactor } from './compactor.js';
import { decodeContinue, encodeContinue } from './continue-token.js';
import { GroupCommitter, type BatchOp } from './group-commit.js';
import { listPage, readCurrent, readLog, toKeyValue } from './history.js';
import { currentRange, logKey, MAX_KEY_BYTES, MAX_VALUE_BYTES, META_REVISION, parseMetaNumber } from './keys.js';
import { corruptError, openDatabase, type LevelDB } from './open-db.js';
import { decodeRecord, type StoredRecord } from './record.js';
import { RecentCache } from './recent-cache.js';
import { WatchHub, Watcher } from './watch-hub.js';

/** LevelStoreOptions tune a LevelStore. */
export interface LevelStoreOptions {
  /** watchBuffer: events a watcher may fall behind before it is closed with WatchOverflow. */
  watchBuffer?: number;
  /** compactionInterval: compact history older than one interval, this often; 0 turns it off. */
  compactionInterval?: number;
  /** onBatch is a test hook that sees every batch written (ops count and whether it was synced). */
  onBatch?: (ops: number, sync: boolean) => void;
  /** readCacheBytes bounds the in-memory cache of recently used current records (default 32 MiB; 0 turns it off). */
  readCacheBytes?: number;
}

interface IndexEntry {
  modRevision: number;
  createRevision: number;
}

/** LevelStore implements Store over LevelDB; open it with LevelStore.open(dir). */
export class LevelStore implements Store {
  private readonly index = new Map<string, IndexEntry>();
  /** pending holds records written but not yet durable, for a delete that must read the last value. */
  private readonly pending = new Map<string, StoredRecord>();
  private readonly hub = new WatchHub();
  private readonly recent: RecentCache | undefined;
  private readonly committer: GroupCommitter;
  private readonly compactor: Compactor;
  private lastAssigned = 0;
  private committed = 0;
  private closed = false;

  private constructor(
    private readonly db: LevelDB,
    private readonly opts: LevelStoreOptions,
  ) {
    const write = async (ops: BatchOp[], sync: boolean): Promise<void> => {
      opts.onBatch?.(ops.length, sync);
      await db.batch(ops, { sync });
    };
    this.committer = new GroupCommitter(write, (records) => this.onCommit(records));
    const cacheBytes = opts.readCacheBytes ?? 32 * 1024 * 1024;
    this.recent = cacheBytes > 0 ? new RecentCache(cacheBytes) : undefined;
    this.compactor = new Compactor(db, write, () => this.committed, opts.compactionInterval ?? 0);
  }

  /** open opens or creates the store in dir; errors are StorageErrors with one clear message. */
  static async open(dir: string, opts: LevelStoreOptions = {}): Promise<LevelStore> {
    const db = await openDatabase(dir);
    const store = new LevelStore(db, opts);
    try {
      await store.load();
    } catch (err) {
      // A sweep resumed by load may still be using the database; let it stop before closing it.
      await store.compactor.stop();
      await db.close().catch(() => undefined);
      throw err instanceof StorageError ? err : corruptError(dir, `cannot load the store: ${(err as Error).message}`);
    }
    store.compactor.start();
    return store;
  }

  private async load(): Promise<void> {
    this.committed = this.lastAssigned = parseMetaNumber(await this.db.get(META_REVISION));
    await this.compactor.load();
    for await (const [k, bytes] of this.db.iterator(currentRange(''))) {
      const r = decodeRecord(bytes);
      this.index.set(k.slice(1), { modRevision: r.modRevision, createRevision: r.createRevision });
    }
  }

  currentRevision(): number {
    return this.committed;
  }

  /** compactedRevision is the newest revision whose history may be gone. */
  compactedRevision(): number {
    return this.compactor.compacted;
  }

  async get(key: string): Promise<KeyValue | null> {
    this.checkOpen();
    const r = await this.readCurrent(key);
    return r === undefined ? null : toKeyValue(r);
  }

  /** readCurrent reads a key's committed current record, from the cache when it has it. */
  private async readCurrent(key: string): Promise<StoredRecord | undefined> {
    // Served from memory only while no write of the key is on its way to disk. Otherwise the read
    // goes to LevelDB as before: a writer retrying a Conflict in a loop must wait on I/O (and so
    // let that commit land), not spin on a cached old revision that never yields.
    const cached = this.pending.has(key) ? undefined : this.recent?.get(key);
    if (cached !== undefined) return cached ?? undefined;
    const r = await readCurrent(this.db, key);
    // Only while no newer write holds a revision: otherwise this read may already be stale, and
    // that write's commit will fill the cache with the truth.
    if (r && this.recent && this.index.get(key)?.modRevision === r.modRevision && !this.pending.has(key)) this.recent.set(key, r);
    return r;
  }

  async list(prefix: string, opts: ListOptions = {}): Promise<ListResult> {
    this.checkOpen();
    const token = opts.continue === undefined ? undefined : decodeContinue(opts.continue, prefix);
    const limit = opts.limit !== undefined && opts.limit > 0 ? opts.limit : Number.MAX_SAFE_INTEGER;
    const snapshot = this.db.snapshot();
    try {
      const head = parseMetaNumber(await this.db.get(META_REVISION, { snapshot }));
      const revision = token?.revision ?? (opts.revision || head);
      if (revision > head) throw new StorageError('FutureRevision', `revision ${revision} is newer than the store's ${head}`, prefix, head);
      this.checkNotCompacted(revision, prefix);
      const page = await listPage(this.db, snapshot, prefix, revision, head, token?.after, limit);
      this.checkNotCompacted(revision, prefix); // compaction that started meanwhile may have cut the history we read
      const last = page.items[page.items.length - 1];
      const result: ListResult = { items: page.items, revision };
      if (page.more && last) result.continue = encodeContinue(prefix, last.key, revision);
      return result;
    } finally {
      await snapshot.close();
    }
  }

  async create(key: string, value: Uint8Array): Promise<KeyValue> {
    this.checkWrite(key, value);
    if (this.index.has(key)) throw new StorageError('AlreadyExists', `key ${key} already exists`, key);
    const rev = ++this.lastAssigned;
    return this.commit({ key, modRevision: rev, createRevision: rev, prevRevision: 0, deleted: false, value });
  }

  async update(key: string, value: Uint8Array, ifRevision?: number): Promise<KeyValue> {
    this.checkWrite(key, value);
    const cur = this.precondition(key, ifRevision);
    const rev = ++this.lastAssigned;
    return this.commit({ key, modRevision: rev, createRevision: cur.createRevision, prevRevision: cur.modRevision, deleted: false, value });
  }

  async delete(key: string, ifRevision?: number): Promise<KeyValue> {
    this.checkWrite(key, new Uint8Array(0));
    const cur = this.precondition(key, ifRevision);
    const rev = ++this.lastAssigned;
    const record: StoredRecord = { key, modRevision: rev, createRevision: cur.createRevision, prevRevision: cur.modRevision, deleted: true, value: new Uint8Array(0) };
    // The tombstone carries the last value (DELETED events need it). It is either still pending,
    // or durable and current; the batch waits for it, so revision order on disk is kept.
    const last = this.pending.get(key);
    // A copy: the tombstone must not share its bytes with the write before it, which readers may
    // have keyed caches on (the watch decodes each value's bytes once, for the revision it came with).
    const ready = last
      ? Promise.resolve().then(() => void (record.value = last.value.slice()))
      : this.readCurrent(key).then((r) => void (record.value = r?.value.slice() ?? new Uint8Array(0)));
    return this.commit(record, ready);
  }

  private precondition(key: string, ifRevision: number | undefined): IndexEntry {
    const cur = this.index.get(key);
    if (!cur) throw new StorageError('NotFound', `key ${key} not found`, key);
    if (ifRevision !== undefined && ifRevision !== 0 && cur.modRevision !== ifRevision) {
      throw new StorageError('Conflict', `key ${key} is at revision ${cur.modRevision}, not ${ifRevision}`, key, cur.modRevision);
    }
    return cur;
  }

  private async commit(record: StoredRecord, ready?: Promise<void>): Promise<KeyValue> {
    if (record.deleted) this.index.delete(record.key);
    else this.index.set(record.key, { modRevision: record.modRevision, createRevision: record.createRevision });
    this.pending.set(record.key, record);
    await this.committer.submit(record, ready);
    return toKeyValue(record);
  }

  private onCommit(records: StoredRecord[]): void {
    for (const r of records) {
      if (this.pending.get(r.key) === r) this.pending.delete(r.key);
      this.recent?.set(r.key, r.deleted ? null : r);
    }
    this.committed = (records[records.length - 1] as StoredRecord).modRevision;
    this.hub.publish(records);
  }

  watch(prefix: string, fromRevision: number, signal: AbortSignal, opts: WatchOptions = {}): AsyncIterable<WatchEvent> {
    this.checkOpen();
    const from = fromRevision > 0 ? fromRevision : this.committed;
    this.checkNotCompacted(from, prefix);
    // Register first, then read history up to the registration revision: live records all come
    // after it, so the two never overlap and nothing falls between them.
    const watcher = new Watcher(prefix, this.committed, this.opts.watchBuffer ?? 10_000);
    const snapshot = this.db.snapshot();
    this.hub.add(watcher);
    const onAbort = (): void => watcher.end();
    signal.addEventListener('abort', onAbort, { once: true });
    if (signal.aborted) watcher.end();
    return this.streamEvents(watcher, snapshot, from, signal, opts, onAbort);
  }

  private async *streamEvents(
    watcher: Watcher,
    snapshot: ReturnType<LevelDB['snapshot']>,
    from: number,
    signal: AbortSignal,
    opts: WatchOptions,
    onAbort: () => void,
  ): AsyncGenerator<WatchEvent> {
    try {
      try {
        for await (const r of readLog(this.db, snapshot, watcher.prefix, from, watcher.startRevision)) {
          if (signal.aborted) return;
          yield await this.toEvent(r, opts);
        }
      } finally {
        await snapshot.close();
      }
      for (;;) {
        const batch = await watcher.take();
        if (batch.length === 0 || signal.aborted) return;
        for (const r of batch) if (r.modRevision > from) yield await this.toEvent(r, opts);
      }
    } finally {
      signal.removeEventListener('abort', onAbort);
      this.hub.remove(watcher);
    }
  }

  private async toEvent(r: StoredRecord, opts: WatchOptions): Promise<WatchEvent> {
    const type = r.deleted ? 'DELETED' : r.prevRevision === 0 ? 'ADDED' : 'MODIFIED';
    const event: WatchEvent = { type, key: r.key, value: r.value, revision: r.modRevision };
    if (opts.prevValues && type !== 'ADDED') {
      if (r.deleted) event.prevValue = r.value;
      else {
        const prev = await this.db.get(logKey(r.prevRevision));
        if (prev === undefined) throw new StorageError('Expired', `previous value of ${r.key} at revision ${r.prevRevision} was compacted`, r.key);
        event.prevValue = decodeRecord(prev).value;
      }
    }
    return event;
  }

  compact(revision: number): Promise<void> {
    this.checkOpen();
    return this.compactor.compact(Math.min(revision, this.committed));
  }

  /** watcherCount is the number of open watches (for metrics). */
  watcherCount(): number {
    return this.hub.size;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.hub.closeAll();
    await this.committer.idle();
    await this.compactor.stop();
    await this.db.close();
  }

  private checkNotCompacted(revision: number, key: string): void {
    if (revision < this.compactor.compacted) {
      throw new StorageError('Expired', `revision ${revision} has been compacted (oldest available: ${this.compactor.compacted})`, key, this.committed);
    }
  }

  private checkOpen(): void {
    if (this.closed) throw new StorageError('Unavailable', 'store is closed');
    const failed = this.committer.failed;
    if (failed) throw new StorageError('Unavailable', failed.message);
  }

  private checkWrite(key: string, value: Uint8Array): void {
    this.checkOpen();
    if (key === '' || Buffer.byteLength(key) > MAX_KEY_BYTES) throw new StorageError('TooLarge', `key must be 1 to ${MAX_KEY_BYTES} bytes`, key);
    if (value.byteLength > MAX_VALUE_BYTES) {
      throw new StorageError('TooLarge', `value of ${value.byteLength} bytes exceeds the ${MAX_VALUE_BYTES}-byte limit`, key);
    }
  }
}
