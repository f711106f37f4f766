// The kubelet's Node: registered at start (the API server gives it a pod CIDR), then its status
// computed every --node-status-update-frequency and written only when it changed or when
// --node-status-report-frequency has passed, so an idle cluster writes almost nothing (liveness
// is the Lease's job). Ready follows the runtime: RuntimeReady and NetworkReady, or not ready
// with the runtime's own reason.
import { rfc3339 } from '../../api/meta/object.js';
import { semanticEqual } from '../../api/meta/validation-json.js';
import type { Clientset } from '../client/clientset.js';
import { isApiError } from '../client/rest.js';
import type { Logger } from '../util/log.js';
import { delay } from './delay.js';
import type { EventSink } from './events.js';
import type { MachineFacts } from './node-info.js';
import type { Runtime, VersionInfo } from './runtime/interface.js';
import { KUBELET_VERSION, type Node, type NodeCondition, type NodeStatus } from './types.js';

/** NodeConfig describes the node a kubelet registers. */
export interface NodeConfig {
  nodeName: string;
  labels: Record<string, string>;
  maxPods: number;
  nodeIp: string;
  kubeletPort: number;
  facts: MachineFacts;
  updateFrequencyMs: number;
  reportFrequencyMs: number;
}

const MAX_IMAGES = 50;

/** nodeLabels are the labels a node registers with: the well-known ones, then --node-labels. */
export function nodeLabels(name: string, arch: string, extra: Record<string, string>): Record<string, string> {
  return {
    'kubernetes.io/hostname': name, 'kubernetes.io/os': 'linux', 'kubernetes.io/arch': arch,
    'beta.kubernetes.io/os': 'linux', 'beta.kubernetes.io/arch': arch, ...extra,
  };
}

/** parseLabels reads --node-labels (k=v items). */
export function parseLabels(items: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const item of items) {
    const i = item.indexOf('=');
    if (i <= 0) throw new Error(`--node-labels: "${item}" is not key=value`);
    out[item.slice(0, i)] = item.slice(i + 1);
  }
  return out;
}

/** NodeStatusManager registers the node and keeps its status current. */
export class NodeStatusManager {
  private runtime: Runtime | undefined;
  private version: VersionInfo | undefined;
  private last: NodeStatus | undefined;
  private lastWrite = 0;
  private wasReady: boolean | undefined;
  private openError = '';
  private chain: Promise<void> = Promise.resolve();
  /** writes counts status writes (tests check that an idle node stays quiet). */
  writes = 0;

  constructor(
    private readonly clientset: Clientset,
    private readonly cfg: NodeConfig,
    private readonly logger: Logger,
    private readonly events: EventSink,
  ) {}

  /** register creates the Node, or adds our labels to an existing one; it retries until it works or signal aborts. */
  async register(signal: AbortSignal): Promise<Node> {
    const nodes = this.clientset.resource('', 'nodes');
    for (let attempt = 0; ; attempt++) {
      try {
        const existing = (await nodes.get(undefined, this.cfg.nodeName).catch((err: unknown) => {
          if (isApiError(err, 'NotFound')) return undefined;
          throw err;
        })) as Node | undefined;
        if (!existing) {
          const created = (await nodes.create(undefined, { metadata: { name: this.cfg.nodeName, labels: this.cfg.labels }, spec: {}, status: this.compute(undefined, new Date()) })) as Node;
          this.logger.info({ podCIDR: created.spec?.podCIDR }, 'node registered');
          return created;
        }
        const labels = existing.metadata.labels ?? {};
        if (Object.entries(this.cfg.labels).some(([k, v]) => labels[k] !== v)) {
          return (await nodes.patch(undefined, this.cfg.nodeName, { metadata: { labels: this.cfg.labels } }, 'merge')) as Node;
        }
        return existing;
      } catch (err) {
        if (signal.aborted) throw err;
        if (isApiError(err, 'AlreadyExists')) continue; // another start raced us: read it
        const wait = Math.min(200 * 2 ** attempt, 7000);
        this.logger.warn({ err: (err as Error).message, retryInMs: wait }, 'registering the node failed');
        await delay(wait, signal);
      }
    }
  }

  /** attachRuntime makes the node's Ready follow this runtime. */
  attachRuntime(runtime: Runtime, version: VersionInfo): void {
    this.runtime = runtime;
    this.version = version;
    this.openError = '';
  }

  /** runtimeFailed says why there is no runtime yet: the node is NotReady with this message. */
  runtimeFailed(message: string): void {
    this.openError = message;
  }

  /** run syncs the status now and every update period until signal aborts. */
  async run(signal: AbortSignal): Promise<void> {
    while (!signal.aborted) {
      await this.sync().catch((err: unknown) => this.logger.warn({ err: (err as Error).message }, 'node status update failed'));
      await delay(this.cfg.updateFrequencyMs, signal);
    }
  }

  /** sync computes the status and writes it if it changed or the report period has passed; syncs run one at a time. */
  sync(): Promise<void> {
    const next = this.chain.then(() => this.syncNow());
    this.chain = next.catch(() => undefined);
    return next;
  }

  private async syncNow(): Promise<void> {
    const now = new Date();
    const rt = await this.runtimeState();
    const status = this.compute(rt, now);
    const changed = !this.last || !semanticEqual(withoutHeartbeats(status), withoutHeartbeats(this.last));
    if (!changed && now.getTime() - this.lastWrite < this.cfg.reportFrequencyMs) return;
    try {
      await this.clientset.resource('', 'nodes').updateStatus(undefined, { metadata: { name: this.cfg.nodeName }, status });
    } catch (err) {
      if (!isApiError(err, 'NotFound')) throw err;
      // Someone deleted the Node: register it again, as the real kubelet does on its next start.
      this.logger.warn('the node was deleted; registering it again');
      await this.clientset.resource('', 'nodes').create(undefined, { metadata: { name: this.cfg.nodeName, labels: this.cfg.labels }, spec: {}, status });
    }
    this.writes++;
    this.last = status;
    this.lastWrite = now.getTime();
    const ready = status.conditions.find((c) => c.type === 'Ready')?.status === 'True';
    if (ready !== this.wasReady) {
      const reason = ready ? 'NodeReady' : 'NodeNotReady';
      if (this.wasReady !== undefined || ready) this.events.event({ kind: 'Node', name: this.cfg.nodeName, uid: this.cfg.nodeName }, 'Normal', reason, `Node ${this.cfg.nodeName} status is now: ${reason}`);
      this.logger.info({ ready }, ready ? 'node is ready' : 'node is not ready');
      this.wasReady = ready;
    }
  }

  private async runtimeState(): Promise<{ ready: boolean; message: string; images: NodeStatus['images'] } | undefined> {
    if (!this.runtime) return this.openError ? { ready: false, message: `container runtime is down: ${this.openError}`, images: [] } : undefined;
    try {
      const s = await this.runtime.status();
      let message = '';
      if (!s.runtimeReady) message = `container runtime not ready: RuntimeReady=false reason:${s.reason} message:${s.message}`;
      else if (!s.networkReady) message = `container runtime network not ready: NetworkReady=false reason:${s.reason} message:${s.message}`;
      const images = (await this.runtime.listImages())
        .sort((a, b) => b.size - a.size)
        .slice(0, MAX_IMAGES)
        .map((i) => ({ names: [...i.repoDigests, ...i.repoTags], sizeBytes: i.size }));
      return { ready: message === '', message, images };
    } catch (err) {
      return { ready: false, message: `container runtime is down: ${(err as Error).message}`, images: this.last?.images ?? [] };
    }
  }

  private compute(rt: { ready: boolean; message: string; images: NodeStatus['images'] } | undefined, now: Date): NodeStatus {
    const f = this.cfg.facts;
    const capacity: Record<string, string> = {
      cpu: String(f.cpus), memory: `${Math.floor(f.memoryBytes / 1024)}Ki`, pods: String(this.cfg.maxPods),
      'ephemeral-storage': `${Math.floor(f.ephemeralStorageBytes / 1024)}Ki`,
    };
    const stamp = rfc3339(now);
    const cond = (type: string, status: NodeCondition['status'], reason: string, message: string): NodeCondition => {
      const prev = this.last?.conditions.find((c) => c.type === type);
      return { type, status, reason, message, lastHeartbeatTime: stamp, lastTransitionTime: prev && prev.status === status ? prev.lastTransitionTime ?? stamp : stamp };
    };
    const ready = rt?.ready === true;
    const status: NodeStatus = {
      capacity, allocatable: { ...capacity },
      conditions: [
        cond('MemoryPressure', 'False', 'KubeletHasSufficientMemory', 'kubelet has sufficient memory available'),
        cond('DiskPressure', 'False', 'KubeletHasNoDiskPressure', 'kubelet has no disk pressure'),
        cond('PIDPressure', 'False', 'KubeletHasSufficientPID', 'kubelet has sufficient PID available'),
        ready ? cond('Ready', 'True', 'KubeletReady', 'kubelet is posting ready status')
          : cond('Ready', 'False', 'KubeletNotReady', rt?.message || 'container runtime status check may not have completed yet'),
      ],
      addresses: [{ type: 'InternalIP', address: this.cfg.nodeIp }, { type: 'Hostname', address: this.cfg.nodeName }],
      daemonEndpoints: { kubeletEndpoint: { Port: this.cfg.kubeletPort } },
      nodeInfo: {
        machineID: f.machineID, systemUUID: f.systemUUID, bootID: f.bootID, kernelVersion: f.kernelVersion, osImage: f.osImage,
        containerRuntimeVersion: this.version ? `${this.version.runtimeName}://${this.version.runtimeVersion}` : '',
        kubeletVersion: KUBELET_VERSION, kubeProxyVersion: KUBELET_VERSION, operatingSystem: 'linux', architecture: f.architecture,
      },
      images: rt?.images ?? [],
    };
    return status;
  }
}

function withoutHeartbeats(s: NodeStatus): NodeStatus {
  return { ...s, conditions: s.conditions.map(({ lastHeartbeatTime: _, ...c }) => c) };
}
