// Events about pods, written as kube-scheduler's show up in core/v1: `Scheduled` (Normal) and
// `FailedScheduling` (Warning), from source/reportingComponent `default-scheduler`. A repeat of
// the same event for the same pod updates the first one's count and lastTimestamp, as client-go's
// event correlator does, instead of adding an event per retry. Writing is best-effort and off the
// scheduling path: a bounded pool, dropping what does not fit.
import { rfc3339 } from '../../api/meta/object.js';
import type { ResourceClient } from '../client/resource-client.js';
import { isApiError } from '../client/rest.js';
import { TaskPool } from './task-pool.js';
import type { Pod } from './types.js';

/** EventRecorderOptions name the reporter and bound the writes. */
export interface EventRecorderOptions {
  /** component is source.component and reportingComponent (the scheduler name). */
  component: string;
  /** instance is reportingInstance (component plus host name). */
  instance: string;
  /** concurrency of event writes (default 1: client-go's event sink writes one at a time). */
  concurrency?: number;
  /** maxQueued events waiting to be written; more are dropped (default 1000, client-go's). */
  maxQueued?: number;
  onError?: (err: unknown) => void;
}

interface Aggregate {
  name: string;
  namespace: string;
  count: number;
  writing: boolean;
  dirty: boolean;
  created: boolean;
}

// client-go's correlator keeps 4096 aggregation entries.
const MAX_AGGREGATES = 4096;

/** EventRecorder writes pod events. */
export class EventRecorder {
  private readonly pool: TaskPool;
  /** aggregates: pod uid → (type, reason, message) → the event written for it. */
  private readonly aggregates = new Map<string, Map<string, Aggregate>>();
  private seq = 0;
  /** written counts events created or updated. */
  written = 0;

  constructor(
    private readonly events: ResourceClient,
    private readonly opts: EventRecorderOptions,
  ) {
    this.pool = new TaskPool(opts.concurrency ?? 1, opts.maxQueued ?? 1000, (err) => opts.onError?.(err));
  }

  /** dropped counts events given up because the queue was full. */
  get dropped(): number {
    return this.pool.dropped;
  }

  /** scheduled records a successful binding. */
  scheduled(pod: Pod, node: string): void {
    const m = pod.metadata ?? {};
    // Once a pod is placed its earlier failures cannot repeat; their entries can go.
    this.aggregates.delete(m.uid ?? '');
    this.record(pod, 'Normal', 'Scheduled', 'Binding', `Successfully assigned ${m.namespace ?? ''}/${m.name ?? ''} to ${node}`, false);
  }

  /** failedScheduling records a failed attempt; repeats of the same message aggregate. */
  failedScheduling(pod: Pod, message: string): void {
    this.record(pod, 'Warning', 'FailedScheduling', 'Scheduling', message, true);
  }

  /** idle resolves once every queued event is written (for tests and shutdown). */
  idle(): Promise<void> {
    return this.pool.idle();
  }

  private record(pod: Pod, type: string, reason: string, action: string, message: string, aggregate: boolean): void {
    const m = pod.metadata ?? {};
    const namespace = m.namespace || 'default';
    const fresh: Aggregate = { name: `${m.name ?? 'pod'}.${this.uniqueSuffix()}`, namespace, count: 1, writing: false, dirty: false, created: false };
    if (!aggregate) return this.write(fresh, pod, type, reason, action, message);
    const uid = m.uid ?? '';
    const key = `${type}\u0000${reason}\u0000${message}`;
    let forPod = this.aggregates.get(uid);
    if (!forPod) {
      if (this.aggregates.size >= MAX_AGGREGATES) this.aggregates.delete(this.aggregates.keys().next().value as string);
      this.aggregates.set(uid, (forPod = new Map()));
    }
    const agg = forPod.get(key);
    if (agg) {
      agg.count++;
      if (agg.writing) agg.dirty = true;
      else this.write(agg, pod, type, reason, action, message);
      return;
    }
    forPod.set(key, fresh);
    this.write(fresh, pod, type, reason, action, message);
  }

  private write(agg: Aggregate, pod: Pod, type: string, reason: string, action: string, message: string): void {
    agg.writing = true;
    const ok = this.pool.submit(async () => {
      try {
        const now = rfc3339();
        if (agg.created) {
          try {
            await this.events.patch(agg.namespace, agg.name, { count: agg.count, lastTimestamp: now });
            this.written++;
            return;
          } catch (err) {
            if (!isApiError(err, 'NotFound')) throw err; // expired (--event-ttl): write it anew
          }
        }
        const m = pod.metadata ?? {};
        await this.events.create(agg.namespace, {
          metadata: { name: agg.name, namespace: agg.namespace },
          involvedObject: { kind: 'Pod', apiVersion: 'v1', namespace: m.namespace, name: m.name, uid: m.uid, resourceVersion: m.resourceVersion },
          reason, message, type, action, count: agg.count,
          firstTimestamp: now, lastTimestamp: now,
          source: { component: this.opts.component },
          reportingComponent: this.opts.component, reportingInstance: this.opts.instance,
        });
        agg.created = true;
        this.written++;
      } finally {
        agg.writing = false;
        if (agg.dirty) {
          agg.dirty = false;
          this.write(agg, pod, type, reason, action, message);
        }
      }
    });
    if (!ok) agg.writing = false;
  }

  // client-go names events <object>.<unix nanos in hex>; a counter keeps names unique within a millisecond.
  private uniqueSuffix(): string {
    return (BigInt(Date.now()) * 1_000_000n + BigInt(this.seq++ % 1_000_000)).toString(16);
  }
}
