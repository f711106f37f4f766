// What the scheduler derives from a pod, once per version of it: what it takes from a node
// (PodInfo, kept for every pod on a node) and, for a pod being placed, its compiled constraints.
import { preferredNodeAffinity, requiredNodeAffinity, type PreferredNodeAffinity, type RequiredNodeAffinity } from './node-affinity.js';
import { fnv1a, type NodeInfo } from './node-info.js';
import { podRequests, type PodRequests } from './resources.js';
import { preferNoScheduleTolerations, tolerated, UNSCHEDULABLE_TAINT } from './taints.js';
import { podKey, type Pod, type Toleration } from './types.js';

/** HostPort is one host port a pod's container binds. */
export interface HostPort {
  ip: string;
  protocol: string;
  port: number;
}

/** PodInfo is a pod's footprint on its node. */
export interface PodInfo {
  key: string;
  uid: string;
  pod: Pod;
  req: PodRequests;
  hostPorts: HostPort[];
  /** spreadKeys name the groups (controller, services) the pod is spread with; filled by the cache. */
  spreadKeys: string[];
}

/** controllerKey is the spread key of the pod's controller (ReplicationController, ReplicaSet, ...), if any. */
export function controllerKey(pod: Pod): string | undefined {
  const owner = pod.metadata?.ownerReferences?.find((o) => o.controller === true);
  return owner ? `ctl:${owner.uid || `${owner.kind}/${owner.name}`}` : undefined;
}

/** hostPorts lists the host ports of a pod's containers (init containers bind none that last). */
export function hostPorts(pod: Pod): HostPort[] {
  const out: HostPort[] = [];
  for (const c of pod.spec?.containers ?? []) {
    for (const p of c.ports ?? []) {
      if (!p.hostPort || p.hostPort <= 0) continue;
      out.push({ ip: p.hostIP || '0.0.0.0', protocol: p.protocol || 'TCP', port: p.hostPort });
    }
  }
  return out;
}

/** podInfo derives a pod's footprint; spreadKeys start with the controller's and gain services in the cache. */
export function podInfo(pod: Pod): PodInfo {
  const ctl = controllerKey(pod);
  return { key: podKey(pod), uid: pod.metadata?.uid ?? '', pod, req: podRequests(pod), hostPorts: hostPorts(pod), spreadKeys: ctl ? [ctl] : [] };
}

/** PodToSchedule is a pending pod with everything the filters and scores ask of it, compiled. */
export interface PodToSchedule extends PodInfo {
  namespace: string;
  name: string;
  priority: number;
  tolerations: Toleration[];
  /** softTolerations are those that can tolerate PreferNoSchedule taints. */
  softTolerations: Toleration[];
  required: RequiredNodeAffinity;
  preferred: PreferredNodeAffinity;
  /** toleratesUnschedulable: the pod may land on cordoned nodes (it tolerates the unschedulable taint). */
  toleratesUnschedulable: boolean;
  /** uidHash feeds the tie-break between equally scored nodes. */
  uidHash: number;
  /** spreadGroups count, per node, the pods sharing one of the pod's spread keys; filled by the scheduler from the cache. */
  spreadGroups: ReadonlyArray<ReadonlyMap<NodeInfo, number>>;
}

/** podToSchedule compiles a pending pod; spreadKeys and spreadGroups are the caller's to fill (see the cache). */
export function podToSchedule(pod: Pod): PodToSchedule {
  const spec = pod.spec ?? {};
  const tolerations = spec.tolerations ?? [];
  const ctl = controllerKey(pod);
  // One literal with every field (no spread of podInfo): every compiled pod then has one shape.
  return {
    key: podKey(pod),
    uid: pod.metadata?.uid ?? '',
    pod,
    req: podRequests(pod),
    hostPorts: hostPorts(pod),
    spreadKeys: ctl ? [ctl] : [],
    namespace: pod.metadata?.namespace ?? '',
    name: pod.metadata?.name ?? '',
    priority: spec.priority ?? 0,
    tolerations,
    softTolerations: preferNoScheduleTolerations(tolerations),
    required: requiredNodeAffinity(spec.nodeSelector, spec.affinity?.nodeAffinity),
    preferred: preferredNodeAffinity(spec.affinity?.nodeAffinity),
    toleratesUnschedulable: tolerated(tolerations, { key: UNSCHEDULABLE_TAINT, effect: 'NoSchedule' }),
    uidHash: fnv1a(pod.metadata?.uid ?? ''),
    spreadGroups: [],
  };
}
