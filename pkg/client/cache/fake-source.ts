// An in-memory ListerWatcher with etcd-like revisions, for unit tests of informers and the
// controllers built on them (client-go's FakeControllerSource): tests write objects, drop
// watches, compact history and send bookmarks, without an API server.
import type { KubeList, KubeObject } from '../../../api/meta/object.js';
import { ApiError } from '../rest.js';
import type { ListOptions } from '../resource-client.js';
import type { WatchEvent } from '../watch.js';
import { metaNamespaceKey } from './indexer.js';
import type { ListerWatcher } from './reflector.js';

interface OpenWatch<T extends KubeObject> {
  queue: WatchEvent<T>[];
  wake: (() => void) | undefined;
  error: Error | undefined;
}

/** FakeSource is a resource held in memory; every write gets the next revision as resourceVersion. */
export class FakeSource<T extends KubeObject = KubeObject> implements ListerWatcher<T> {
  /** revision is the last revision handed out. */
  revision = 0;
  /** compacted: watches from an older revision get 410 Expired. */
  compacted = 0;
  /** listCalls and watchCalls record the options of every call. */
  readonly listCalls: ListOptions[] = [];
  readonly watchCalls: ListOptions[] = [];
  private readonly objects = new Map<string, T>();
  private readonly log: Array<WatchEvent<T>> = [];
  private readonly watches = new Set<OpenWatch<T>>();
  private failLists: Error[] = [];
  private failWatches: Error[] = [];

  /** add creates obj (uid defaults to its key) and returns the stored copy. */
  add(obj: T): T {
    return this.write('ADDED', { ...obj, metadata: { uid: metaNamespaceKey(obj), ...obj.metadata } });
  }

  /** modify replaces obj, keeping its uid. */
  modify(obj: T): T {
    const old = this.objects.get(metaNamespaceKey(obj));
    if (!old) throw new Error(`${metaNamespaceKey(obj)} does not exist`);
    return this.write('MODIFIED', { ...obj, metadata: { ...obj.metadata, uid: old.metadata?.uid } });
  }

  /** delete removes the object under key. */
  delete(key: string): T {
    const old = this.objects.get(key);
    if (!old) throw new Error(`${key} does not exist`);
    return this.write('DELETED', old);
  }

  /** items returns the current objects. */
  items(): T[] {
    return [...this.objects.values()];
  }

  /** openWatches is the number of watches being served. */
  get openWatches(): number {
    return this.watches.size;
  }

  /** compact drops all history: watches from older revisions now get 410. */
  compact(): void {
    this.compacted = this.revision;
  }

  /** bookmark sends every open watch a BOOKMARK at the current revision. */
  bookmark(): void {
    this.broadcast({ type: 'BOOKMARK', object: { metadata: { resourceVersion: String(this.revision) } } as T });
  }

  /** dropWatches breaks every open watch as a reset connection does. */
  dropWatches(err: Error = Object.assign(new Error('aborted'), { code: 'ECONNRESET' })): void {
    for (const w of this.watches) {
      w.error = err;
      w.wake?.();
    }
    this.watches.clear(); // gone now, not when the reader next runs: openWatches counts live watches
  }

  /** failNextList makes the next list calls fail, one error each. */
  failNextList(...errs: Error[]): void {
    this.failLists.push(...errs);
  }

  /** failNextWatch makes the next watch calls fail, one error each. */
  failNextWatch(...errs: Error[]): void {
    this.failWatches.push(...errs);
  }

  async list(opts: ListOptions): Promise<KubeList<T>> {
    this.listCalls.push(opts);
    const err = this.failLists.shift();
    if (err) throw err;
    return { apiVersion: 'v1', kind: 'List', metadata: { resourceVersion: String(this.revision) }, items: this.items() };
  }

  watch(opts: ListOptions, signal: AbortSignal): AsyncIterable<WatchEvent<T>> {
    this.watchCalls.push(opts);
    return this.serve(opts, signal);
  }

  private async *serve(opts: ListOptions, signal: AbortSignal): AsyncGenerator<WatchEvent<T>> {
    const err = this.failWatches.shift();
    if (err) throw err;
    const from = Number(opts.resourceVersion || this.revision);
    if (from < this.compacted) throw new ApiError(410, 'Expired', `too old resource version: ${from} (${this.compacted})`);
    const w: OpenWatch<T> = { queue: this.log.filter((e) => Number(e.object.metadata?.resourceVersion) > from), wake: undefined, error: undefined };
    this.watches.add(w);
    const onAbort = (): void => w.wake?.();
    signal.addEventListener('abort', onAbort);
    try {
      for (;;) {
        if (signal.aborted) return; // like watchEvents: our own abort ends the stream quietly
        if (w.error) throw w.error;
        const e = w.queue.shift();
        if (e) yield e;
        else await new Promise<void>((resolve) => (w.wake = resolve));
      }
    } finally {
      signal.removeEventListener('abort', onAbort);
      this.watches.delete(w);
    }
  }

  private write(type: 'ADDED' | 'MODIFIED' | 'DELETED', obj: T): T {
    const key = metaNamespaceKey(obj);
    const stored = { ...obj, metadata: { ...obj.metadata, resourceVersion: String(++this.revision) } };
    if (type === 'DELETED') this.objects.delete(key);
    else this.objects.set(key, stored);
    const e = { type, object: stored };
    this.log.push(e);
    this.broadcast(e);
    return stored;
  }

  private broadcast(e: WatchEvent<T>): void {
    for (const w of this.watches) {
      w.queue.push(e);
      w.wake?.();
    }
  }
}
