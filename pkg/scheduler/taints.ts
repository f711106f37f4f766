// Taints and tolerations with core/v1's matching rules (Toleration.ToleratesTaint).
import type { Node, Taint, Toleration } from './types.js';

/** NOT_READY_TAINT and UNREACHABLE_TAINT are the keys the node lifecycle controller taints unhealthy nodes with. */
export const NOT_READY_TAINT = 'node.kubernetes.io/not-ready';
export const UNREACHABLE_TAINT = 'node.kubernetes.io/unreachable';
/** UNSCHEDULABLE_TAINT is what a pod tolerates to land on a cordoned node (as DaemonSet pods do). */
export const UNSCHEDULABLE_TAINT = 'node.kubernetes.io/unschedulable';

/** toleratesTaint is Toleration.ToleratesTaint. */
export function toleratesTaint(t: Toleration, taint: Taint): boolean {
  if (t.effect && t.effect !== taint.effect) return false;
  if (t.key && t.key !== taint.key) return false;
  const op = t.operator ?? '';
  if (op === 'Exists') return true;
  if (op === '' || op === 'Equal') return (t.value ?? '') === (taint.value ?? '');
  return false;
}

/** tolerated tells whether any of the tolerations tolerates taint. */
export function tolerated(tolerations: readonly Toleration[], taint: Taint): boolean {
  for (const t of tolerations) if (toleratesTaint(t, taint)) return true;
  return false;
}

/** NodeTaints are a node's taints split by what they do to scheduling. */
export interface NodeTaints {
  /** hard taints (NoSchedule, NoExecute) keep intolerant pods off the node. */
  hard: Taint[];
  /** soft taints (PreferNoSchedule) only lower the node's score. */
  soft: Taint[];
}

/**
 * nodeTaints splits a node's taints. A node whose Ready condition is not True gets the taint the
 * node lifecycle controller would give it (not-ready, or unreachable when the status is Unknown
 * or missing): until that controller exists, this keeps pods off unhealthy nodes all the same,
 * while pods that tolerate it (as DaemonSet pods do) can still land there.
 */
export function nodeTaints(node: Node): NodeTaints {
  const hard: Taint[] = [];
  const soft: Taint[] = [];
  for (const t of node.spec?.taints ?? []) {
    if (t.effect === 'PreferNoSchedule') soft.push(t);
    else if (t.effect === 'NoSchedule' || t.effect === 'NoExecute') hard.push(t);
  }
  const ready = node.status?.conditions?.find((c) => c.type === 'Ready');
  if (ready?.status !== 'True') {
    const key = ready?.status === 'False' ? NOT_READY_TAINT : UNREACHABLE_TAINT;
    if (!hard.some((t) => t.key === key && t.effect === 'NoSchedule')) hard.push({ key, effect: 'NoSchedule' });
  }
  return { hard, soft };
}

/** firstUntolerated is the first hard taint none of the tolerations tolerates. */
export function firstUntolerated(taints: readonly Taint[], tolerations: readonly Toleration[]): Taint | undefined {
  for (const taint of taints) if (!tolerated(tolerations, taint)) return taint;
  return undefined;
}

/** preferNoScheduleTolerations keeps the tolerations that can tolerate a PreferNoSchedule taint. */
export function preferNoScheduleTolerations(tolerations: readonly Toleration[]): Toleration[] {
  return tolerations.filter((t) => !t.effect || t.effect === 'PreferNoSchedule');
}

/** countIntolerable counts the soft taints none of the tolerations tolerates (the TaintToleration score). */
export function countIntolerable(soft: readonly Taint[], tolerations: readonly Toleration[]): number {
  let n = 0;
  for (const taint of soft) if (!tolerated(tolerations, taint)) n++;
  return n;
}
