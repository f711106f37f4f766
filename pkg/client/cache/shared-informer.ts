// A shared informer: one reflector feeding one indexed cache, fanned out to any number of event
// handlers, as client-go's sharedIndexInformer. The cache is updated before handlers hear of a
// change, so a handler (or a worker it wakes) reading the cache sees at least that change.
import type { KubeObject } from '../../../api/meta/object.js';
import { eventDeltas, replaceDeltas, type DeletedFinalStateUnknown, type Delta } from './deltas.js';
import { Indexer, defaultIndexers, type Indexers, type Lister } from './indexer.js';
import { Reflector, type ListerWatcher, type ReflectorOptions } from './reflector.js';
import type { WatchEvent } from '../watch.js';

/** EventHandler hears of changes; every method is optional. */
export interface EventHandler<T extends KubeObject = KubeObject> {
  /** onAdd: isInInitialList is true for the first list and for the catch-up of a late handler. */
  onAdd?(obj: T, isInInitialList: boolean): void;
  /** onUpdate: newObj has another resourceVersion than oldObj, except on resync where both are the same object. */
  onUpdate?(oldObj: T, newObj: T): void;
  /** onDelete gets DeletedFinalStateUnknown when the delete was learned from a relist. */
  onDelete?(obj: T | DeletedFinalStateUnknown<T>): void;
}

/** HandlerRegistration is the handle addEventHandler returns. */
export interface HandlerRegistration {
  /** hasSynced: the handler has been handed the whole initial state (first list or catch-up). */
  hasSynced(): boolean;
  /** remove stops delivery to the handler; what is queued for it is dropped. */
  remove(): void;
}

/** SharedInformerOptions tune one informer. */
export interface SharedInformerOptions<T extends KubeObject = KubeObject> {
  /** name appears in error reports. */
  name?: string;
  /** indexers of the cache (default: namespace and label). */
  indexers?: Indexers<T>;
  reflector?: ReflectorOptions;
  /** resyncMs > 0 re-delivers every cached object as onUpdate(obj, obj) this often (default 0: off). */
  resyncMs?: number;
  /** onError hears handler exceptions and the reflector's recovered failures. */
  onError?: (err: unknown, where: string) => void;
}

type Notification<T extends KubeObject> = { type: 'add'; obj: T; initial: boolean } | { type: 'update'; old: T; obj: T } | { type: 'delete'; obj: T | DeletedFinalStateUnknown<T> };

// One handler's mailbox. Delivery is in a microtask, not inside addEventHandler or the reflector's
// call: a late handler's catch-up then starts after its registering code has finished, a throwing
// handler cannot break the reflector, and every handler still sees events in cache order.
class Listener<T extends KubeObject> {
  private queue: Notification<T>[] = [];
  private head = 0;
  private scheduled = false;
  enqueued = 0;
  delivered = 0;
  syncTarget: number | undefined;
  private removed = false;

  constructor(
    private readonly handler: EventHandler<T>,
    private readonly onError: (err: unknown) => void,
  ) {}

  push(n: Notification<T>): void {
    if (this.removed) return;
    this.queue.push(n);
    this.enqueued++;
    if (!this.scheduled) {
      this.scheduled = true;
      queueMicrotask(() => this.drain());
    }
  }

  stop(): void {
    this.removed = true;
    this.queue = [];
    this.head = 0;
  }

  private drain(): void {
    this.scheduled = false;
    while (this.head < this.queue.length && !this.removed) {
      const n = this.queue[this.head++] as Notification<T>;
      this.delivered++;
      try {
        if (n.type === 'add') this.handler.onAdd?.(n.obj, n.initial);
        else if (n.type === 'update') this.handler.onUpdate?.(n.old, n.obj);
        else this.handler.onDelete?.(n.obj);
      } catch (err) {
        this.onError(err);
      }
    }
    this.queue = [];
    this.head = 0;
  }
}

/** SharedInformer is a list+watch cache of one resource with event handlers. */
export class SharedInformer<T extends KubeObject = KubeObject> {
  readonly indexer: Indexer<T>;
  readonly reflector: Reflector<T>;
  private readonly listeners: Listener<T>[] = [];
  private synced = false;
  private started = false;
  private syncWaiters: Array<() => void> = [];

  constructor(
    lw: ListerWatcher<T>,
    private readonly opts: SharedInformerOptions<T> = {},
  ) {
    this.indexer = new Indexer<T>(opts.indexers ?? (defaultIndexers() as Indexers<T>));
    this.reflector = new Reflector<T>(
      lw,
      { replace: (items) => this.replace(items), event: (e) => this.event(e) },
      { ...opts.reflector, onError: (err, phase) => this.report(err, phase) },
    );
  }

  /** lister reads the cache. */
  lister(): Lister<T> {
    return this.indexer.lister();
  }

  /** addIndexers adds indexes to the cache; existing objects are indexed at once. */
  addIndexers(indexers: Indexers<T>): void {
    this.indexer.addIndexers(indexers);
  }

  /** addEventHandler registers a handler; once synced, it first gets an add for every cached object. */
  addEventHandler(handler: EventHandler<T>): HandlerRegistration {
    const listener = new Listener(handler, (err) => this.report(err, 'handler'));
    this.listeners.push(listener);
    if (this.synced) {
      for (const obj of this.indexer.list()) listener.push({ type: 'add', obj, initial: true });
      listener.syncTarget = listener.enqueued;
    }
    return {
      hasSynced: () => listener.syncTarget !== undefined && listener.delivered >= listener.syncTarget,
      remove: () => {
        listener.stop();
        const i = this.listeners.indexOf(listener);
        if (i >= 0) this.listeners.splice(i, 1);
      },
    };
  }

  /** hasSynced: the first list is in the cache. */
  hasSynced(): boolean {
    return this.synced;
  }

  /** lastSyncResourceVersion is the resourceVersion the cache is at. */
  lastSyncResourceVersion(): string {
    return this.reflector.lastSyncResourceVersion;
  }

  /** waitForSync resolves true once synced, or false if signal aborts first. */
  waitForSync(signal: AbortSignal): Promise<boolean> {
    if (this.synced) return Promise.resolve(true);
    if (signal.aborted) return Promise.resolve(false);
    return new Promise((resolve) => {
      const onSync = (): void => {
        signal.removeEventListener('abort', onAbort);
        resolve(true);
      };
      const onAbort = (): void => {
        this.syncWaiters = this.syncWaiters.filter((w) => w !== onSync);
        resolve(false);
      };
      this.syncWaiters.push(onSync);
      signal.addEventListener('abort', onAbort, { once: true });
    });
  }

  /** isStarted tells whether run has been called. */
  isStarted(): boolean {
    return this.started;
  }

  /** run lists and watches until signal aborts; an informer runs once. */
  async run(signal: AbortSignal): Promise<void> {
    if (this.started) throw new Error(`informer ${this.opts.name ?? ''} already started`);
    this.started = true;
    const resync = this.opts.resyncMs && this.opts.resyncMs > 0 ? setInterval(() => this.resync(), this.opts.resyncMs) : undefined;
    try {
      await this.reflector.run(signal);
    } finally {
      if (resync) clearInterval(resync);
    }
  }

  private replace(items: T[]): void {
    const initial = !this.synced;
    for (const d of replaceDeltas(this.indexer, items)) this.apply(d, initial);
    if (initial) {
      this.synced = true;
      for (const l of this.listeners) l.syncTarget ??= l.enqueued;
      const waiters = this.syncWaiters;
      this.syncWaiters = [];
      for (const w of waiters) w();
    }
  }

  private event(e: WatchEvent<T>): void {
    for (const d of eventDeltas(this.indexer, e)) this.apply(d, false);
  }

  private apply(d: Delta<T>, initial: boolean): void {
    let n: Notification<T>;
    if (d.type === 'delete') {
      this.indexer.delete(d.key);
      n = { type: 'delete', obj: d.obj };
    } else {
      this.indexer.set(d.obj);
      n = d.type === 'add' ? { type: 'add', obj: d.obj, initial } : { type: 'update', old: d.old, obj: d.obj };
    }
    for (const l of this.listeners) l.push(n);
  }

  private resync(): void {
    if (!this.synced) return;
    for (const obj of this.indexer.list()) for (const l of this.listeners) l.push({ type: 'update', old: obj, obj });
  }

  private report(err: unknown, where: string): void {
    this.opts.onError?.(err, `${this.opts.name ?? 'informer'}: ${where}`);
  }
}
