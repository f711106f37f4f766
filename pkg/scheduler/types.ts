// The parts of Pods and Nodes the scheduler reads. The informer cache holds whatever the server
// sent; these are the scheduler's typed view of it, every field optional as JSON allows.
import type { KubeObject } from '../../api/meta/object.js';

/** Quantities arrive as strings ("100m", "1Gi") or plain numbers. */
export type ResourceList = Record<string, string | number>;

/** Toleration is core/v1 Toleration. */
export interface Toleration {
  key?: string;
  operator?: string;
  value?: string;
  effect?: string;
  tolerationSeconds?: number;
}

/** Taint is core/v1 Taint. */
export interface Taint {
  key: string;
  value?: string;
  effect: string;
}

/** NodeSelectorRequirement is one expression of a node selector term. */
export interface NodeSelectorRequirement {
  key: string;
  operator: string;
  values?: string[];
}

/** NodeSelectorTerm ANDs its expressions and fields. */
export interface NodeSelectorTerm {
  matchExpressions?: NodeSelectorRequirement[];
  matchFields?: NodeSelectorRequirement[];
}

/** NodeAffinity is core/v1 NodeAffinity. */
export interface NodeAffinity {
  requiredDuringSchedulingIgnoredDuringExecution?: { nodeSelectorTerms?: NodeSelectorTerm[] };
  preferredDuringSchedulingIgnoredDuringExecution?: Array<{ weight?: number; preference?: NodeSelectorTerm }>;
}

/** ContainerPort is core/v1 ContainerPort. */
export interface ContainerPort {
  containerPort?: number;
  hostPort?: number;
  hostIP?: string;
  protocol?: string;
}

/** Container is the part of core/v1 Container that placement depends on. */
export interface Container {
  name?: string;
  resources?: { requests?: ResourceList; limits?: ResourceList };
  ports?: ContainerPort[];
  restartPolicy?: string;
}

/** PodSpec is the part of core/v1 PodSpec that placement depends on. */
export interface PodSpec {
  nodeName?: string;
  schedulerName?: string;
  priority?: number;
  nodeSelector?: Record<string, string>;
  affinity?: { nodeAffinity?: NodeAffinity };
  tolerations?: Toleration[];
  containers?: Container[];
  initContainers?: Container[];
  overhead?: ResourceList;
  schedulingGates?: Array<{ name: string }>;
}

/** PodCondition is core/v1 PodCondition. */
export interface PodCondition {
  type: string;
  status: string;
  reason?: string;
  message?: string;
  lastProbeTime?: string | null;
  lastTransitionTime?: string;
}

/** Pod is the scheduler's view of a core/v1 Pod. */
export interface Pod extends KubeObject {
  spec?: PodSpec;
  status?: { phase?: string; conditions?: PodCondition[]; nominatedNodeName?: string };
}

/** NodeCondition is core/v1 NodeCondition. */
export interface NodeCondition {
  type: string;
  status: string;
}

/** Node is the scheduler's view of a core/v1 Node. */
export interface Node extends KubeObject {
  spec?: { unschedulable?: boolean; taints?: Taint[] };
  status?: { allocatable?: ResourceList; capacity?: ResourceList; conditions?: NodeCondition[] };
}

/** Service is the part of core/v1 Service that spreading depends on. */
export interface Service extends KubeObject {
  spec?: { selector?: Record<string, string> };
}

/** podKey is the informer key of a pod: namespace/name. */
export function podKey(pod: KubeObject): string {
  return `${pod.metadata?.namespace ?? ''}/${pod.metadata?.name ?? ''}`;
}

/** isTerminated tells a pod that has finished and holds no resources any more. */
export function isTerminated(pod: Pod): boolean {
  const phase = pod.status?.phase;
  return phase === 'Succeeded' || phase === 'Failed';
}

/** isAssigned tells a pod that is bound (or being bound) to a node. */
export function isAssigned(pod: Pod): boolean {
  return typeof pod.spec?.nodeName === 'string' && pod.spec.nodeName !== '';
}
