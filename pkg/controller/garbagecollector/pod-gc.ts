// The pod garbage collector: keeps at most terminatedPodGcThreshold finished (Succeeded or
// Failed) pods, deleting the oldest beyond it, and force-deletes pods bound to nodes that no
// longer exist (no kubelet is left to finish them). Event-driven: finished pods and node
// deletions wake it, and a missing node is confirmed with a live read before pods are deleted.
import { objectOf } from '../../client/cache/deltas.js';
import { metaNamespaceKey, NODE_NAME_INDEX } from '../../client/cache/indexer.js';
import type { SharedInformer } from '../../client/cache/shared-informer.js';
import type { ResourceClient } from '../../client/resource-client.js';
import { isApiError } from '../../client/rest.js';
import type { ControllerContext } from '../base/context.js';
import { Controller } from '../base/controller.js';
import type { Node, Pod } from '../base/types.js';

const TERMINATED = 'terminated';
const ORPHAN_PREFIX = 'orphan:';

const isTerminated = (p: Pod): boolean => p.status?.phase === 'Succeeded' || p.status?.phase === 'Failed';
const created = (p: Pod): number => Date.parse(p.metadata?.creationTimestamp ?? '') || 0;

/** PodGarbageCollector deletes surplus finished pods and pods of deleted nodes. */
export class PodGarbageCollector extends Controller {
  private readonly pods: SharedInformer<Pod>;
  private readonly nodes: SharedInformer<Node>;
  private readonly client: ResourceClient<Pod>;

  constructor(ctx: ControllerContext) {
    super('pod-garbage-collector', ctx);
    this.client = ctx.clientset.resource('', 'pods') as ResourceClient<Pod>;
    const podChanged = (p: Pod): void => {
      if (isTerminated(p) && ctx.options.terminatedPodGcThreshold > 0) this.enqueue(TERMINATED);
      if (p.spec.nodeName && !this.nodes.lister().get(p.spec.nodeName)) this.enqueue(ORPHAN_PREFIX + metaNamespaceKey(p));
    };
    this.pods = this.watch<Pod>('', 'pods', { onAdd: podChanged, onUpdate: (_o, p) => podChanged(p) });
    this.nodes = this.watch<Node>('', 'nodes', {
      onDelete: (obj) => {
        for (const p of this.pods.indexer.byIndex(NODE_NAME_INDEX, objectOf(obj).metadata?.name ?? '')) this.enqueue(ORPHAN_PREFIX + metaNamespaceKey(p));
      },
    });
  }

  protected async sync(key: string): Promise<void> {
    if (key === TERMINATED) return this.gcTerminated();
    if (key.startsWith(ORPHAN_PREFIX)) return this.gcOrphaned(key.slice(ORPHAN_PREFIX.length));
  }

  private async gcTerminated(): Promise<void> {
    const threshold = this.ctx.options.terminatedPodGcThreshold;
    const finished = this.pods.lister().list().filter((p) => isTerminated(p) && !p.metadata?.deletionTimestamp);
    if (threshold <= 0 || finished.length <= threshold) return;
    const victims = finished.sort((a, b) => created(a) - created(b)).slice(0, finished.length - threshold);
    this.log.info({ count: victims.length, threshold }, 'garbage collecting terminated pods');
    await Promise.all(victims.map((p) => this.forceDelete(p)));
  }

  private async gcOrphaned(podKey: string): Promise<void> {
    const pod = this.pods.lister().get(podKey);
    const nodeName = pod?.spec.nodeName;
    if (!pod || !nodeName || this.nodes.lister().get(nodeName)) return;
    // The node cache may lag a node's creation: only the API can say it is really gone.
    try {
      await this.ctx.clientset.resource('', 'nodes').get(undefined, nodeName);
      return;
    } catch (err) {
      if (!isApiError(err, 'NotFound')) throw err;
    }
    this.log.info({ pod: podKey, node: nodeName }, 'deleting pod bound to a node that no longer exists');
    await this.forceDelete(pod);
  }

  private async forceDelete(pod: Pod): Promise<void> {
    await this.client.delete(pod.metadata?.namespace, pod.metadata?.name ?? '', { gracePeriodSeconds: 0, preconditions: { uid: pod.metadata?.uid } }).catch((err: unknown) => {
      if (!isApiError(err, 'NotFound')) throw err;
    });
  }
}

/** newPodGarbageCollector builds the pod garbage collector. */
export function newPodGarbageCollector(ctx: ControllerContext): PodGarbageCollector {
  return new PodGarbageCollector(ctx);
}
