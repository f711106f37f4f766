// A Deployment's status and its two conditions: Available (enough pods available: at least
// replicas - maxUnavailable) and Progressing (a rollout moving forward, finished, or stuck past
// progressDeadlineSeconds), as pkg/controller/deployment/progress.go computes them.
import { rfc3339 } from '../../../api/meta/object.js';
import type { Condition } from '../base/types.js';
import { desiredReplicas, maxUnavailable, type Deployment, type DeploymentStatus, type ReplicaSet } from './util.js';

/** Reasons of the Progressing and Available conditions, as Kubernetes spells them. */
export const REASONS = {
  newRSCreated: 'NewReplicaSetCreated',
  foundNewRS: 'FoundNewReplicaSet',
  rsUpdated: 'ReplicaSetUpdated',
  newRSAvailable: 'NewReplicaSetAvailable',
  timedOut: 'ProgressDeadlineExceeded',
  paused: 'DeploymentPaused',
  resumed: 'DeploymentResumed',
  minAvailable: 'MinimumReplicasAvailable',
  minUnavailable: 'MinimumReplicasUnavailable',
} as const;

/** getCondition returns the status's condition of type. */
export function getCondition(status: DeploymentStatus | undefined, type: string): Condition | undefined {
  return status?.conditions?.find((c) => c.type === type);
}

/**
 * setCondition is SetDeploymentCondition: an unchanged status and reason keeps the condition as
 * it is; a changed reason keeps lastTransitionTime when the status is the same.
 */
export function setCondition(status: DeploymentStatus, type: string, value: string, reason: string, message: string, now = rfc3339()): void {
  const cur = getCondition(status, type);
  if (cur && cur.status === value && cur.reason === reason) return;
  const next: Condition = { type, status: value, lastUpdateTime: now, lastTransitionTime: cur && cur.status === value ? cur.lastTransitionTime ?? now : now, reason, message };
  status.conditions = [...(status.conditions ?? []).filter((c) => c.type !== type), next];
}

/** calculateStatus is calculateStatus of the Deployment controller: counts from the ReplicaSets, and Available. */
export function calculateStatus(d: Deployment, all: readonly ReplicaSet[], newRS: ReplicaSet | undefined): DeploymentStatus {
  const sum = (f: (rs: ReplicaSet) => number | undefined): number => all.reduce((n, rs) => n + (f(rs) ?? 0), 0);
  const available = sum((rs) => rs.status?.availableReplicas);
  const status: DeploymentStatus = {
    ...(d.status ?? {}),
    observedGeneration: d.metadata?.generation,
    replicas: sum((rs) => rs.status?.replicas),
    updatedReplicas: newRS?.status?.replicas ?? 0,
    readyReplicas: sum((rs) => rs.status?.readyReplicas),
    availableReplicas: available,
    unavailableReplicas: Math.max(0, desiredReplicas(d) - available),
    conditions: [...(d.status?.conditions ?? [])],
  };
  if (available >= desiredReplicas(d) - maxUnavailable(d)) setCondition(status, 'Available', 'True', REASONS.minAvailable, 'Deployment has minimum availability.');
  else setCondition(status, 'Available', 'False', REASONS.minUnavailable, 'Deployment does not have minimum availability.');
  return status;
}

/** isComplete is DeploymentComplete: every replica updated and available, and the spec observed. */
export function isComplete(d: Deployment, s: DeploymentStatus): boolean {
  const want = desiredReplicas(d);
  return s.updatedReplicas === want && s.replicas === want && s.availableReplicas === want && (s.observedGeneration ?? 0) >= (d.metadata?.generation ?? 0);
}

/** isProgressing is DeploymentProgressing: more updated, ready or available pods, or fewer old ones, than before. */
export function isProgressing(d: Deployment, s: DeploymentStatus): boolean {
  const old = d.status ?? {};
  const oldOld = (old.replicas ?? 0) - (old.updatedReplicas ?? 0);
  const newOld = (s.replicas ?? 0) - (s.updatedReplicas ?? 0);
  return (s.updatedReplicas ?? 0) > (old.updatedReplicas ?? 0) || newOld < oldOld || (s.readyReplicas ?? 0) > (old.readyReplicas ?? 0) || (s.availableReplicas ?? 0) > (old.availableReplicas ?? 0);
}

/** hasProgressDeadline: progressDeadlineSeconds is set (and not MaxInt32, which means none). */
export const hasProgressDeadline = (d: Deployment): boolean => d.spec.progressDeadlineSeconds !== undefined && d.spec.progressDeadlineSeconds !== 2147483647;

/** isTimedOut is DeploymentTimedOut: no progress for progressDeadlineSeconds. */
export function isTimedOut(d: Deployment, s: DeploymentStatus, now = Date.now()): boolean {
  if (!hasProgressDeadline(d)) return false;
  const c = getCondition(s, 'Progressing');
  if (!c) return false;
  if (c.reason === REASONS.timedOut) return true;
  if (c.reason === REASONS.newRSAvailable) return false;
  const from = Date.parse(c.lastUpdateTime ?? '');
  return !Number.isNaN(from) && from + (d.spec.progressDeadlineSeconds ?? 0) * 1000 < now;
}

/** rolloutStatus is syncRolloutStatus's computation: the status with Progressing brought up to date. */
export function rolloutStatus(d: Deployment, all: readonly ReplicaSet[], newRS: ReplicaSet | undefined, now = Date.now()): DeploymentStatus {
  const s = calculateStatus(d, all, newRS);
  if (!hasProgressDeadline(d)) {
    s.conditions = (s.conditions ?? []).filter((c) => c.type !== 'Progressing');
    return s;
  }
  const cur = getCondition(s, 'Progressing');
  const completeBefore = s.replicas === s.updatedReplicas && cur?.reason === REASONS.newRSAvailable;
  if (completeBefore || d.spec.paused) return s;
  const name = newRS?.metadata?.name ?? '';
  if (isComplete(d, s)) {
    setCondition(s, 'Progressing', 'True', REASONS.newRSAvailable, `ReplicaSet "${name}" has successfully progressed.`, rfc3339(new Date(now)));
  } else if (isProgressing(d, s)) {
    // Progress refreshes lastUpdateTime, which the deadline counts from.
    const stamp = rfc3339(new Date(now));
    const next: Condition = { type: 'Progressing', status: 'True', lastUpdateTime: stamp, lastTransitionTime: cur?.status === 'True' ? cur.lastTransitionTime ?? stamp : stamp, reason: REASONS.rsUpdated, message: `ReplicaSet "${name}" is progressing.` };
    s.conditions = [...(s.conditions ?? []).filter((c) => c.type !== 'Progressing'), next];
  } else if (isTimedOut(d, s, now)) {
    setCondition(s, 'Progressing', 'False', REASONS.timedOut, `ReplicaSet "${name}" has timed out progressing.`, rfc3339(new Date(now)));
  }
  return s;
}

/** untilDeadline is how long until a progressing Deployment would time out, for a requeue (undefined: nothing to wait for). */
export function untilDeadline(d: Deployment, s: DeploymentStatus, now = Date.now()): number | undefined {
  const c = getCondition(s, 'Progressing');
  if (!hasProgressDeadline(d) || !c || c.status !== 'True' || c.reason === REASONS.newRSAvailable || isComplete(d, s)) return undefined;
  const from = Date.parse(c.lastUpdateTime ?? '');
  if (Number.isNaN(from)) return undefined;
  return Math.max(0, from + (d.spec.progressDeadlineSeconds ?? 0) * 1000 - now) + 1000;
}
