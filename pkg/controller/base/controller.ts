// The loop every controller runs, as client-go's controllers do: informer handlers turn changes
// into keys on a rate-limited work queue; N workers take keys and call an idempotent,
// level-triggered sync(key) that reads the informer caches; a failed sync is retried with
// exponential backoff, a successful one resets the key's backoff. Nothing polls the API.
import type { Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { KubeObject } from '../../../api/meta/object.js';
import type { InformerOptions } from '../../client/cache/informer-factory.js';
import { metaNamespaceKey } from '../../client/cache/indexer.js';
import type { EventHandler, HandlerRegistration, SharedInformer } from '../../client/cache/shared-informer.js';
import { WorkQueue } from '../../client/cache/work-queue.js';
import { isApiError } from '../../client/rest.js';
import type { Logger } from '../../util/log.js';
import type { ControllerContext } from './context.js';

/** Controller is the base of every controller: subclasses watch informers in their constructor and implement sync. */
export abstract class Controller {
  readonly queue: WorkQueue<string>;
  protected readonly log: Logger;
  private readonly watched: Array<{ informer: SharedInformer<KubeObject>; handler: EventHandler<KubeObject>; registration?: HandlerRegistration }> = [];

  constructor(
    readonly name: string,
    protected readonly ctx: ControllerContext,
  ) {
    // Backoff from 5 ms doubling up to a minute: a conflict is retried at once, a broken API
    // server is not hammered, and a controller never waits long after the API comes back.
    this.queue = new WorkQueue<string>({ name, registry: ctx.metrics, baseDelayMs: 5, maxDelayMs: 60_000 });
    this.log = ctx.logger.child({ controller: name });
    zeroQueueMetrics(ctx.metrics, name);
  }

  /** sync brings the object under key to its desired state; it must be idempotent. */
  protected abstract sync(key: string): Promise<void>;

  /**
   * watch asks the shared factory for an informer and registers handler on it when run starts,
   * so a controller that never runs (not leader) adds no handlers.
   */
  protected watch<T extends KubeObject>(group: string, resource: string, handler: EventHandler<T>, options?: InformerOptions): SharedInformer<T> {
    const informer = this.ctx.informers.informerFor<T>(group, resource, options);
    this.watched.push({ informer: informer as unknown as SharedInformer<KubeObject>, handler: handler as EventHandler<KubeObject> });
    return informer;
  }

  /** enqueue adds an object's (or a key's) key to the queue. */
  enqueue(objOrKey: KubeObject | string): void {
    this.queue.add(typeof objOrKey === 'string' ? objOrKey : metaNamespaceKey(objOrKey));
  }

  /** enqueueAfter adds a key once ms have passed (minReadySeconds, deadlines, eviction timers). */
  enqueueAfter(objOrKey: KubeObject | string, ms: number): void {
    this.queue.addAfter(typeof objOrKey === 'string' ? objOrKey : metaNamespaceKey(objOrKey), ms);
  }

  /** run registers the handlers, waits for the caches, then runs workers until signal aborts. */
  async run(signal: AbortSignal, workers = this.ctx.options.concurrentSyncs): Promise<void> {
    for (const w of this.watched) w.registration = w.informer.addEventHandler(w.handler);
    try {
      if (!(await this.waitForCaches(signal))) return;
      this.log.debug({ workers }, 'caches synced; starting workers');
      const stop = (): void => this.queue.shutDown();
      signal.addEventListener('abort', stop, { once: true });
      if (signal.aborted) stop(); // an abort before the listener fires no event
      await Promise.all(Array.from({ length: Math.max(1, workers) }, () => this.worker()));
      signal.removeEventListener('abort', stop);
    } finally {
      for (const w of this.watched) w.registration?.remove();
      this.queue.shutDown();
    }
  }

  /** hasSynced tells whether every informer and handler has its initial state. */
  hasSynced(): boolean {
    return this.watched.every((w) => w.informer.hasSynced() && (w.registration?.hasSynced() ?? false));
  }

  private async waitForCaches(signal: AbortSignal): Promise<boolean> {
    for (const w of this.watched) if (!(await w.informer.waitForSync(signal))) return false;
    // Handlers get their initial adds in microtasks after the cache syncs; wait for them too, so
    // the first syncs see every object the handlers were told about.
    while (!this.hasSynced()) {
      if (signal.aborted) return false;
      await new Promise((r) => setTimeout(r, 5));
    }
    return !signal.aborted;
  }

  private async worker(): Promise<void> {
    for (;;) {
      const key = await this.queue.get();
      if (key === undefined) return;
      try {
        await this.sync(key);
        this.queue.forget(key);
      } catch (err) {
        // Conflicts and vanished objects are the normal price of optimistic concurrency: retry quietly.
        const quiet = isApiError(err, 'Conflict') || isApiError(err, 'NotFound') || isApiError(err, 'AlreadyExists');
        this.log[quiet ? 'debug' : 'warn']({ err, key, retries: this.queue.numRequeues(key) }, 'sync failed; retrying');
        this.queue.addRateLimited(key);
      } finally {
        this.queue.done(key);
      }
    }
  }
}

// As client-go does, every queue's series exist from the start (at 0), so dashboards and alerts
// see a controller that has had nothing to do rather than no controller at all.
function zeroQueueMetrics(registry: Registry, name: string): void {
  for (const m of ['workqueue_adds_total', 'workqueue_retries_total']) (registry.getSingleMetric(m) as Counter<'name'> | undefined)?.inc({ name }, 0);
  (registry.getSingleMetric('workqueue_depth') as Gauge<'name'> | undefined)?.inc({ name }, 0);
  for (const m of ['workqueue_work_duration_seconds', 'workqueue_queue_duration_seconds']) (registry.getSingleMetric(m) as Histogram<'name'> | undefined)?.zero({ name });
}
