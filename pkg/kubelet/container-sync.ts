// Bringing a pod's sandbox and containers to what its spec and restart policy ask for, as the
// kubelet's computePodActions + SyncPod: a sandbox (a new one, and all containers again, when it
// died), init containers one at a time in order, then every app container; exited containers are
// restarted per restartPolicy behind the crash-loop backoff.
import { goDuration } from './duration.js';
import { containerEnv, EnvError } from './env.js';
import { containerField } from './events.js';
import { containerConfig, sandboxConfig } from './pod-spec.js';
import { instancesOf, type Waiting } from './pod-status.js';
import type { ContainerStatus, PodSandboxConfig } from './runtime/interface.js';
import type { PodRecord, SyncContext } from './sync-context.js';
import { formatPod, type Container, type Pod } from './types.js';

/** PodRuntime is one pod's part of the runtime: sandboxes newest first, and every container. */
export interface PodRuntime {
  sandboxes: Array<{ id: string; attempt: number; state: 'ready' | 'notready'; createdAt: number }>;
  containers: ContainerStatus[];
}

interface Target {
  sandboxId: string;
  config: PodSandboxConfig;
  podIP: string;
}

/** ContainerSync starts and restarts a pod's containers. */
export class ContainerSync {
  // Writes the pod's status now; called before a pull, which may take minutes.
  private report: () => Promise<void> = async () => undefined;

  constructor(private readonly c: SyncContext) {}

  /** ensure acts on one pod; it says whether it changed anything in the runtime. */
  async ensure(rec: PodRecord, pod: Pod, rt: PodRuntime, signal: AbortSignal, report: () => Promise<void>): Promise<boolean> {
    const waiting = new Map<string, Waiting>();
    rec.waiting = waiting;
    this.report = report;
    const policy = pod.spec.restartPolicy ?? 'Always';
    const latest = rt.sandboxes[0];
    let changed = false;
    let target: Target;
    if (!latest || latest.state !== 'ready') {
      const ran = pod.spec.containers.some((c) => rt.containers.some((x) => x.name === c.name && x.state !== 'created'));
      // A pod that must not restart is not started again in a new sandbox once its containers ran.
      if (latest && policy === 'Never' && ran) return false;
      if (signal.aborted) return false;
      target = await this.newSandbox(rec, pod, rt, latest?.attempt);
      changed = true;
    } else {
      const config = sandboxConfig(pod, latest.attempt, this.c.logRoot, this.c.dns);
      let ip = rec.sandboxIps.get(latest.id);
      if (ip === undefined) rec.sandboxIps.set(latest.id, (ip = (await this.c.runtime.podSandboxStatus(latest.id)).ip));
      target = { sandboxId: latest.id, config, podIP: this.podIP(pod, ip) };
    }
    const here = (x: ContainerStatus | undefined): x is ContainerStatus => x !== undefined && x.sandboxId === target.sandboxId;
    const appStarted = pod.spec.containers.some((c) => rt.containers.some((x) => x.name === c.name && here(x)));
    if (!appStarted) {
      for (const ic of pod.spec.initContainers ?? []) {
        if (signal.aborted) return changed;
        const inst = instancesOf(rt.containers, ic.name);
        const last = inst[0];
        if (here(last) && last.state === 'exited' && last.exitCode === 0) continue;
        if (here(last) && last.state === 'running') return changed; // its exit wakes the pod
        if (here(last) && last.state === 'created') return (await this.startCreated(rec, pod, ic, true, last, waiting)) || changed;
        if (here(last) && policy === 'Never') return changed; // failed for good: the pod fails
        if (!last) return (await this.start(rec, pod, ic, true, 0, inst, target, waiting, signal)) || changed;
        return (await this.restart(rec, pod, ic, true, inst, target, waiting, signal)) || changed;
      }
    }
    const results = await Promise.all(pod.spec.containers.map(async (c) => {
      if (signal.aborted) return false;
      const inst = instancesOf(rt.containers, c.name);
      const last = inst[0];
      if (!last) return this.start(rec, pod, c, false, 0, inst, target, waiting, signal);
      if (here(last) && last.state === 'running') return false;
      if (here(last) && last.state === 'created') return this.startCreated(rec, pod, c, false, last, waiting);
      if (last.state === 'created') return this.start(rec, pod, c, false, last.attempt + 1, inst, target, waiting, signal); // never ran
      const failed = last.state !== 'exited' || last.exitCode !== 0;
      if (policy === 'Never' || (policy === 'OnFailure' && !failed)) return false;
      return this.restart(rec, pod, c, false, inst, target, waiting, signal);
    }));
    return changed || results.some(Boolean);
  }

  private async newSandbox(rec: PodRecord, pod: Pod, rt: PodRuntime, lastAttempt: number | undefined): Promise<Target> {
    const rtm = this.c.runtime;
    // Whatever is left of an old sandbox is dead to the pod: its containers start again in the new one.
    await Promise.all(rt.containers.filter((x) => x.state === 'running').map((x) => rtm.stopContainer(x.id, 0)));
    await Promise.all(rt.sandboxes.filter((s) => s.state === 'ready').map((s) => rtm.stopPodSandbox(s.id)));
    if (lastAttempt !== undefined) this.event(pod, undefined, 'Normal', 'SandboxChanged', 'Pod sandbox changed, it will be killed and re-created.');
    const config = sandboxConfig(pod, lastAttempt === undefined ? 0 : lastAttempt + 1, this.c.logRoot, this.c.dns);
    let sb: { id: string; ip: string };
    try {
      sb = await rtm.runPodSandbox(config);
    } catch (err) {
      this.event(pod, undefined, 'Warning', 'FailedCreatePodSandBox', `Failed to create pod sandbox: ${(err as Error).message}`);
      throw err;
    }
    this.c.metrics.startedPods.inc();
    rec.sandboxIps.set(sb.id, sb.ip);
    // One old sandbox is kept (it holds the last exited containers the status reports); older ones go.
    for (const old of rt.sandboxes.slice(1)) {
      await rtm.removePodSandbox(old.id);
      rec.sandboxIps.delete(old.id);
    }
    return { sandboxId: sb.id, config, podIP: this.podIP(pod, sb.ip) };
  }

  // restart starts the next attempt of an exited container, unless it is still in its crash-loop backoff.
  private async restart(rec: PodRecord, pod: Pod, c: Container, init: boolean, inst: ContainerStatus[], target: Target, waiting: Map<string, Waiting>, signal: AbortSignal): Promise<boolean> {
    const last = inst[0] as ContainerStatus;
    const key = `${pod.metadata.uid}/${c.name}`;
    const finishedAt = last.finishedAt ?? last.createdAt;
    const backoff = this.c.crashBackoff;
    if (backoff.isInBackOffSince(key, finishedAt)) {
      const delay = backoff.get(key);
      waiting.set(c.name, { reason: 'CrashLoopBackOff', message: `back-off ${goDuration(delay)} restarting failed container=${c.name} pod=${formatPod(pod)}` });
      if (rec.announced.get(c.name) !== finishedAt) {
        rec.announced.set(c.name, finishedAt);
        this.event(pod, containerField(c.name, init), 'Warning', 'BackOff', `Back-off restarting failed container ${c.name} in pod ${formatPod(pod)}`);
      }
      this.c.schedule(pod.metadata.uid, backoff.retryAt(key, finishedAt));
      return false;
    }
    backoff.next(key, finishedAt);
    const started = await this.start(rec, pod, c, init, last.attempt + 1, inst, target, waiting, signal);
    if (started) this.c.metrics.containerRestarts.inc();
    return started;
  }

  private async start(rec: PodRecord, pod: Pod, c: Container, init: boolean, attempt: number, inst: ContainerStatus[], target: Target, waiting: Map<string, Waiting>, signal: AbortSignal): Promise<boolean> {
    const field = containerField(c.name, init);
    const uid = pod.metadata.uid;
    const report = this.report;
    const img = await this.c.images.ensure(pod, c, field, () => report().catch(() => undefined));
    if (!img.ok) {
      waiting.set(c.name, { reason: img.reason, message: img.message });
      if (img.retryAt) this.c.schedule(uid, img.retryAt);
      return false;
    }
    if (signal.aborted) return false;
    let id: string;
    try {
      const env = await containerEnv(pod, c, { podIP: target.podIP, hostIP: this.c.hostIP, allocatable: this.c.allocatable, serviceEnv: await this.c.serviceEnv(), data: this.c.data });
      id = await this.c.runtime.createContainer(target.sandboxId, containerConfig(pod, c, attempt, c.image ?? '', env), target.config);
    } catch (err) {
      const message = (err as Error).message;
      waiting.set(c.name, { reason: err instanceof EnvError ? 'CreateContainerConfigError' : 'CreateContainerError', message });
      this.event(pod, field, 'Warning', 'Failed', `Error: ${message}`);
      if (!(err instanceof EnvError)) this.c.images.forget();
      this.c.schedule(uid, Date.now() + this.c.retryMs);
      return false;
    }
    this.event(pod, field, 'Normal', 'Created', `Created container ${c.name}`);
    if (!(await this.startId(pod, c, field, id, waiting))) return true;
    this.c.metrics.startedContainers.inc({ container_type: init ? 'init_container' : 'container' });
    // The instance just replaced stays (lastState); older ones go.
    for (const old of inst.slice(1)) await this.c.runtime.removeContainer(old.id);
    rec.waiting.delete(c.name);
    return true;
  }

  // A container created but never started (the kubelet stopped in between) is started now.
  private async startCreated(_rec: PodRecord, pod: Pod, c: Container, init: boolean, x: ContainerStatus, waiting: Map<string, Waiting>): Promise<boolean> {
    await this.startId(pod, c, containerField(c.name, init), x.id, waiting);
    return true;
  }

  private async startId(pod: Pod, c: Container, field: string, id: string, waiting: Map<string, Waiting>): Promise<boolean> {
    try {
      await this.c.runtime.startContainer(id);
    } catch (err) {
      const message = `failed to start container "${c.name}": ${(err as Error).message}`;
      waiting.set(c.name, { reason: 'RunContainerError', message });
      this.event(pod, field, 'Warning', 'Failed', `Error: ${message}`);
      // The failed container goes, so the retry can use its attempt again; the backoff still counts it.
      await this.c.runtime.removeContainer(id).catch(() => undefined);
      this.c.crashBackoff.next(`${pod.metadata.uid}/${c.name}`, Date.now());
      this.c.schedule(pod.metadata.uid, Date.now() + this.c.crashBackoff.get(`${pod.metadata.uid}/${c.name}`));
      return false;
    }
    this.event(pod, field, 'Normal', 'Started', `Started container ${c.name}`);
    return true;
  }

  // A pod on the node's network has the node's IP, whatever the runtime reports for its sandbox.
  private podIP(pod: Pod, ip: string): string {
    return pod.spec.hostNetwork ? this.c.hostIP : ip;
  }

  private event(pod: Pod, fieldPath: string | undefined, type: 'Normal' | 'Warning', reason: string, message: string): void {
    const m = pod.metadata;
    this.c.events.event({ kind: 'Pod', name: m.name, namespace: m.namespace, uid: m.uid, ...(fieldPath ? { fieldPath } : {}) }, type, reason, message);
  }
}
