// Typed storage errors with stable codes; pkg/registry maps them to Kubernetes Status reasons.

/** StorageErrorCode is the stable code of a storage error. */
export type StorageErrorCode =
  | 'NotFound' // key absent
  | 'AlreadyExists' // create of an existing key
  | 'Conflict' // precondition on the revision failed
  | 'Expired' // revision compacted (410 Gone at the API)
  | 'TooLarge' // key or value over the limit (413 at the API)
  | 'WatchOverflow' // a watcher fell too far behind and must relist
  | 'InvalidContinue' // a continue token that this store did not issue
  | 'FutureRevision' // a revision the store has not reached yet
  | 'Unavailable' // the store is closed or broken
  | 'Locked' // another process holds the data dir
  | 'Corrupt' // the database cannot be read
  | 'FormatMismatch'; // the data dir was written by another store format

/** StorageError carries a code and the key it concerns. */
export class StorageError extends Error {
  override name = 'StorageError';
  constructor(
    readonly code: StorageErrorCode,
    message: string,
    readonly key?: string,
    /** currentRevision is set on Conflict and Expired so callers can report or retry. */
    readonly currentRevision?: number,
  ) {
    super(message);
  }
}

/** isStorageError narrows an unknown error to a StorageError, optionally of one code. */
export function isStorageError(err: unknown, code?: StorageErrorCode): err is StorageError {
  return err instanceof StorageError && (code === undefined || err.code === code);
}
