// What a change from the server means for the cache, as the events a handler should see. Both the
// watch path and the relist path go through here, so a handler's view of an object is the same
// whichever way the change arrived: never an add for an object it already has, never an update
// that changes nothing, never a delete for an object it never saw, never a silently lost delete.
import type { KubeObject } from '../../../api/meta/object.js';
import type { WatchEvent } from '../watch.js';

/**
 * DeletedFinalStateUnknown is what onDelete gets when the informer learned of a deletion from a
 * relist rather than a watch event: obj is the last state the cache had, which may be stale.
 */
export class DeletedFinalStateUnknown<T extends KubeObject = KubeObject> {
  constructor(
    readonly key: string,
    readonly obj: T,
  ) {}
}

/** isDeletedFinalStateUnknown narrows onDelete's argument. */
export function isDeletedFinalStateUnknown<T extends KubeObject>(x: T | DeletedFinalStateUnknown<T>): x is DeletedFinalStateUnknown<T> {
  return x instanceof DeletedFinalStateUnknown;
}

/** objectOf unwraps onDelete's argument to the last known object. */
export function objectOf<T extends KubeObject>(x: T | DeletedFinalStateUnknown<T>): T {
  return x instanceof DeletedFinalStateUnknown ? x.obj : x;
}

/** Delta is one change to apply to the cache and hand to the handlers. */
export type Delta<T extends KubeObject = KubeObject> =
  | { type: 'add'; key: string; obj: T }
  | { type: 'update'; key: string; old: T; obj: T }
  | { type: 'delete'; key: string; obj: T | DeletedFinalStateUnknown<T> };

/** CacheView is what delta computation reads of the cache. */
export interface CacheView<T extends KubeObject> {
  get(key: string): T | undefined;
  listKeys(): string[];
  keyOf(obj: T): string;
}

const rvOf = (o: KubeObject): string | undefined => o.metadata?.resourceVersion;
const uidOf = (o: KubeObject): string | undefined => o.metadata?.uid;

/** upsertDeltas is what an object's new state means against the cache's state of it. */
function upsertDeltas<T extends KubeObject>(key: string, old: T | undefined, obj: T): Delta<T>[] {
  if (!old) return [{ type: 'add', key, obj }];
  // The same resourceVersion is the same write: delivered twice (a re-watch overlapping what we
  // had) or unchanged across a relist. Either way the handler has already seen it.
  if (rvOf(old) !== undefined && rvOf(old) === rvOf(obj)) return [];
  // Another uid under the same name means the object we knew was deleted and re-created while we
  // were not watching; an update would tell controllers it is the same object.
  if (uidOf(old) && uidOf(obj) && uidOf(old) !== uidOf(obj)) {
    return [{ type: 'delete', key, obj: new DeletedFinalStateUnknown(key, old) }, { type: 'add', key, obj }];
  }
  return [{ type: 'update', key, old, obj }];
}

/** eventDeltas is what one watch event means for the cache. BOOKMARKs mean nothing. */
export function eventDeltas<T extends KubeObject>(cache: CacheView<T>, event: WatchEvent<T>): Delta<T>[] {
  if (event.type === 'BOOKMARK') return [];
  const key = cache.keyOf(event.object);
  const old = cache.get(key);
  if (event.type === 'DELETED') return old ? [{ type: 'delete', key, obj: event.object }] : [];
  return upsertDeltas(key, old, event.object);
}

/**
 * replaceDeltas is what a full list means for the cache: adds for new objects, updates where the
 * resourceVersion moved, and DeletedFinalStateUnknown deletes for objects the list no longer has
 * (their delete events were lost with the watch that expired).
 */
export function replaceDeltas<T extends KubeObject>(cache: CacheView<T>, items: readonly T[]): Delta<T>[] {
  const out: Delta<T>[] = [];
  const listed = new Set<string>();
  for (const obj of items) {
    const key = cache.keyOf(obj);
    listed.add(key);
    out.push(...upsertDeltas(key, cache.get(key), obj));
  }
  for (const key of cache.listKeys()) {
    if (!listed.has(key)) out.push({ type: 'delete', key, obj: new DeletedFinalStateUnknown(key, cache.get(key) as T) });
  }
  return out;
}
