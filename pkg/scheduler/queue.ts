// The scheduling queue, as kube-scheduler's PriorityQueue: an active heap (higher spec.priority
// first, then older pods), a backoff heap of pods waiting out their retry delay, and the
// unschedulable pods, which are retried only when the cluster changes in a way that may help them
// (the caller's hint says which) — plus a slow safety flush of pods left there too long. Pods
// being scheduled or bound are "in flight": a change that may help one, seen meanwhile, sends it
// to backoff rather than to the unschedulable pods if it fails, so the change is not missed.
import { KeyedHeap } from './heap.js';
import { podKey, type Pod } from './types.js';

/** QueuedPod is a pod in the queue, with its scheduling history. */
export interface QueuedPod {
  key: string;
  pod: Pod;
  priority: number;
  /** created is the creationTimestamp in ms (0 when missing); older pods go first among equals. */
  created: number;
  seq: number;
  attempts: number;
  /** firstAttempt is performance.now() of the first pop, for scheduler_pod_scheduling_duration_seconds. */
  firstAttempt?: number;
  unschedulablePlugins: Set<string>;
  backoffUntil: number;
  unschedulableSince: number;
  /** updatedInFlight: the pod changed, or a cluster change that may help it happened, while it was in flight. */
  updatedInFlight: boolean;
}

/** QueueOptions time the retries; now is injectable for tests. */
export interface QueueOptions {
  initialBackoffMs: number;
  maxBackoffMs: number;
  /** maxInUnschedulableMs: a pod left unschedulable this long is retried anyway. */
  maxInUnschedulableMs: number;
  now?: () => number;
}

/** PendingCounts are the sizes of the sub-queues (scheduler_pending_pods). */
export interface PendingCounts {
  active: number;
  backoff: number;
  unschedulable: number;
  gated: number;
}

const byPriority = (a: QueuedPod, b: QueuedPod): boolean =>
  a.priority !== b.priority ? a.priority > b.priority : a.created !== b.created ? a.created < b.created : a.seq < b.seq;
const byBackoff = (a: QueuedPod, b: QueuedPod): boolean => (a.backoffUntil !== b.backoffUntil ? a.backoffUntil < b.backoffUntil : a.seq < b.seq);

// What a scheduler cares about in an update of a pending pod: not status or bookkeeping.
function schedulingRelevant(a: Pod, b: Pod): boolean {
  return JSON.stringify(a.spec) !== JSON.stringify(b.spec) || JSON.stringify(a.metadata?.labels) !== JSON.stringify(b.metadata?.labels);
}

const gated = (pod: Pod): boolean => (pod.spec?.schedulingGates?.length ?? 0) > 0;

/** SchedulingQueue hands out pending pods in priority order and holds back those that cannot be placed yet. */
export class SchedulingQueue {
  private readonly active = new KeyedHeap<QueuedPod>((q) => q.key, byPriority);
  private readonly backoff = new KeyedHeap<QueuedPod>((q) => q.key, byBackoff);
  private readonly unschedulable = new Map<string, QueuedPod>();
  private readonly gatedPods = new Map<string, QueuedPod>();
  private readonly inFlight = new Map<string, QueuedPod>();
  private readonly waiters: Array<(q: QueuedPod | undefined) => void> = [];
  private seq = 0;
  private backoffTimer: NodeJS.Timeout | undefined;
  private backoffTimerAt = Infinity;
  private readonly flushTimer: NodeJS.Timeout;
  private closed = false;
  private readonly now: () => number;

  constructor(private readonly opts: QueueOptions) {
    this.now = opts.now ?? (() => performance.now());
    const every = Math.max(1000, Math.min(30_000, opts.maxInUnschedulableMs / 2));
    this.flushTimer = setInterval(() => this.flushUnschedulableLeftover(), every);
    this.flushTimer.unref();
  }

  /** add queues a new pending pod (an already known one is updated instead). */
  add(pod: Pod): void {
    const key = podKey(pod);
    if (this.find(key)) return this.update(pod);
    const q: QueuedPod = {
      key, pod, priority: pod.spec?.priority ?? 0, created: Date.parse(pod.metadata?.creationTimestamp ?? '') || 0, seq: this.seq++,
      attempts: 0, unschedulablePlugins: new Set(), backoffUntil: 0, unschedulableSince: 0, updatedInFlight: false,
    };
    if (gated(pod)) this.gatedPods.set(key, q);
    else this.toActive(q);
  }

  /** update takes a new version of a pending pod; a change that may help it leaves the unschedulable pods. */
  update(pod: Pod): void {
    const key = podKey(pod);
    const flying = this.inFlight.get(key);
    if (flying) {
      flying.updatedInFlight ||= schedulingRelevant(flying.pod, pod);
      flying.pod = pod;
      return;
    }
    const g = this.gatedPods.get(key);
    if (g) {
      g.pod = pod;
      if (!gated(pod)) {
        this.gatedPods.delete(key);
        this.toActive(g);
      }
      return;
    }
    const u = this.unschedulable.get(key);
    if (u) {
      const relevant = schedulingRelevant(u.pod, pod);
      u.pod = pod;
      if (relevant) {
        this.unschedulable.delete(key);
        this.toActiveOrBackoff(u);
      }
      return;
    }
    for (const heap of [this.active, this.backoff]) {
      const q = heap.get(key);
      if (!q) continue;
      q.pod = pod;
      q.priority = pod.spec?.priority ?? 0;
      heap.push(q);
      return;
    }
    this.add(pod);
  }

  /** delete forgets a pod wherever it is (it was deleted, bound elsewhere, or handed to another scheduler). */
  delete(key: string): void {
    this.active.delete(key);
    this.backoff.delete(key);
    this.unschedulable.delete(key);
    this.gatedPods.delete(key);
    this.inFlight.delete(key);
    this.armBackoffTimer();
  }

  /** has tells whether the queue knows the pod (queued or in flight). */
  has(key: string): boolean {
    return this.find(key) !== undefined;
  }

  /** pop resolves to the next pod to schedule, which is then in flight; undefined once closed or when signal aborts. */
  pop(signal?: AbortSignal): Promise<QueuedPod | undefined> {
    const q = this.tryPop();
    if (q || this.closed || signal?.aborted) return Promise.resolve(q);
    return new Promise((resolve) => {
      const waiter = (got: QueuedPod | undefined): void => {
        signal?.removeEventListener('abort', onAbort);
        resolve(got);
      };
      // An aborted pop must leave the waiters, or the next pod would be handed to nobody.
      const onAbort = (): void => {
        const i = this.waiters.indexOf(waiter);
        if (i >= 0) this.waiters.splice(i, 1);
        resolve(undefined);
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.waiters.push(waiter);
    });
  }

  /** tryPop is pop without waiting. */
  tryPop(): QueuedPod | undefined {
    const q = this.active.pop();
    return q ? this.fly(q) : undefined;
  }

  /** done ends a pod's flight after it was bound (or dropped). */
  done(key: string): void {
    this.inFlight.delete(key);
  }

  /**
   * addUnschedulable parks a pod that fit nowhere, remembering which filters rejected it. A
   * helpful cluster change seen while it was in flight (or an update of the pod) sends it to
   * backoff instead, as that change may already be what it waits for.
   */
  addUnschedulable(q: QueuedPod, plugins: ReadonlySet<string>): void {
    if (this.inFlight.get(q.key) !== q) return; // deleted or re-added meanwhile
    this.inFlight.delete(q.key);
    q.unschedulablePlugins = new Set(plugins);
    q.backoffUntil = this.now() + this.backoffMs(q.attempts);
    if (q.updatedInFlight) this.toBackoff(q);
    else {
      q.unschedulableSince = this.now();
      this.unschedulable.set(q.key, q);
    }
  }

  /** requeueAfterError retries a pod whose attempt failed for another reason (a failed bind) after its backoff. */
  requeueAfterError(q: QueuedPod): void {
    if (this.inFlight.get(q.key) !== q) return;
    this.inFlight.delete(q.key);
    q.backoffUntil = this.now() + this.backoffMs(q.attempts);
    this.toBackoff(q);
  }

  /** moveAll retries the unschedulable pods a cluster event may help (all of them when no hint is given). */
  moveAll(mayHelp: (q: QueuedPod) => boolean = () => true): number {
    for (const q of this.inFlight.values()) if (!q.updatedInFlight && mayHelp(q)) q.updatedInFlight = true;
    let moved = 0;
    for (const [key, q] of this.unschedulable) {
      if (!mayHelp(q)) continue;
      this.unschedulable.delete(key);
      this.toActiveOrBackoff(q);
      moved++;
    }
    return moved;
  }

  /** counts are the sub-queue sizes. */
  counts(): PendingCounts {
    return { active: this.active.size, backoff: this.backoff.size, unschedulable: this.unschedulable.size, gated: this.gatedPods.size };
  }

  /** inFlightCount is the number of pods being scheduled or bound. */
  inFlightCount(): number {
    return this.inFlight.size;
  }

  /** close wakes every waiting pop with undefined and stops the timers. */
  close(): void {
    this.closed = true;
    clearInterval(this.flushTimer);
    if (this.backoffTimer) clearTimeout(this.backoffTimer);
    for (const w of this.waiters.splice(0)) w(undefined);
  }

  /** backoffMs is the retry delay after attempts: initial, doubled per attempt, capped. */
  backoffMs(attempts: number): number {
    let d = this.opts.initialBackoffMs;
    for (let i = 1; i < attempts; i++) {
      if (d >= this.opts.maxBackoffMs / 2) return this.opts.maxBackoffMs;
      d *= 2;
    }
    return Math.min(d, this.opts.maxBackoffMs);
  }

  /** flushBackoffCompleted moves pods whose backoff has passed to the active queue. */
  flushBackoffCompleted(): void {
    const now = this.now();
    for (let q = this.backoff.peek(); q && q.backoffUntil <= now; q = this.backoff.peek()) {
      this.backoff.pop();
      this.toActive(q);
    }
    this.armBackoffTimer();
  }

  /** flushUnschedulableLeftover retries pods that have been unschedulable longer than maxInUnschedulableMs. */
  flushUnschedulableLeftover(): void {
    const now = this.now();
    for (const [key, q] of this.unschedulable) {
      if (now - q.unschedulableSince < this.opts.maxInUnschedulableMs) continue;
      this.unschedulable.delete(key);
      this.toActiveOrBackoff(q);
    }
  }

  private find(key: string): QueuedPod | undefined {
    return this.inFlight.get(key) ?? this.active.get(key) ?? this.backoff.get(key) ?? this.unschedulable.get(key) ?? this.gatedPods.get(key);
  }

  private fly(q: QueuedPod): QueuedPod {
    q.attempts++;
    q.firstAttempt ??= this.now();
    q.updatedInFlight = false;
    this.inFlight.set(q.key, q);
    return q;
  }

  private toActive(q: QueuedPod): void {
    if (this.closed) return;
    const w = this.waiters.shift();
    if (w) w(this.fly(q));
    else this.active.push(q);
  }

  private toBackoff(q: QueuedPod): void {
    if (this.closed) return;
    this.backoff.push(q);
    this.armBackoffTimer();
  }

  private toActiveOrBackoff(q: QueuedPod): void {
    if (q.backoffUntil > this.now()) this.toBackoff(q);
    else this.toActive(q);
  }

  // One timer for the earliest backoff expiry: pods leave backoff when it passes, not on a tick.
  private armBackoffTimer(): void {
    const next = this.backoff.peek();
    if (!next) {
      if (this.backoffTimer) clearTimeout(this.backoffTimer);
      this.backoffTimer = undefined;
      this.backoffTimerAt = Infinity;
      return;
    }
    if (this.backoffTimer && this.backoffTimerAt <= next.backoffUntil) return;
    if (this.backoffTimer) clearTimeout(this.backoffTimer);
    this.backoffTimerAt = next.backoffUntil;
    this.backoffTimer = setTimeout(() => {
      this.backoffTimer = undefined;
      this.backoffTimerAt = Infinity;
      this.flushBackoffCompleted();
    }, Math.max(0, next.backoffUntil - this.now()));
    this.backoffTimer.unref();
  }
}
