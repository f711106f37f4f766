// What the registries need from storage, as seen from above: the API server receives a backend
// from the composition root and hands it here, without importing pkg/storage itself.
import type { Store } from '../storage/interface.js';

/** StorageBackend is the store the registries run on. */
export type StorageBackend = Store;

/** StoreTimer starts a timer for one storage call; the returned function stops it. */
export type StoreTimer = (operation: string, type: string) => () => void;

/** instrumentBackend wraps a backend so every call is timed (etcd_request_duration_seconds). */
export function instrumentBackend(store: StorageBackend, time: StoreTimer): StorageBackend {
  const timed =
    <A extends unknown[], R>(operation: string, fn: (...a: A) => Promise<R>) =>
    async (...args: A): Promise<R> => {
      const end = time(operation, typeOf(args[0]));
      try {
        return await fn(...args);
      } finally {
        end();
      }
    };
  return {
    get: timed('get', store.get.bind(store)),
    list: timed('list', store.list.bind(store)),
    create: timed('create', store.create.bind(store)),
    update: timed('update', store.update.bind(store)),
    delete: timed('delete', store.delete.bind(store)),
    compact: timed('compact', store.compact.bind(store)),
    watch: store.watch.bind(store),
    currentRevision: store.currentRevision.bind(store),
    close: store.close.bind(store),
  };
}

// /registry/pods/ns/name → "pods": the object type label, as etcd metrics carry it.
function typeOf(key: unknown): string {
  return typeof key === 'string' ? (key.split('/')[2] ?? '') : '';
}
