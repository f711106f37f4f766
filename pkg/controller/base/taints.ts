// Taints and tolerations (k8s.io/api/core/v1 helpers), shared by the DaemonSet controller (which
// decides placement itself) and node lifecycle (which taints unreachable nodes and evicts pods).
import type { Taint, Toleration } from './types.js';

/** TAINT_UNREACHABLE is set on nodes whose kubelet stopped reporting. */
export const TAINT_UNREACHABLE = 'node.kubernetes.io/unreachable';
/** TAINT_NOT_READY is set on nodes whose kubelet reports Ready=False. */
export const TAINT_NOT_READY = 'node.kubernetes.io/not-ready';
/** TAINT_UNSCHEDULABLE is set on cordoned nodes. */
export const TAINT_UNSCHEDULABLE = 'node.kubernetes.io/unschedulable';

/** toleratesTaint is Toleration.ToleratesTaint. */
export function toleratesTaint(t: Toleration, taint: Taint): boolean {
  if (t.effect && t.effect !== taint.effect) return false;
  if (t.key && t.key !== taint.key) return false;
  const op = t.operator || 'Equal';
  if (op === 'Exists') return true;
  return op === 'Equal' && (t.value ?? '') === (taint.value ?? '');
}

/** tolerationFor returns the toleration that tolerates taint, if any. */
export function tolerationFor(tolerations: readonly Toleration[] | undefined, taint: Taint): Toleration | undefined {
  return (tolerations ?? []).find((t) => toleratesTaint(t, taint));
}

/** untoleratedTaint returns the first taint with one of effects that tolerations do not tolerate. */
export function untoleratedTaint(taints: readonly Taint[] | undefined, tolerations: readonly Toleration[] | undefined, effects: readonly string[]): Taint | undefined {
  return (taints ?? []).find((taint) => effects.includes(taint.effect) && !tolerationFor(tolerations, taint));
}

/** sameTaint: equal key and effect, the identity of a taint on a node. */
export function sameTaint(a: Taint, b: Taint): boolean {
  return a.key === b.key && a.effect === b.effect;
}
