// The scheduling loop: pop the next pending pod, place it (filters, scores), assume it onto the
// node in the cache, and bind it through the API in the background while the next pod is being
// placed. A failed bind un-assumes the pod and retries it after its backoff; a pod that fits
// nowhere waits among the unschedulable pods for a cluster change, with a FailedScheduling event
// and its PodScheduled condition saying why.
import type { Clientset } from '../client/clientset.js';
import type { ResourceClient } from '../client/resource-client.js';
import { isApiError } from '../client/rest.js';
import type { Logger } from '../util/log.js';
import { Algorithm } from './algorithm.js';
import { SchedulerCache, type ServiceKeys } from './cache.js';
import { EventRecorder } from './events.js';
import { FitError } from './fit-error.js';
import { fitsOn } from './hints.js';
import type { AttemptResult, SchedulerMetrics } from './metrics.js';
import { podToSchedule, type PodToSchedule } from './pod-info.js';
import { conditionChanged, patchPodScheduled, unschedulableCondition } from './pod-status.js';
import { SchedulingQueue, type QueuedPod } from './queue.js';
import { TaskPool } from './task-pool.js';
import type { Pod } from './types.js';

/** BoundInfo tells a hook about one successful binding. */
export interface BoundInfo {
  key: string;
  node: string;
  /** attemptMs: from pop to the API accepting the binding (scheduling algorithm + binding). */
  attemptMs: number;
  /** e2eMs: from the first attempt to the binding, across attempts. */
  e2eMs: number;
  attempts: number;
}

/** SchedulerHooks let benchmarks and tests observe the scheduler without scraping metrics. */
export interface SchedulerHooks {
  /** onRun is called when scheduling starts (caches synced, leading). */
  onRun?(): void;
  onBound?(info: BoundInfo): void;
}

/** SchedulerConfig is what a Scheduler is built from. */
export interface SchedulerConfig {
  clientset: Clientset;
  logger: Logger;
  metrics: SchedulerMetrics;
  /** profile is the scheduler name: pods naming it in spec.schedulerName are ours. */
  profile: string;
  percentageOfNodesToScore: number;
  podInitialBackoffMs: number;
  podMaxBackoffMs: number;
  podMaxInUnschedulableMs: number;
  /** serviceKeys finds the services selecting a pod, for spreading. */
  serviceKeys?: ServiceKeys;
  /** identity names this instance in events' reportingInstance. */
  identity: string;
  /** bindConcurrency caps bindings in flight (default 64). */
  bindConcurrency?: number;
  hooks?: SchedulerHooks;
}

/** Scheduler binds pending pods to nodes. */
export class Scheduler {
  readonly cache: SchedulerCache;
  readonly queue: SchedulingQueue;
  readonly algorithm: Algorithm;
  readonly events: EventRecorder;
  private readonly binds: TaskPool;
  private readonly statusWrites = new TaskPool(4);
  /** pendingStatus: pods whose PodScheduled=False write is in flight; their binding waits for it. */
  private readonly pendingStatus = new Map<string, Promise<void>>();
  private readonly pods: ResourceClient;

  constructor(private readonly cfg: SchedulerConfig) {
    this.cache = new SchedulerCache(cfg.serviceKeys);
    this.queue = new SchedulingQueue({ initialBackoffMs: cfg.podInitialBackoffMs, maxBackoffMs: cfg.podMaxBackoffMs, maxInUnschedulableMs: cfg.podMaxInUnschedulableMs });
    this.algorithm = new Algorithm(cfg.percentageOfNodesToScore);
    this.pods = cfg.clientset.resource('', 'pods');
    const onError = (err: unknown): void => cfg.logger.warn({ err }, 'writing an event failed');
    this.events = new EventRecorder(cfg.clientset.resource('', 'events'), { component: cfg.profile, instance: cfg.identity, onError });
    this.binds = new TaskPool(cfg.bindConcurrency ?? 64, Infinity, (err) => cfg.logger.error({ err }, 'binding task failed'));
  }

  /** responsible tells whether a pod is pending and ours to place: unassigned, our scheduler name, not going away. */
  responsible(pod: Pod): boolean {
    if (pod.spec?.nodeName || pod.metadata?.deletionTimestamp) return false;
    const phase = pod.status?.phase;
    if (phase === 'Succeeded' || phase === 'Failed') return false;
    return (pod.spec?.schedulerName || 'default-scheduler') === this.cfg.profile;
  }

  /** run schedules until signal aborts (leadership lost, or shutdown), then waits for bindings in flight. */
  async run(signal: AbortSignal): Promise<void> {
    this.cfg.logger.info({ profile: this.cfg.profile, nodes: this.cache.nodeCount(), pending: this.queue.counts() }, 'scheduling');
    this.cfg.hooks?.onRun?.();
    while (!signal.aborted) {
      await this.binds.whenFree();
      const q = await this.queue.pop(signal);
      if (!q) break;
      this.scheduleOne(q);
      // Let the bind just started reach the wire, and watch events and responses be handled,
      // before the next pod: a synchronous run of pods would starve the I/O they depend on.
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
    await this.binds.idle();
    await this.statusWrites.idle();
  }

  /** scheduleOne places one popped pod: assume and start binding, or park it as unschedulable. */
  scheduleOne(q: QueuedPod): void {
    const pod = q.pod;
    if (!this.responsible(pod) || this.cache.has(q.key)) {
      this.queue.done(q.key); // bound or deleted meanwhile
      return;
    }
    const start = performance.now();
    let pts: PodToSchedule;
    let result: ReturnType<Algorithm['schedule']>;
    try {
      pts = podToSchedule(pod);
      pts.spreadKeys = this.cache.spreadKeysOf(pod, pts.spreadKeys);
      pts.spreadGroups = this.cache.spreadGroups(pts.spreadKeys);
      result = this.algorithm.schedule(pts, this.cache.nodeList());
    } catch (err) {
      this.cfg.logger.error({ err, pod: q.key }, 'scheduling attempt failed');
      this.observe('error', start);
      this.queue.requeueAfterError(q);
      return;
    }
    if (result instanceof FitError) {
      this.observe('unschedulable', start);
      const message = result.message();
      this.cfg.logger.debug({ pod: q.key, message }, 'unschedulable');
      this.queue.addUnschedulable(q, result.failedPlugins);
      this.events.failedScheduling(pod, message);
      this.markUnschedulable(q.key, pod, message);
      return;
    }
    const node = result.node.name;
    this.cache.assume(pts, node);
    this.binds.submit(() => this.bind(q, pod, node, start));
  }

  private async bind(q: QueuedPod, pod: Pod, node: string, start: number): Promise<void> {
    const pending = this.pendingStatus.get(q.key);
    if (pending) await pending; // a late PodScheduled=False must not land after the binding
    const m = pod.metadata ?? {};
    try {
      await this.pods.subresource('POST', m.namespace, m.name ?? '', 'binding', {
        apiVersion: 'v1', kind: 'Binding', metadata: { name: m.name, namespace: m.namespace, uid: m.uid }, target: { apiVersion: 'v1', kind: 'Node', name: node },
      });
    } catch (err) {
      const wasAssumed = this.cache.isAssumed(q.key);
      this.cache.forget(q.key);
      this.observe('error', start);
      this.cfg.logger.info({ pod: q.key, node, err: (err as Error).message }, 'binding rejected');
      // What this pod held on the node is free again: others waiting for room may fit now.
      if (wasAssumed) this.queue.moveAll(fitsOn(this.cache.node(node)));
      if (isApiError(err, 'NotFound')) this.queue.done(q.key);
      else {
        this.events.failedScheduling(pod, `Binding rejected: ${(err as Error).message}`);
        this.queue.requeueAfterError(q);
      }
      return;
    }
    const now = performance.now();
    this.observe('scheduled', start, now);
    const e2e = now - (q.firstAttempt ?? start);
    this.cfg.metrics.podSchedulingDuration.observe({ attempts: String(q.attempts) }, e2e / 1000);
    this.cfg.metrics.podSchedulingAttempts.observe(q.attempts);
    this.events.scheduled(pod, node);
    this.queue.done(q.key);
    this.cfg.hooks?.onBound?.({ key: q.key, node, attemptMs: now - start, e2eMs: e2e, attempts: q.attempts });
  }

  private markUnschedulable(key: string, pod: Pod, message: string): void {
    const cond = unschedulableCondition(pod, message);
    if (!conditionChanged(pod, cond)) return;
    const write = new Promise<void>((resolve) => {
      this.statusWrites.submit(async () => {
        try {
          await patchPodScheduled(this.pods, pod, cond);
        } catch (err) {
          if (!isApiError(err, 'NotFound')) this.cfg.logger.warn({ err, pod: key }, 'updating PodScheduled failed');
        } finally {
          resolve();
        }
      });
    });
    this.pendingStatus.set(key, write);
    void write.then(() => {
      if (this.pendingStatus.get(key) === write) this.pendingStatus.delete(key);
    });
  }

  private observe(result: AttemptResult, start: number, now = performance.now()): void {
    const labels = { result, profile: this.cfg.profile };
    this.cfg.metrics.attempts.inc(labels);
    this.cfg.metrics.attemptDuration.observe(labels, (now - start) / 1000);
  }
}
