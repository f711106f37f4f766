// The score plugins: each scores every feasible node 0..100 (normalizing over the nodes scored, as
// kube-scheduler's NormalizeScore does) and the weighted sum picks the node. Weights are
// kube-scheduler's defaults where the plugin exists there.
import type { NodeInfo } from './node-info.js';
import type { PodToSchedule } from './pod-info.js';
import { countIntolerable } from './taints.js';

/** MAX_NODE_SCORE is the best score a plugin gives. */
export const MAX_NODE_SCORE = 100;

/** Scorer is one score plugin; score writes one score per node into out. */
export interface Scorer {
  name: string;
  weight: number;
  /** indifferent: the plugin would give every node the same score for this pod, so it cannot change the choice and is skipped. */
  indifferent?(pod: PodToSchedule): boolean;
  score(pod: PodToSchedule, nodes: readonly NodeInfo[], out: Float64Array): void;
}

function leastRequested(requested: number, capacity: number): number {
  if (capacity <= 0 || requested > capacity) return 0;
  return Math.floor(((capacity - requested) * MAX_NODE_SCORE) / capacity);
}

/** leastAllocated favours nodes with the most free cpu and memory once the pod is on them (NodeResourcesFit's default strategy). */
export const leastAllocated: Scorer = {
  name: 'NodeResourcesFit',
  weight: 1,
  score(pod, nodes, out) {
    for (let i = 0; i < nodes.length; i++) {
      const node = nodes[i] as NodeInfo;
      const cpu = leastRequested(node.nonZeroMilliCpu + pod.req.nonZeroMilliCpu, node.allocMilliCpu);
      const mem = leastRequested(node.nonZeroMemory + pod.req.nonZeroMemory, node.allocMemory);
      out[i] = Math.floor((cpu + mem) / 2);
    }
  },
};

/** balancedAllocation favours nodes whose cpu and memory would be used in equal shares. */
export const balancedAllocation: Scorer = {
  name: 'NodeResourcesBalancedAllocation',
  weight: 1,
  score(pod, nodes, out) {
    for (let i = 0; i < nodes.length; i++) {
      const node = nodes[i] as NodeInfo;
      const fc = node.allocMilliCpu > 0 ? Math.min((node.nonZeroMilliCpu + pod.req.nonZeroMilliCpu) / node.allocMilliCpu, 1) : 1;
      const fm = node.allocMemory > 0 ? Math.min((node.nonZeroMemory + pod.req.nonZeroMemory) / node.allocMemory, 1) : 1;
      // The standard deviation of two fractions is half their distance.
      out[i] = Math.floor((1 - Math.abs(fc - fm) / 2) * MAX_NODE_SCORE);
    }
  },
};

/** normalize maps raw scores onto 0..100 against the largest one; reverse makes the smallest raw score best. */
export function normalize(out: Float64Array, n: number, reverse: boolean): void {
  let max = 0;
  for (let i = 0; i < n; i++) if ((out[i] as number) > max) max = out[i] as number;
  for (let i = 0; i < n; i++) {
    const v = out[i] as number;
    if (max === 0) out[i] = reverse ? MAX_NODE_SCORE : 0;
    else out[i] = reverse ? MAX_NODE_SCORE - Math.floor((v * MAX_NODE_SCORE) / max) : Math.floor((v * MAX_NODE_SCORE) / max);
  }
}

/** taintTolerationScore penalizes PreferNoSchedule taints the pod does not tolerate. */
export const taintTolerationScore: Scorer = {
  name: 'TaintToleration',
  weight: 3,
  score(pod, nodes, out) {
    for (let i = 0; i < nodes.length; i++) {
      const soft = (nodes[i] as NodeInfo).taints.soft;
      out[i] = soft.length === 0 ? 0 : countIntolerable(soft, pod.softTolerations);
    }
    normalize(out, nodes.length, true);
  },
};

/** nodeAffinityScore favours nodes matching the pod's preferred node affinity terms, by weight. */
export const nodeAffinityScore: Scorer = {
  name: 'NodeAffinity',
  weight: 2,
  indifferent: (pod) => pod.preferred.trivial,
  score(pod, nodes, out) {
    if (pod.preferred.trivial) return void out.fill(0, 0, nodes.length);
    for (let i = 0; i < nodes.length; i++) out[i] = pod.preferred.score(nodes[i] as NodeInfo);
    normalize(out, nodes.length, false);
  },
};

/**
 * selectorSpread favours nodes running fewer pods of the pod's controller and services, so
 * replicas spread out (kube-scheduler's SelectorSpread; today's default topology spreading does
 * the same across hostnames).
 */
export const selectorSpread: Scorer = {
  name: 'SelectorSpread',
  weight: 2,
  indifferent: (pod) => pod.spreadGroups.length === 0,
  score(pod, nodes, out) {
    const groups = pod.spreadGroups;
    if (groups.length === 0) return void out.fill(MAX_NODE_SCORE, 0, nodes.length);
    for (let i = 0; i < nodes.length; i++) {
      const node = nodes[i] as NodeInfo;
      let n = 0;
      for (let g = 0; g < groups.length; g++) n += (groups[g] as ReadonlyMap<NodeInfo, number>).get(node) ?? 0;
      out[i] = n;
    }
    normalize(out, nodes.length, true);
  },
};

/** SCORERS are the score plugins in use. */
export const SCORERS: readonly Scorer[] = [leastAllocated, balancedAllocation, taintTolerationScore, nodeAffinityScore, selectorSpread];

/**
 * tieBreakHash mixes the hashes of pod uid and node name (murmur3's finalizer): among equally
 * scored nodes a pod always gets the same one, and different pods get different ones.
 */
export function tieBreakHash(uidHash: number, nameHash: number): number {
  let h = (uidHash ^ nameHash) >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

// Score buffers are reused across pods (the loop is synchronous): allocating two per pod would
// keep the garbage collector busy for nothing.
let totalBuf = new Float64Array(0);
let scoreBuf = new Float64Array(0);
function buffers(n: number): { total: Float64Array; buf: Float64Array } {
  if (totalBuf.length < n) {
    totalBuf = new Float64Array(Math.max(n, 2 * totalBuf.length));
    scoreBuf = new Float64Array(totalBuf.length);
  }
  totalBuf.fill(0, 0, n);
  return { total: totalBuf, buf: scoreBuf };
}

/** selectHost scores the feasible nodes and returns the index of the best, ties broken by tieBreakHash. */
export function selectHost(pod: PodToSchedule, nodes: readonly NodeInfo[], scorers: readonly Scorer[] = SCORERS): number {
  if (nodes.length <= 1) return 0;
  const { total, buf } = buffers(nodes.length);
  for (const s of scorers) {
    if (s.indifferent?.(pod)) continue;
    s.score(pod, nodes, buf);
    for (let i = 0; i < nodes.length; i++) total[i] = (total[i] as number) + s.weight * (buf[i] as number);
  }
  let best = 0;
  let bestHash = -1;
  for (let i = 1; i < nodes.length; i++) {
    const d = (total[i] as number) - (total[best] as number);
    if (d < 0) continue;
    if (d > 0) {
      best = i;
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
