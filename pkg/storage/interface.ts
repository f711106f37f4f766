// Store is the contract between the registry and a storage backend: etcd-shaped (one cluster-wide
// revision, compare-and-swap on it, watch from any revision still in history), so that an etcd
// implementation can sit behind the same interface when one machine is not enough.
// Values are opaque bytes: encoding objects is the registry's business (api/codec).

/** KeyValue is one stored key at one revision. */
export interface KeyValue {
  key: string;
  value: Uint8Array;
  /** modRevision is the revision of the write that produced this value (the resourceVersion). */
  modRevision: number;
  /** createRevision is the revision at which the key was (last) created. */
  createRevision: number;
}

/** ListOptions select a page of a prefix at one revision. */
export interface ListOptions {
  /** revision reads the state as of this revision (0 or absent: the latest). */
  revision?: number;
  /** limit caps the number of items; a continue token is returned when more remain. */
  limit?: number;
  /** continue is the token from a previous page; it fixes the revision of the first page. */
  continue?: string;
}

/** ListResult is a consistent page: every item is as of `revision`. */
export interface ListResult {
  items: KeyValue[];
  revision: number;
  /** continue is set when more items remain; pass it back to get the next page. */
  continue?: string;
  /** remaining counts the items after this page, when a limit cut the list short. */
  remaining?: number;
}

/** WatchEventType names what happened to a key, as Kubernetes watch events do. */
export type WatchEventType = 'ADDED' | 'MODIFIED' | 'DELETED';

/** WatchEvent is one change; for DELETED, `value` is the last value before the delete. */
export interface WatchEvent {
  type: WatchEventType;
  key: string;
  value: Uint8Array;
  revision: number;
  /** prevValue is the value before this change (absent for ADDED); lets a filter see an object leave it. */
  prevValue?: Uint8Array;
}

/** WatchOptions tune a watch. */
export interface WatchOptions {
  /** prevValues asks for `prevValue` on MODIFIED and DELETED events. */
  prevValues?: boolean;
}

/** Store is the storage contract; every implementation passes test/conformance/store-suite.ts. */
export interface Store {
  /** get returns the current value of key, or null. */
  get(key: string): Promise<KeyValue | null>;
  /** list returns the keys under prefix, sorted, consistent at one revision. */
  list(prefix: string, opts?: ListOptions): Promise<ListResult>;
  /** create writes a new key; AlreadyExists if it exists. Resolves after the write is durable. */
  create(key: string, value: Uint8Array): Promise<KeyValue>;
  /** update replaces key's value; NotFound if absent, Conflict if ifRevision is given and moved. */
  update(key: string, value: Uint8Array, ifRevision?: number): Promise<KeyValue>;
  /** delete removes key and returns its last value; NotFound if absent, Conflict as update. */
  delete(key: string, ifRevision?: number): Promise<KeyValue>;
  /**
   * watch yields every change under prefix after fromRevision, in revision order with no gap and no
   * duplicate: first history, then live events. Expired if fromRevision was compacted; the iterator
   * fails with WatchOverflow if the consumer falls too far behind. Ends when signal aborts.
   */
  watch(prefix: string, fromRevision: number, signal: AbortSignal, opts?: WatchOptions): AsyncIterable<WatchEvent>;
  /** compact drops history at and before revision; watches and lists from there get Expired. */
  compact(revision: number): Promise<void>;
  /** currentRevision is the revision of the last durable write. */
  currentRevision(): number;
  /** close stops background work, ends watches and releases the database. */
  close(): Promise<void>;
}
