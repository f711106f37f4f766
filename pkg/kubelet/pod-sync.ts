// One sync of one pod, level-triggered: desired state from the API, actual state from the runtime,
// then whatever closes the gap. A pod being deleted is stopped (SIGTERM, the grace period, SIGKILL),
// its sandbox removed, and the deletion confirmed; a pod gone from the API is cleaned away; any
// other pod is started or kept running, and its status is written when it changed.
import { existsSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { semanticEqual } from '../../api/meta/validation-json.js';
import { isApiError } from '../client/rest.js';
import { ContainerSync, type PodRuntime } from './container-sync.js';
import { containerField } from './events.js';
import { podUidOf } from './pleg.js';
import { podStatus } from './pod-status.js';
import { KUBELET_LABELS, type PodSandboxStatus, type RuntimeError } from './runtime/interface.js';
import type { PodRecord, SyncContext } from './sync-context.js';
import type { Pod, PodStatus } from './types.js';

// A pod's logs go with the pod (DIR/NAMESPACE_NAME_UID); found by UID, the one part an orphan's
// clean-up knows.
function removeLogs(logRoot: string, uid: string): void {
  if (!existsSync(logRoot)) return;
  for (const d of readdirSync(logRoot)) if (d.endsWith(`_${uid}`)) rmSync(join(logRoot, d), { recursive: true, force: true });
}

/** ORPHAN_GRACE_SECONDS is the grace period of containers whose pod is gone from the API (force-deleted, or deleted while the kubelet was down). */
export const ORPHAN_GRACE_SECONDS = 1;

const terminal = (phase: string | undefined): boolean => phase === 'Succeeded' || phase === 'Failed';

/** SyncResult says what became of the pod's record. */
export type SyncResult = 'keep' | 'forget';

/** PodSyncer syncs single pods. */
export class PodSyncer {
  private readonly containers: ContainerSync;

  constructor(private readonly c: SyncContext) {
    this.containers = new ContainerSync(c);
  }

  /** sync makes the runtime match the pod; 'forget' means the pod is gone and cleaned away. */
  async sync(rec: PodRecord, signal: AbortSignal): Promise<SyncResult> {
    const started = performance.now();
    const result = await this.syncPod(rec, signal);
    this.c.logger.debug({ pod: rec.lastPod ? `${rec.lastPod.metadata.namespace}/${rec.lastPod.metadata.name}` : rec.uid, ms: Math.round(performance.now() - started), result }, 'pod synced');
    return result;
  }

  private async syncPod(rec: PodRecord, signal: AbortSignal): Promise<SyncResult> {
    const rt = await this.podRuntime(rec);
    const pod = rec.pod;
    if (!pod) {
      await this.removeAll(rec, rt, rec.lastPod?.metadata.deletionGracePeriodSeconds ?? ORPHAN_GRACE_SECONDS);
      removeLogs(this.c.logRoot, rec.uid);
      return 'forget';
    }
    if (pod.metadata.deletionTimestamp) {
      await this.terminate(rec, pod, rt);
      return 'keep'; // until the informer says it is gone
    }
    let now = rt;
    if (terminal(this.baseStatus(rec, pod).phase)) rec.waiting.clear();
    else if (await this.containers.ensure(rec, pod, rt, signal, () => this.report(rec, pod))) now = await this.podRuntime(rec);
    if (signal.aborted) return 'keep';
    const status = this.status(rec, pod, now);
    await this.writeStatus(rec, pod, status);
    if (!rec.startReported && status.phase === 'Running' && (status.containerStatuses ?? []).every((s) => s.state.running)) {
      rec.startReported = true;
      this.c.metrics.podStartDuration.observe((Date.now() - rec.firstSeen) / 1000);
    }
    // A finished pod keeps its containers (for logs) but not its sandbox (its IP goes back).
    if (terminal(status.phase)) {
      await Promise.all(now.containers.filter((x) => x.state === 'running').map((x) => this.c.runtime.stopContainer(x.id, 0)));
      await Promise.all(now.sandboxes.filter((s) => s.state === 'ready').map((s) => this.c.runtime.stopPodSandbox(s.id)));
    }
    return 'keep';
  }

  private status(rec: PodRecord, pod: Pod, rt: PodRuntime): PodStatus {
    const sb = rt.sandboxes[0];
    const ready = sb?.state === 'ready';
    return podStatus({
      pod: { ...pod, status: this.baseStatus(rec, pod) }, containers: rt.containers, sandboxReady: ready,
      podIP: !ready ? '' : pod.spec.hostNetwork ? this.c.hostIP : (rec.sandboxIps.get(sb.id) ?? ''),
      hostIP: this.c.hostIP, waiting: rec.waiting, runtimeName: this.c.runtimeName, now: new Date(),
    });
  }

  // report writes what the pod looks like in the middle of a sync (ContainerCreating while a pull runs).
  private async report(rec: PodRecord, pod: Pod): Promise<void> {
    await this.writeStatus(rec, pod, this.status(rec, pod, await this.podRuntime(rec)));
  }

  /** podRuntime is the pod's sandboxes (newest first) and containers, asked of the runtime now. */
  async podRuntime(rec: PodRecord): Promise<PodRuntime> {
    const uid = rec.uid;
    const [sandboxes, containers] = await Promise.all([this.sandboxesOf(rec), this.c.runtime.listContainers({ labels: { [KUBELET_LABELS.podUid]: uid } })]);
    return { sandboxes: sandboxes.sort((a, b) => b.attempt - a.attempt || b.createdAt - a.createdAt), containers };
  }

  // Listing every sandbox reads containerd's memory; asking each sandbox's status would wait on
  // its shim, which on a busy machine is slower (measured: p50 0.6-1.3 s against 1.8-3.6 s at 5
  // pods/s). The IP is asked once per sandbox.
  private async sandboxesOf(rec: PodRecord): Promise<PodSandboxStatus[]> {
    const mine = (await this.c.runtime.listPodSandboxes()).filter((s) => (s.uid || podUidOf(s)) === rec.uid);
    for (const id of rec.sandboxIps.keys()) if (!mine.some((s) => s.id === id)) rec.sandboxIps.delete(id);
    return Promise.all(mine.map(async (s) => ({ ...s, ip: rec.sandboxIps.get(s.id) ?? (await this.sandboxStatus(rec, s.id))?.ip ?? '' })));
  }

  // sandboxStatus asks about one sandbox; a sandbox that is gone is forgotten.
  private async sandboxStatus(rec: PodRecord, id: string): Promise<PodSandboxStatus | undefined> {
    try {
      const s = await this.c.runtime.podSandboxStatus(id);
      if (s.ip || !rec.sandboxIps.has(id)) rec.sandboxIps.set(id, s.ip);
      return s;
    } catch (err) {
      if ((err as RuntimeError).code !== 'NotFound') throw err;
      rec.sandboxIps.delete(id);
      return undefined;
    }
  }

  // The informer may not have our last write yet; the status then builds on what we wrote.
  private baseStatus(rec: PodRecord, pod: Pod): PodStatus {
    const rv = Number(pod.metadata.resourceVersion ?? 0);
    if (rec.lastWritten && rec.lastWrittenRv > rv) return rec.lastWritten;
    return pod.status ?? {};
  }

  private async writeStatus(rec: PodRecord, pod: Pod, status: PodStatus): Promise<void> {
    if (semanticEqual(status, this.baseStatus(rec, pod))) return;
    const m = pod.metadata;
    const written = await this.c.clientset.resource('', 'pods').updateStatus(m.namespace, { metadata: { name: m.name, namespace: m.namespace, uid: m.uid }, status });
    rec.lastWritten = status;
    rec.lastWrittenRv = Number(written.metadata?.resourceVersion ?? 0);
  }

  private async terminate(rec: PodRecord, pod: Pod, rt: PodRuntime): Promise<void> {
    const grace = pod.metadata.deletionGracePeriodSeconds ?? pod.spec.terminationGracePeriodSeconds ?? 30;
    const init = new Set((pod.spec.initContainers ?? []).map((c) => c.name));
    for (const x of rt.containers) {
      if (x.state !== 'running') continue;
      const m = pod.metadata;
      this.c.events.event({ kind: 'Pod', name: m.name, namespace: m.namespace, uid: m.uid, fieldPath: containerField(x.name, init.has(x.name)) }, 'Normal', 'Killing', `Stopping container ${x.name}`);
    }
    await this.removeAll(rec, rt, grace);
    // Only now, with nothing of it left running, may the pod's name be used again.
    await this.c.clientset.resource('', 'pods').delete(pod.metadata.namespace, pod.metadata.name, { gracePeriodSeconds: 0, preconditions: { uid: pod.metadata.uid } }).catch((err: unknown) => {
      if (!isApiError(err, 'NotFound') && !isApiError(err, 'Conflict')) throw err;
    });
    this.c.logger.debug({ pod: `${pod.metadata.namespace}/${pod.metadata.name}` }, 'pod terminated and deletion confirmed');
  }

  // removeAll stops the pod's containers (SIGTERM, grace, SIGKILL) and removes them and its sandboxes.
  private async removeAll(rec: PodRecord, rt: PodRuntime, graceSeconds: number): Promise<void> {
    const r = this.c.runtime;
    await Promise.all(rt.containers.filter((x) => x.state === 'running').map((x) => r.stopContainer(x.id, graceSeconds)));
    for (const s of rt.sandboxes) {
      await r.stopPodSandbox(s.id);
      await r.removePodSandbox(s.id);
    }
    for (const x of rt.containers) await r.removeContainer(x.id);
    rec.sandboxIps.clear();
    this.c.crashBackoff.forgetPrefix(`${rec.uid}/`);
    this.c.images.forgetPod(rec.uid);
  }
}
