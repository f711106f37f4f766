// One informer per (resource, namespace, selectors) for the whole process: when the scheduler, the
// controllers and the kubelet all want pods, the API server serves one list and one watch, and the
// process keeps one copy of every pod.
import type { KubeObject } from '../../../api/meta/object.js';
import type { Clientset } from '../clientset.js';
import { defaultIndexers, type Indexers } from './indexer.js';
import { listerWatcherFor, type ReflectorOptions, type Selection } from './reflector.js';
import { SharedInformer } from './shared-informer.js';

/** InformerOptions select what an informer caches. */
export type InformerOptions = Selection;

/** SharedInformerFactoryOptions apply to every informer of the factory. */
export interface SharedInformerFactoryOptions {
  reflector?: ReflectorOptions;
  /** resyncMs: see SharedInformerOptions.resyncMs (default 0: off). */
  resyncMs?: number;
  onError?: (err: unknown, where: string) => void;
}

/** SharedInformerFactory hands out shared informers and starts them. */
export class SharedInformerFactory {
  private readonly informers = new Map<string, SharedInformer<KubeObject>>();
  private signal: AbortSignal | undefined;
  private readonly running = new Set<Promise<void>>();

  constructor(
    private readonly clientset: Clientset,
    private readonly opts: SharedInformerFactoryOptions = {},
  ) {}

  /**
   * informerFor returns the one informer of group/resource with these options (namespace is
   * ignored for cluster-scoped resources). After start, a new informer starts at once, so a role
   * that comes up later needs no start call of its own.
   */
  informerFor<T extends KubeObject = KubeObject>(group: string, resource: string, options: InformerOptions = {}): SharedInformer<T> {
    const client = this.clientset.resource(group, resource);
    const sel: Selection = {
      namespace: client.info.namespaced ? options.namespace || '' : '',
      labelSelector: options.labelSelector ?? '',
      fieldSelector: options.fieldSelector ?? '',
    };
    const key = JSON.stringify([group, resource, sel.namespace, sel.labelSelector, sel.fieldSelector]);
    let informer = this.informers.get(key);
    if (!informer) {
      const where = [resource + (group ? `.${group}` : ''), sel.namespace, sel.labelSelector, sel.fieldSelector].filter(Boolean).join(' ');
      informer = new SharedInformer<KubeObject>(listerWatcherFor(client, sel), {
        name: where,
        indexers: defaultIndexers(client.info) as Indexers,
        reflector: this.opts.reflector,
        resyncMs: this.opts.resyncMs,
        onError: this.opts.onError,
      });
      this.informers.set(key, informer);
      if (this.signal) this.runInformer(informer, this.signal);
    }
    // The cache holds whatever the server sends for this resource; T is the caller's view of it.
    return informer as unknown as SharedInformer<T>;
  }

  /** start runs every informer not yet running until signal aborts; calling it again is harmless (the first signal stays in charge). */
  start(signal: AbortSignal): void {
    this.signal ??= signal;
    for (const informer of this.informers.values()) if (!informer.isStarted()) this.runInformer(informer, this.signal);
  }

  /** waitForCacheSync resolves true once every informer requested so far has synced, false if signal aborts first. */
  async waitForCacheSync(signal: AbortSignal): Promise<boolean> {
    const results = await Promise.all([...this.informers.values()].map((i) => i.waitForSync(signal)));
    return results.every(Boolean);
  }

  /** shutdown resolves once every started informer has stopped (after start's signal aborted). */
  async shutdown(): Promise<void> {
    await Promise.all(this.running);
  }

  /** size is the number of informers (one watch each). */
  get size(): number {
    return this.informers.size;
  }

  private runInformer(informer: SharedInformer<KubeObject>, signal: AbortSignal): void {
    const done = informer.run(signal).catch((err: unknown) => this.opts.onError?.(err, 'informer run'));
    this.running.add(done);
    void done.finally(() => this.running.delete(done));
  }
}
