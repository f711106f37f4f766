// Node lifecycle: a node is healthy while its kubelet heartbeats — by renewing its Lease in
// kube-node-lease or by posting a new Ready lastHeartbeatTime. Each heartbeat, as the informers
// deliver it, re-arms a per-node timer for nodeMonitorGracePeriod later; when it fires with no
// newer heartbeat the node is marked Unknown, tainted unreachable (NoSchedule + NoExecute), its
// pods are marked not ready, and podEvictionTimeout after the taint they are evicted so their
// controllers replace them elsewhere. A Ready=True report from a returning kubelet lifts the taints.
import { rfc3339 } from '../../../api/meta/object.js';
import { objectOf } from '../../client/cache/deltas.js';
import { NODE_NAME_INDEX } from '../../client/cache/indexer.js';
import type { SharedInformer } from '../../client/cache/shared-informer.js';
import type { ResourceClient } from '../../client/resource-client.js';
import { isApiError } from '../../client/rest.js';
import type { ControllerContext } from '../base/context.js';
import { Controller } from '../base/controller.js';
import type { EventRecorder } from '../base/events.js';
import { TAINT_NOT_READY, TAINT_UNREACHABLE } from '../base/taints.js';
import type { Lease, Node, Pod } from '../base/types.js';
import { evictionTime, readyCondition, unknownConditions, wantedTaints, withLifecycleTaints } from './health.js';

/** NODE_LEASE_NAMESPACE holds the kubelets' heartbeat Leases. */
export const NODE_LEASE_NAMESPACE = 'kube-node-lease';

interface Health {
  /** probedAt is when this controller last saw a heartbeat (its own clock, as Kubernetes does). */
  probedAt: number;
  renewTime?: string;
  heartbeat?: string;
}

/** NodeLifecycleController marks silent nodes and evicts their pods. */
export class NodeLifecycleController extends Controller {
  private readonly nodes: SharedInformer<Node>;
  private readonly pods: SharedInformer<Pod>;
  private readonly health = new Map<string, Health>();
  // Nodes with a health check pending: heartbeats arrive far more often than the check is due,
  // and only the first needs to set the timer (the check re-arms itself from the latest one).
  private readonly armed = new Set<string>();
  private readonly nodeClient: ResourceClient<Node>;
  private readonly podClient: ResourceClient<Pod>;
  private readonly recorder: EventRecorder;

  constructor(ctx: ControllerContext) {
    super('node-lifecycle', ctx);
    this.nodeClient = ctx.clientset.resource('', 'nodes') as ResourceClient<Node>;
    this.podClient = ctx.clientset.resource('', 'pods') as ResourceClient<Pod>;
    this.recorder = ctx.recorder('node-controller');
    this.nodes = this.watch<Node>('', 'nodes', {
      onAdd: (n) => this.observe(n.metadata?.name ?? '', { heartbeat: readyCondition(n)?.lastHeartbeatTime }, true),
      onUpdate: (_o, n) => this.observe(n.metadata?.name ?? '', { heartbeat: readyCondition(n)?.lastHeartbeatTime }, true),
      onDelete: (obj) => {
        const name = objectOf(obj).metadata?.name ?? '';
        this.health.delete(name);
        this.enqueue(name);
      },
    });
    this.watch<Lease>('coordination.k8s.io', 'leases', {
      onAdd: (l) => this.observe(l.metadata?.name ?? '', { renewTime: l.spec?.renewTime }, false),
      onUpdate: (_o, l) => this.observe(l.metadata?.name ?? '', { renewTime: l.spec?.renewTime }, false),
    }, { namespace: NODE_LEASE_NAMESPACE });
    // A pod landing on a NoExecute-tainted node must be looked at too.
    const podChanged = (p: Pod): void => {
      const node = p.spec.nodeName ? this.nodes.lister().get(p.spec.nodeName) : undefined;
      if (node?.spec?.taints?.some((t) => t.effect === 'NoExecute')) this.enqueue(p.spec.nodeName as string);
    };
    this.pods = this.watch<Pod>('', 'pods', { onAdd: podChanged, onUpdate: (_o, p) => podChanged(p) });
  }

  // A changed renewTime or lastHeartbeatTime is a heartbeat. A node seen for the first time gets
  // the full grace period, as after a controller restart.
  private observe(name: string, beat: { renewTime?: string; heartbeat?: string }, fromNode: boolean): void {
    if (!name) return;
    const now = Date.now();
    let h = this.health.get(name);
    if (!h) this.health.set(name, (h = { probedAt: now, ...beat }));
    else if ((beat.renewTime !== undefined && beat.renewTime !== h.renewTime) || (beat.heartbeat !== undefined && beat.heartbeat !== h.heartbeat)) {
      h.probedAt = now;
      Object.assign(h, Object.fromEntries(Object.entries(beat).filter(([, v]) => v !== undefined)));
    }
    if (fromNode || this.needsAttention(name)) this.enqueue(name);
    else this.arm(name, h.probedAt + this.ctx.options.nodeMonitorGracePeriod - now + 10);
  }

  private arm(name: string, ms: number): void {
    if (this.armed.has(name)) return;
    this.armed.add(name);
    this.enqueueAfter(name, ms);
  }

  private needsAttention(name: string): boolean {
    const node = this.nodes.lister().get(name);
    return node !== undefined && (readyCondition(node)?.status !== 'True' || (node.spec?.taints ?? []).some((t) => t.key === TAINT_UNREACHABLE || t.key === TAINT_NOT_READY));
  }

  protected async sync(name: string): Promise<void> {
    this.armed.delete(name);
    const node = this.nodes.lister().get(name);
    if (!node) return;
    const { nodeMonitorGracePeriod: grace, podEvictionTimeout } = this.ctx.options;
    const now = Date.now();
    let h = this.health.get(name);
    if (!h) this.health.set(name, (h = { probedAt: now }));
    const silentFor = now - h.probedAt;
    let current = node;
    if (silentFor > grace) {
      const conditions = unknownConditions(node);
      if (conditions) {
        current = await this.nodeClient.updateStatus(undefined, { ...node, status: { ...(node.status ?? {}), conditions } });
        this.recorder.event(node, 'Normal', 'NodeNotReady', `Node ${name} status is now: NodeNotReady`);
        await this.markPodsNotReady(name);
      }
    } else {
      this.arm(name, grace - silentFor + 10);
    }
    const taints = withLifecycleTaints(current, wantedTaints(readyCondition(current)?.status));
    if (taints) current = await this.nodeClient.update(undefined, { ...current, spec: { ...(current.spec ?? {}), taints } });
    await this.evict(current, podEvictionTimeout);
  }

  // Pods on a silent node are not ready, whatever their kubelet last said: endpoints drop them.
  private async markPodsNotReady(node: string): Promise<void> {
    for (const pod of this.pods.indexer.byIndex(NODE_NAME_INDEX, node)) {
      const conditions = pod.status?.conditions ?? [];
      if (!conditions.some((c) => c.type === 'Ready' && c.status !== 'False')) continue;
      const next = conditions.map((c) => (c.type === 'Ready' ? { ...c, status: 'False', lastTransitionTime: rfc3339() } : c));
      await this.podClient.updateStatus(pod.metadata?.namespace, { ...pod, status: { ...(pod.status ?? {}), conditions: next } }).catch((err: unknown) => {
        if (!isApiError(err, 'NotFound') && !isApiError(err, 'Conflict')) throw err;
      });
    }
  }

  private async evict(node: Node, timeoutMs: number): Promise<void> {
    const taints = (node.spec?.taints ?? []).filter((t) => t.effect === 'NoExecute');
    if (taints.length === 0) return;
    const name = node.metadata?.name ?? '';
    const now = Date.now();
    let next: number | undefined;
    for (const pod of this.pods.indexer.byIndex(NODE_NAME_INDEX, name)) {
      if (pod.metadata?.deletionTimestamp) continue;
      const at = evictionTime(pod, taints, timeoutMs);
      if (at === undefined) continue;
      if (at > now) {
        next = next === undefined ? at : Math.min(next, at);
        continue;
      }
      const podName = pod.metadata?.name ?? '';
      this.recorder.event(pod, 'Normal', 'TaintManagerEviction', `Marking for deletion Pod ${pod.metadata?.namespace}/${podName}`);
      await this.podClient.delete(pod.metadata?.namespace, podName, { preconditions: { uid: pod.metadata?.uid } }).catch((err: unknown) => {
        if (!isApiError(err, 'NotFound')) throw err;
      });
    }
    if (next !== undefined) this.enqueueAfter(name, next - now + 10);
  }
}

/** newNodeLifecycleController builds the node lifecycle controller. */
export function newNodeLifecycleController(ctx: ControllerContext): NodeLifecycleController {
  return new NodeLifecycleController(ctx);
}
