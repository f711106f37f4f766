// The kubelet's Prometheus metrics, named as the real kubelet names them. Hollow kubelets of one
// process share one set: the gauges sum what every kubelet's last relist saw.
import { Counter, Gauge, Histogram, type Registry } from 'prom-client';
import type { ContainerState } from './runtime/interface.js';

/** RelistCounts is what one kubelet's last relist saw. */
export interface RelistCounts {
  runningPods: number;
  containers: Record<ContainerState, number>;
}

/** KubeletMetrics are the metrics every kubelet of a process feeds. */
export class KubeletMetrics {
  readonly podStartDuration: Histogram;
  readonly startedContainers: Counter<'container_type'>;
  readonly startedPods: Counter;
  readonly containerRestarts: Counter;
  readonly relistDuration: Histogram;
  readonly imagePull: Histogram;
  readonly nodeName: Gauge<'node'>;
  private readonly sources = new Set<() => RelistCounts>();

  private constructor(registry: Registry) {
    const registers = [registry];
    const sources = this.sources;
    new Gauge({
      name: 'kubelet_running_pods', help: 'Number of pods that have a running pod sandbox', registers,
      collect() {
        let n = 0;
        for (const s of sources) n += s().runningPods;
        this.set(n);
      },
    });
    new Gauge({
      name: 'kubelet_running_containers', help: 'Number of containers currently running', labelNames: ['container_state'], registers,
      collect() {
        const sum: Record<string, number> = { created: 0, running: 0, exited: 0, unknown: 0 };
        for (const s of sources) for (const [k, v] of Object.entries(s().containers)) sum[k] = (sum[k] ?? 0) + v;
        for (const [k, v] of Object.entries(sum)) this.set({ container_state: k }, v);
      },
    });
    this.podStartDuration = new Histogram({
      name: 'kubelet_pod_start_duration_seconds', help: 'Duration in seconds from kubelet seeing a pod for the first time to the pod starting to run', registers,
      buckets: [0.1, 0.25, 0.5, 1, 2, 3, 4, 5, 6, 8, 10, 20, 30, 45, 60, 120, 180, 240, 300, 360, 480, 600, 900, 1200, 1800, 2700, 3600],
    });
    this.startedContainers = new Counter({ name: 'kubelet_started_containers_total', help: 'Cumulative number of containers started', labelNames: ['container_type'], registers });
    this.startedPods = new Counter({ name: 'kubelet_started_pods_total', help: 'Cumulative number of pods started', registers });
    this.containerRestarts = new Counter({ name: 'kubelet_container_restarts_total', help: 'Cumulative number of container restarts (a container started again after it exited)', registers });
    this.relistDuration = new Histogram({
      name: 'kubelet_pleg_relist_duration_seconds', help: 'Duration in seconds for relisting pods in PLEG', registers,
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    });
    this.imagePull = new Histogram({
      name: 'kubelet_image_pull_duration_seconds', help: 'Duration in seconds to pull an image', registers,
      buckets: [0.1, 0.5, 1, 5, 10, 30, 60, 120, 300, 600],
    });
    this.nodeName = new Gauge({ name: 'kubelet_node_name', help: 'The node\'s name. The count is always 1.', labelNames: ['node'], registers });
  }

  /** addSource counts a kubelet in the gauges; the returned function takes it out again. */
  addSource(counts: () => RelistCounts): () => void {
    this.sources.add(counts);
    return () => this.sources.delete(counts);
  }

  /** for returns the metrics of a registry, made once per registry. */
  static for(registry: Registry): KubeletMetrics {
    let m = byRegistry.get(registry);
    if (!m) byRegistry.set(registry, (m = new KubeletMetrics(registry)));
    return m;
  }
}

const byRegistry = new WeakMap<Registry, KubeletMetrics>();
