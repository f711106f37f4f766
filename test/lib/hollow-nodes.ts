// A hollow-node simulator for controller tests: nodes that exist only as API objects, a tiny
// scheduler and a tiny kubelet, all talking to the API server exactly as the real roles would.
// Nodes heartbeat by renewing their Lease in kube-node-lease; a stopped node goes silent (no
// renewals, no pod updates) as a dead machine would. Pods are bound through pods/binding, then
// reported Running (and Ready, when the readiness policy says so) with an IP through pods/status;
// pods being deleted on a live node are removed as a kubelet removes them once stopped.
import type { KubeObject } from '../../api/meta/object.js';
import { SharedInformerFactory } from '../../pkg/client/cache/informer-factory.js';
import type { SharedInformer } from '../../pkg/client/cache/shared-informer.js';
import { WorkQueue } from '../../pkg/client/cache/work-queue.js';
import type { Clientset } from '../../pkg/client/clientset.js';
import { isApiError } from '../../pkg/client/rest.js';

/** HollowPod is the part of a pod the simulator reads. */
export interface HollowPod extends KubeObject {
  spec: {
    nodeName?: string;
    nodeSelector?: Record<string, string>;
    affinity?: { nodeAffinity?: { requiredDuringSchedulingIgnoredDuringExecution?: { nodeSelectorTerms?: Array<{ matchFields?: Array<{ key: string; values?: string[] }> }> } } };
    tolerations?: Array<{ key?: string; operator?: string; effect?: string }>;
    restartPolicy?: string;
    containers: Array<{ name: string; image?: string }>;
  };
  status?: { phase?: string; podIP?: string; conditions?: Array<{ type: string; status: string }> };
}

/** HollowOptions tune the simulator. */
export interface HollowOptions {
  /** heartbeatMs is how often live nodes renew their Lease (default 200 ms). */
  heartbeatMs?: number;
  /** schedule: bind pending pods to live nodes (default true). */
  schedule?: boolean;
  /** readyAfterMs returns how long after starting a pod becomes Ready, or undefined for never (default: at once). */
  readyAfterMs?: (pod: HollowPod) => number | undefined;
  /** outcome returns the phase a started pod ends in and when (Job pods), or undefined to run forever. */
  outcome?: (pod: HollowPod) => { phase: 'Succeeded' | 'Failed'; afterMs: number } | undefined;
}

interface HollowNode {
  name: string;
  index: number;
  alive: boolean;
  timer?: NodeJS.Timeout;
  ips: number;
}

const microTime = (d = new Date()): string => d.toISOString().replace('Z', '000Z');
const rfc3339 = (d = new Date()): string => d.toISOString().replace(/\.\d{3}Z$/, 'Z');

/** HollowNodes runs the simulated nodes, scheduler and kubelets. */
export class HollowNodes {
  private readonly nodes = new Map<string, HollowNode>();
  private readonly factory: SharedInformerFactory;
  private readonly pods: SharedInformer<HollowPod>;
  private readonly nodeCache: SharedInformer<KubeObject>;
  private readonly queue = new WorkQueue<string>({ baseDelayMs: 10, maxDelayMs: 500 });
  private readonly stop = new AbortController();
  private readonly timers = new Set<NodeJS.Timeout>();
  private nextNode = 0;
  private rr = 0;
  private worker: Promise<void> | undefined;
  /** bindings counts pods bound per node, for tests. */
  readonly bindings = new Map<string, number>();

  constructor(
    private readonly cs: Clientset,
    private readonly opts: HollowOptions = {},
  ) {
    this.factory = new SharedInformerFactory(cs, { reflector: { backoffInitialMs: 20, backoffMaxMs: 200 } });
    this.pods = this.factory.informerFor<HollowPod>('', 'pods');
    const add = (p: HollowPod): void => this.queue.add(`${p.metadata?.namespace}/${p.metadata?.name}`);
    this.pods.addEventHandler({ onAdd: add, onUpdate: (_o, p) => add(p) });
    // A pod that fitted nowhere is retried when nodes change, as the scheduler's queue does.
    const unscheduled = (): void => {
      for (const p of this.pods.lister().list()) if (!p.spec.nodeName) add(p);
    };
    this.nodeCache = this.factory.informerFor('', 'nodes');
    this.nodeCache.addEventHandler({ onAdd: unscheduled, onUpdate: unscheduled });
  }

  /** start runs the scheduler and kubelets until close. */
  async start(): Promise<void> {
    this.factory.start(this.stop.signal);
    await this.factory.waitForCacheSync(this.stop.signal);
    this.worker = Promise.all(Array.from({ length: 4 }, () => this.work())).then(() => undefined);
  }

  /** close stops every heartbeat and the simulator's informers. */
  async close(): Promise<void> {
    for (const n of this.nodes.values()) clearInterval(n.timer);
    for (const t of this.timers) clearTimeout(t);
    this.stop.abort();
    this.queue.shutDown();
    await this.worker;
    await this.factory.shutdown();
  }

  /** addNode registers a Ready node with a Lease and starts its heartbeat. */
  async addNode(name: string, opts: { labels?: Record<string, string>; taints?: Array<{ key: string; value?: string; effect: string }> } = {}): Promise<void> {
    const node: HollowNode = { name, index: ++this.nextNode, alive: true, ips: 0 };
    this.nodes.set(name, node);
    const created = await this.cs.resource('', 'nodes').create(undefined, {
      metadata: { name, labels: { 'kubernetes.io/hostname': name, 'kubernetes.io/os': 'linux', ...(opts.labels ?? {}) } },
      spec: opts.taints ? { taints: opts.taints } : {},
      status: { conditions: this.conditions(), addresses: [{ type: 'InternalIP', address: `192.168.0.${node.index}` }] },
    });
    const owner = { apiVersion: 'v1', kind: 'Node', name, uid: created.metadata?.uid ?? '' };
    await this.cs.resource('coordination.k8s.io', 'leases').create('kube-node-lease', {
      metadata: { name, ownerReferences: [owner] },
      spec: { holderIdentity: name, leaseDurationSeconds: 40, renewTime: microTime() },
    });
    this.beat(node);
  }

  /** stopNode makes a node go silent: no Lease renewals, no pod status, no pod removal. */
  stopNode(name: string): void {
    const n = this.must(name);
    n.alive = false;
    clearInterval(n.timer);
  }

  /** resumeNode brings a silent node back: it renews its Lease and reports Ready again, as a restarted kubelet does. */
  async resumeNode(name: string): Promise<void> {
    const n = this.must(name);
    n.alive = true;
    await this.renew(n);
    const nodes = this.cs.resource('', 'nodes');
    const cur = await nodes.get(undefined, name);
    await nodes.updateStatus(undefined, { ...cur, status: { ...(cur.status as object), conditions: this.conditions() } });
    this.beat(n);
    for (const p of this.pods.lister().list()) if (p.spec.nodeName === name) this.queue.add(`${p.metadata?.namespace}/${p.metadata?.name}`);
  }

  /** removeNode stops a node and deletes its Node object. */
  async removeNode(name: string): Promise<void> {
    this.stopNode(name);
    this.nodes.delete(name);
    await this.cs.resource('', 'nodes').delete(undefined, name);
  }

  /** isAlive tells whether a node is heartbeating. */
  isAlive(name: string): boolean {
    return this.nodes.get(name)?.alive ?? false;
  }

  /** setReady sets a running pod's Ready condition by hand. */
  async setReady(namespace: string, name: string, ready: boolean): Promise<void> {
    const pods = this.cs.resource('', 'pods');
    const pod = (await pods.get(namespace, name)) as HollowPod;
    await pods.updateStatus(namespace, { ...pod, status: this.podStatus(pod, pod.status?.phase ?? 'Running', ready, pod.status?.podIP) });
  }

  private conditions(): Array<Record<string, string>> {
    const now = rfc3339();
    return [
      { type: 'Ready', status: 'True', reason: 'KubeletReady', message: 'kubelet is posting ready status', lastHeartbeatTime: now, lastTransitionTime: now },
      { type: 'MemoryPressure', status: 'False', reason: 'KubeletHasSufficientMemory', message: 'kubelet has sufficient memory available', lastHeartbeatTime: now, lastTransitionTime: now },
    ];
  }

  private beat(n: HollowNode): void {
    clearInterval(n.timer);
    n.timer = setInterval(() => void this.renew(n).catch(() => undefined), this.opts.heartbeatMs ?? 200);
  }

  private async renew(n: HollowNode): Promise<void> {
    if (!n.alive) return;
    const leases = this.cs.resource('coordination.k8s.io', 'leases');
    const lease = await leases.get('kube-node-lease', n.name);
    await leases.update('kube-node-lease', { ...lease, spec: { ...(lease.spec as object), renewTime: microTime() } });
  }

  private must(name: string): HollowNode {
    const n = this.nodes.get(name);
    if (!n) throw new Error(`no hollow node ${name}`);
    return n;
  }

  private async work(): Promise<void> {
    for (;;) {
      const key = await this.queue.get();
      if (key === undefined) return;
      try {
        await this.handle(key);
        this.queue.forget(key);
      } catch (err) {
        if (!this.stop.signal.aborted && !isApiError(err, 'NotFound')) this.queue.addRateLimited(key);
      } finally {
        this.queue.done(key);
      }
    }
  }

  private async handle(key: string): Promise<void> {
    const pod = this.pods.lister().get(key);
    if (!pod) return;
    const ns = pod.metadata?.namespace ?? '';
    const name = pod.metadata?.name ?? '';
    const pods = this.cs.resource('', 'pods');
    if (!pod.spec.nodeName) {
      if (pod.metadata?.deletionTimestamp || this.opts.schedule === false) return;
      const target = this.pick(pod);
      if (!target) return; // unschedulable for now; a node event does not requeue, but tests add nodes first
      await pods.subresource('POST', ns, name, 'binding', { apiVersion: 'v1', kind: 'Binding', metadata: { name }, target: { apiVersion: 'v1', kind: 'Node', name: target } });
      this.bindings.set(target, (this.bindings.get(target) ?? 0) + 1);
      return;
    }
    const node = this.nodes.get(pod.spec.nodeName);
    if (!node?.alive) return; // a dead kubelet does nothing
    if (pod.metadata?.deletionTimestamp) {
      await pods.delete(ns, name, { gracePeriodSeconds: 0, preconditions: { uid: pod.metadata.uid } });
      return;
    }
    const phase = pod.status?.phase ?? 'Pending';
    if (phase === 'Succeeded' || phase === 'Failed') return;
    if (phase === 'Pending') {
      const ip = `10.200.${node.index}.${(node.ips++ % 250) + 2}`;
      const readyIn = this.opts.readyAfterMs ? this.opts.readyAfterMs(pod) : 0;
      await pods.updateStatus(ns, { ...pod, status: this.podStatus(pod, 'Running', readyIn === 0, ip) });
      if (readyIn !== undefined && readyIn > 0) this.later(readyIn, () => this.setReady(ns, name, true));
      const outcome = this.opts.outcome?.(pod);
      if (outcome) this.later(outcome.afterMs, () => this.finish(ns, name, outcome.phase));
    }
  }

  private later(ms: number, fn: () => Promise<void>): void {
    const t = setTimeout(() => {
      this.timers.delete(t);
      if (!this.stop.signal.aborted) void fn().catch(() => undefined);
    }, ms);
    this.timers.add(t);
  }

  private async finish(ns: string, name: string, phase: 'Succeeded' | 'Failed'): Promise<void> {
    const pods = this.cs.resource('', 'pods');
    const pod = (await pods.get(ns, name)) as HollowPod;
    if (!this.nodes.get(pod.spec.nodeName ?? '')?.alive || pod.metadata?.deletionTimestamp) return;
    await pods.updateStatus(ns, { ...pod, status: this.podStatus(pod, phase, false, pod.status?.podIP) });
  }

  private podStatus(pod: HollowPod, phase: string, ready: boolean, ip: string | undefined): Record<string, unknown> {
    const now = rfc3339();
    const status: Record<string, unknown> = {
      ...(pod.status ?? {}),
      phase,
      conditions: [
        { type: 'PodScheduled', status: 'True', lastTransitionTime: now },
        { type: 'Initialized', status: 'True', lastTransitionTime: now },
        { type: 'ContainersReady', status: ready ? 'True' : 'False', lastTransitionTime: now },
        { type: 'Ready', status: ready ? 'True' : 'False', lastTransitionTime: now },
      ],
      startTime: (pod.status as { startTime?: string } | undefined)?.startTime ?? now,
      containerStatuses: pod.spec.containers.map((c) => ({ name: c.name, image: c.image, imageID: '', ready, restartCount: 0, started: phase === 'Running', state: phase === 'Running' ? { running: { startedAt: now } } : { terminated: { exitCode: phase === 'Succeeded' ? 0 : 1, reason: phase === 'Succeeded' ? 'Completed' : 'Error' } } })),
    };
    if (ip) {
      status['podIP'] = ip;
      status['podIPs'] = [{ ip }];
      status['hostIP'] = `192.168.0.${this.nodes.get(pod.spec.nodeName ?? '')?.index ?? 1}`;
    }
    return status;
  }

  // The scheduler's part: a DaemonSet pod names its node through matchFields; any other pod goes
  // round-robin to a node whose labels and NoSchedule taints allow it. Like the real scheduler it
  // knows nothing of heartbeats: a silent node is avoided once node lifecycle has tainted it.
  private pick(pod: HollowPod): string | undefined {
    const terms = pod.spec.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms ?? [];
    for (const term of terms) for (const f of term.matchFields ?? []) if (f.key === 'metadata.name' && f.values?.[0]) return f.values[0];
    const nodeCache = this.nodeCache;
    const live = [...this.nodes.values()].filter((n) => {
      const obj = nodeCache.lister().get(n.name) as { metadata?: { labels?: Record<string, string> }; spec?: { taints?: Array<{ key: string; effect: string }>; unschedulable?: boolean } } | undefined;
      if (!obj || obj.spec?.unschedulable) return false;
      const labels = obj.metadata?.labels ?? {};
      if (!Object.entries(pod.spec.nodeSelector ?? {}).every(([k, v]) => labels[k] === v)) return false;
      return (obj.spec?.taints ?? []).every((t) => t.effect === 'PreferNoSchedule' || (pod.spec.tolerations ?? []).some((tol) => tol.operator === 'Exists' ? !tol.key || tol.key === t.key : tol.key === t.key));
    });
    if (live.length === 0) return undefined;
    return live[this.rr++ % live.length]?.name;
  }
}
