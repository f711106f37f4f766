// manageReplicas: create or delete pods so that the owned active pods number spec.replicas.
// Creations go out in slow-start batches (1, 2, 4, ...) so a template the API rejects costs one
// failed call rather than hundreds; deletions take the pods a scale-down should lose first.
import { metaNamespaceKey } from '../../client/cache/indexer.js';
import type { ResourceClient } from '../../client/resource-client.js';
import { isApiError } from '../../client/rest.js';
import type { EventRecorder } from '../base/events.js';
import type { Expectations } from '../base/expectations.js';
import { newControllerRef } from '../base/owner-refs.js';
import { deletionOrder, podFromTemplate } from '../base/pods.js';
import type { Pod, ReplicaSetLike } from '../base/types.js';
import type { ReplicaKind } from './kinds.js';

/** BURST_REPLICAS caps the creations or deletions of one sync (client-go's burstReplicas). */
export const BURST_REPLICAS = 500;

/** slowStartBatch calls fn count times in doubling batches, stopping after a batch with a failure; it returns the successes and the first error. */
export async function slowStartBatch(count: number, initial: number, fn: () => Promise<void>): Promise<{ successes: number; error?: unknown }> {
  let remaining = count;
  let successes = 0;
  for (let batch = Math.min(remaining, initial); batch > 0; batch = Math.min(2 * batch, remaining)) {
    const results = await Promise.allSettled(Array.from({ length: batch }, () => fn()));
    const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    successes += results.filter((r) => r.status === 'fulfilled').length;
    if (failed) return { successes, error: failed.reason };
    remaining -= batch;
  }
  return { successes };
}

/** ManageContext is what manageReplicas needs from its controller. */
export interface ManageContext {
  kind: ReplicaKind;
  pods: ResourceClient<Pod>;
  expectations: Expectations;
  recorder: EventRecorder;
}

/**
 * manageReplicas converges the number of active owned pods on spec.replicas and returns the pods
 * it deleted (so the status written next already leaves them out); it throws the first failure.
 */
export async function manageReplicas(mc: ManageContext, key: string, rs: ReplicaSetLike, active: Pod[]): Promise<Pod[]> {
  const want = rs.spec?.replicas ?? 1;
  const diff = active.length - want;
  const ns = rs.metadata?.namespace ?? '';
  if (diff < 0) {
    const n = Math.min(-diff, BURST_REPLICAS);
    const template = rs.spec?.template;
    if (!template) return [];
    // Expectations first: the informer may deliver the new pods before the calls return.
    mc.expectations.expectCreations(key, n);
    const ref = newControllerRef(rs, mc.kind.apiVersion, mc.kind.kind);
    const { successes, error } = await slowStartBatch(n, 1, async () => {
      try {
        const pod = await mc.pods.create(ns, podFromTemplate(template, rs, ref));
        mc.recorder.event(rs, 'Normal', 'SuccessfulCreate', `Created pod: ${pod.metadata?.name ?? ''}`);
      } catch (err) {
        mc.recorder.event(rs, 'Warning', 'FailedCreate', `Error creating: ${(err as Error).message}`);
        throw err;
      }
    });
    // Creations that failed or were never tried will not be observed.
    for (let i = successes; i < n; i++) mc.expectations.creationObserved(key);
    if (error) throw error;
    return [];
  }
  if (diff > 0) {
    const victims = [...active].sort(deletionOrder).slice(0, Math.min(diff, BURST_REPLICAS));
    mc.expectations.expectDeletions(key, victims.map(metaNamespaceKey));
    const failures: unknown[] = [];
    const deleted: Pod[] = [];
    await Promise.all(
      victims.map(async (pod) => {
        const name = pod.metadata?.name ?? '';
        try {
          await mc.pods.delete(ns, name, { preconditions: { uid: pod.metadata?.uid } });
          deleted.push(pod);
          mc.recorder.event(rs, 'Normal', 'SuccessfulDelete', `Deleted pod: ${name}`);
        } catch (err) {
          mc.expectations.deletionObserved(key, metaNamespaceKey(pod));
          if (isApiError(err, 'NotFound')) return;
          mc.recorder.event(rs, 'Warning', 'FailedDelete', `Error deleting: ${(err as Error).message}`);
          failures.push(err);
        }
      }),
    );
    if (failures.length > 0) throw failures[0];
    return deleted;
  }
  return [];
}
