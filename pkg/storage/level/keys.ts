// Key layout inside LevelDB. Three key spaces, each a one-letter prefix:
//   k<key>        the key's current record (absent once deleted)
//   r<revision>   the revision log: one record per write, immutable until compacted
//   m<name>       store metadata (format, last revision, compacted revision)
// Revisions are fixed-width hex so that byte order is numeric order.

/** currentKey is where key's current record lives. */
export function currentKey(key: string): string {
  return 'k' + key;
}

/** logKey is where the write with this revision lives. */
export function logKey(revision: number): string {
  return 'r' + revision.toString(16).padStart(14, '0');
}

/** LOG_START and LOG_END bound the revision log for iterators. */
export const LOG_START = 'r';
export const LOG_END = 's';

/** currentRange is the iterator range of every current key under prefix, starting after `after`. */
export function currentRange(prefix: string, after?: string): { gt?: string; gte?: string; lt: string } {
  const lt = 'k' + prefix + '\u{10FFFF}';
  return after === undefined ? { gte: 'k' + prefix, lt } : { gt: 'k' + after, lt };
}

/** META_* are the metadata keys. */
export const META_FORMAT = 'mformat';
export const META_REVISION = 'mrevision';
export const META_COMPACTED = 'mcompacted';
/** META_SWEPT is how far compaction has actually deleted; it trails META_COMPACTED after a crash. */
export const META_SWEPT = 'mswept';

/** MAX_KEY_BYTES and MAX_VALUE_BYTES bound what one write may carry (etcd's 1.5 MiB request limit). */
export const MAX_KEY_BYTES = 3072;
export const MAX_VALUE_BYTES = 1.5 * 1024 * 1024;

/** metaNumber encodes a numeric metadata value. */
export function metaNumber(n: number): Uint8Array {
  return Buffer.from(String(n));
}

/** parseMetaNumber decodes a numeric metadata value; absent means 0. */
export function parseMetaNumber(bytes: Uint8Array | undefined): number {
  return bytes === undefined ? 0 : Number(Buffer.from(bytes).toString('utf8'));
}
