// Deployment helpers (pkg/controller/deployment/util in Kubernetes): the annotations and labels a
// Deployment puts on its ReplicaSets, revisions, surge/unavailability fenceposts, and which
// ReplicaSet is the "new" one (its template equals the Deployment's, ignoring the hash label).
import type { LabelSelectorObject } from '../../../api/meta/label-selector.js';
import type { KubeObject } from '../../../api/meta/object.js';
import { semanticTemplateEqual } from '../base/hash.js';
import { scaledValue } from '../base/intstr.js';
import type { Condition, IntOrString, PodTemplateSpec, ReplicaSetLike, ReplicaSetStatus } from '../base/types.js';

/** REVISION_ANNOTATION is the revision of a Deployment and of each of its ReplicaSets. */
export const REVISION_ANNOTATION = 'deployment.kubernetes.io/revision';
/** REVISION_HISTORY_ANNOTATION lists the earlier revisions a reused ReplicaSet had. */
export const REVISION_HISTORY_ANNOTATION = 'deployment.kubernetes.io/revision-history';
/** DESIRED_REPLICAS_ANNOTATION is the Deployment's replicas when the ReplicaSet was last scaled. */
export const DESIRED_REPLICAS_ANNOTATION = 'deployment.kubernetes.io/desired-replicas';
/** MAX_REPLICAS_ANNOTATION is replicas + maxSurge when the ReplicaSet was last scaled. */
export const MAX_REPLICAS_ANNOTATION = 'deployment.kubernetes.io/max-replicas';
/** POD_TEMPLATE_HASH_LABEL tells the ReplicaSets (and their pods) of one Deployment apart. */
export const POD_TEMPLATE_HASH_LABEL = 'pod-template-hash';

// Annotations of the Deployment that are not copied to its ReplicaSets.
const NOT_COPIED = new Set([
  'kubectl.kubernetes.io/last-applied-configuration',
  REVISION_ANNOTATION,
  REVISION_HISTORY_ANNOTATION,
  DESIRED_REPLICAS_ANNOTATION,
  MAX_REPLICAS_ANNOTATION,
  'deprecated.deployment.rollback.to',
]);

/** DeploymentStatus is apps/v1 DeploymentStatus. */
export interface DeploymentStatus {
  observedGeneration?: number;
  replicas?: number;
  updatedReplicas?: number;
  readyReplicas?: number;
  availableReplicas?: number;
  unavailableReplicas?: number;
  collisionCount?: number;
  conditions?: Condition[];
  [field: string]: unknown;
}

/** Deployment is apps/v1 Deployment. */
export interface Deployment extends KubeObject {
  spec: {
    replicas?: number;
    selector?: LabelSelectorObject;
    template: PodTemplateSpec;
    strategy?: { type?: string; rollingUpdate?: { maxSurge?: IntOrString; maxUnavailable?: IntOrString } };
    minReadySeconds?: number;
    revisionHistoryLimit?: number;
    paused?: boolean;
    progressDeadlineSeconds?: number;
    [field: string]: unknown;
  };
  status?: DeploymentStatus;
}

/** ReplicaSet is apps/v1 ReplicaSet as the Deployment controller reads it. */
export interface ReplicaSet extends ReplicaSetLike {
  spec: { replicas?: number; minReadySeconds?: number; selector?: LabelSelectorObject; template?: PodTemplateSpec; [field: string]: unknown };
  status?: ReplicaSetStatus;
}

/** replicasOf is a Deployment's or ReplicaSet's spec.replicas (default 1 for Deployments, 0 for ReplicaSets here: they are always set). */
export const specReplicas = (rs: ReplicaSet): number => rs.spec.replicas ?? 0;
/** desiredReplicas is a Deployment's spec.replicas. */
export const desiredReplicas = (d: Deployment): number => d.spec.replicas ?? 1;

/** revisionOf reads the revision annotation (0 when absent or unreadable). */
export function revisionOf(obj: KubeObject): number {
  const v = Number(obj.metadata?.annotations?.[REVISION_ANNOTATION] ?? '');
  return Number.isSafeInteger(v) && v > 0 ? v : 0;
}

/** maxRevision is the highest revision among rses. */
export function maxRevision(rses: readonly ReplicaSet[]): number {
  return rses.reduce((m, rs) => Math.max(m, revisionOf(rs)), 0);
}

/** isRollingUpdate tells the strategy (RollingUpdate is the default). */
export const isRollingUpdate = (d: Deployment): boolean => (d.spec.strategy?.type ?? 'RollingUpdate') === 'RollingUpdate';

/** fenceposts is ResolveFenceposts: maxSurge rounds up, maxUnavailable down, and they are never both 0. */
export function fenceposts(d: Deployment): { surge: number; unavailable: number } {
  const ru = d.spec.strategy?.rollingUpdate ?? {};
  const desired = desiredReplicas(d);
  const surge = scaledValue(ru.maxSurge ?? '25%', desired, true);
  let unavailable = scaledValue(ru.maxUnavailable ?? '25%', desired, false);
  if (surge === 0 && unavailable === 0) unavailable = 1;
  return { surge, unavailable };
}

/** maxUnavailable is MaxUnavailable: 0 for Recreate or no replicas, never more than replicas. */
export function maxUnavailable(d: Deployment): number {
  if (!isRollingUpdate(d) || desiredReplicas(d) === 0) return 0;
  return Math.min(fenceposts(d).unavailable, desiredReplicas(d));
}

/** maxSurge is MaxSurge: 0 for Recreate. */
export function maxSurge(d: Deployment): number {
  return isRollingUpdate(d) ? fenceposts(d).surge : 0;
}

/** withoutHash is a template with the pod-template-hash label removed. */
export function withoutHash(template: PodTemplateSpec | undefined): PodTemplateSpec | undefined {
  if (!template) return undefined;
  const labels = { ...(template.metadata?.labels ?? {}) };
  delete labels[POD_TEMPLATE_HASH_LABEL];
  return { ...template, metadata: { ...(template.metadata ?? {}), labels } };
}

/** equalIgnoreHash compares two templates ignoring the pod-template-hash label. */
export function equalIgnoreHash(a: PodTemplateSpec | undefined, b: PodTemplateSpec | undefined): boolean {
  return semanticTemplateEqual(withoutHash(a), withoutHash(b));
}

const created = (o: KubeObject): number => Date.parse(o.metadata?.creationTimestamp ?? '') || 0;

/** byCreation sorts oldest first, names breaking ties (ReplicaSetsByCreationTimestamp). */
export function byCreation(a: KubeObject, b: KubeObject): number {
  return created(a) - created(b) || (a.metadata?.name ?? '').localeCompare(b.metadata?.name ?? '');
}

/** findNewReplicaSet returns the oldest ReplicaSet whose template matches the Deployment's. */
export function findNewReplicaSet(d: Deployment, rses: readonly ReplicaSet[]): ReplicaSet | undefined {
  return [...rses].sort(byCreation).find((rs) => equalIgnoreHash(rs.spec.template, d.spec.template));
}

/** availableCount counts available pods of rses, never more than an RS's spec: a scaled-down RS's status may not show its deletions yet. */
export function availableCount(rses: readonly ReplicaSet[]): number {
  return rses.reduce((n, rs) => n + Math.min(rs.status?.availableReplicas ?? 0, specReplicas(rs)), 0);
}

/** specCount sums spec.replicas. */
export function specCount(rses: readonly ReplicaSet[]): number {
  return rses.reduce((n, rs) => n + specReplicas(rs), 0);
}

/**
 * replicaSetAnnotations is SetNewReplicaSetAnnotations: copy the Deployment's annotations, set
 * the revision (recording a reused ReplicaSet's earlier revision in the history) and, for a new
 * ReplicaSet, the replica annotations. It returns whether anything changed.
 */
export function setReplicaSetAnnotations(d: Deployment, rs: ReplicaSet, revision: number, exists: boolean): boolean {
  const meta = (rs.metadata ??= {});
  const annotations = { ...(meta.annotations ?? {}) };
  let changed = false;
  for (const [k, v] of Object.entries(d.metadata?.annotations ?? {})) {
    if (NOT_COPIED.has(k) || annotations[k] === v) continue;
    annotations[k] = v;
    changed = true;
  }
  const old = Number(annotations[REVISION_ANNOTATION] ?? 0) || 0;
  if (old < revision) {
    annotations[REVISION_ANNOTATION] = String(revision);
    changed = true;
    if (old > 0 && exists) {
      const history = annotations[REVISION_HISTORY_ANNOTATION];
      annotations[REVISION_HISTORY_ANNOTATION] = history ? `${history},${old}` : String(old);
    }
  }
  if (!exists) {
    annotations[DESIRED_REPLICAS_ANNOTATION] = String(desiredReplicas(d));
    annotations[MAX_REPLICAS_ANNOTATION] = String(desiredReplicas(d) + maxSurge(d));
    changed = true;
  }
  meta.annotations = annotations;
  return changed;
}

/** setReplicasAnnotations records the Deployment's size on an RS being scaled; returns whether it changed. */
export function setReplicasAnnotations(rs: ReplicaSet, desired: number, max: number): boolean {
  const a = rs.metadata?.annotations ?? {};
  if (a[DESIRED_REPLICAS_ANNOTATION] === String(desired) && a[MAX_REPLICAS_ANNOTATION] === String(max)) return false;
  (rs.metadata ??= {}).annotations = { ...a, [DESIRED_REPLICAS_ANNOTATION]: String(desired), [MAX_REPLICAS_ANNOTATION]: String(max) };
  return true;
}
