// The Deployment controller: Deployments own ReplicaSets (one per template, told apart by the
// pod-template-hash label) and move pods from the old ones to the new one, rolling (bounded by
// maxSurge and maxUnavailable) or recreating. ReplicaSet changes wake the owning Deployment; pod
// deletions matter only to Recreate, which waits for the old pods to be gone.
import { labelSelectorFromObject } from '../../../api/meta/label-selector.js';
import { objectOf } from '../../client/cache/deltas.js';
import type { SharedInformer } from '../../client/cache/shared-informer.js';
import type { ResourceClient } from '../../client/resource-client.js';
import type { ControllerContext } from '../base/context.js';
import { Controller } from '../base/controller.js';
import type { EventRecorder } from '../base/events.js';
import { claimObjects, controllerRefOf, newControllerRef, recheckOwner } from '../base/owner-refs.js';
import type { Pod } from '../base/types.js';
import { reconcileNewReplicaSet, reconcileOldReplicaSets } from './rolling.js';
import { isComplete, rolloutStatus } from './status.js';
import { Rollout, type SyncContext } from './sync.js';
import { desiredReplicas, isRollingUpdate, specReplicas, type Deployment, type ReplicaSet } from './util.js';

/** DeploymentController runs Deployments. */
export class DeploymentController extends Controller {
  private readonly deployments: SharedInformer<Deployment>;
  private readonly replicaSets: SharedInformer<ReplicaSet>;
  private readonly pods: SharedInformer<Pod>;
  private readonly dClient: ResourceClient<Deployment>;
  private readonly rsClient: ResourceClient<ReplicaSet>;
  private readonly recorder: EventRecorder;

  constructor(ctx: ControllerContext) {
    super('deployment', ctx);
    this.dClient = ctx.clientset.resource('apps', 'deployments') as ResourceClient<Deployment>;
    this.rsClient = ctx.clientset.resource('apps', 'replicasets') as ResourceClient<ReplicaSet>;
    this.recorder = ctx.recorder('deployment-controller');
    this.deployments = this.watch<Deployment>('apps', 'deployments', {
      onAdd: (d) => this.enqueue(d),
      onUpdate: (_old, d) => this.enqueue(d),
      onDelete: (d) => this.enqueue(objectOf(d)),
    });
    const rsChanged = (rs: ReplicaSet): void => {
      const owner = this.ownerOf(rs);
      if (owner) this.enqueue(owner);
      else if (!controllerRefOf(rs)) for (const d of this.matching(rs)) this.enqueue(d);
    };
    this.replicaSets = this.watch<ReplicaSet>('apps', 'replicasets', {
      onAdd: rsChanged,
      onUpdate: (old, rs) => {
        if (old.metadata?.resourceVersion === rs.metadata?.resourceVersion) return;
        const previous = this.ownerOf(old);
        if (previous && controllerRefOf(old)?.uid !== controllerRefOf(rs)?.uid) this.enqueue(previous);
        rsChanged(rs);
      },
      onDelete: (obj) => {
        const owner = this.ownerOf(objectOf(obj));
        if (owner) this.enqueue(owner);
      },
    });
    this.pods = this.watch<Pod>('', 'pods', {
      onDelete: (obj) => {
        const pod = objectOf(obj);
        const ref = controllerRefOf(pod);
        if (ref?.kind !== 'ReplicaSet') return;
        const rs = this.replicaSets.lister().namespaced(pod.metadata?.namespace ?? '').get(ref.name);
        const d = rs && this.ownerOf(rs);
        if (d && !isRollingUpdate(d)) this.enqueue(d);
      },
    });
  }

  protected async sync(key: string): Promise<void> {
    const cached = this.deployments.lister().get(key);
    if (!cached) return;
    const d: Deployment = structuredClone(cached);
    const { selector } = labelSelectorFromObject(d.spec.selector);
    const sc: SyncContext = { deployments: this.dClient, replicaSets: this.rsClient, recorder: this.recorder, requeueAfter: (ms) => this.enqueueAfter(key, ms) };
    if (!selector || selector.isEmpty()) {
      // Selecting everything would claim every ReplicaSet of the namespace: refuse, as Kubernetes does.
      this.recorder.event(d, 'Warning', 'SelectingAll', 'This deployment is selecting all pods. A non-empty selector is required.');
      return;
    }
    const candidates = this.replicaSets.lister().namespaced(d.metadata?.namespace ?? '').list();
    const rses = await claimObjects(candidates, {
      owner: d,
      ref: newControllerRef(d, 'apps/v1', 'Deployment'),
      client: this.rsClient,
      matches: (rs) => selector.matches(rs.metadata?.labels),
      canAdopt: () => recheckOwner(this.dClient, d),
    });
    const rollout = new Rollout(sc, d, rses);
    if (d.metadata?.deletionTimestamp) {
      const { newRS, oldRSs } = await rollout.replicaSets(false);
      await rollout.writeStatus(rolloutStatus(d, newRS ? [...oldRSs, newRS] : oldRSs, newRS));
      return;
    }
    if (d.spec.paused) return this.syncPaused(rollout);
    if (isRollingUpdate(d)) return this.rolling(rollout);
    return this.recreate(rollout);
  }

  private async rolling(r: Rollout): Promise<void> {
    const { newRS, oldRSs } = await r.replicaSets(true);
    if (!newRS) return;
    const all = [...oldRSs, newRS];
    const up = reconcileNewReplicaSet(r.d, all, newRS);
    if (up) {
      const scaled = await r.scale(up.rs, up.replicas);
      return r.syncRolloutStatus([...oldRSs, scaled], scaled);
    }
    const downs = reconcileOldReplicaSets(r.d, oldRSs, newRS);
    if (downs.length > 0) {
      const scaled = new Map<ReplicaSet, ReplicaSet>();
      for (const op of downs) scaled.set(op.rs, await r.scale(op.rs, op.replicas));
      return r.syncRolloutStatus([...oldRSs.map((rs) => scaled.get(rs) ?? rs), newRS], newRS);
    }
    if (isComplete(r.d, rolloutStatus(r.d, all, newRS))) await r.cleanup(oldRSs);
    await r.syncRolloutStatus(all, newRS);
  }

  // Recreate: every old pod goes before any new one starts.
  private async recreate(r: Rollout): Promise<void> {
    let { newRS, oldRSs } = await r.replicaSets(false);
    const active = oldRSs.filter((rs) => specReplicas(rs) > 0);
    if (active.length > 0) {
      const scaled = new Map<ReplicaSet, ReplicaSet>();
      for (const rs of active) scaled.set(rs, await r.scale(rs, 0));
      const olds = oldRSs.map((rs) => scaled.get(rs) ?? rs);
      return r.syncRolloutStatus(newRS ? [...olds, newRS] : olds, newRS);
    }
    if (this.oldPodsRunning(oldRSs)) return r.syncRolloutStatus(newRS ? [...oldRSs, newRS] : oldRSs, newRS);
    if (!newRS) ({ newRS, oldRSs } = await r.replicaSets(true));
    if (!newRS) return;
    if (specReplicas(newRS) !== desiredReplicas(r.d)) newRS = await r.scale(newRS, desiredReplicas(r.d));
    const all = [...oldRSs, newRS];
    if (isComplete(r.d, rolloutStatus(r.d, all, newRS))) await r.cleanup(oldRSs);
    await r.syncRolloutStatus(all, newRS);
  }

  // A paused Deployment starts no rollout; it only follows scaling of its current ReplicaSet.
  private async syncPaused(r: Rollout): Promise<void> {
    let { newRS, oldRSs } = await r.replicaSets(false);
    const active = [...oldRSs, ...(newRS ? [newRS] : [])].filter((rs) => specReplicas(rs) > 0);
    const target = newRS ?? (active.length === 1 ? active[0] : undefined);
    if (target && active.length <= 1 && specReplicas(target) !== desiredReplicas(r.d)) {
      const scaled = await r.scale(target, desiredReplicas(r.d));
      if (target === newRS) newRS = scaled;
      else oldRSs = oldRSs.map((rs) => (rs === target ? scaled : rs));
    }
    await r.syncRolloutStatus(newRS ? [...oldRSs, newRS] : oldRSs, newRS);
  }

  private oldPodsRunning(oldRSs: ReplicaSet[]): boolean {
    if (oldRSs.some((rs) => (rs.status?.replicas ?? 0) > 0)) return true;
    const uids = new Set(oldRSs.map((rs) => rs.metadata?.uid));
    const ns = oldRSs[0]?.metadata?.namespace;
    if (ns === undefined) return false;
    return this.pods.lister().namespaced(ns).list().some((p) => uids.has(controllerRefOf(p)?.uid) && p.status?.phase !== 'Failed' && p.status?.phase !== 'Succeeded');
  }

  private ownerOf(rs: ReplicaSet): Deployment | undefined {
    const ref = controllerRefOf(rs);
    if (ref?.kind !== 'Deployment') return undefined;
    const d = this.deployments.lister().namespaced(rs.metadata?.namespace ?? '').get(ref.name);
    return d?.metadata?.uid === ref.uid ? d : undefined;
  }

  private matching(rs: ReplicaSet): Deployment[] {
    return this.deployments.lister().namespaced(rs.metadata?.namespace ?? '').list().filter((d) => {
      const { selector } = labelSelectorFromObject(d.spec.selector);
      return selector !== null && !selector.isEmpty() && selector.matches(rs.metadata?.labels);
    });
  }
}

/** newDeploymentController builds the Deployment controller. */
export function newDeploymentController(ctx: ControllerContext): DeploymentController {
  return new DeploymentController(ctx);
}
