// One node's kubelet: registers the Node, opens the runtime on the node's pod CIDR, heartbeats
// through its Lease, keeps node status current, and runs a worker per pod bound to it. Pods come
// in through podChanged/podRemoved (from an informer the caller owns, so many hollow kubelets can
// share one); the runtime's side comes from the PLEG relist. A restarted kubelet adopts what runs
// (found by KUBELET_LABELS) and removes what belongs to pods that no longer exist. Stopping it
// stops nothing in the runtime.
import { setMaxListeners } from 'node:events';
import type { Clientset } from '../client/clientset.js';
import { isApiError } from '../client/rest.js';
import type { Logger } from '../util/log.js';
import { Backoff } from './backoff.js';
import { delay } from './delay.js';
import { serviceEnvFor, type ObjectData } from './env.js';
import { EventRecorder, type EventSink } from './events.js';
import { ImageManager } from './images.js';
import type { KubeletMetrics } from './metrics.js';
import type { MachineFacts } from './node-info.js';
import { NodeLease } from './node-lease.js';
import { NodeStatusManager } from './node-status.js';
import { Pleg } from './pleg.js';
import type { DnsSettings } from './pod-spec.js';
import { PodSyncer } from './pod-sync.js';
import { PodWorkers } from './pod-workers.js';
import type { Runtime, VersionInfo } from './runtime/interface.js';
import { newPodRecord, type PodRecord, type SyncContext } from './sync-context.js';
import type { Node, Pod } from './types.js';

/** KubeletConfig is one kubelet's settings (from flags; hollow kubelets differ only in name). */
export interface KubeletConfig {
  nodeName: string;
  labels: Record<string, string>;
  maxPods: number;
  nodeIp: string;
  kubeletPort: number;
  /** pod log directories go under it */
  logRoot: string;
  dns: DnsSettings;
  facts: MachineFacts;
  leaseRenewMs: number;
  statusUpdateMs: number;
  statusReportMs: number;
  relistMs: number;
  crashBackoffInitialMs: number;
  crashBackoffMaxMs: number;
  imageBackoffInitialMs: number;
  imageBackoffMaxMs: number;
  retryMs: number;
}

/** KubeletDeps are what a kubelet is given rather than makes. */
export interface KubeletDeps {
  clientset: Clientset;
  logger: Logger;
  metrics: KubeletMetrics;
  /** openRuntime opens the node's runtime once the node's pod CIDR is known */
  openRuntime(podCidr: string | undefined): Promise<Runtime>;
  /** events default to the API */
  events?: EventSink;
  /** the kubernetes service's variables; hollow kubelets share one lookup */
  serviceEnv?: () => Promise<Record<string, string>>;
}

/** Kubelet runs the pods bound to one node. */
export class Kubelet {
  readonly records = new Map<string, PodRecord>();
  readonly events: EventSink;
  readonly status: NodeStatusManager;
  lease: NodeLease | undefined;
  runtime: Runtime | undefined;
  node: Node | undefined;
  private readonly workers: PodWorkers;
  private syncer: PodSyncer | undefined;
  private pleg: Pleg | undefined;
  private podsSynced = false;
  private ready = false;
  private readonly log: Logger;

  constructor(
    readonly cfg: KubeletConfig,
    private readonly deps: KubeletDeps,
  ) {
    this.log = deps.logger;
    this.events = deps.events ?? new EventRecorder(deps.clientset, cfg.nodeName, deps.logger);
    this.status = new NodeStatusManager(deps.clientset, {
      nodeName: cfg.nodeName, labels: cfg.labels, maxPods: cfg.maxPods, nodeIp: cfg.nodeIp, kubeletPort: cfg.kubeletPort, facts: cfg.facts,
      updateFrequencyMs: cfg.statusUpdateMs, reportFrequencyMs: cfg.statusReportMs,
    }, deps.logger, this.events);
    this.workers = new PodWorkers((uid, signal) => this.syncOne(uid, signal), (uid, err) => {
      const pod = this.records.get(uid)?.lastPod;
      this.log.warn({ pod: pod ? `${pod.metadata.namespace}/${pod.metadata.name}` : uid, err: (err as Error).message }, 'pod sync failed');
      return cfg.retryMs;
    });
  }

  /** podChanged tells the kubelet of a pod bound to its node (added or updated). */
  podChanged(pod: Pod): void {
    const uid = pod.metadata.uid;
    let rec = this.records.get(uid);
    if (!rec) this.records.set(uid, (rec = newPodRecord(uid, pod)));
    rec.pod = pod;
    rec.lastPod = pod;
    if (pod.metadata.deletionTimestamp) this.workers.interrupt(uid);
    if (this.ready) this.workers.enqueue(uid);
  }

  /** podRemoved tells the kubelet a pod is gone from the API. */
  podRemoved(pod: Pod): void {
    const uid = pod.metadata.uid;
    const rec = this.records.get(uid);
    if (!rec) return;
    rec.pod = undefined;
    this.workers.interrupt(uid);
    if (this.ready) this.workers.enqueue(uid);
  }

  /** podsHaveSynced says the pod list is complete: anything else in the runtime is an orphan. */
  podsHaveSynced(): void {
    this.podsSynced = true;
    this.adoptOrphans();
  }

  /** idle resolves once no pod sync runs or waits (tests). */
  idle(): Promise<void> {
    return this.workers.whenIdle();
  }

  /** relist runs the PLEG once now (tests). */
  async relist(): Promise<void> {
    await this.pleg?.relist();
  }

  /** run registers the node and runs everything until signal aborts; the runtime is left running. */
  async run(parent: AbortSignal): Promise<void> {
    // The kubelet's own signal: its loops all listen to it, and the parent (shared by every hollow
    // kubelet of the process) gets one listener per kubelet.
    const stop = new AbortController();
    const signal = stop.signal;
    setMaxListeners(64, signal);
    const onAbort = (): void => stop.abort();
    if (parent.aborted) stop.abort();
    else parent.addEventListener('abort', onAbort, { once: true });
    try {
      await this.runUntil(signal);
    } catch (err) {
      if (!signal.aborted) throw err; // stopped while registering or opening the runtime: nothing failed
    } finally {
      parent.removeEventListener('abort', onAbort);
    }
  }

  private async runUntil(signal: AbortSignal): Promise<void> {
    this.node = await this.status.register(signal);
    const podCidr = this.node.spec?.podCIDR;
    // The node heartbeats from registration on: a runtime that cannot start shows as NotReady
    // with its reason, instead of a node that silently is not there.
    this.lease = new NodeLease(this.deps.clientset, { nodeName: this.cfg.nodeName, nodeUid: this.node.metadata.uid, renewIntervalMs: this.cfg.leaseRenewMs }, this.log);
    const loops = [this.lease.run(signal), this.status.run(signal)];
    const opened = await this.openRuntime(podCidr, signal);
    if (!opened) {
      await Promise.all(loops);
      return;
    }
    const { runtime, version } = opened;
    this.runtime = runtime;
    this.status.attachRuntime(runtime, version);
    void this.status.sync().catch(() => undefined);
    this.log.info({ node: this.cfg.nodeName, podCIDR: podCidr, runtime: `${version.runtimeName}://${version.runtimeVersion}` }, 'kubelet starting');
    this.events.event({ kind: 'Node', name: this.cfg.nodeName, uid: this.cfg.nodeName }, 'Normal', 'Starting', 'Starting kubelet.');
    const crashBackoff = new Backoff(this.cfg.crashBackoffInitialMs, this.cfg.crashBackoffMaxMs);
    const ctx: SyncContext = {
      nodeName: this.cfg.nodeName, runtime, runtimeName: version.runtimeName, clientset: this.deps.clientset, events: this.events,
      images: new ImageManager(runtime, this.events, new Backoff(this.cfg.imageBackoffInitialMs, this.cfg.imageBackoffMaxMs), this.log, this.deps.metrics, this.cfg.retryMs),
      crashBackoff, logger: this.log, metrics: this.deps.metrics, logRoot: this.cfg.logRoot, dns: this.cfg.dns, hostIP: this.cfg.nodeIp,
      allocatable: { cpu: this.cfg.facts.cpus, memory: this.cfg.facts.memoryBytes },
      serviceEnv: this.deps.serviceEnv ?? kubernetesServiceEnv(this.deps.clientset), data: objectData(this.deps.clientset), retryMs: this.cfg.retryMs,
      schedule: (uid, at) => this.workers.enqueueAt(uid, at),
    };
    this.pleg = new Pleg(runtime, this.cfg.relistMs, (uids) => this.runtimeChanged(uids), this.log, this.deps.metrics);
    this.syncer = new PodSyncer(ctx);
    const removeSource = this.deps.metrics.addSource(() => this.pleg?.counts() ?? { runningPods: 0, containers: { created: 0, running: 0, exited: 0, unknown: 0 } });
    this.deps.metrics.nodeName.set({ node: this.cfg.nodeName }, 1);
    await this.pleg.relist().catch((err: unknown) => this.log.warn({ err: (err as Error).message }, 'first relist failed'));
    loops.push(this.pleg.run(signal), this.gcLoop(crashBackoff, signal));
    this.ready = true;
    for (const uid of this.records.keys()) this.workers.enqueue(uid);
    this.adoptOrphans();
    await Promise.all(loops);
    this.workers.stop();
    removeSource();
    this.deps.metrics.nodeName.remove({ node: this.cfg.nodeName });
    this.log.info({ node: this.cfg.nodeName }, 'kubelet stopped; containers keep running');
  }

  // openRuntime retries until the runtime opens (undefined: stopped first); meanwhile the node says why it is not ready.
  private async openRuntime(podCidr: string | undefined, signal: AbortSignal): Promise<{ runtime: Runtime; version: VersionInfo } | undefined> {
    let last = '';
    while (!signal.aborted) {
      try {
        const runtime = await this.deps.openRuntime(podCidr);
        return { runtime, version: await runtime.version() };
      } catch (err) {
        if (signal.aborted) break;
        const message = (err as Error).message;
        this.status.runtimeFailed(message);
        if (message !== last) this.log.error({ err: message, retryInMs: this.cfg.retryMs }, 'cannot open the container runtime; the node stays NotReady');
        last = message;
        await delay(this.cfg.retryMs, signal);
      }
    }
    return undefined;
  }

  private async syncOne(uid: string, signal: AbortSignal): Promise<void> {
    const rec = this.records.get(uid);
    if (!rec || !this.syncer) return;
    const result = await this.syncer.sync(rec, signal);
    if (result === 'forget' && rec.pod === undefined) this.records.delete(uid);
  }

  private runtimeChanged(uids: Set<string>): void {
    // A pod just cleaned away shows up here too (its containers vanished): only what is left counts.
    const present = this.pleg?.podUids() ?? new Set<string>();
    for (const uid of uids) {
      if (this.records.has(uid)) this.workers.enqueue(uid);
      else if (this.podsSynced && present.has(uid)) this.adopt(uid);
    }
  }

  // Runtime objects of pods the API does not have (deleted while the kubelet was down) are removed.
  private adoptOrphans(): void {
    if (!this.ready || !this.podsSynced || !this.pleg?.hasRelisted()) return;
    for (const uid of this.pleg.podUids()) if (!this.records.has(uid)) this.adopt(uid);
  }

  private adopt(uid: string): void {
    this.log.info({ uid }, 'removing containers of a pod that no longer exists');
    this.records.set(uid, newPodRecord(uid, undefined));
    this.workers.enqueue(uid);
  }

  // Backoff entries of containers that have been fine for long are dropped, as the kubelet's GC does.
  private async gcLoop(b: Backoff, signal: AbortSignal): Promise<void> {
    while (!signal.aborted) {
      await delay(b.maxMs * 2, signal);
      b.gc();
    }
  }
}

/** kubernetesServiceEnv looks up default/kubernetes once (until it succeeds) for KUBERNETES_SERVICE_HOST and friends. */
export function kubernetesServiceEnv(clientset: Clientset): () => Promise<Record<string, string>> {
  let cached: Record<string, string> | undefined;
  return async () => {
    if (cached) return cached;
    try {
      const svc = await clientset.resource('', 'services').get('default', 'kubernetes');
      const spec = (svc.spec ?? {}) as { clusterIP?: string; ports?: Array<{ name?: string; port: number; protocol?: string }> };
      cached = serviceEnvFor('kubernetes', spec.clusterIP ?? '', spec.ports ?? []);
      return cached;
    } catch {
      return {};
    }
  };
}

/** objectData reads ConfigMaps and Secrets from the API for env references. */
export function objectData(clientset: Clientset): ObjectData {
  return async (kind, namespace, name) => {
    try {
      const obj = await clientset.resource('', kind === 'ConfigMap' ? 'configmaps' : 'secrets').get(namespace, name);
      const data = (obj['data'] ?? {}) as Record<string, string>;
      if (kind === 'ConfigMap') return { ...data, ...Object.fromEntries(Object.entries((obj['binaryData'] ?? {}) as Record<string, string>).map(([k, v]) => [k, Buffer.from(v, 'base64').toString()])) };
      return Object.fromEntries(Object.entries(data).map(([k, v]) => [k, Buffer.from(v, 'base64').toString()]));
    } catch (err) {
      if (isApiError(err, 'NotFound')) return undefined;
      throw err;
    }
  };
}
