// A pod's API status from what the runtime says about its containers plus what only the kubelet
// knows (why a container is waiting), as the kubelet's generateAPIPodStatus and getPhase do. Pure
// functions: the same inputs always give the same status, so an unchanged pod is never rewritten.
import { rfc3339 } from '../../api/meta/object.js';
import type { ContainerStatus } from './runtime/interface.js';
import type { Container, ContainerStateApi, ContainerStatusApi, Pod, PodCondition, PodPhase, PodStatus } from './types.js';

/** Waiting is why a container does not run now (CrashLoopBackOff, ImagePullBackOff, ...). */
export interface Waiting {
  reason: string;
  message: string;
}

/** StatusInput is everything a pod's status is computed from. */
export interface StatusInput {
  pod: Pod;
  /** this pod's containers in the runtime, every attempt */
  containers: ContainerStatus[];
  sandboxReady: boolean;
  /** the current sandbox's IP ('' without one) */
  podIP: string;
  hostIP: string;
  /** per container name: why it waits, as decided by the last sync */
  waiting: ReadonlyMap<string, Waiting>;
  /** the runtime's name, the scheme of containerIDs (containerd://...) */
  runtimeName: string;
  now: Date;
}

const time = (ms: number | undefined): string | undefined => (ms === undefined || ms <= 0 ? undefined : rfc3339(new Date(ms)));

/** instancesOf lists a container's instances, latest attempt first. */
export function instancesOf(containers: ContainerStatus[], name: string): ContainerStatus[] {
  return containers.filter((c) => c.name === name).sort((a, b) => b.attempt - a.attempt || b.createdAt - a.createdAt);
}

function terminated(c: ContainerStatus, runtimeName: string): ContainerStateApi {
  const t: NonNullable<ContainerStateApi['terminated']> = { exitCode: c.exitCode ?? 0, reason: c.reason || (c.exitCode === 0 ? 'Completed' : 'Error'), containerID: `${runtimeName}://${c.id}` };
  if (c.message) t.message = c.message;
  const started = time(c.startedAt);
  const finished = time(c.finishedAt);
  if (started) t.startedAt = started;
  if (finished) t.finishedAt = finished;
  return { terminated: t };
}

/** containerStatus is one container's API status. */
export function containerStatus(spec: Container, instances: ContainerStatus[], waiting: Waiting | undefined, defaultReason: string, old: ContainerStatusApi | undefined, runtimeName: string): ContainerStatusApi {
  const [latest, previous] = instances;
  let state: ContainerStateApi;
  let lastState: ContainerStateApi = previous ? terminated(previous, runtimeName) : (old?.lastState ?? {});
  if (!latest) {
    state = { waiting: { reason: waiting?.reason ?? defaultReason, ...(waiting?.message ? { message: waiting.message } : {}) } };
  } else if (latest.state === 'running') {
    state = { running: { ...(time(latest.startedAt) ? { startedAt: time(latest.startedAt) } : {}) } };
  } else if (latest.state === 'exited') {
    if (waiting) {
      state = { waiting: { reason: waiting.reason, ...(waiting.message ? { message: waiting.message } : {}) } };
      lastState = terminated(latest, runtimeName);
    } else {
      state = terminated(latest, runtimeName);
    }
  } else if (latest.state === 'created') {
    state = { waiting: { reason: waiting?.reason ?? 'ContainerCreating', ...(waiting?.message ? { message: waiting.message } : {}) } };
  } else {
    state = { waiting: { reason: 'ContainerStatusUnknown', message: 'The container could not be located when the pod was terminated' } };
  }
  const running = state.running !== undefined;
  const out: ContainerStatusApi = {
    name: spec.name, state, lastState, ready: running,
    restartCount: latest ? latest.attempt : (old?.restartCount ?? 0),
    image: latest?.image || spec.image || '', imageID: latest?.imageRef ?? '', started: running,
  };
  if (latest) out.containerID = `${runtimeName}://${latest.id}`;
  return out;
}

/** podPhase is the kubelet's getPhase. */
export function podPhase(pod: Pod, init: ContainerStatusApi[], app: ContainerStatusApi[]): PodPhase {
  const policy = pod.spec.restartPolicy ?? 'Always';
  let pendingInit = 0;
  let failedInit = 0;
  for (const s of init) {
    if (s.state.running || (!s.state.terminated && !s.state.waiting)) pendingInit++;
    else if (s.state.terminated) {
      if (s.state.terminated.exitCode !== 0) failedInit++;
    } else if (s.lastState.terminated) {
      if (s.lastState.terminated.exitCode !== 0) failedInit++;
    } else pendingInit++;
  }
  let running = 0;
  let waiting = 0;
  let stopped = 0;
  let succeeded = 0;
  for (const s of app) {
    if (s.state.running) running++;
    else if (s.state.terminated) {
      stopped++;
      if (s.state.terminated.exitCode === 0) succeeded++;
    } else if (s.state.waiting) {
      if (s.lastState.terminated) stopped++;
      else waiting++;
    }
  }
  if (failedInit > 0 && policy === 'Never') return 'Failed';
  const anyStarted = app.some((s) => s.state.running || s.state.terminated || s.lastState.terminated);
  if ((pendingInit > 0 && !anyStarted) || waiting > 0) return 'Pending';
  if (running > 0) return 'Running';
  if (stopped > 0) {
    if (policy === 'Always') return 'Running';
    if (stopped === succeeded) return 'Succeeded';
    if (policy === 'Never') return 'Failed';
    return 'Running';
  }
  return 'Pending';
}

function condition(old: PodCondition[], type: string, status: PodCondition['status'], now: Date, reason?: string, message?: string): PodCondition {
  const prev = old.find((c) => c.type === type);
  const c: PodCondition = { type, status };
  if (reason) c.reason = reason;
  if (message) c.message = message;
  c.lastTransitionTime = prev && prev.status === status && prev.lastTransitionTime ? prev.lastTransitionTime : rfc3339(now);
  return c;
}

/** podStatus computes the whole status; fields the kubelet does not own are kept from the API. */
export function podStatus(input: StatusInput): PodStatus {
  const { pod, now } = input;
  const old = pod.status ?? {};
  const oldByName = new Map([...(old.initContainerStatuses ?? []), ...(old.containerStatuses ?? [])].map((s) => [s.name, s]));
  const initSpecs = pod.spec.initContainers ?? [];
  const init = initSpecs.map((c) => containerStatus(c, instancesOf(input.containers, c.name), input.waiting.get(c.name), 'PodInitializing', oldByName.get(c.name), input.runtimeName));
  const initDone = init.every((s) => s.state.terminated?.exitCode === 0);
  const app = pod.spec.containers.map((c) => containerStatus(c, instancesOf(input.containers, c.name), input.waiting.get(c.name), initDone ? 'ContainerCreating' : 'PodInitializing', oldByName.get(c.name), input.runtimeName));
  // A finished pod stays finished: nothing of it runs again.
  const phase = old.phase === 'Succeeded' || old.phase === 'Failed' ? old.phase : podPhase(pod, init, app);
  const conds = old.conditions ?? [];
  const incomplete = init.filter((s) => s.state.terminated?.exitCode !== 0).map((s) => s.name);
  const unready = app.filter((s) => !s.ready).map((s) => s.name);
  const completed = phase === 'Succeeded' || phase === 'Failed';
  const readyReason = completed ? 'PodCompleted' : 'ContainersNotReady';
  const readyMessage = completed ? undefined : `containers with unready status: [${unready.join(' ')}]`;
  const conditions: PodCondition[] = [
    condition(conds, 'PodReadyToStartContainers', input.sandboxReady ? 'True' : 'False', now),
    incomplete.length === 0 ? condition(conds, 'Initialized', 'True', now) : condition(conds, 'Initialized', 'False', now, 'ContainersNotInitialized', `containers with incomplete status: [${incomplete.join(' ')}]`),
    unready.length === 0 && !completed ? condition(conds, 'Ready', 'True', now) : condition(conds, 'Ready', 'False', now, readyReason, readyMessage),
    unready.length === 0 && !completed ? condition(conds, 'ContainersReady', 'True', now) : condition(conds, 'ContainersReady', 'False', now, readyReason, readyMessage),
    conds.find((c) => c.type === 'PodScheduled') ?? condition(conds, 'PodScheduled', 'True', now),
  ];
  const known = new Set(conditions.map((c) => c.type));
  for (const c of conds) if (!known.has(c.type)) conditions.push(c); // readiness gates and others' conditions
  const podIP = input.podIP || (old.podIP ?? '');
  const status: PodStatus = { ...old, phase, conditions, hostIP: input.hostIP, hostIPs: [{ ip: input.hostIP }], startTime: old.startTime ?? rfc3339(now), containerStatuses: app };
  if (podIP) {
    status.podIP = podIP;
    status.podIPs = [{ ip: podIP }];
  }
  if (init.length > 0) status.initContainerStatuses = init;
  else delete status.initContainerStatuses;
  return status;
}
