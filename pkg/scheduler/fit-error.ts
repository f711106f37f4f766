// Why a pod fits nowhere, summarized in kube-scheduler's FitError words, e.g.
// "0/3 nodes are available: 2 Insufficient cpu, 1 node(s) didn't match Pod's node
// affinity/selector. preemption: 0/3 nodes are available: 2 No preemption victims found for
// incoming pod, 1 Preemption is not helpful for scheduling." Reasons are listed most common
// first (Kubernetes sorts the "N reason" strings instead), so the main cause leads.

/** NO_NODES_MESSAGE is what a pod hears when the cluster has no nodes at all. */
export const NO_NODES_MESSAGE = 'no nodes available to schedule pods';

// There is no preemption here, so no node ever offers victims; nodes rejected for reasons
// eviction cannot fix are told apart as Kubernetes does.
const NOT_HELPFUL = 'Preemption is not helpful for scheduling';
const NO_VICTIMS = 'No preemption victims found for incoming pod';

function histogram(counts: Map<string, number>): string {
  // Most common reason first (then by name, so the order is stable).
  return [...counts]
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
    .map(([reason, n]) => `${n} ${reason}`)
    .join(', ');
}

/** FitError records, for one attempt, how many nodes failed for each reason. */
export class FitError {
  /** reasons: reason → number of nodes rejected for it (a node may count under several). */
  readonly reasons = new Map<string, number>();
  /** failedPlugins names the filters that rejected some node, to know which cluster events may help. */
  readonly failedPlugins = new Set<string>();
  /** unresolvable counts nodes rejected by a filter that evicting pods cannot satisfy. */
  unresolvable = 0;

  constructor(readonly numAllNodes: number) {}

  /** add records one rejected node. */
  add(plugin: string, reasons: readonly string[], unresolvable: boolean): void {
    this.failedPlugins.add(plugin);
    if (unresolvable) this.unresolvable++;
    for (const r of reasons) this.reasons.set(r, (this.reasons.get(r) ?? 0) + 1);
  }

  /** message is the FailedScheduling event message and the PodScheduled condition's. */
  message(): string {
    if (this.numAllNodes === 0) return NO_NODES_MESSAGE;
    const n = this.numAllNodes;
    const preemption = new Map<string, number>();
    if (this.unresolvable > 0) preemption.set(NOT_HELPFUL, this.unresolvable);
    if (n - this.unresolvable > 0) preemption.set(NO_VICTIMS, n - this.unresolvable);
    return `0/${n} nodes are available: ${histogram(this.reasons)}. preemption: 0/${n} nodes are available: ${histogram(preemption)}.`;
  }
}
