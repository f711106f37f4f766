// The PodScheduled condition of a pod that fits nowhere: status False, reason Unschedulable, the
// FailedScheduling summary as message — what `kubectl describe pod` shows under Conditions.
import { rfc3339 } from '../../api/meta/object.js';
import type { ResourceClient } from '../client/resource-client.js';
import type { Pod, PodCondition } from './types.js';

/** unschedulableCondition is the condition to set, keeping lastTransitionTime when the status does not change. */
export function unschedulableCondition(pod: Pod, message: string): PodCondition {
  const cur = pod.status?.conditions?.find((c) => c.type === 'PodScheduled');
  const since = cur?.status === 'False' && cur.lastTransitionTime ? cur.lastTransitionTime : rfc3339();
  return { type: 'PodScheduled', status: 'False', reason: 'Unschedulable', message, lastProbeTime: null, lastTransitionTime: since };
}

/** conditionChanged tells whether writing cond would change the pod (kube-scheduler skips no-op updates). */
export function conditionChanged(pod: Pod, cond: PodCondition): boolean {
  const cur = pod.status?.conditions?.find((c) => c.type === cond.type);
  return !cur || cur.status !== cond.status || cur.reason !== cond.reason || cur.message !== cond.message;
}

/** patchPodScheduled writes the condition through pods/status with a strategic merge patch (conditions merge by type). */
export async function patchPodScheduled(pods: ResourceClient, pod: Pod, cond: PodCondition): Promise<void> {
  await pods.patch(pod.metadata?.namespace, pod.metadata?.name ?? '', { status: { conditions: [cond] } }, 'strategic', { subresource: 'status' });
}
