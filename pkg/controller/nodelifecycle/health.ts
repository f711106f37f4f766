// What node lifecycle writes, as pure functions: the conditions of a node whose kubelet went
// silent (Unknown, "Kubelet stopped posting node status."), the taints that follow the Ready
// condition, and when each pod on a NoExecute-tainted node is due for eviction.
import { rfc3339 } from '../../../api/meta/object.js';
import { TAINT_NOT_READY, TAINT_UNREACHABLE, sameTaint, tolerationFor } from '../base/taints.js';
import type { Condition, Node, Pod, Taint } from '../base/types.js';

/** NODE_STATUS_UNKNOWN is the reason of conditions the controller sets for a silent kubelet. */
export const NODE_STATUS_UNKNOWN = 'NodeStatusUnknown';
const STOPPED = 'Kubelet stopped posting node status.';
const NEVER = 'Kubelet never posted node status.';
const KUBELET_CONDITIONS = ['Ready', 'MemoryPressure', 'DiskPressure', 'PIDPressure'];

/** readyCondition returns the node's Ready condition. */
export function readyCondition(node: Node): Condition | undefined {
  return node.status?.conditions?.find((c) => c.type === 'Ready');
}

/**
 * unknownConditions returns the node's conditions with the kubelet's ones set to Unknown (and a
 * Ready condition added if the kubelet never posted one), or undefined when they already are.
 * lastHeartbeatTime is kept: it is the kubelet's last word.
 */
export function unknownConditions(node: Node, now = new Date()): Condition[] | undefined {
  const conditions = [...(node.status?.conditions ?? [])];
  let changed = false;
  const stamp = rfc3339(now);
  if (!conditions.some((c) => c.type === 'Ready')) {
    conditions.push({ type: 'Ready', status: 'Unknown', reason: 'NodeStatusNeverUpdated', message: NEVER, lastHeartbeatTime: stamp, lastTransitionTime: stamp });
    changed = true;
  }
  const out = conditions.map((c) => {
    if (!KUBELET_CONDITIONS.includes(c.type) || c.status === 'Unknown') return c;
    changed = true;
    return { ...c, status: 'Unknown', reason: NODE_STATUS_UNKNOWN, message: STOPPED, lastTransitionTime: stamp };
  });
  return changed ? out : undefined;
}

/** wantedTaints are the lifecycle taints for a Ready status: unreachable for Unknown, not-ready for False, none for True. */
export function wantedTaints(readyStatus: string | undefined): string | undefined {
  if (readyStatus === 'Unknown' || readyStatus === undefined) return TAINT_UNREACHABLE;
  if (readyStatus === 'False') return TAINT_NOT_READY;
  return undefined;
}

/**
 * withLifecycleTaints returns the node's taints with the lifecycle ones (NoSchedule and NoExecute
 * of key, none when key is undefined) in place, or undefined when nothing changes. An existing
 * taint keeps its timeAdded, which eviction counts from.
 */
export function withLifecycleTaints(node: Node, key: string | undefined, now = new Date()): Taint[] | undefined {
  const current = node.spec?.taints ?? [];
  const lifecycle = (t: Taint): boolean => t.key === TAINT_UNREACHABLE || t.key === TAINT_NOT_READY;
  const wanted: Taint[] = key ? [{ key, effect: 'NoSchedule' }, { key, effect: 'NoExecute', timeAdded: rfc3339(now) }] : [];
  const kept = current.filter((t) => !lifecycle(t) || wanted.some((w) => sameTaint(w, t)));
  const added = wanted.filter((w) => !current.some((t) => sameTaint(w, t)));
  if (added.length === 0 && kept.length === current.length) return undefined;
  return [...kept, ...added];
}

/**
 * evictionTime is when pod must leave a node with these NoExecute taints (ms since epoch), or
 * undefined when it may stay: a pod tolerating every such taint stays for its shortest
 * tolerationSeconds (forever without one); a pod that does not tolerate a lifecycle taint goes
 * podEvictionTimeout after it was added.
 */
export function evictionTime(pod: Pod, taints: readonly Taint[], podEvictionTimeoutMs: number): number | undefined {
  let at: number | undefined;
  for (const taint of taints) {
    if (taint.effect !== 'NoExecute') continue;
    const added = Date.parse(taint.timeAdded ?? '') || Date.now();
    const toleration = tolerationFor(pod.spec.tolerations, taint);
    let due: number | undefined;
    // The lifecycle taints give pods podEvictionTimeout to be rescued by a returning node; other
    // NoExecute taints (set by people) evict at once, as the taint manager does.
    const lifecycle = taint.key === TAINT_UNREACHABLE || taint.key === TAINT_NOT_READY;
    if (!toleration) due = lifecycle ? added + podEvictionTimeoutMs : added;
    else if (toleration.tolerationSeconds !== undefined) due = added + Math.max(0, toleration.tolerationSeconds) * 1000;
    if (due !== undefined) at = at === undefined ? due : Math.min(at, due);
  }
  return at;
}
