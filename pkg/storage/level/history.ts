// Reads over the revision log: the history a watch replays, and the state of a prefix as of an
// older revision (a paginated list keeps the first page's revision, as Kubernetes lists do).
import type { AbstractSnapshot } from 'abstract-level';
import type { KeyValue } from '../interface.js';
import { currentKey, currentRange, logKey } from './keys.js';
import type { LevelDB } from './open-db.js';
import { decodeRecord, type StoredRecord } from './record.js';

/** readLog yields the log records in (after, upTo] whose key starts with prefix, oldest first. */
export async function* readLog(db: LevelDB, snapshot: AbstractSnapshot, prefix: string, after: number, upTo: number): AsyncGenerator<StoredRecord> {
  if (upTo <= after) return;
  const it = db.iterator({ gt: logKey(after), lte: logKey(upTo), snapshot });
  try {
    for (;;) {
      const entries = await it.nextv(1000);
      if (entries.length === 0) return;
      for (const [, bytes] of entries) {
        const r = decodeRecord(bytes);
        if (r.key.startsWith(prefix)) yield r;
      }
    }
  } finally {
    await it.close();
  }
}

/** toKeyValue drops what only the store needs. */
export function toKeyValue(r: StoredRecord): KeyValue {
  return { key: r.key, value: r.value, modRevision: r.modRevision, createRevision: r.createRevision };
}

/**
 * listPage returns up to `limit` keys under prefix after `after`, as of `revision` (≤ `head`, the
 * snapshot's revision): the current entries, with every key changed in (revision, head] put back
 * to what it was at `revision`. The work is proportional to the page plus the changes since.
 */
export async function listPage(
  db: LevelDB,
  snapshot: AbstractSnapshot,
  prefix: string,
  revision: number,
  head: number,
  after: string | undefined,
  limit: number,
): Promise<{ items: KeyValue[]; more: boolean }> {
  const changed = new Map<string, StoredRecord>(); // key → first write after `revision`
  for await (const r of readLog(db, snapshot, prefix, revision, head)) {
    if (!changed.has(r.key) && (after === undefined || r.key > after)) changed.set(r.key, r);
  }
  const past = await statesAt(db, snapshot, [...changed.values()]);
  const pastKeys = [...past.keys()].sort();

  const items: KeyValue[] = [];
  let p = 0;
  const takePast = (upTo: string | undefined): boolean => {
    while (p < pastKeys.length && (upTo === undefined || (pastKeys[p] as string) < upTo)) {
      if (items.length === limit) return false;
      items.push(past.get(pastKeys[p++] as string) as KeyValue);
    }
    return true;
  };
  const it = db.iterator({ ...currentRange(prefix, after), snapshot });
  try {
    for (;;) {
      const entries = await it.nextv(Math.min(1000, limit + 1));
      if (entries.length === 0) break;
      for (const [k, bytes] of entries) {
        const key = k.slice(1);
        if (!takePast(key)) return { items, more: true };
        if (changed.has(key)) continue; // its state at `revision` (if any) came from `past`
        if (items.length === limit) return { items, more: true };
        items.push(toKeyValue(decodeRecord(bytes)));
      }
    }
  } finally {
    await it.close();
  }
  return { items, more: !takePast(undefined) };
}

/** statesAt resolves, for each key's first write after a revision, the key's value before it. */
async function statesAt(db: LevelDB, snapshot: AbstractSnapshot, firstWrites: StoredRecord[]): Promise<Map<string, KeyValue>> {
  const out = new Map<string, KeyValue>();
  const updated = firstWrites.filter((r) => r.prevRevision > 0 && !r.deleted);
  for (const r of firstWrites) {
    // A delete carries the last value itself; a create means the key did not exist yet.
    if (r.deleted) out.set(r.key, { key: r.key, value: r.value, modRevision: r.prevRevision, createRevision: r.createRevision });
  }
  const before = await db.getMany(updated.map((r) => logKey(r.prevRevision)), { snapshot });
  before.forEach((bytes, i) => {
    if (bytes === undefined) throw new Error(`revision log is missing revision ${(updated[i] as StoredRecord).prevRevision}`);
    const r = decodeRecord(bytes);
    out.set(r.key, toKeyValue(r));
  });
  return out;
}

/** readCurrent reads the current record of one key. */
export async function readCurrent(db: LevelDB, key: string): Promise<StoredRecord | undefined> {
  const bytes = await db.get(currentKey(key));
  return bytes === undefined ? undefined : decodeRecord(bytes);
}
