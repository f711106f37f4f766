// What a pod sync works with: the per-pod memory the kubelet keeps between syncs, and the
// node-wide services (runtime, API, events, images, backoff) shared by every pod of a kubelet.
import type { Clientset } from '../client/clientset.js';
import type { Logger } from '../util/log.js';
import type { Backoff } from './backoff.js';
import type { ObjectData } from './env.js';
import type { EventSink } from './events.js';
import type { ImageManager } from './images.js';
import type { KubeletMetrics } from './metrics.js';
import type { DnsSettings } from './pod-spec.js';
import type { Waiting } from './pod-status.js';
import type { Runtime } from './runtime/interface.js';
import type { Pod, PodStatus } from './types.js';

/** PodRecord is what the kubelet remembers about one pod (by UID) between syncs. */
export interface PodRecord {
  uid: string;
  /** the pod as the API has it now; undefined once it is gone from the API */
  pod: Pod | undefined;
  /** the last version seen, for the clean-up after it is gone */
  lastPod: Pod | undefined;
  /** when this kubelet first saw the pod (ms), for the start-up duration metric */
  firstSeen: number;
  /** why containers wait, as the last sync decided */
  waiting: Map<string, Waiting>;
  /** the status last written, and the resourceVersion the write produced */
  lastWritten: PodStatus | undefined;
  lastWrittenRv: number;
  /** the pod's sandboxes known to this kubelet, with the IP the runtime gave each */
  sandboxIps: Map<string, string>;
  startReported: boolean;
  /** per container, the exit (finishedAt) whose BackOff event was sent: one event per exit */
  announced: Map<string, number>;
}

/** newPodRecord starts the memory of a pod. */
export function newPodRecord(uid: string, pod: Pod | undefined): PodRecord {
  return {
    uid, pod, lastPod: pod, firstSeen: Date.now(), waiting: new Map(), lastWritten: undefined, lastWrittenRv: 0,
    sandboxIps: new Map(), startReported: false, announced: new Map(),
  };
}

/** SyncContext is what every pod sync of one kubelet shares. */
export interface SyncContext {
  nodeName: string;
  runtime: Runtime;
  /** the runtime's name, the scheme of container IDs in pod status */
  runtimeName: string;
  clientset: Clientset;
  events: EventSink;
  images: ImageManager;
  crashBackoff: Backoff;
  logger: Logger;
  metrics: KubeletMetrics;
  /** pod log directories go under it */
  logRoot: string;
  dns: DnsSettings;
  hostIP: string;
  /** node allocatable: the limits of containers without their own (resourceFieldRef) */
  allocatable: { cpu: number; memory: number };
  /** the kubernetes service's environment variables */
  serviceEnv(): Promise<Record<string, string>>;
  data: ObjectData;
  /** retry delay of a failed step (--pod-sync-retry-period) */
  retryMs: number;
  /** schedule syncs the pod again at atMs */
  schedule(uid: string, atMs: number): void;
}
