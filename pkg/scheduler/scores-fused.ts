// The default score plugins (scores.ts) computed in two passes over the feasible nodes instead of
// one or two per plugin: the raw values in one pass, normalization and the pick in the second.
// Scoring hundreds of nodes per pod is the largest part of a scheduling decision; this halves it.
// It must pick exactly the node selectHost picks with SCORERS (a test holds it to that).
import type { NodeInfo } from './node-info.js';
import type { PodToSchedule } from './pod-info.js';
import { balancedAllocation, leastAllocated, MAX_NODE_SCORE, nodeAffinityScore, selectorSpread, taintTolerationScore, tieBreakHash } from './scores.js';
import { countIntolerable } from './taints.js';

function leastRequested(requested: number, capacity: number): number {
  if (capacity <= 0 || requested > capacity) return 0;
  return Math.floor(((capacity - requested) * MAX_NODE_SCORE) / capacity);
}

let base = new Float64Array(0);
let taint = new Float64Array(0);
let affinity = new Float64Array(0);
let spread = new Float64Array(0);

function grow(n: number): void {
  if (base.length >= n) return;
  const size = Math.max(n, 2 * base.length);
  base = new Float64Array(size);
  taint = new Float64Array(size);
  affinity = new Float64Array(size);
  spread = new Float64Array(size);
}

const norm = (v: number, max: number, reverse: boolean): number => {
  if (max === 0) return reverse ? MAX_NODE_SCORE : 0;
  const s = Math.floor((v * MAX_NODE_SCORE) / max);
  return reverse ? MAX_NODE_SCORE - s : s;
};

/** selectHostDefault is selectHost(pod, nodes, SCORERS), fused. */
export function selectHostDefault(pod: PodToSchedule, nodes: readonly NodeInfo[]): number {
  const n = nodes.length;
  if (n <= 1) return 0;
  grow(n);
  const cpuReq = pod.req.nonZeroMilliCpu;
  const memReq = pod.req.nonZeroMemory;
  const soft = pod.softTolerations;
  const groups = pod.spreadGroups;
  const preferred = pod.preferred.trivial ? undefined : pod.preferred;
  let maxTaint = 0;
  let maxAffinity = 0;
  let maxSpread = 0;
  for (let i = 0; i < n; i++) {
    const node = nodes[i] as NodeInfo;
    const cpu = node.nonZeroMilliCpu + cpuReq;
    const mem = node.nonZeroMemory + memReq;
    const least = Math.floor((leastRequested(cpu, node.allocMilliCpu) + leastRequested(mem, node.allocMemory)) / 2);
    const fc = node.allocMilliCpu > 0 ? Math.min(cpu / node.allocMilliCpu, 1) : 1;
    const fm = node.allocMemory > 0 ? Math.min(mem / node.allocMemory, 1) : 1;
    base[i] = leastAllocated.weight * least + balancedAllocation.weight * Math.floor((1 - Math.abs(fc - fm) / 2) * MAX_NODE_SCORE);
    const t = node.taints.soft.length === 0 ? 0 : countIntolerable(node.taints.soft, soft);
    taint[i] = t;
    if (t > maxTaint) maxTaint = t;
    if (preferred) {
      const a = preferred.score(node);
      affinity[i] = a;
      if (a > maxAffinity) maxAffinity = a;
    }
    if (groups.length > 0) {
      let s = 0;
      for (let g = 0; g < groups.length; g++) s += (groups[g] as ReadonlyMap<NodeInfo, number>).get(node) ?? 0;
      spread[i] = s;
      if (s > maxSpread) maxSpread = s;
    }
  }
  let best = 0;
  let bestTotal = -1;
  let bestHash = -1;
  for (let i = 0; i < n; i++) {
    let total = (base[i] as number) + taintTolerationScore.weight * norm(taint[i] as number, maxTaint, true);
    if (preferred) total += nodeAffinityScore.weight * norm(affinity[i] as number, maxAffinity, false);
    if (groups.length > 0) total += selectorSpread.weight * norm(spread[i] as number, maxSpread, true);
    if (total < bestTotal) continue;
    if (total > bestTotal) {
      best = i;
      bestTotal = total;
      bestHash = -1;
      continue;
    }
    if (bestHash < 0) bestHash = tieBreakHash(pod.uidHash, (nodes[best] as NodeInfo).nameHash);
    const h = tieBreakHash(pod.uidHash, (nodes[i] as NodeInfo).nameHash);
    if (h < bestHash) {
      best = i;
      bestHash = h;
    }
  }
  return best;
}
