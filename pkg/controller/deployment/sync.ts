// One Deployment sync's writes: find or create the new ReplicaSet (reusing an old one whose
// template matches, which is how a rollback works), scale ReplicaSets with ScalingReplicaSet
// events, trim old ReplicaSets beyond revisionHistoryLimit, and write the status.
import type { LabelSelectorObject } from '../../../api/meta/label-selector.js';
import type { ResourceClient } from '../../client/resource-client.js';
import { isApiError } from '../../client/rest.js';
import type { EventRecorder } from '../base/events.js';
import { semanticEqual, templateHash } from '../base/hash.js';
import { isControlledBy, newControllerRef } from '../base/owner-refs.js';
import { REASONS, getCondition, rolloutStatus, setCondition, untilDeadline } from './status.js';
import {
  POD_TEMPLATE_HASH_LABEL, REVISION_ANNOTATION, byCreation, desiredReplicas, equalIgnoreHash, findNewReplicaSet, maxRevision, maxSurge, revisionOf, setReplicaSetAnnotations,
  setReplicasAnnotations, specReplicas, type Deployment, type DeploymentStatus, type ReplicaSet,
} from './util.js';
import { newReplicaSetReplicas } from './rolling.js';

/** SyncContext is what a Deployment sync writes through. */
export interface SyncContext {
  deployments: ResourceClient<Deployment>;
  replicaSets: ResourceClient<ReplicaSet>;
  recorder: EventRecorder;
  /** requeueAfter asks for another sync of the Deployment later (progress deadline). */
  requeueAfter(ms: number): void;
}

/** Rollout carries one sync of one Deployment. */
export class Rollout {
  constructor(
    private readonly sc: SyncContext,
    readonly d: Deployment,
    readonly rses: ReplicaSet[],
  ) {}

  private get ns(): string {
    return this.d.metadata?.namespace ?? '';
  }

  /**
   * replicaSets is getAllReplicaSetsAndSyncRevision: the new ReplicaSet (found, or created when
   * create is set) and the old ones, with the revision annotations brought up to date.
   */
  async replicaSets(create: boolean): Promise<{ newRS: ReplicaSet | undefined; oldRSs: ReplicaSet[] }> {
    const found = findNewReplicaSet(this.d, this.rses);
    const oldRSs = this.rses.filter((rs) => rs !== found);
    const revision = maxRevision(oldRSs) + 1;
    if (found) return { newRS: await this.syncExisting(found, revision), oldRSs };
    if (!create) return { newRS: undefined, oldRSs };
    return { newRS: await this.createNew(oldRSs, revision), oldRSs };
  }

  private async syncExisting(rs: ReplicaSet, revision: number): Promise<ReplicaSet> {
    const copy: ReplicaSet = structuredClone(rs);
    const annotated = setReplicaSetAnnotations(this.d, copy, revision, true);
    const minReady = this.d.spec.minReadySeconds ?? 0;
    let out = rs;
    if (annotated || (copy.spec.minReadySeconds ?? 0) !== minReady) {
      copy.spec.minReadySeconds = minReady;
      out = await this.sc.replicaSets.update(this.ns, copy);
    }
    await this.setDeploymentRevision(out);
    if (!getCondition(this.d.status, 'Progressing')) {
      const status = structuredClone(this.d.status ?? {});
      setCondition(status, 'Progressing', 'True', REASONS.foundNewRS, `Found new replica set "${out.metadata?.name ?? ''}"`);
      await this.writeStatus(status);
    }
    return out;
  }

  private async createNew(oldRSs: ReplicaSet[], revision: number): Promise<ReplicaSet> {
    const collisions = this.d.status?.collisionCount ?? 0;
    const hash = templateHash(this.d.spec.template, collisions);
    const template = structuredClone(this.d.spec.template);
    template.metadata = { ...(template.metadata ?? {}), labels: { ...(template.metadata?.labels ?? {}), [POD_TEMPLATE_HASH_LABEL]: hash } };
    const selector: LabelSelectorObject = structuredClone(this.d.spec.selector ?? {});
    selector.matchLabels = { ...(selector.matchLabels ?? {}), [POD_TEMPLATE_HASH_LABEL]: hash };
    const name = `${this.d.metadata?.name ?? ''}-${hash}`;
    const rs: ReplicaSet = {
      apiVersion: 'apps/v1',
      kind: 'ReplicaSet',
      metadata: { name, namespace: this.ns, labels: { ...(template.metadata.labels ?? {}) }, ownerReferences: [newControllerRef(this.d, 'apps/v1', 'Deployment')] },
      spec: { replicas: 0, minReadySeconds: this.d.spec.minReadySeconds ?? 0, selector, template },
    };
    rs.spec.replicas = newReplicaSetReplicas(this.d, [...oldRSs, rs], rs);
    setReplicaSetAnnotations(this.d, rs, revision, false);
    let created: ReplicaSet;
    try {
      created = await this.sc.replicaSets.create(this.ns, rs);
    } catch (err) {
      if (!isApiError(err, 'AlreadyExists')) throw err;
      const existing = await this.sc.replicaSets.get(this.ns, name);
      // Ours with the same template: an informer that had not shown it yet. Use it.
      if (isControlledBy(existing, this.d) && equalIgnoreHash(existing.spec.template, this.d.spec.template)) return existing;
      // A hash collision: count it, so the next sync hashes differently.
      const status = { ...structuredClone(this.d.status ?? {}), collisionCount: collisions + 1 };
      await this.writeStatus(status);
      throw err;
    }
    if (specReplicas(created) > 0) this.sc.recorder.event(this.d, 'Normal', 'ScalingReplicaSet', `Scaled up replica set ${name} to ${specReplicas(created)}`);
    await this.setDeploymentRevision(created);
    const status = structuredClone(this.d.status ?? {});
    setCondition(status, 'Progressing', 'True', REASONS.newRSCreated, `Created new replica set "${name}"`);
    await this.writeStatus(status);
    return created;
  }

  // The Deployment's revision annotation follows its new ReplicaSet's (what `rollout history` reads).
  private async setDeploymentRevision(rs: ReplicaSet): Promise<void> {
    const want = rs.metadata?.annotations?.[REVISION_ANNOTATION];
    if (!want || this.d.metadata?.annotations?.[REVISION_ANNOTATION] === want) return;
    if (revisionOf(this.d) > Number(want)) return;
    const updated = await this.sc.deployments.patch(this.ns, this.d.metadata?.name ?? '', { metadata: { annotations: { [REVISION_ANNOTATION]: want } } }, 'merge');
    this.d.metadata = { ...this.d.metadata, annotations: updated.metadata?.annotations, resourceVersion: updated.metadata?.resourceVersion };
  }

  /** scale sets rs's replicas (and the size annotations), recording a ScalingReplicaSet event; returns the updated RS. */
  async scale(rs: ReplicaSet, replicas: number): Promise<ReplicaSet> {
    const copy: ReplicaSet = structuredClone(rs);
    const resized = specReplicas(rs) !== replicas;
    const annotated = setReplicasAnnotations(copy, desiredReplicas(this.d), desiredReplicas(this.d) + maxSurge(this.d));
    if (!resized && !annotated) return rs;
    copy.spec.replicas = replicas;
    const out = await this.sc.replicaSets.update(this.ns, copy);
    if (resized) {
      const dir = replicas > specReplicas(rs) ? 'up' : 'down';
      this.sc.recorder.event(this.d, 'Normal', 'ScalingReplicaSet', `Scaled ${dir} replica set ${rs.metadata?.name ?? ''} to ${replicas}`);
    }
    return out;
  }

  /** cleanup deletes the oldest fully scaled-down ReplicaSets beyond revisionHistoryLimit. */
  async cleanup(oldRSs: ReplicaSet[]): Promise<void> {
    const limit = this.d.spec.revisionHistoryLimit;
    if (limit === undefined) return;
    const cleanable = oldRSs.filter((rs) => !rs.metadata?.deletionTimestamp);
    const excess = cleanable.length - limit;
    if (excess <= 0) return;
    const byRevision = [...cleanable].sort((a, b) => revisionOf(a) - revisionOf(b) || byCreation(a, b));
    for (const rs of byRevision.slice(0, excess)) {
      const settled = (rs.status?.replicas ?? 0) === 0 && specReplicas(rs) === 0 && (rs.metadata?.generation ?? 0) <= (rs.status?.observedGeneration ?? 0);
      if (!settled) continue;
      await this.sc.replicaSets.delete(this.ns, rs.metadata?.name ?? '', { preconditions: { uid: rs.metadata?.uid } }).catch((err: unknown) => {
        if (!isApiError(err, 'NotFound')) throw err;
      });
    }
  }

  /** syncRolloutStatus writes the status and Progressing condition, and requeues for the progress deadline. */
  async syncRolloutStatus(all: ReplicaSet[], newRS: ReplicaSet | undefined): Promise<void> {
    const status = rolloutStatus(this.d, all, newRS);
    if (this.d.spec.paused) setCondition(status, 'Progressing', 'Unknown', REASONS.paused, 'Deployment is paused');
    else if (getCondition(status, 'Progressing')?.reason === REASONS.paused) setCondition(status, 'Progressing', 'Unknown', REASONS.resumed, 'Deployment is resumed');
    await this.writeStatus(status);
    const wait = untilDeadline(this.d, status);
    if (wait !== undefined) this.sc.requeueAfter(wait);
  }

  /** writeStatus writes status unless it is the current one. */
  async writeStatus(status: DeploymentStatus): Promise<void> {
    if (semanticEqual(this.d.status ?? {}, status)) return;
    const updated = await this.sc.deployments.updateStatus(this.ns, { ...this.d, status });
    this.d.status = updated.status;
    this.d.metadata = { ...this.d.metadata, resourceVersion: updated.metadata?.resourceVersion };
  }
}
