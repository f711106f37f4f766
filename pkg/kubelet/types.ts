// The parts of core/v1 Pod and Node the kubelet reads and writes. API objects stay plain JSON
// (api/meta/object.ts); these views only type what this role touches.
import type { KubeObject, ObjectMeta } from '../../api/meta/object.js';

/** KUBELET_VERSION is what nodes report as status.nodeInfo.kubeletVersion. */
export const KUBELET_VERSION = 'v1.32.0-kubelite';

/** EnvVarSource is env[].valueFrom. */
export interface EnvVarSource {
  fieldRef?: { fieldPath: string; apiVersion?: string };
  resourceFieldRef?: { resource: string; containerName?: string; divisor?: string | number };
  configMapKeyRef?: { name: string; key: string; optional?: boolean };
  secretKeyRef?: { name: string; key: string; optional?: boolean };
}

/** EnvFromSource is envFrom[]. */
export interface EnvFromSource {
  prefix?: string;
  configMapRef?: { name: string; optional?: boolean };
  secretRef?: { name: string; optional?: boolean };
}

/** ContainerPort is ports[]. */
export interface ContainerPort {
  name?: string;
  containerPort: number;
  hostPort?: number;
  hostIP?: string;
  protocol?: 'TCP' | 'UDP' | 'SCTP';
}

/** ResourceRequirements are a container's requests and limits (quantities as text or numbers). */
export interface ResourceRequirements {
  requests?: Record<string, string | number>;
  limits?: Record<string, string | number>;
}

/** Container is one entry of spec.containers or spec.initContainers. */
export interface Container {
  name: string;
  image?: string;
  imagePullPolicy?: 'Always' | 'IfNotPresent' | 'Never';
  command?: string[];
  args?: string[];
  workingDir?: string;
  env?: Array<{ name: string; value?: string; valueFrom?: EnvVarSource }>;
  envFrom?: EnvFromSource[];
  ports?: ContainerPort[];
  resources?: ResourceRequirements;
  securityContext?: {
    privileged?: boolean;
    runAsUser?: number;
    runAsGroup?: number;
    readOnlyRootFilesystem?: boolean;
    capabilities?: { add?: string[]; drop?: string[] };
  };
}

/** PodSpec is the part of a pod's spec the kubelet acts on. */
export interface PodSpec {
  nodeName?: string;
  containers: Container[];
  initContainers?: Container[];
  restartPolicy?: 'Always' | 'OnFailure' | 'Never';
  terminationGracePeriodSeconds?: number;
  hostNetwork?: boolean;
  hostname?: string;
  subdomain?: string;
  dnsPolicy?: 'ClusterFirst' | 'ClusterFirstWithHostNet' | 'Default' | 'None';
  dnsConfig?: { nameservers?: string[]; searches?: string[]; options?: Array<{ name: string; value?: string }> };
  serviceAccountName?: string;
  enableServiceLinks?: boolean;
  securityContext?: { runAsUser?: number; runAsGroup?: number };
}

/** ContainerState is exactly one of waiting, running or terminated (or empty). */
export interface ContainerStateApi {
  waiting?: { reason?: string; message?: string };
  running?: { startedAt?: string };
  terminated?: { exitCode: number; signal?: number; reason?: string; message?: string; startedAt?: string; finishedAt?: string; containerID?: string };
}

/** ContainerStatusApi is one entry of status.containerStatuses. */
export interface ContainerStatusApi {
  name: string;
  state: ContainerStateApi;
  lastState: ContainerStateApi;
  ready: boolean;
  restartCount: number;
  image: string;
  imageID: string;
  containerID?: string;
  started?: boolean;
}

/** PodCondition is one entry of status.conditions. */
export interface PodCondition {
  type: string;
  status: 'True' | 'False' | 'Unknown';
  reason?: string;
  message?: string;
  lastProbeTime?: string | null;
  lastTransitionTime?: string;
}

/** PodPhase is status.phase. */
export type PodPhase = 'Pending' | 'Running' | 'Succeeded' | 'Failed' | 'Unknown';

/** PodStatus is a pod's status as the kubelet writes it. */
export interface PodStatus {
  phase?: PodPhase;
  conditions?: PodCondition[];
  message?: string;
  reason?: string;
  hostIP?: string;
  hostIPs?: Array<{ ip: string }>;
  podIP?: string;
  podIPs?: Array<{ ip: string }>;
  startTime?: string;
  initContainerStatuses?: ContainerStatusApi[];
  containerStatuses?: ContainerStatusApi[];
  qosClass?: string;
  [field: string]: unknown;
}

/** Pod is a core/v1 Pod as the kubelet sees it. */
export interface Pod extends KubeObject {
  metadata: ObjectMeta & { name: string; namespace: string; uid: string };
  spec: PodSpec;
  status?: PodStatus;
}

/** NodeCondition is one entry of a node's status.conditions. */
export interface NodeCondition {
  type: string;
  status: 'True' | 'False' | 'Unknown';
  reason: string;
  message: string;
  lastHeartbeatTime?: string;
  lastTransitionTime?: string;
}

/** NodeStatus is what the kubelet reports about its node. */
export interface NodeStatus {
  capacity: Record<string, string>;
  allocatable: Record<string, string>;
  conditions: NodeCondition[];
  addresses: Array<{ type: string; address: string }>;
  daemonEndpoints: { kubeletEndpoint: { Port: number } };
  nodeInfo: Record<string, string>;
  images?: Array<{ names: string[]; sizeBytes: number }>;
}

/** Node is a core/v1 Node as the kubelet sees it. */
export interface Node extends KubeObject {
  metadata: ObjectMeta & { name: string };
  spec?: { podCIDR?: string; podCIDRs?: string[]; unschedulable?: boolean; taints?: unknown[] };
  status?: Partial<NodeStatus>;
}

/** podKey is `namespace/name`, the way logs and events name a pod. */
export function podKey(pod: Pod): string {
  return `${pod.metadata.namespace}/${pod.metadata.name}`;
}

/** formatPod is the kubelet's format.Pod: name_namespace(uid). */
export function formatPod(pod: Pod): string {
  return `${pod.metadata.name}_${pod.metadata.namespace}(${pod.metadata.uid})`;
}
