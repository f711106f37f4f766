// The namespace check every namespaced create makes (exists, not terminating), answered from
// memory when it can be. Reading the namespace from LevelDB on each create cost more than any
// other step of a create: classic-level takes LevelDB's lock for an implicit snapshot on the event
// loop, which now and then waits out a writer for tens of milliseconds.
import type { KubeObject } from '../../../api/meta/object.js';
import type { Store } from '../../storage/interface.js';

/** MAX_CACHED bounds the cache; past it, it starts over (a miss is only a store read). */
const MAX_CACHED = 10_000;

/**
 * NamespaceGuardCache remembers namespaces seen active. Every write to a namespace key goes through
 * the store returned by track(), which forgets that namespace once the write is done; a lookup
 * that overlapped any namespace write is not remembered, so nothing older than the last write
 * is ever answered from memory.
 */
export class NamespaceGuardCache {
  private readonly active = new Set<string>();
  private epoch = 0;

  /** isActive is true when name is known to exist and not to be terminating. */
  isActive(name: string): boolean {
    return this.active.has(name);
  }

  /** lookup reads the namespace with read() and remembers it if active and nothing wrote meanwhile. */
  async lookup(name: string, read: () => Promise<KubeObject | undefined>): Promise<KubeObject | undefined> {
    const epoch = this.epoch;
    const ns = await read();
    if (ns && !ns.metadata?.deletionTimestamp && epoch === this.epoch) {
      if (this.active.size >= MAX_CACHED) this.active.clear();
      this.active.add(name);
    }
    return ns;
  }

  /** track wraps the namespaces' store so that every write invalidates what it touches. */
  track(store: Store, nameOf: (key: string) => string): Store {
    const writing = <A extends [string, ...unknown[]], R>(fn: (...a: A) => Promise<R>) =>
      async (...args: A): Promise<R> => {
        this.epoch++;
        try {
          return await fn(...args);
        } finally {
          this.epoch++;
          this.active.delete(nameOf(args[0]));
        }
      };
    return { ...bindAll(store), create: writing(store.create.bind(store)), update: writing(store.update.bind(store)), delete: writing(store.delete.bind(store)) };
  }
}

function bindAll(store: Store): Store {
  return {
    get: store.get.bind(store),
    list: store.list.bind(store),
    create: store.create.bind(store),
    update: store.update.bind(store),
    delete: store.delete.bind(store),
    compact: store.compact.bind(store),
    watch: store.watch.bind(store),
    currentRevision: store.currentRevision.bind(store),
    close: store.close.bind(store),
  };
}
