// The container runtime contract the kubelet drives: CRI-shaped (sandboxes hold a pod's network,
// containers run in them) but with plain TypeScript records instead of protobuf messages, so the
// CRI client, the process runtime and the hollow runtime are interchangeable. Every implementation
// passes test/conformance/runtime-suite.ts.
//
// Times are milliseconds since the epoch. Operations on a missing object reject with a
// RuntimeError whose code is 'NotFound', except the idempotent ones (stop/remove), which succeed.

/** ContainerState is where a container is in its life; 'unknown' means the runtime lost track. */
export type ContainerState = 'created' | 'running' | 'exited' | 'unknown';

/** SandboxState: 'ready' while the pod's sandbox (network, namespaces) is up. */
export type SandboxState = 'ready' | 'notready';

/** Protocol of a port mapping. */
export type Protocol = 'TCP' | 'UDP' | 'SCTP';

/**
 * KUBELET_LABELS are the label and annotation keys the kubelet puts on sandboxes and containers
 * (the same keys as the real kubelet), so a restarted kubelet can adopt what is already running.
 */
export const KUBELET_LABELS = {
  podName: 'io.kubernetes.pod.name',
  podNamespace: 'io.kubernetes.pod.namespace',
  podUid: 'io.kubernetes.pod.uid',
  containerName: 'io.kubernetes.container.name',
  /** an annotation, as in the real kubelet: it changes on every restart, labels should not */
  restartCount: 'io.kubernetes.container.restartCount',
} as const;

/** VersionInfo names the runtime; description says in plain words what kind of runtime it is. */
export interface VersionInfo {
  runtimeName: string;
  runtimeVersion: string;
  runtimeApiVersion: string;
  description: string;
}

/** RuntimeStatus feeds the node's Ready condition. */
export interface RuntimeStatus {
  runtimeReady: boolean;
  networkReady: boolean;
  /** CamelCase reason when something is not ready, '' otherwise */
  reason: string;
  message: string;
}

/** DnsConfig is what the runtime writes into a pod's resolv.conf. */
export interface DnsConfig {
  servers: string[];
  searches: string[];
  options: string[];
}

/** PortMapping exposes a container port on the node (a pod's hostPort). */
export interface PortMapping {
  protocol: Protocol;
  containerPort: number;
  hostPort: number;
  hostIp?: string;
}

/** PodSandboxConfig describes a pod's sandbox; the kubelet passes the same one again to createContainer. */
export interface PodSandboxConfig {
  name: string;
  namespace: string;
  uid: string;
  /** how many sandboxes this pod had before (a sandbox is re-created when it dies) */
  attempt: number;
  hostname: string;
  /** the pod's log directory on the node; each container's logPath is relative to it */
  logDirectory: string;
  labels: Record<string, string>;
  annotations: Record<string, string>;
  dns?: DnsConfig;
  portMappings?: PortMapping[];
  /** share the node's network namespace (the pod IP is then the node IP) */
  hostNetwork?: boolean;
}

/** PodSandbox is one sandbox as listed. */
export interface PodSandbox {
  id: string;
  name: string;
  namespace: string;
  uid: string;
  attempt: number;
  state: SandboxState;
  createdAt: number;
  labels: Record<string, string>;
  annotations: Record<string, string>;
}

/** PodSandboxStatus adds what listing does not tell: the pod IP. */
export interface PodSandboxStatus extends PodSandbox {
  ip: string;
}

/** EnvVar is one environment variable of a container. */
export interface EnvVar {
  name: string;
  value: string;
}

/** Mount makes a host path visible in a container. */
export interface Mount {
  containerPath: string;
  hostPath: string;
  readOnly?: boolean;
}

/** Resources are a container's CPU and memory; 0 or absent means no limit. */
export interface Resources {
  /** CPU limit in millicores (CFS quota) */
  cpuLimitMillis?: number;
  /** CPU request in millicores (relative weight) */
  cpuRequestMillis?: number;
  memoryLimitBytes?: number;
}

/** SecurityContext holds the basics of a container's security settings. */
export interface SecurityContext {
  privileged?: boolean;
  runAsUser?: number;
  runAsGroup?: number;
  readOnlyRootFilesystem?: boolean;
  capabilities?: { add?: string[]; drop?: string[] };
}

/**
 * ContainerConfig describes a container. command and args follow Kubernetes: command replaces the
 * image's ENTRYPOINT and args its CMD; the runtime applies the image's values for what is absent.
 */
export interface ContainerConfig {
  name: string;
  /** the restart count: 0 for the first container of this name in the pod */
  attempt: number;
  image: string;
  command?: string[];
  args?: string[];
  workingDir?: string;
  env?: EnvVar[];
  mounts?: Mount[];
  labels: Record<string, string>;
  annotations: Record<string, string>;
  /** the log file, relative to the sandbox's logDirectory (e.g. "app/0.log") */
  logPath: string;
  resources?: Resources;
  security?: SecurityContext;
}

/** ContainerStatus is everything the kubelet needs to decide about a container, restarts included. */
export interface ContainerStatus {
  id: string;
  sandboxId: string;
  name: string;
  attempt: number;
  image: string;
  /** the image the container really runs (an ID or digest) */
  imageRef: string;
  state: ContainerState;
  createdAt: number;
  startedAt?: number;
  finishedAt?: number;
  /** set once the container has exited; 128+N when a signal N ended it */
  exitCode?: number;
  /** 'Completed', 'Error', 'OOMKilled', ... when exited; '' otherwise */
  reason: string;
  message: string;
  labels: Record<string, string>;
  annotations: Record<string, string>;
  /** absolute path of the container's CRI-format log file ('' when it has none) */
  logPath: string;
  /** host PID of the container's main process while it runs, when the runtime has one */
  pid?: number;
}

/** ContainerFilter narrows listContainers; all given fields must match. */
export interface ContainerFilter {
  sandboxId?: string;
  labels?: Record<string, string>;
}

/** ExecResult is the outcome of a command run to completion in a container. */
export interface ExecResult {
  stdout: string;
  stderr: string;
  exitCode: number;
}

/** Image is one image the node has. */
export interface Image {
  id: string;
  repoTags: string[];
  repoDigests: string[];
  size: number;
}

/** PullProgress is reported while an image is pulled; pulls can take minutes. */
export interface PullProgress {
  image: string;
  phase: 'started' | 'pulling' | 'done';
  elapsedMs: number;
}

/** RuntimeErrorCode is the stable part of a runtime failure, for callers to branch on. */
export type RuntimeErrorCode = 'NotFound' | 'InvalidArgument' | 'ImagePullFailed' | 'Timeout' | 'Unavailable' | 'Internal';

/** RuntimeError is every failure a Runtime reports. */
export class RuntimeError extends Error {
  override name = 'RuntimeError';
  constructor(readonly code: RuntimeErrorCode, message: string) {
    super(message);
  }
}

/** RuntimeService runs sandboxes and containers. */
export interface RuntimeService {
  version(): Promise<VersionInfo>;
  status(): Promise<RuntimeStatus>;
  /** runPodSandbox starts a pod's sandbox and returns it ready, with its IP */
  runPodSandbox(config: PodSandboxConfig): Promise<{ id: string; ip: string }>;
  /** stopPodSandbox kills the sandbox's containers at once and frees its network; idempotent */
  stopPodSandbox(id: string): Promise<void>;
  /** removePodSandbox removes a sandbox and its containers; idempotent */
  removePodSandbox(id: string): Promise<void>;
  podSandboxStatus(id: string): Promise<PodSandboxStatus>;
  listPodSandboxes(): Promise<PodSandbox[]>;
  createContainer(sandboxId: string, config: ContainerConfig, sandboxConfig: PodSandboxConfig): Promise<string>;
  startContainer(id: string): Promise<void>;
  /** stopContainer sends SIGTERM, then SIGKILL after timeoutSeconds; it returns once the container exited; idempotent */
  stopContainer(id: string, timeoutSeconds: number): Promise<void>;
  /** removeContainer removes a container, killing it if it runs; idempotent */
  removeContainer(id: string): Promise<void>;
  listContainers(filter?: ContainerFilter): Promise<ContainerStatus[]>;
  containerStatus(id: string): Promise<ContainerStatus>;
  /** execSync runs cmd in the container and waits; a non-zero exit is a result, not an error */
  execSync(id: string, cmd: string[], timeoutSeconds: number): Promise<ExecResult>;
  /** logPath is the absolute path of the container's CRI-format log file */
  logPath(id: string): Promise<string>;
}

/** ImageService pulls, lists and removes images. */
export interface ImageService {
  /** pullImage fetches an image and returns its reference on the node */
  pullImage(image: string, onProgress?: (p: PullProgress) => void): Promise<string>;
  listImages(): Promise<Image[]>;
  /** removeImage removes an image; idempotent */
  removeImage(image: string): Promise<void>;
}

/** Runtime is what the kubelet holds: both services, and a close that releases the connection. */
export interface Runtime extends RuntimeService, ImageService {
  close(): Promise<void>;
}

/** matchesLabels tells whether labels hold every key=value of selector. */
export function matchesLabels(labels: Record<string, string>, selector: Record<string, string> | undefined): boolean {
  if (!selector) return true;
  return Object.entries(selector).every(([k, v]) => labels[k] === v);
}
