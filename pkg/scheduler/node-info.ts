// Per-node accounting, kept incrementally as pods come and go (bound, assumed, deleted, finished),
// so a filter or score never sums a node's pods: requested resources and host ports in use. The
// scheduling loop reads these for hundreds of nodes per pod, so cpu, memory and pod count are
// plain fields rather than map entries.
import type { NodeView } from './node-affinity.js';
import type { HostPort, PodInfo } from './pod-info.js';
import { resourceList, type Resources } from './resources.js';
import { nodeTaints, type NodeTaints } from './taints.js';
import type { Node } from './types.js';

const ANY_IP = '0.0.0.0';

/** fnv1a is the 32-bit FNV-1a hash of a string. */
export function fnv1a(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** NodeInfo is one node and what its pods take from it. */
export class NodeInfo implements NodeView {
  /** node is undefined while only pods name the node (their node is not in the cache yet, or is gone). */
  node: Node | undefined;
  labels: Record<string, string> = {};
  allocatable: Resources = new Map();
  allocMilliCpu = 0;
  allocMemory = 0;
  allowedPods = 0;
  unschedulable = false;
  taints: NodeTaints = { hard: [], soft: [] };
  /** hardTaints repeats taints.hard, one indirection closer for the fit check. */
  hardTaints: NodeTaints['hard'] = [];
  /** requested holds every resource the pods here request; cpu and memory are also in the fields below. */
  readonly requested: Resources = new Map();
  reqMilliCpu = 0;
  reqMemory = 0;
  nonZeroMilliCpu = 0;
  nonZeroMemory = 0;
  readonly pods = new Map<string, PodInfo>();
  /** podCount repeats pods.size as a plain field for the fit check. */
  podCount = 0;
  /** nameHash feeds the tie-break between equally scored nodes. */
  readonly nameHash: number;
  /** usedPorts: `protocol/port` → host IP → pods binding it. */
  private readonly usedPorts = new Map<string, Map<string, number>>();

  constructor(readonly name: string) {
    this.nameHash = fnv1a(name);
  }

  /** setNode takes a new version of the node object. */
  setNode(node: Node | undefined): void {
    this.node = node;
    if (!node) return;
    this.labels = node.metadata?.labels ?? {};
    this.allocatable = resourceList(node.status?.allocatable);
    this.allocMilliCpu = this.allocatable.get('cpu') ?? 0;
    this.allocMemory = this.allocatable.get('memory') ?? 0;
    this.allowedPods = this.allocatable.get('pods') ?? 0;
    this.unschedulable = node.spec?.unschedulable === true;
    this.taints = nodeTaints(node);
    this.hardTaints = this.taints.hard;
  }

  /** addPod accounts for a pod placed here (bound or assumed). */
  addPod(pi: PodInfo): void {
    if (this.pods.has(pi.key)) this.removePod(pi.key);
    this.pods.set(pi.key, pi);
    this.podCount = this.pods.size;
    this.apply(pi, 1);
  }

  /** removePod stops accounting for a pod; false when it was not here. */
  removePod(key: string): boolean {
    const pi = this.pods.get(key);
    if (!pi) return false;
    this.pods.delete(key);
    this.podCount = this.pods.size;
    this.apply(pi, -1);
    return true;
  }

  /** portsConflict tells whether any of the host ports is already bound here (0.0.0.0 clashes with every IP). */
  portsConflict(ports: readonly HostPort[]): boolean {
    for (const p of ports) {
      const ips = this.usedPorts.get(`${p.protocol}/${p.port}`);
      if (!ips) continue;
      if (p.ip === ANY_IP ? ips.size > 0 : ips.has(p.ip) || ips.has(ANY_IP)) return true;
    }
    return false;
  }

  /** empty tells a NodeInfo that holds nothing any more and may be dropped. */
  empty(): boolean {
    return this.node === undefined && this.pods.size === 0;
  }

  private apply(pi: PodInfo, sign: 1 | -1): void {
    for (const [k, v] of pi.req.requests) {
      const n = (this.requested.get(k) ?? 0) + sign * v;
      if (n === 0) this.requested.delete(k);
      else this.requested.set(k, n);
    }
    this.reqMilliCpu += sign * pi.req.milliCpu;
    this.reqMemory += sign * pi.req.memory;
    this.nonZeroMilliCpu += sign * pi.req.nonZeroMilliCpu;
    this.nonZeroMemory += sign * pi.req.nonZeroMemory;
    for (const p of pi.hostPorts) {
      const pp = `${p.protocol}/${p.port}`;
      let ips = this.usedPorts.get(pp);
      if (!ips) this.usedPorts.set(pp, (ips = new Map()));
      const n = (ips.get(p.ip) ?? 0) + sign;
      if (n > 0) ips.set(p.ip, n);
      else ips.delete(p.ip);
      if (ips.size === 0) this.usedPorts.delete(pp);
    }
  }
}
