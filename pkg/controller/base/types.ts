// The parts of API objects the controllers read and write, typed. Objects stay open (KubeObject's
// index signature), so fields a controller does not know pass through its updates untouched.
import type { LabelSelectorObject } from '../../../api/meta/label-selector.js';
import type { KubeObject, ObjectMeta } from '../../../api/meta/object.js';

/** Condition is the common shape of pod, node, workload and job conditions. */
export interface Condition {
  type: string;
  status: string;
  reason?: string;
  message?: string;
  lastTransitionTime?: string;
  lastUpdateTime?: string;
  lastHeartbeatTime?: string;
  lastProbeTime?: string | null;
}

/** ContainerPort is core/v1 ContainerPort. */
export interface ContainerPort {
  name?: string;
  containerPort: number;
  protocol?: string;
}

/** Container is the part of core/v1 Container controllers read. */
export interface Container {
  name: string;
  image?: string;
  ports?: ContainerPort[];
  [field: string]: unknown;
}

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
  timeAdded?: string;
}

/** NodeSelectorRequirement is core/v1 NodeSelectorRequirement. */
export interface NodeSelectorRequirement {
  key: string;
  operator: string;
  values?: string[];
}

/** NodeSelectorTerm is core/v1 NodeSelectorTerm. */
export interface NodeSelectorTerm {
  matchExpressions?: NodeSelectorRequirement[];
  matchFields?: NodeSelectorRequirement[];
}

/** Affinity is core/v1 Affinity; only node affinity is read. */
export interface Affinity {
  nodeAffinity?: {
    requiredDuringSchedulingIgnoredDuringExecution?: { nodeSelectorTerms?: NodeSelectorTerm[] };
    [field: string]: unknown;
  };
  [field: string]: unknown;
}

/** PodSpec is the part of core/v1 PodSpec controllers read. */
export interface PodSpec {
  nodeName?: string;
  containers: Container[];
  restartPolicy?: string;
  nodeSelector?: Record<string, string>;
  affinity?: Affinity;
  tolerations?: Toleration[];
  hostname?: string;
  subdomain?: string;
  hostNetwork?: boolean;
  [field: string]: unknown;
}

/** PodTemplateSpec is core/v1 PodTemplateSpec. */
export interface PodTemplateSpec {
  metadata?: ObjectMeta;
  spec: PodSpec;
}

/** ContainerStatus is the part of core/v1 ContainerStatus controllers read. */
export interface ContainerStatus {
  name: string;
  restartCount?: number;
  ready?: boolean;
  [field: string]: unknown;
}

/** PodStatus is the part of core/v1 PodStatus controllers read. */
export interface PodStatus {
  phase?: string;
  conditions?: Condition[];
  podIP?: string;
  containerStatuses?: ContainerStatus[];
  [field: string]: unknown;
}

/** Pod is core/v1 Pod. */
export interface Pod extends KubeObject {
  spec: PodSpec;
  status?: PodStatus;
}

/** Node is core/v1 Node. */
export interface Node extends KubeObject {
  spec?: { taints?: Taint[]; unschedulable?: boolean; [field: string]: unknown };
  status?: { conditions?: Condition[]; [field: string]: unknown };
}

/** Lease is coordination.k8s.io/v1 Lease. */
export interface Lease extends KubeObject {
  spec?: { holderIdentity?: string; leaseDurationSeconds?: number; renewTime?: string; [field: string]: unknown };
}

/** ServicePort is core/v1 ServicePort. */
export interface ServicePort {
  name?: string;
  port: number;
  protocol?: string;
  targetPort?: number | string;
  appProtocol?: string;
}

/** Service is core/v1 Service. */
export interface Service extends KubeObject {
  spec?: { selector?: Record<string, string>; ports?: ServicePort[]; clusterIP?: string; publishNotReadyAddresses?: boolean; type?: string; [field: string]: unknown };
}

/** IntOrString is Kubernetes' intstr.IntOrString: a count or a percentage like "25%". */
export type IntOrString = number | string;

/** ReplicaSetLike is a ReplicationController or a ReplicaSet: what the replica manager reads. */
export interface ReplicaSetLike extends KubeObject {
  spec?: {
    replicas?: number;
    minReadySeconds?: number;
    selector?: Record<string, string> | LabelSelectorObject;
    template?: PodTemplateSpec;
    [field: string]: unknown;
  };
  status?: ReplicaSetStatus;
}

/** ReplicaSetStatus is the status of an RC or ReplicaSet. */
export interface ReplicaSetStatus {
  replicas?: number;
  fullyLabeledReplicas?: number;
  readyReplicas?: number;
  availableReplicas?: number;
  observedGeneration?: number;
  conditions?: Condition[];
  [field: string]: unknown;
}
