// Pod predicates and orderings shared by the workload controllers (pkg/controller/controller_utils.go
// and podutil in Kubernetes): what counts as active, ready and available, which pods go first on
// scale-down, and the pod a controller creates from its template.
import type { KubeObject, OwnerReference } from '../../../api/meta/object.js';
import type { Condition, Pod, PodTemplateSpec } from './types.js';

/** isPodActive: not finished and not being deleted, so it counts toward replicas. */
export function isPodActive(pod: Pod): boolean {
  const phase = pod.status?.phase;
  return phase !== 'Succeeded' && phase !== 'Failed' && !pod.metadata?.deletionTimestamp;
}

/** podCondition returns the pod's condition of type, if any. */
export function podCondition(pod: Pod, type: string): Condition | undefined {
  return pod.status?.conditions?.find((c) => c.type === type);
}

/** isPodReady: the Ready condition is True. */
export function isPodReady(pod: Pod): boolean {
  return podCondition(pod, 'Ready')?.status === 'True';
}

/** readySince is when the pod last became Ready (ms since epoch), or undefined when not ready. */
export function readySince(pod: Pod): number | undefined {
  const c = podCondition(pod, 'Ready');
  if (c?.status !== 'True') return undefined;
  const t = Date.parse(c.lastTransitionTime ?? '');
  return Number.isNaN(t) ? 0 : t;
}

/** isPodAvailable: ready for at least minReadySeconds. */
export function isPodAvailable(pod: Pod, minReadySeconds: number, now = Date.now()): boolean {
  const since = readySince(pod);
  if (since === undefined) return false;
  return minReadySeconds <= 0 || since + minReadySeconds * 1000 <= now;
}

/** untilAvailable is how long until a ready pod becomes available (0 when it is or cannot be). */
export function untilAvailable(pod: Pod, minReadySeconds: number, now = Date.now()): number {
  const since = readySince(pod);
  if (since === undefined || minReadySeconds <= 0) return 0;
  return Math.max(0, since + minReadySeconds * 1000 - now);
}

const PHASE_RANK: Record<string, number> = { Pending: 0, Unknown: 1, Running: 2 };

function restarts(pod: Pod): number {
  return (pod.status?.containerStatuses ?? []).reduce((n, c) => Math.max(n, c.restartCount ?? 0), 0);
}

const created = (pod: Pod): number => Date.parse(pod.metadata?.creationTimestamp ?? '') || 0;

/**
 * deletionOrder sorts pods in the order a scale-down deletes them (ActivePods' Less): unscheduled
 * before scheduled, pending before unknown before running, not ready before ready, ready for a
 * shorter time before longer, more restarts before fewer, newer before older.
 */
export function deletionOrder(a: Pod, b: Pod): number {
  const assigned = (p: Pod): number => (p.spec?.nodeName ? 1 : 0);
  if (assigned(a) !== assigned(b)) return assigned(a) - assigned(b);
  const phase = (p: Pod): number => PHASE_RANK[p.status?.phase ?? 'Pending'] ?? 0;
  if (phase(a) !== phase(b)) return phase(a) - phase(b);
  const ready = (p: Pod): number => (isPodReady(p) ? 1 : 0);
  if (ready(a) !== ready(b)) return ready(a) - ready(b);
  if (ready(a) === 1) {
    const ra = readySince(a) ?? 0;
    const rb = readySince(b) ?? 0;
    if (ra !== rb) return rb - ra; // ready more recently goes first
  }
  if (restarts(a) !== restarts(b)) return restarts(b) - restarts(a);
  if (created(a) !== created(b)) return created(b) - created(a);
  return (a.metadata?.name ?? '').localeCompare(b.metadata?.name ?? '');
}

// generateName may be at most 58 characters so that the 5-character suffix keeps names ≤ 63.
const MAX_GENERATE_NAME = 58;

/** podsPrefix is the generateName of a controller's pods: `<name>-`, shortened if too long. */
export function podsPrefix(controllerName: string): string {
  const prefix = `${controllerName}-`;
  return prefix.length > MAX_GENERATE_NAME ? prefix.slice(0, MAX_GENERATE_NAME) : prefix;
}

/** podFromTemplate builds the pod a controller creates: the template's metadata and spec, named after the controller, owned by ref. */
export function podFromTemplate(template: PodTemplateSpec, owner: KubeObject, ref: OwnerReference | undefined): Pod {
  const tm = template.metadata ?? {};
  const metadata: Pod['metadata'] = {
    generateName: podsPrefix(owner.metadata?.name ?? ''),
    namespace: owner.metadata?.namespace,
    labels: { ...(tm.labels ?? {}) },
  };
  if (tm.annotations && Object.keys(tm.annotations).length > 0) metadata.annotations = { ...tm.annotations };
  if (tm.finalizers?.length) metadata.finalizers = [...tm.finalizers];
  if (ref) metadata.ownerReferences = [ref];
  return { apiVersion: 'v1', kind: 'Pod', metadata, spec: structuredClone(template.spec) };
}
