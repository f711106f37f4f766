// The current records of recently written or read keys, in memory, bounded by the bytes of their
// values. A read-modify-write (a binding, a status update, any guaranteedUpdate) reads the key it
// is about to write, usually one written moments ago; under load that LevelDB get was the API
// server's largest single cost. The store keeps this cache exactly as LevelDB's current records:
// entries are set when a batch commits, and a read result is only added while no newer write of
// its key has been handed a revision.
import type { StoredRecord } from './record.js';

/** RecentCache maps keys to their committed current record (null: deleted). */
export class RecentCache {
  private readonly entries = new Map<string, StoredRecord | null>();
  private bytes = 0;

  constructor(private readonly maxBytes: number) {}

  /** get returns the cached record, null for a cached delete, undefined when the key is not cached. */
  get(key: string): StoredRecord | null | undefined {
    const r = this.entries.get(key);
    if (r === undefined) return undefined;
    // Re-inserting keeps the Map's order least recently used first, for eviction.
    this.entries.delete(key);
    this.entries.set(key, r);
    return r;
  }

  /** set records key's current record (null once deleted). */
  set(key: string, r: StoredRecord | null): void {
    const old = this.entries.get(key);
    if (old !== undefined) {
      this.bytes -= size(key, old);
      this.entries.delete(key);
    }
    this.entries.set(key, r);
    this.bytes += size(key, r);
    for (const [k, v] of this.entries) {
      if (this.bytes <= this.maxBytes) break;
      this.entries.delete(k);
      this.bytes -= size(k, v);
    }
  }

  /** size is the number of cached keys. */
  get size(): number {
    return this.entries.size;
  }
}

// Keys and small records count for their bookkeeping too, so many deletes cannot grow it unbounded.
function size(key: string, r: StoredRecord | null): number {
  return key.length + 64 + (r ? r.value.byteLength : 0);
}
