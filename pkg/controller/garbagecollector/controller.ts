// The garbage collector: cascading deletion through ownerReferences. It watches every resource
// (events aside) into an owner graph. An object whose owners are all gone is deleted
// (background); an owner deleted with the `foregroundDeletion` finalizer has its dependents
// deleted first and loses the finalizer once no blocking dependent is left; an owner deleted with
// the `orphan` finalizer has the references to it removed from its dependents, then loses the
// finalizer. Owners missing from the graph are confirmed absent with a live read before anything
// is deleted, since the graph may simply not have seen them yet.
import type { KubeObject, OwnerReference } from '../../../api/meta/object.js';
import { findByKind, RESOURCES, type ResourceInfo } from '../../../api/resources.js';
import { objectOf } from '../../client/cache/deltas.js';
import { isApiError } from '../../client/rest.js';
import type { ControllerContext } from '../base/context.js';
import { Controller } from '../base/controller.js';
import { releasePatch } from '../base/owner-refs.js';
import { OwnerGraph, uidOf, type GraphNode } from './graph.js';

/** FOREGROUND and ORPHAN are the deletion finalizers the collector serves. */
export const FOREGROUND = 'foregroundDeletion';
export const ORPHAN = 'orphan';

// Owners confirmed absent, so a hundred pods of a deleted ReplicaSet cost one read, not a hundred.
const ABSENT_CACHE = 1024;

const hasFinalizer = (o: KubeObject, f: string): boolean => (o.metadata?.finalizers ?? []).includes(f);

/** GarbageCollector deletes what lost its owners. */
export class GarbageCollector extends Controller {
  private readonly graph = new OwnerGraph();
  private readonly absent = new Set<string>();

  constructor(ctx: ControllerContext) {
    super('garbagecollector', ctx);
    // Events are never owners and are too many to watch for the few that have owners.
    for (const info of RESOURCES.filter((r) => r.resource !== 'events')) {
      this.watch<KubeObject>(info.group, info.resource, {
        onAdd: (o) => this.changed(info, o),
        onUpdate: (_old, o) => this.changed(info, o),
        onDelete: (obj) => this.deleted(objectOf(obj)),
      });
    }
  }

  private changed(info: ResourceInfo, obj: KubeObject): void {
    const dropped = this.graph.set(info, obj);
    const uid = uidOf(obj);
    this.absent.delete(uid);
    // A dependent that let go of an owner may be what a foreground deletion waits for.
    for (const o of dropped) this.enqueue(o);
    if (obj.metadata?.ownerReferences?.length || (obj.metadata?.deletionTimestamp && (hasFinalizer(obj, FOREGROUND) || hasFinalizer(obj, ORPHAN)))) this.enqueue(uid);
  }

  private deleted(obj: KubeObject): void {
    const uid = uidOf(obj);
    const dependents = this.graph.dependentsOf(uid);
    this.graph.remove(obj);
    for (const d of dependents) this.enqueue(uidOf(d.obj));
    for (const r of obj.metadata?.ownerReferences ?? []) this.enqueue(r.uid);
  }

  protected async sync(uid: string): Promise<void> {
    const node = this.graph.get(uid);
    if (!node) return;
    const obj = node.obj;
    if (obj.metadata?.deletionTimestamp) {
      if (hasFinalizer(obj, ORPHAN)) return this.orphanDependents(node);
      if (hasFinalizer(obj, FOREGROUND)) return this.deleteDependentsFirst(node);
      return;
    }
    if (obj.metadata?.ownerReferences?.length) await this.checkOwners(node);
  }

  // attemptToDeleteItem: classify the owners as solid (present), dangling (gone) or waiting (being
  // deleted in the foreground), then drop, delete or leave the object accordingly.
  private async checkOwners(node: GraphNode): Promise<void> {
    const refs = node.obj.metadata?.ownerReferences ?? [];
    const solid: OwnerReference[] = [];
    const dangling: OwnerReference[] = [];
    const waiting: OwnerReference[] = [];
    for (const ref of refs) {
      const owner = await this.ownerOf(node, ref);
      if (!owner) dangling.push(ref);
      else if (owner.metadata?.deletionTimestamp && hasFinalizer(owner, FOREGROUND)) waiting.push(ref);
      else solid.push(ref);
    }
    const client = this.ctx.clientset.forInfo(node.info);
    const { namespace, name } = { namespace: node.obj.metadata?.namespace, name: node.obj.metadata?.name ?? '' };
    if (solid.length > 0) {
      if (dangling.length + waiting.length === 0) return;
      // Still owned by someone: only the references to the gone (or going) owners are dropped.
      const patch = { metadata: { ownerReferences: [...dangling, ...waiting].map((r) => ({ $patch: 'delete', uid: r.uid })), uid: uidOf(node.obj) } };
      await client.patch(namespace, name, patch, 'strategic').catch(ignoreNotFound);
      return;
    }
    const hasDependents = this.graph.dependentsOf(uidOf(node.obj)).length > 0;
    const policy = waiting.length > 0 && hasDependents ? 'Foreground' : hasFinalizer(node.obj, ORPHAN) ? 'Orphan' : hasFinalizer(node.obj, FOREGROUND) ? 'Foreground' : 'Background';
    this.log.debug({ object: `${node.info.resource}/${namespace ?? ''}/${name}`, policy }, 'deleting object whose owners are gone');
    await client.delete(namespace, name, { propagationPolicy: policy, preconditions: { uid: uidOf(node.obj) } }).catch(ignoreNotFound);
  }

  // The owner of ref as seen from node: from the graph, else a live read (uid must match).
  private async ownerOf(node: GraphNode, ref: OwnerReference): Promise<KubeObject | undefined> {
    const known = this.graph.get(ref.uid);
    if (known) return known.obj;
    if (this.absent.has(ref.uid)) return undefined;
    const info = findByKind(ref.apiVersion, ref.kind);
    // A kind this server does not serve cannot be checked: leave the object alone.
    if (!info) return { metadata: { uid: ref.uid } };
    if (info.namespaced && !node.info.namespaced) return this.markAbsent(ref.uid);
    try {
      const owner = await this.ctx.clientset.forInfo(info).get(info.namespaced ? node.obj.metadata?.namespace : undefined, ref.name);
      return uidOf(owner) === ref.uid ? owner : this.markAbsent(ref.uid);
    } catch (err) {
      if (isApiError(err, 'NotFound')) return this.markAbsent(ref.uid);
      throw err;
    }
  }

  private markAbsent(uid: string): undefined {
    this.absent.add(uid);
    if (this.absent.size > ABSENT_CACHE) this.absent.delete(this.absent.values().next().value as string);
    return undefined;
  }

  // Foreground: delete every dependent (blocking ones in the foreground too, so the cascade runs
  // bottom-up); the owner may go once no dependent with blockOwnerDeletion is left.
  private async deleteDependentsFirst(owner: GraphNode): Promise<void> {
    const dependents = this.graph.dependentsOf(uidOf(owner.obj));
    for (const d of dependents) {
      if (d.obj.metadata?.deletionTimestamp) continue;
      const policy = d.ref.blockOwnerDeletion ? 'Foreground' : 'Background';
      await this.ctx.clientset.forInfo(d.info).delete(d.obj.metadata?.namespace, d.obj.metadata?.name ?? '', { propagationPolicy: policy, preconditions: { uid: uidOf(d.obj) } }).catch(ignoreNotFound);
    }
    if (dependents.some((d) => d.ref.blockOwnerDeletion)) return; // their deletions will wake us
    await this.removeFinalizer(owner, FOREGROUND);
  }

  // Orphan: the dependents keep running without the reference; then the owner may go.
  private async orphanDependents(owner: GraphNode): Promise<void> {
    const uid = uidOf(owner.obj);
    for (const d of this.graph.dependentsOf(uid)) {
      await this.ctx.clientset.forInfo(d.info).patch(d.obj.metadata?.namespace, d.obj.metadata?.name ?? '', releasePatch(uid, uidOf(d.obj)), 'strategic').catch(ignoreNotFound);
    }
    await this.removeFinalizer(owner, ORPHAN);
  }

  private async removeFinalizer(node: GraphNode, finalizer: string): Promise<void> {
    const client = this.ctx.clientset.forInfo(node.info);
    const ns = node.obj.metadata?.namespace;
    const fresh = await client.get(ns, node.obj.metadata?.name ?? '').catch((err: unknown) => (isApiError(err, 'NotFound') ? undefined : Promise.reject(err)));
    if (!fresh || uidOf(fresh) !== uidOf(node.obj) || !hasFinalizer(fresh, finalizer)) return;
    const finalizers = (fresh.metadata?.finalizers ?? []).filter((f) => f !== finalizer);
    await client.update(ns, { ...fresh, metadata: { ...fresh.metadata, finalizers } }).catch(ignoreNotFound);
  }
}

function ignoreNotFound(err: unknown): void {
  if (!isApiError(err, 'NotFound')) throw err;
}

/** newGarbageCollector builds the garbage collector. */
export function newGarbageCollector(ctx: ControllerContext): GarbageCollector {
  return new GarbageCollector(ctx);
}
