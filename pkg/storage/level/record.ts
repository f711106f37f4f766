// Encoding of the store's records (record.proto).
import { loadType } from '../../../api/protobuf.js';
import { descriptor } from './gen/record.js';

const RecordType = loadType(descriptor, 'kubelite.storage.Record');

/** StoredRecord is one write: a log entry under r/<revision> and, while current, k/<key>. */
export interface StoredRecord {
  key: string;
  modRevision: number;
  createRevision: number;
  prevRevision: number;
  deleted: boolean;
  value: Uint8Array;
}

/** encodeRecord serialises a record. */
export function encodeRecord(r: StoredRecord): Uint8Array {
  return RecordType.encode(r).finish();
}

/** decodeRecord parses a record; proto3 omits zero values, so defaults are filled in. */
export function decodeRecord(bytes: Uint8Array): StoredRecord {
  const m = RecordType.decode(bytes) as unknown as Partial<StoredRecord>;
  return {
    key: m.key ?? '',
    modRevision: m.modRevision ?? 0,
    createRevision: m.createRevision ?? 0,
    prevRevision: m.prevRevision ?? 0,
    deleted: m.deleted ?? false,
    value: m.value ?? new Uint8Array(0),
  };
}
