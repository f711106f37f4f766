// The pod lifecycle event generator: every --pod-relist-period the runtime is listed once (sandboxes
// and containers), compared with the previous listing, and the pods whose containers or sandboxes
// changed state (a process died, a sandbox went away) are handed on for a sync. It is how the
// kubelet notices what happens in the runtime without being told.
import type { Logger } from '../util/log.js';
import { delay } from './delay.js';
import type { KubeletMetrics, RelistCounts } from './metrics.js';
import { KUBELET_LABELS, type ContainerState, type ContainerStatus, type PodSandbox, type Runtime } from './runtime/interface.js';

/** podUidOf is the pod a runtime object belongs to, by the labels the kubelet gave it. */
export const podUidOf = (o: { labels: Record<string, string> }): string => o.labels[KUBELET_LABELS.podUid] ?? '';

/** Pleg relists the runtime and reports pods whose state changed. */
export class Pleg {
  private states = new Map<string, string>();
  private sandboxes: PodSandbox[] = [];
  private containers: ContainerStatus[] = [];
  private relisted = false;

  constructor(
    private readonly runtime: Runtime,
    private readonly periodMs: number,
    private readonly onChange: (uids: Set<string>) => void,
    private readonly logger: Logger,
    private readonly metrics?: KubeletMetrics,
  ) {}

  /** hasRelisted tells whether a listing has completed. */
  hasRelisted(): boolean {
    return this.relisted;
  }

  /** podUids lists every pod that has a sandbox or a container in the runtime (as of the last relist). */
  podUids(): Set<string> {
    const out = new Set<string>();
    for (const s of this.sandboxes) out.add(s.uid || podUidOf(s));
    for (const c of this.containers) out.add(podUidOf(c));
    out.delete('');
    return out;
  }

  /** counts are what the last relist saw, for the running pods and containers gauges. */
  counts(): RelistCounts {
    const containers: Record<ContainerState, number> = { created: 0, running: 0, exited: 0, unknown: 0 };
    for (const c of this.containers) containers[c.state]++;
    return { runningPods: this.sandboxes.filter((s) => s.state === 'ready').length, containers };
  }

  /** relist lists the runtime once and reports what changed since the last time. */
  async relist(): Promise<void> {
    const timer = this.metrics?.relistDuration.startTimer();
    const [sandboxes, containers] = await Promise.all([this.runtime.listPodSandboxes(), this.runtime.listContainers()]);
    timer?.();
    const next = new Map<string, string>();
    const changed = new Set<string>();
    const note = (id: string, uid: string, state: string): void => {
      next.set(id, state);
      if (this.states.get(id) !== state) changed.add(uid);
    };
    for (const s of sandboxes) note(`s/${s.id}`, s.uid || podUidOf(s), s.state);
    for (const c of containers) note(`c/${c.id}`, podUidOf(c), c.state);
    if ([...this.states.keys()].some((id) => !next.has(id))) {
      // Something went away: the previous listing says whose it was.
      const owner = new Map<string, string>();
      for (const s of this.sandboxes) owner.set(`s/${s.id}`, s.uid || podUidOf(s));
      for (const c of this.containers) owner.set(`c/${c.id}`, podUidOf(c));
      for (const id of this.states.keys()) if (!next.has(id)) changed.add(owner.get(id) ?? '');
    }
    changed.delete('');
    this.states = next;
    this.sandboxes = sandboxes;
    this.containers = containers;
    this.relisted = true;
    if (changed.size > 0) this.onChange(changed);
  }

  /** run relists every period until signal aborts; a slow relist delays the next instead of piling up. */
  async run(signal: AbortSignal): Promise<void> {
    while (!signal.aborted) {
      try {
        await this.relist();
      } catch (err) {
        this.logger.warn({ err: (err as Error).message }, 'relisting the runtime failed');
      }
      await delay(this.periodMs, signal);
    }
  }
}
