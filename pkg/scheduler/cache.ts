// The scheduler's view of the cluster: every node with what its pods take from it, fed by the
// informers, plus the pods this scheduler has assumed onto nodes but whose binding the watch has
// not confirmed yet. Assuming lets the next pod be placed at once, against the node as it will
// be, instead of waiting a round trip for the watch. It also counts, per spread group (a
// controller, a service), how many of the group's pods each node runs, for the spread score.
import { NodeInfo } from './node-info.js';
import { podInfo, type PodInfo } from './pod-info.js';
import { isTerminated, podKey, type Node, type Pod } from './types.js';

/** ServiceKeys names the spread groups of the services selecting a pod (beyond its controller). */
export type ServiceKeys = (pod: Pod) => string[];

interface PodState {
  info: PodInfo;
  node: string;
  assumed: boolean;
}

/** SchedulerCache holds nodes, the pods on them, and assumed pods. */
export class SchedulerCache {
  private readonly nodes = new Map<string, NodeInfo>();
  private readonly pods = new Map<string, PodState>();
  /** groups: spread key → node → pods of the group there. Keyed by NodeInfo, so scoring looks nodes up by identity. */
  private readonly groups = new Map<string, Map<NodeInfo, number>>();
  private list: NodeInfo[] | undefined;

  constructor(private readonly serviceKeys: ServiceKeys = () => []) {}

  /** nodeList lists the nodes that exist (not those only pods name), in a stable order. */
  nodeList(): readonly NodeInfo[] {
    this.list ??= [...this.nodes.values()].filter((n) => n.node !== undefined);
    return this.list;
  }

  /** node returns the NodeInfo of a node name. */
  node(name: string): NodeInfo | undefined {
    return this.nodes.get(name);
  }

  /** nodeCount counts the nodes that exist. */
  nodeCount(): number {
    return this.nodeList().length;
  }

  /** setNode adds or updates a node. */
  setNode(node: Node): void {
    const name = node.metadata?.name ?? '';
    const info = this.nodeInfo(name);
    if (info.node === undefined) this.list = undefined;
    info.setNode(node);
  }

  /** removeNode drops a node; its pods stay accounted until they go too. */
  removeNode(name: string): void {
    const info = this.nodes.get(name);
    if (!info) return;
    info.setNode(undefined);
    this.list = undefined;
    if (info.empty()) this.nodes.delete(name);
  }

  /** spreadGroups returns the per-node counts of the groups named by keys (groups with no pods are left out). */
  spreadGroups(keys: readonly string[]): Array<ReadonlyMap<NodeInfo, number>> {
    const out: Array<ReadonlyMap<NodeInfo, number>> = [];
    for (const k of keys) {
      const g = this.groups.get(k);
      if (g) out.push(g);
    }
    return out;
  }

  /** spreadCount is how many pods of group key run on the named node. */
  spreadCount(key: string, node: string): number {
    const info = this.nodes.get(node);
    return info ? (this.groups.get(key)?.get(info) ?? 0) : 0;
  }

  /** spreadKeysOf is a pod's spread groups: its controller's and its services'. */
  spreadKeysOf(pod: Pod, base: readonly string[]): string[] {
    const svc = this.serviceKeys(pod);
    return svc.length === 0 ? [...base] : [...base, ...svc];
  }

  /**
   * setPod accounts for an assigned pod as the informer reports it; this also confirms an assumed
   * pod (or moves it, if someone else bound it elsewhere). A finished pod takes nothing any more.
   */
  setPod(pod: Pod): void {
    const key = podKey(pod);
    const cur = this.pods.get(key);
    if (cur) this.unaccount(key, cur);
    if (isTerminated(pod) || !pod.spec?.nodeName) return;
    const info = podInfo(pod);
    // Labels of a bound pod rarely change; its service groups are reused when they have not.
    info.spreadKeys = cur && cur.info.uid === info.uid && sameLabels(cur.info.pod, pod) ? cur.info.spreadKeys : this.spreadKeysOf(pod, info.spreadKeys);
    this.account(key, { info, node: pod.spec.nodeName, assumed: false });
  }

  /** removePod stops accounting for a pod (deleted, or assumed and then forgotten); false if it was not here. */
  removePod(key: string): boolean {
    const cur = this.pods.get(key);
    if (!cur) return false;
    this.unaccount(key, cur);
    return true;
  }

  /** nodeOf is the node a pod is accounted on (bound or assumed there). */
  nodeOf(key: string): string | undefined {
    return this.pods.get(key)?.node;
  }

  /** has tells whether a pod is accounted (bound or assumed). */
  has(key: string): boolean {
    return this.pods.has(key);
  }

  /** assume places a pod on a node before its binding is confirmed; info.spreadKeys must be filled. */
  assume(info: PodInfo, node: string): void {
    const cur = this.pods.get(info.key);
    if (cur) this.unaccount(info.key, cur);
    this.account(info.key, { info, node, assumed: true });
  }

  /** isAssumed tells whether the pod is assumed and not yet confirmed by the watch. */
  isAssumed(key: string): boolean {
    return this.pods.get(key)?.assumed === true;
  }

  /** forget undoes assume after a failed binding; a pod the watch already confirmed stays. */
  forget(key: string): void {
    const cur = this.pods.get(key);
    if (cur?.assumed) this.unaccount(key, cur);
  }

  /** assumedCount counts pods assumed and not yet confirmed. */
  assumedCount(): number {
    let n = 0;
    for (const s of this.pods.values()) if (s.assumed) n++;
    return n;
  }

  /** respread recomputes the service groups of a namespace's pods after a service changed. */
  respread(namespace: string): void {
    // A snapshot: re-accounting re-inserts keys, which a live Map iteration would visit again.
    for (const [key, s] of [...this.pods]) {
      if ((s.info.pod.metadata?.namespace ?? '') !== namespace) continue;
      const base = s.info.spreadKeys.filter((k) => k.startsWith('ctl:'));
      this.unaccount(key, s);
      this.account(key, { ...s, info: { ...s.info, spreadKeys: this.spreadKeysOf(s.info.pod, base) } });
    }
  }

  private nodeInfo(name: string): NodeInfo {
    let info = this.nodes.get(name);
    if (!info) this.nodes.set(name, (info = new NodeInfo(name)));
    return info;
  }

  private account(key: string, s: PodState): void {
    this.pods.set(key, s);
    const info = this.nodeInfo(s.node);
    info.addPod(s.info);
    for (const k of s.info.spreadKeys) {
      let g = this.groups.get(k);
      if (!g) this.groups.set(k, (g = new Map()));
      g.set(info, (g.get(info) ?? 0) + 1);
    }
  }

  private unaccount(key: string, s: PodState): void {
    this.pods.delete(key);
    const info = this.nodes.get(s.node);
    if (!info) return;
    info.removePod(key);
    for (const k of s.info.spreadKeys) {
      const g = this.groups.get(k);
      const n = (g?.get(info) ?? 0) - 1;
      if (!g) continue;
      if (n > 0) g.set(info, n);
      else g.delete(info);
      if (g.size === 0) this.groups.delete(k); // groups of deleted controllers must not pile up
    }
    if (info.empty()) this.nodes.delete(s.node);
  }
}

function sameLabels(a: Pod, b: Pod): boolean {
  const la = a.metadata?.labels ?? {};
  const lb = b.metadata?.labels ?? {};
  const ka = Object.keys(la);
  if (ka.length !== Object.keys(lb).length) return false;
  for (const k of ka) if (la[k] !== lb[k]) return false;
  return true;
}
