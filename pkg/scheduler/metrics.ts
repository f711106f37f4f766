// kube-scheduler's metrics, under its names, labels and buckets, so dashboards made for it work.
import { Counter, Gauge, Histogram, type Registry } from 'prom-client';
import type { PendingCounts } from './queue.js';

/** AttemptResult is the result label of an attempt. */
export type AttemptResult = 'scheduled' | 'unschedulable' | 'error';

/** SchedulerMetrics are the scheduler's instruments in one registry. */
export interface SchedulerMetrics {
  attempts: Counter<'result' | 'profile'>;
  attemptDuration: Histogram<'result' | 'profile'>;
  pending: Gauge<'queue'>;
  podSchedulingDuration: Histogram<'attempts'>;
  podSchedulingAttempts: Histogram;
  /** pendingSource is read when the registry is scraped. */
  pendingSource: () => PendingCounts | undefined;
}

const exponential = (start: number, factor: number, count: number): number[] => Array.from({ length: count }, (_, i) => start * factor ** i);

// One set per registry: a registry refuses a second metric of the same name, and a scheduler that
// loses and regains leadership, or two in one test process, must not trip over that.
const byRegistry = new WeakMap<Registry, SchedulerMetrics>();

/** schedulerMetrics registers (once) and returns the metrics of registry. */
export function schedulerMetrics(registry: Registry): SchedulerMetrics {
  const have = byRegistry.get(registry);
  if (have) return have;
  const registers = [registry];
  const m: SchedulerMetrics = {
    pendingSource: () => undefined,
    attempts: new Counter({
      name: 'scheduler_schedule_attempts_total',
      help: "Number of attempts to schedule pods, by the result. 'unschedulable' means a pod could not be scheduled, while 'error' means an internal scheduler problem.",
      labelNames: ['result', 'profile'],
      registers,
    }),
    attemptDuration: new Histogram({
      name: 'scheduler_scheduling_attempt_duration_seconds',
      help: 'Scheduling attempt latency in seconds (scheduling algorithm + binding)',
      labelNames: ['result', 'profile'],
      buckets: exponential(0.001, 2, 15),
      registers,
    }),
    pending: new Gauge({
      name: 'scheduler_pending_pods',
      help: "Number of pending pods, by the queue type. 'active' means number of pods in activeQ; 'backoff' means number of pods in backoffQ; 'unschedulable' means number of pods in unschedulablePods that the scheduler attempted to schedule and failed; 'gated' is the number of unschedulable pods that the scheduler never attempted to schedule because they are gated.",
      labelNames: ['queue'],
      registers,
      collect() {
        const c = m.pendingSource();
        if (!c) return;
        for (const queue of ['active', 'backoff', 'unschedulable', 'gated'] as const) this.set({ queue }, c[queue]);
      },
    }),
    podSchedulingDuration: new Histogram({
      name: 'scheduler_pod_scheduling_duration_seconds',
      help: 'E2e latency for a pod being scheduled which may include multiple scheduling attempts.',
      labelNames: ['attempts'],
      buckets: exponential(0.01, 2, 20),
      registers,
    }),
    podSchedulingAttempts: new Histogram({
      name: 'scheduler_pod_scheduling_attempts',
      help: 'Number of attempts to successfully schedule a pod.',
      buckets: exponential(1, 2, 5),
      registers,
    }),
  };
  byRegistry.set(registry, m);
  return m;
}
