// The garbage collector's picture of the cluster: every object it has seen, by uid, with the
// reverse edges of ownerReferences (owner uid → dependents), so "who depends on X" is a look-up.
import type { KubeObject, OwnerReference } from '../../../api/meta/object.js';
import type { ResourceInfo } from '../../../api/resources.js';

/** GraphNode is one observed object. */
export interface GraphNode {
  info: ResourceInfo;
  obj: KubeObject;
}

/** uidOf is an object's uid ('' when it has none). */
export const uidOf = (obj: KubeObject): string => obj.metadata?.uid ?? '';

/** OwnerGraph indexes objects by uid and by owner. */
export class OwnerGraph {
  private readonly nodes = new Map<string, GraphNode>();
  private readonly dependents = new Map<string, Set<string>>();

  /** set records obj (replacing its previous state) and returns the owner uids it dropped. */
  set(info: ResourceInfo, obj: KubeObject): string[] {
    const uid = uidOf(obj);
    if (!uid) return [];
    const before = this.nodes.get(uid);
    const oldOwners = new Set((before?.obj.metadata?.ownerReferences ?? []).map((r) => r.uid));
    const newOwners = new Set((obj.metadata?.ownerReferences ?? []).map((r) => r.uid));
    for (const o of oldOwners) if (!newOwners.has(o)) this.unlink(o, uid);
    for (const o of newOwners) {
      let deps = this.dependents.get(o);
      if (!deps) this.dependents.set(o, (deps = new Set()));
      deps.add(uid);
    }
    this.nodes.set(uid, { info, obj });
    return [...oldOwners].filter((o) => !newOwners.has(o));
  }

  /** remove forgets obj; its owners lose it as a dependent. */
  remove(obj: KubeObject): void {
    const uid = uidOf(obj);
    const node = this.nodes.get(uid);
    if (!node) return;
    this.nodes.delete(uid);
    for (const r of node.obj.metadata?.ownerReferences ?? []) this.unlink(r.uid, uid);
  }

  /** get returns the node of uid. */
  get(uid: string): GraphNode | undefined {
    return this.nodes.get(uid);
  }

  /** dependentsOf returns the observed objects whose ownerReferences name uid, each with that reference. */
  dependentsOf(uid: string): Array<GraphNode & { ref: OwnerReference }> {
    const out: Array<GraphNode & { ref: OwnerReference }> = [];
    for (const d of this.dependents.get(uid) ?? []) {
      const node = this.nodes.get(d);
      const ref = node?.obj.metadata?.ownerReferences?.find((r) => r.uid === uid);
      if (node && ref) out.push({ ...node, ref });
    }
    return out;
  }

  private unlink(owner: string, dependent: string): void {
    const deps = this.dependents.get(owner);
    if (!deps) return;
    deps.delete(dependent);
    if (deps.size === 0) this.dependents.delete(owner);
  }
}
