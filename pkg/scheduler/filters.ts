// The filter plugins, in kube-scheduler's default order, with its plugin names and its reasons, so
// a FailedScheduling summary reads as Kubernetes writes it. A filter returns undefined when the
// node passes, else the reasons it fails (NodeResourcesFit may give several).
import type { NodeInfo } from './node-info.js';
import type { PodToSchedule } from './pod-info.js';
import { firstUntolerated } from './taints.js';

/** Filter is one filter plugin. */
export interface Filter {
  name: string;
  /**
   * unresolvable: a node this filter rejects cannot be made to fit by evicting pods, so
   * preemption would not help (UnschedulableAndUnresolvable in Kubernetes).
   */
  unresolvable: boolean;
  filter(pod: PodToSchedule, node: NodeInfo): string | string[] | undefined;
}

/** Reasons as kube-scheduler's plugins word them. */
export const REASONS = {
  unschedulable: 'node(s) were unschedulable',
  affinity: "node(s) didn't match Pod's node affinity/selector",
  ports: "node(s) didn't have free ports for the requested pod ports",
  tooManyPods: 'Too many pods',
  insufficient: (resource: string): string => `Insufficient ${resource}`,
  untoleratedTaint: (key: string, value: string | undefined): string => `node(s) had untolerated taint {${key}: ${value ?? ''}}`,
};

/** nodeUnschedulable keeps pods off cordoned nodes unless they tolerate the unschedulable taint. */
export const nodeUnschedulable: Filter = {
  name: 'NodeUnschedulable',
  unresolvable: true,
  filter: (pod, node) => (node.unschedulable && !pod.toleratesUnschedulable ? REASONS.unschedulable : undefined),
};

/** taintToleration rejects nodes with a NoSchedule or NoExecute taint the pod does not tolerate (not-ready nodes included). */
export const taintToleration: Filter = {
  name: 'TaintToleration',
  unresolvable: true,
  filter: (pod, node) => {
    if (node.taints.hard.length === 0) return undefined;
    const t = firstUntolerated(node.taints.hard, pod.tolerations);
    return t ? REASONS.untoleratedTaint(t.key, t.value) : undefined;
  },
};

/** nodeAffinity applies spec.nodeSelector and required node affinity. */
export const nodeAffinity: Filter = {
  name: 'NodeAffinity',
  unresolvable: true,
  filter: (pod, node) => (pod.required.trivial || pod.required.matches(node) ? undefined : REASONS.affinity),
};

/** nodePorts rejects nodes where a host port the pod needs is taken. */
export const nodePorts: Filter = {
  name: 'NodePorts',
  unresolvable: false,
  filter: (pod, node) => (pod.hostPorts.length > 0 && node.portsConflict(pod.hostPorts) ? REASONS.ports : undefined),
};

/** nodeResourcesFit checks the pod count and every requested resource against allocatable minus what the node's pods (bound and assumed) request. */
export const nodeResourcesFit: Filter = {
  name: 'NodeResourcesFit',
  unresolvable: false,
  filter: (pod, node) => {
    let reasons: string[] | undefined;
    if (node.pods.size + 1 > node.allowedPods) (reasons ??= []).push(REASONS.tooManyPods);
    const r = pod.req;
    if (r.milliCpu > 0 && r.milliCpu > node.allocMilliCpu - node.reqMilliCpu) (reasons ??= []).push(REASONS.insufficient('cpu'));
    if (r.memory > 0 && r.memory > node.allocMemory - node.reqMemory) (reasons ??= []).push(REASONS.insufficient('memory'));
    for (const [name, want] of r.scalars) {
      if (want > 0 && want > (node.allocatable.get(name) ?? 0) - (node.requested.get(name) ?? 0)) (reasons ??= []).push(REASONS.insufficient(name));
    }
    return reasons;
  },
};

/** FILTERS are run in this order; a node's first failing filter decides its reasons. */
export const FILTERS: readonly Filter[] = [nodeUnschedulable, taintToleration, nodeAffinity, nodePorts, nodeResourcesFit];

/**
 * fitChecker compiles every filter's pass condition for one pod into one closure: nearly all
 * nodes a search visits pass, and this answers for them in a few comparisons of plain fields,
 * with what depends only on the pod decided once. Only a node that fails is run through the
 * plugins, for its reasons. It must agree with runFilters (a test holds it to that).
 */
export function fitChecker(pod: PodToSchedule): (node: NodeInfo) => boolean {
  const cpu = pod.req.milliCpu;
  const memory = pod.req.memory;
  const scalars = pod.req.scalars.length > 0 ? pod.req.scalars : undefined;
  const toleratesUnschedulable = pod.toleratesUnschedulable;
  const tolerations = pod.tolerations;
  const affinity = pod.required.trivial ? undefined : pod.required;
  const ports = pod.hostPorts.length > 0 ? pod.hostPorts : undefined;
  return (node) => {
    if (node.podCount >= node.allowedPods) return false;
    if (cpu > 0 && cpu > node.allocMilliCpu - node.reqMilliCpu) return false;
    if (memory > 0 && memory > node.allocMemory - node.reqMemory) return false;
    if (node.unschedulable && !toleratesUnschedulable) return false;
    if (node.hardTaints.length > 0 && firstUntolerated(node.hardTaints, tolerations) !== undefined) return false;
    if (affinity !== undefined && !affinity.matches(node)) return false;
    if (ports !== undefined && node.portsConflict(ports)) return false;
    if (scalars !== undefined) {
      for (const [name, want] of scalars) {
        if (want > 0 && want > (node.allocatable.get(name) ?? 0) - (node.requested.get(name) ?? 0)) return false;
      }
    }
    return true;
  };
}

/** fits is fitChecker for a single node. */
export function fits(pod: PodToSchedule, node: NodeInfo): boolean {
  return fitChecker(pod)(node);
}

/** FilterFailure is why one node was rejected. */
export interface FilterFailure {
  plugin: Filter;
  reasons: string[];
}

/** runFilters runs the filters in order and returns the first failure, or undefined when the node fits. */
export function runFilters(pod: PodToSchedule, node: NodeInfo, filters: readonly Filter[] = FILTERS): FilterFailure | undefined {
  for (const plugin of filters) {
    const r = plugin.filter(pod, node);
    if (r !== undefined) return { plugin, reasons: typeof r === 'string' ? [r] : r };
  }
  return undefined;
}
