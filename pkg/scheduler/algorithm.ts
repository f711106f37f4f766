// One scheduling decision, as kube-scheduler's schedulePod: filter nodes until enough feasible ones
// are found (a share of a large cluster, starting where the previous pod stopped so every node
// gets its turn), score those, pick the best.
import { FILTERS, fitChecker, runFilters, type Filter } from './filters.js';
import { FitError } from './fit-error.js';
import type { NodeInfo } from './node-info.js';
import type { PodToSchedule } from './pod-info.js';
import { SCORERS, selectHost, type Scorer } from './scores.js';
import { selectHostDefault } from './scores-fused.js';

/** MIN_FEASIBLE_NODES_TO_FIND: clusters this small are always filtered whole. */
export const MIN_FEASIBLE_NODES_TO_FIND = 100;
/** MIN_FEASIBLE_NODES_PERCENTAGE_TO_FIND is the floor of the adaptive share. */
export const MIN_FEASIBLE_NODES_PERCENTAGE_TO_FIND = 5;

/**
 * numFeasibleNodesToFind is how many feasible nodes to look for among numAllNodes: all of them
 * below 100 nodes; else percentage% (0 adapts: 50% − nodes/125, at least 5%), at least 100.
 */
export function numFeasibleNodesToFind(percentage: number, numAllNodes: number): number {
  if (numAllNodes < MIN_FEASIBLE_NODES_TO_FIND || percentage >= 100) return numAllNodes;
  let p = percentage;
  if (p <= 0) p = Math.max(50 - Math.floor(numAllNodes / 125), MIN_FEASIBLE_NODES_PERCENTAGE_TO_FIND);
  return Math.max(Math.floor((numAllNodes * p) / 100), MIN_FEASIBLE_NODES_TO_FIND);
}

/** ScheduleResult is the chosen node and how much of the cluster was looked at. */
export interface ScheduleResult {
  node: NodeInfo;
  evaluated: number;
  feasible: number;
}

/** Algorithm places pods; it remembers where in the node list the next search starts. */
export class Algorithm {
  private nextStart = 0;
  // Reused by every search (they are synchronous): growing a fresh array per pod is garbage.
  private readonly feasible: NodeInfo[] = [];

  constructor(
    private readonly percentageOfNodesToScore: number,
    private readonly filters: readonly Filter[] = FILTERS,
    private readonly scorers: readonly Scorer[] = SCORERS,
  ) {}

  /** schedule returns the node for pod, or a FitError saying why none fits. */
  schedule(pod: PodToSchedule, nodes: readonly NodeInfo[]): ScheduleResult | FitError {
    const n = nodes.length;
    if (n === 0) {
      const err = new FitError(0);
      err.failedPlugins.add('*'); // only a new node can help
      return err;
    }
    const want = numFeasibleNodesToFind(this.percentageOfNodesToScore, n);
    const feasible = this.feasible;
    feasible.length = 0;
    let fit: FitError | undefined;
    let processed = 0;
    const start = this.nextStart % n;
    const fits = this.filters === FILTERS ? fitChecker(pod) : undefined; // the default filters' fast path
    for (let i = 0; i < n && feasible.length < want; i++) {
      const j = start + i;
      const node = nodes[j < n ? j : j - n] as NodeInfo;
      processed++;
      if (fits?.(node)) {
        feasible.push(node);
        continue;
      }
      const failure = runFilters(pod, node, this.filters);
      if (failure === undefined) feasible.push(node);
      else (fit ??= new FitError(n)).add(failure.plugin.name, failure.reasons, failure.plugin.unresolvable);
    }
    this.nextStart = (start + processed) % n;
    if (feasible.length === 0) return fit as FitError;
    const best = this.scorers === SCORERS ? selectHostDefault(pod, feasible) : selectHost(pod, feasible, this.scorers);
    return { node: feasible[best] as NodeInfo, evaluated: processed, feasible: feasible.length };
  }
}
