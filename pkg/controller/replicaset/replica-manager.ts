// The replica manager behind both the ReplicationController and the ReplicaSet controllers: keep
// spec.replicas active pods that match the selector, owned through a controller ownerReference.
// Pod events wake the owner named by the pod's controllerRef (or, for orphans, every owner whose
// selector matches, so one can adopt it); expectations hold a key back until the informer has
// shown the pods the last sync created or deleted, so a burst of events never overshoots.
import type { LabelSelector } from '../../../api/meta/label-selector.js';
import { semanticEqual } from '../base/hash.js';
import { objectOf } from '../../client/cache/deltas.js';
import { metaNamespaceKey } from '../../client/cache/indexer.js';
import type { SharedInformer } from '../../client/cache/shared-informer.js';
import type { ResourceClient } from '../../client/resource-client.js';
import type { ControllerContext } from '../base/context.js';
import { Controller } from '../base/controller.js';
import type { EventRecorder } from '../base/events.js';
import { Expectations } from '../base/expectations.js';
import { claimObjects, controllerRefOf, newControllerRef, recheckOwner } from '../base/owner-refs.js';
import { isPodActive, isPodReady } from '../base/pods.js';
import type { Pod, ReplicaSetLike } from '../base/types.js';
import type { ReplicaKind } from './kinds.js';
import { manageReplicas } from './manage.js';
import { calculateStatus, updateStatus } from './status.js';

/** ReplicaManager is the controller of one replicated kind (RC or ReplicaSet). */
export class ReplicaManager extends Controller {
  /** expectations is exposed for tests that check a burst never overshoots. */
  readonly expectations = new Expectations();
  private readonly owners: SharedInformer<ReplicaSetLike>;
  private readonly pods: SharedInformer<Pod>;
  private readonly ownerClient: ResourceClient<ReplicaSetLike>;
  private readonly podClient: ResourceClient<Pod>;
  private readonly recorder: EventRecorder;

  constructor(ctx: ControllerContext, readonly kind: ReplicaKind) {
    super(kind.component, ctx);
    this.ownerClient = ctx.clientset.resource(kind.group, kind.resource) as ResourceClient<ReplicaSetLike>;
    this.podClient = ctx.clientset.resource('', 'pods') as ResourceClient<Pod>;
    this.recorder = ctx.recorder(kind.component);
    this.owners = this.watch<ReplicaSetLike>(kind.group, kind.resource, {
      onAdd: (rs) => this.enqueue(rs),
      onUpdate: (_old, rs) => this.enqueue(rs),
      onDelete: (obj) => {
        const key = metaNamespaceKey(objectOf(obj));
        this.expectations.delete(key);
        this.enqueue(key);
      },
    });
    this.pods = this.watch<Pod>('', 'pods', {
      onAdd: (pod) => this.addPod(pod),
      onUpdate: (old, pod) => this.updatePod(old, pod),
      onDelete: (obj) => this.deletePod(objectOf(obj)),
    });
  }

  protected async sync(key: string): Promise<void> {
    const rs = this.owners.lister().get(key);
    if (!rs) {
      this.expectations.delete(key);
      return;
    }
    const selector = this.kind.selectorOf(rs);
    const needsSync = this.expectations.satisfied(key);
    const ns = rs.metadata?.namespace ?? '';
    const candidates = this.pods.lister().namespaced(ns).list().filter(isPodActive);
    const active = await claimObjects(candidates, {
      owner: rs,
      ref: newControllerRef(rs, this.kind.apiVersion, this.kind.kind),
      client: this.podClient,
      matches: (pod) => selector.matches(pod.metadata?.labels),
      canAdopt: () => recheckOwner(this.ownerClient, rs),
    });
    let manageError: unknown;
    let remaining = active;
    if (needsSync && !rs.metadata?.deletionTimestamp) {
      const mc = { kind: this.kind, pods: this.podClient, expectations: this.expectations, recorder: this.recorder };
      await manageReplicas(mc, key, rs, active).then(
        (deleted) => (remaining = active.filter((p) => !deleted.includes(p))),
        (err: unknown) => (manageError = err),
      );
    }
    const updated = await updateStatus(this.ownerClient, rs, calculateStatus(rs, remaining, manageError));
    // Pods that are ready but not yet available become available by the clock alone: look again then.
    const minReady = rs.spec?.minReadySeconds ?? 0;
    const st = updated.status ?? {};
    if (!manageError && minReady > 0 && (st.readyReplicas ?? 0) === (rs.spec?.replicas ?? 1) && (st.availableReplicas ?? 0) !== (st.readyReplicas ?? 0)) {
      this.enqueueAfter(key, minReady * 1000);
    }
    if (manageError) throw manageError;
  }

  /** ownerOf resolves a controllerRef to a cached owner of this kind with the same uid. */
  private ownerOf(pod: Pod): ReplicaSetLike | undefined {
    const ref = controllerRefOf(pod);
    if (!ref || ref.kind !== this.kind.kind) return undefined;
    const owner = this.owners.lister().namespaced(pod.metadata?.namespace ?? '').get(ref.name);
    return owner?.metadata?.uid === ref.uid ? owner : undefined;
  }

  /** ownersMatching are the owners an orphan pod could be adopted by. */
  private ownersMatching(pod: Pod): ReplicaSetLike[] {
    const labels = pod.metadata?.labels;
    if (!labels || Object.keys(labels).length === 0) return [];
    return this.owners.lister().namespaced(pod.metadata?.namespace ?? '').list().filter((rs) => {
      const sel: LabelSelector = this.kind.selectorOf(rs);
      return !sel.isEmpty() && sel.matches(labels);
    });
  }

  private addPod(pod: Pod): void {
    if (pod.metadata?.deletionTimestamp) {
      // Seen for the first time already being deleted (e.g. after a relist): count it as gone.
      this.deletePod(pod);
      return;
    }
    if (controllerRefOf(pod)) {
      const owner = this.ownerOf(pod);
      if (!owner) return;
      this.expectations.creationObserved(metaNamespaceKey(owner));
      this.enqueue(owner);
      return;
    }
    for (const rs of this.ownersMatching(pod)) this.enqueue(rs);
  }

  private updatePod(old: Pod, pod: Pod): void {
    if (old.metadata?.resourceVersion === pod.metadata?.resourceVersion) return;
    const labelsChanged = !semanticEqual(old.metadata?.labels ?? {}, pod.metadata?.labels ?? {});
    if (pod.metadata?.deletionTimestamp) {
      // Graceful deletion shows as an update; the pod no longer counts, so the owner may replace it now.
      this.deletePod(pod);
      if (labelsChanged) this.deletePod(old);
      return;
    }
    const oldRef = controllerRefOf(old);
    const ref = controllerRefOf(pod);
    const refChanged = oldRef?.uid !== ref?.uid;
    if (refChanged && oldRef) {
      const previous = this.ownerOf(old);
      if (previous) this.enqueue(previous);
    }
    if (ref) {
      const owner = this.ownerOf(pod);
      if (!owner) return;
      this.enqueue(owner);
      const minReady = owner.spec?.minReadySeconds ?? 0;
      if (minReady > 0 && !isPodReady(old) && isPodReady(pod)) this.enqueueAfter(owner, minReady * 1000);
      return;
    }
    if (labelsChanged || refChanged) for (const rs of this.ownersMatching(pod)) this.enqueue(rs);
  }

  private deletePod(pod: Pod): void {
    const owner = this.ownerOf(pod);
    if (!owner) return;
    const key = metaNamespaceKey(owner);
    this.expectations.deletionObserved(key, metaNamespaceKey(pod));
    this.enqueue(key);
  }
}
