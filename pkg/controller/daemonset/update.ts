// A DaemonSet's rolling update and status. A pod is "updated" when it carries the current
// template's hash; with maxSurge 0 an update deletes old pods (unavailable ones first, free of
// charge) while at most maxUnavailable daemon pods are unavailable, and the manage loop then
// creates the new pod on each emptied node.
import type { LabelSelectorObject } from '../../../api/meta/label-selector.js';
import type { KubeObject } from '../../../api/meta/object.js';
import { scaledValue } from '../base/intstr.js';
import { isPodAvailable, isPodReady } from '../base/pods.js';
import type { IntOrString, Node, Pod, PodTemplateSpec } from '../base/types.js';
import { nodeShouldRunDaemonPod } from './predicates.js';

/** HASH_LABEL carries the template hash on daemon pods (Kubernetes' controller-revision-hash). */
export const HASH_LABEL = 'controller-revision-hash';
/** GENERATION_LABEL carries the template generation on daemon pods. */
export const GENERATION_LABEL = 'pod-template-generation';

/** DaemonSet is apps/v1 DaemonSet as the controller reads it. */
export interface DaemonSet extends KubeObject {
  spec: {
    selector?: LabelSelectorObject;
    template?: PodTemplateSpec;
    minReadySeconds?: number;
    updateStrategy?: { type?: string; rollingUpdate?: { maxUnavailable?: IntOrString; maxSurge?: IntOrString } };
    [field: string]: unknown;
  };
  status?: Record<string, unknown>;
}

const created = (p: Pod): number => Date.parse(p.metadata?.creationTimestamp ?? '') || 0;
/** oldestFirst orders a node's daemon pods by creation. */
export const oldestFirst = (a: Pod, b: Pod): number => created(a) - created(b) || (a.metadata?.name ?? '').localeCompare(b.metadata?.name ?? '');

/** isUpdated: the pod was made from the current template. */
export function isUpdated(pod: Pod, hash: string): boolean {
  return pod.metadata?.labels?.[HASH_LABEL] === hash;
}

/** rollingUpdateVictims returns the old pods to delete now (rollingUpdate with maxSurge 0). */
export function rollingUpdateVictims(ds: DaemonSet, nodeToPods: Map<string, Pod[]>, desired: number, hash: string, now = Date.now()): Pod[] {
  if ((ds.spec.updateStrategy?.type ?? 'RollingUpdate') !== 'RollingUpdate') return [];
  let maxUnavailable = scaledValue(ds.spec.updateStrategy?.rollingUpdate?.maxUnavailable ?? 1, desired, true);
  if (maxUnavailable === 0) maxUnavailable = 1;
  const minReady = ds.spec.minReadySeconds ?? 0;
  let unavailable = 0;
  const replace: Pod[] = [];
  const candidates: Pod[] = [];
  for (const pods of nodeToPods.values()) {
    const live = pods.filter((p) => !p.metadata?.deletionTimestamp);
    const fresh = live.filter((p) => isUpdated(p, hash));
    const old = live.filter((p) => !isUpdated(p, hash));
    if (live.length !== 1) {
      unavailable++; // being replaced, or more than one: the manage loop sorts it out
      continue;
    }
    const [pod] = fresh.length === 1 ? fresh : old;
    if (!pod) continue;
    if (fresh.length === 1) {
      if (!isPodAvailable(pod, minReady, now)) unavailable++;
    } else if (!isPodAvailable(pod, minReady, now)) replace.push(pod);
    else if (unavailable < maxUnavailable) candidates.push(pod);
  }
  const room = Math.max(0, Math.min(maxUnavailable - unavailable, candidates.length));
  return [...replace, ...candidates.slice(0, room)];
}

/** daemonSetStatus is the status updateDaemonSetStatus computes. */
export function daemonSetStatus(ds: DaemonSet, nodes: Node[], nodeToPods: Map<string, Pod[]>, hash: string, now = Date.now()): Record<string, number | undefined> {
  let desired = 0;
  let current = 0;
  let misscheduled = 0;
  let ready = 0;
  let available = 0;
  let updated = 0;
  const minReady = ds.spec.minReadySeconds ?? 0;
  for (const node of nodes) {
    const { shouldRun } = nodeShouldRunDaemonPod(ds.spec.template, node);
    const pods = [...(nodeToPods.get(node.metadata?.name ?? '') ?? [])].sort(oldestFirst);
    const pod = pods[0];
    if (shouldRun) {
      desired++;
      if (!pod) continue;
      current++;
      if (isPodReady(pod)) {
        ready++;
        if (isPodAvailable(pod, minReady, now)) available++;
      }
      if (isUpdated(pod, hash)) updated++;
    } else if (pod) misscheduled++;
  }
  return {
    currentNumberScheduled: current,
    numberMisscheduled: misscheduled,
    desiredNumberScheduled: desired,
    numberReady: ready,
    observedGeneration: ds.metadata?.generation,
    updatedNumberScheduled: updated,
    numberAvailable: available,
    numberUnavailable: desired - available,
  };
}
