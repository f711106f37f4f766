// The status an RC or ReplicaSet reports, computed from its active pods, written through the
// status subresource only when it changed.
import { rfc3339 } from '../../../api/meta/object.js';
import type { ResourceClient } from '../../client/resource-client.js';
import { isApiError } from '../../client/rest.js';
import { semanticEqual } from '../base/hash.js';
import { isPodAvailable, isPodReady } from '../base/pods.js';
import type { Condition, Pod, ReplicaSetLike, ReplicaSetStatus } from '../base/types.js';

/** calculateStatus is calculateStatus of the ReplicaSet controller; manageError sets or clears ReplicaFailure. */
export function calculateStatus(rs: ReplicaSetLike, active: Pod[], manageError: unknown, now = Date.now()): ReplicaSetStatus {
  const templateLabels = rs.spec?.template?.metadata?.labels ?? {};
  const minReady = rs.spec?.minReadySeconds ?? 0;
  let fullyLabeled = 0;
  let ready = 0;
  let available = 0;
  for (const pod of active) {
    const labels = pod.metadata?.labels ?? {};
    if (Object.entries(templateLabels).every(([k, v]) => labels[k] === v)) fullyLabeled++;
    if (isPodReady(pod)) {
      ready++;
      if (isPodAvailable(pod, minReady, now)) available++;
    }
  }
  const old = rs.status ?? {};
  let conditions = (old.conditions ?? []).filter((c) => c.type !== 'ReplicaFailure');
  const failure = old.conditions?.find((c) => c.type === 'ReplicaFailure');
  if (manageError) {
    const e = manageError as Error;
    const reason = active.length < (rs.spec?.replicas ?? 1) ? 'FailedCreate' : 'FailedDelete';
    const c: Condition = failure ?? { type: 'ReplicaFailure', status: 'True', lastTransitionTime: rfc3339(), reason, message: e.message };
    conditions = [...conditions, c];
  }
  const status: ReplicaSetStatus = {
    ...old,
    replicas: active.length,
    fullyLabeledReplicas: fullyLabeled,
    readyReplicas: ready,
    availableReplicas: available,
    observedGeneration: rs.metadata?.generation ?? old.observedGeneration,
  };
  if (conditions.length > 0) status.conditions = conditions;
  else delete status.conditions;
  return status;
}

/** updateStatus writes status unless it is what rs already has; on a conflict it retries once on a fresh copy. */
export async function updateStatus(client: ResourceClient<ReplicaSetLike>, rs: ReplicaSetLike, status: ReplicaSetStatus): Promise<ReplicaSetLike> {
  if (semanticEqual(normalized(rs.status ?? {}), normalized(status))) return rs;
  const ns = rs.metadata?.namespace;
  try {
    return await client.updateStatus(ns, { ...rs, status });
  } catch (err) {
    if (!isApiError(err, 'Conflict')) throw err;
    const fresh = await client.get(ns, rs.metadata?.name ?? '');
    if (fresh.metadata?.uid !== rs.metadata?.uid) return fresh;
    return client.updateStatus(ns, { ...fresh, status });
  }
}

// Zero counts are omitted on the wire (omitempty), so 0 and missing are the same status.
function normalized(s: ReplicaSetStatus): ReplicaSetStatus {
  const out: ReplicaSetStatus = {};
  for (const [k, v] of Object.entries(s)) if (v !== 0 && v !== undefined && !(Array.isArray(v) && v.length === 0)) out[k] = v;
  return out;
}
