// The reflector keeps a store in step with the server as client-go's does: list, then watch from
// the list's resourceVersion; when a watch ends, watch again from the last resourceVersion seen
// (events and bookmarks both advance it), so nothing is missed or repeated; only when the server
// no longer has that history (410) list again and replace the store wholesale. It never polls.
import type { KubeList, KubeObject } from '../../../api/meta/object.js';
import { ApiError } from '../rest.js';
import type { ListOptions, ResourceClient } from '../resource-client.js';
import { watchEvents, type WatchEvent } from '../watch.js';

/** ListerWatcher is the reflector's source: one list and one watch call of a resource. */
export interface ListerWatcher<T extends KubeObject = KubeObject> {
  list(opts: ListOptions, signal: AbortSignal): Promise<KubeList<T>>;
  watch(opts: ListOptions, signal: AbortSignal): AsyncIterable<WatchEvent<T>>;
}

/** Selection narrows a ListerWatcher to a namespace and selectors. */
export interface Selection {
  namespace?: string;
  labelSelector?: string;
  fieldSelector?: string;
}

/** listerWatcherFor makes the ListerWatcher of a resource client, narrowed by selection. */
export function listerWatcherFor<T extends KubeObject>(client: ResourceClient<T>, sel: Selection = {}): ListerWatcher<T> {
  const namespace = client.info.namespaced ? sel.namespace || undefined : undefined;
  const narrow = { labelSelector: sel.labelSelector, fieldSelector: sel.fieldSelector };
  return {
    // Through rest.request rather than client.list, which takes no signal: a stopping informer
    // must not wait for a large list to finish.
    list: async (opts, signal) => (await client.rest.request<KubeList<T>>({ path: client.path(namespace), query: { ...narrow, ...opts }, signal })).body,
    watch: (opts, signal) => watchEvents<T>(client.rest, { path: client.path(namespace), query: { ...narrow, ...opts }, signal }),
  };
}

/** ReflectorStore receives what the reflector learns. */
export interface ReflectorStore<T extends KubeObject = KubeObject> {
  /** replace is the complete state at resourceVersion, after every (re)list. */
  replace(items: T[], resourceVersion: string): void;
  /** event is one ADDED, MODIFIED or DELETED watch event (bookmarks are the reflector's own business). */
  event(event: WatchEvent<T>): void;
}

/** ReflectorOptions tune retries; the defaults are client-go's. */
export interface ReflectorOptions {
  /** backoffInitialMs is the first wait before retrying a failed list or watch (default 1 s). */
  backoffInitialMs?: number;
  /** backoffMaxMs caps the doubling wait (default 30 s). */
  backoffMaxMs?: number;
  /** healthyWatchMs: a watch open this long, or that delivered any event, resets the backoff (default 1 s). */
  healthyWatchMs?: number;
  /** watchTimeoutSeconds: each watch asks the server to end it after [t, 2t) s (default 300), spreading re-watches out. */
  watchTimeoutSeconds?: number;
  /** pageSize is the list chunk size (default 500; 0 lists in one response). */
  pageSize?: number;
  /** onError hears every failure the reflector recovers from. */
  onError?: (err: unknown, phase: 'list' | 'watch') => void;
}

/** ReflectorStats count what the reflector did, for tests and metrics. */
export interface ReflectorStats {
  /** lists counts completed lists; every list after the first is a relist. */
  lists: number;
  /** watches counts watch requests made. */
  watches: number;
  /** expired counts 410 answers (HTTP or ERROR event) that forced a relist. */
  expired: number;
  /** failures counts list and watch errors other than 410. */
  failures: number;
  /** bookmarks counts BOOKMARK events received. */
  bookmarks: number;
}

/** isExpired tells a 410: the server no longer has the history from our resourceVersion. */
export function isExpired(err: unknown): boolean {
  return err instanceof ApiError && err.code === 410;
}

// How long past its timeoutSeconds a silent watch may stay open before we give up on it: a peer
// that vanished without a FIN would otherwise leave us waiting forever.
const DEADLINE_GRACE_MS = 30_000;

/** Reflector mirrors one list+watch into a ReflectorStore. */
export class Reflector<T extends KubeObject = KubeObject> {
  readonly stats: ReflectorStats = { lists: 0, watches: 0, expired: 0, failures: 0, bookmarks: 0 };
  private rv = '';
  private failures = 0;
  private current: AbortController | undefined;
  private readonly opts: Required<Omit<ReflectorOptions, 'onError'>> & Pick<ReflectorOptions, 'onError'>;

  constructor(
    private readonly lw: ListerWatcher<T>,
    private readonly store: ReflectorStore<T>,
    opts: ReflectorOptions = {},
  ) {
    this.opts = { backoffInitialMs: 1000, backoffMaxMs: 30_000, healthyWatchMs: 1000, watchTimeoutSeconds: 300, pageSize: 500, ...opts };
  }

  /** lastSyncResourceVersion is the resourceVersion the next watch starts from. */
  get lastSyncResourceVersion(): string {
    return this.rv;
  }

  /**
   * interruptWatch drops the current watch as a broken connection would (the reflector re-watches
   * from the last resourceVersion after its backoff); false when no watch is open.
   */
  interruptWatch(): boolean {
    if (!this.current) return false;
    this.current.abort(new Error('watch interrupted'));
    return true;
  }

  /** run lists and watches until signal aborts. */
  async run(signal: AbortSignal): Promise<void> {
    while (!signal.aborted) {
      try {
        await this.list(signal);
      } catch (err) {
        if (signal.aborted) return;
        this.report(err, 'list');
        await this.backoff(signal);
        continue;
      }
      await this.watchUntilExpired(signal);
    }
  }

  private async list(signal: AbortSignal): Promise<void> {
    const items: T[] = [];
    let cont: string | undefined;
    let rv = '';
    do {
      // Pages after the first are read at the first page's revision (the continue token carries
      // it), so the pages add up to one consistent snapshot.
      const page = await this.lw.list({ limit: this.opts.pageSize || undefined, continue: cont }, signal);
      items.push(...page.items);
      rv = page.metadata.resourceVersion;
      cont = page.metadata.continue || undefined;
    } while (cont && !signal.aborted);
    if (signal.aborted) return;
    this.store.replace(items, rv);
    this.rv = rv;
    this.stats.lists++;
  }

  /** watchUntilExpired re-watches from the last resourceVersion until a 410 calls for a relist. */
  private async watchUntilExpired(signal: AbortSignal): Promise<void> {
    let sinceList = 0;
    while (!signal.aborted) {
      const started = performance.now();
      let events = 0;
      let failed = false;
      const ctrl = new AbortController();
      const stop = (): void => ctrl.abort();
      signal.addEventListener('abort', stop, { once: true });
      this.current = ctrl;
      const timeoutSeconds = Math.floor(this.opts.watchTimeoutSeconds * (1 + Math.random()));
      const deadline = setTimeout(() => ctrl.abort(new Error('watch outlived its timeout')), timeoutSeconds * 1000 + DEADLINE_GRACE_MS);
      try {
        this.stats.watches++;
        for await (const e of this.lw.watch({ resourceVersion: this.rv, allowWatchBookmarks: true, timeoutSeconds }, ctrl.signal)) {
          events++;
          sinceList++;
          if (e.type === 'BOOKMARK') this.stats.bookmarks++;
          else this.store.event(e);
          // After the store has the event: a watch restarted from here must not skip it.
          const rv = e.object?.metadata?.resourceVersion;
          if (rv) this.rv = rv;
        }
        // watchEvents ends quietly on any abort, but only run's signal means "stop": an interrupt
        // or the deadline is a broken watch, retried after the backoff.
        if (ctrl.signal.aborted && !signal.aborted) {
          failed = true;
          this.report(ctrl.signal.reason, 'watch');
        }
      } catch (err) {
        if (signal.aborted) return;
        if (isExpired(err)) {
          this.stats.expired++;
          this.report(err, 'watch');
          // Expiry right after a fresh list is no progress at all: do not hammer the server.
          if (sinceList === 0) await this.backoff(signal);
          return;
        }
        this.report(err, 'watch');
        failed = true;
      } finally {
        clearTimeout(deadline);
        signal.removeEventListener('abort', stop);
        this.current = undefined;
      }
      if (signal.aborted) return;
      const healthy = events > 0 || performance.now() - started >= this.opts.healthyWatchMs;
      if (healthy) this.failures = 0;
      // A healthy watch the server ended (its timeout) is the normal life cycle: re-watch at once,
      // as client-go does. Anything else waits, so a sick server is not hammered.
      if (failed || !healthy) await this.backoff(signal);
    }
  }

  private report(err: unknown, phase: 'list' | 'watch'): void {
    if (!isExpired(err)) this.stats.failures++;
    this.opts.onError?.(err, phase);
  }

  /** backoff waits initial·2^n (capped) after the n-th consecutive failure, or until signal aborts. */
  private backoff(signal: AbortSignal): Promise<void> {
    const ms = Math.min(this.opts.backoffInitialMs * 2 ** this.failures, this.opts.backoffMaxMs);
    this.failures = Math.min(this.failures + 1, 52); // 2 ** 53 would stop being exact; the cap applies long before
    return new Promise((resolve) => {
      if (signal.aborted) return resolve();
      const done = (): void => {
        clearTimeout(timer);
        signal.removeEventListener('abort', done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      signal.addEventListener('abort', done, { once: true });
    });
  }
}
