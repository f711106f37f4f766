// client-go's rate-limited work queue. Handlers add keys, workers get() them, sync, and call done().
// A key is never in the queue twice and never handed to two workers at once: added while queued it
// is dropped, added while being processed it is queued again after done(). So a burst of events
// for one object costs one sync, and a sync always reads the latest cache state.
import { Counter, Gauge, Histogram, type Registry } from 'prom-client';

/** WorkQueueOptions tune a queue; metrics are kept only when a registry is given. */
export interface WorkQueueOptions {
  /** name is the `name` label of the metrics. */
  name?: string;
  /** registry receives client-go's workqueue_* metrics (never the global registry). */
  registry?: Registry;
  /** baseDelayMs is the first addRateLimited delay (default 5 ms), doubled per requeue of the key. */
  baseDelayMs?: number;
  /** maxDelayMs caps addRateLimited delays (default 1000 s). */
  maxDelayMs?: number;
}

interface Metrics {
  depth: Gauge<'name'>;
  adds: Counter<'name'>;
  retries: Counter<'name'>;
  work: Histogram<'name'>;
  latency: Histogram<'name'>;
}

// client-go's buckets: 10 ns to 10 s, ×10 apart.
const BUCKETS = [1e-8, 1e-7, 1e-6, 1e-5, 1e-4, 1e-3, 1e-2, 1e-1, 1, 10];
// Queues of a process share one registry; each metric may be registered there only once.
const metricsByRegistry = new WeakMap<Registry, Metrics>();

function metricsFor(registry: Registry): Metrics {
  let m = metricsByRegistry.get(registry);
  if (m) return m;
  const registers = [registry];
  const labelNames = ['name'] as const;
  m = {
    depth: new Gauge({ name: 'workqueue_depth', help: 'Current depth of workqueue', labelNames, registers }),
    adds: new Counter({ name: 'workqueue_adds_total', help: 'Total number of adds handled by workqueue', labelNames, registers }),
    retries: new Counter({ name: 'workqueue_retries_total', help: 'Total number of retries handled by workqueue', labelNames, registers }),
    work: new Histogram({ name: 'workqueue_work_duration_seconds', help: 'How long in seconds processing an item from workqueue takes.', labelNames, buckets: BUCKETS, registers }),
    latency: new Histogram({ name: 'workqueue_queue_duration_seconds', help: 'How long in seconds an item stays in workqueue before being requested.', labelNames, buckets: BUCKETS, registers }),
  };
  metricsByRegistry.set(registry, m);
  return m;
}

/** WorkQueue is a deduplicating FIFO with delayed and rate-limited adds. */
export class WorkQueue<T = string> {
  // FIFO as an array and a read index: shift() would copy the whole array per get().
  private queue: T[] = [];
  private head = 0;
  private readonly dirty = new Set<T>();
  private readonly processing = new Set<T>();
  private readonly waiters: Array<(item: T | undefined) => void> = [];
  private shutting = false;
  private drained: Array<() => void> = [];
  // Delayed adds: a min-heap of entries, and the earliest ready time per item (an item waiting
  // twice keeps the earlier time; heap entries that lost to an earlier one are skipped).
  private heap: Array<{ item: T; at: number; seq: number }> = [];
  private readonly readyAt = new Map<T, number>();
  private seq = 0;
  private timer: NodeJS.Timeout | undefined;
  private timerAt = Infinity;
  private readonly failures = new Map<T, number>();
  private readonly addedAt = new Map<T, number>();
  private readonly startedAt = new Map<T, number>();
  private readonly metrics: Metrics | undefined;
  private readonly labels: { name: string };
  private readonly baseDelayMs: number;
  private readonly maxDelayMs: number;

  constructor(opts: WorkQueueOptions = {}) {
    this.metrics = opts.registry ? metricsFor(opts.registry) : undefined;
    this.labels = { name: opts.name ?? '' };
    this.baseDelayMs = opts.baseDelayMs ?? 5;
    this.maxDelayMs = opts.maxDelayMs ?? 1_000_000;
  }

  /** add queues item unless it is already queued; an item being processed is queued again after done(). */
  add(item: T): void {
    if (this.shutting || this.dirty.has(item)) return;
    this.metrics?.adds.inc(this.labels);
    this.dirty.add(item);
    if (this.processing.has(item)) return;
    this.push(item);
  }

  /** len is the number of items waiting to be handed out (not the delayed ones). */
  len(): number {
    return this.queue.length - this.head;
  }

  /** get resolves to the next item, marking it processing; undefined once shut down and empty. */
  get(): Promise<T | undefined> {
    if (this.len() > 0) return Promise.resolve(this.take());
    if (this.shutting) return Promise.resolve(undefined);
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  /** done ends processing of item; if it was added meanwhile, it is queued again. */
  done(item: T): void {
    if (!this.processing.delete(item)) return;
    const started = this.startedAt.get(item);
    this.startedAt.delete(item);
    if (started !== undefined) this.metrics?.work.observe(this.labels, (performance.now() - started) / 1000);
    if (this.dirty.has(item)) this.push(item);
    this.checkDrained();
  }

  /** addAfter adds item once ms have passed (at once when ms ≤ 0). */
  addAfter(item: T, ms: number): void {
    if (this.shutting) return;
    this.metrics?.retries.inc(this.labels);
    if (ms <= 0) return this.add(item);
    const at = performance.now() + ms;
    const cur = this.readyAt.get(item);
    if (cur !== undefined && cur <= at) return;
    this.readyAt.set(item, at);
    heapPush(this.heap, { item, at, seq: this.seq++ });
    this.arm();
  }

  /** addRateLimited adds item after its backoff: baseDelay·2^requeues, capped at maxDelay. */
  addRateLimited(item: T): void {
    const n = this.failures.get(item) ?? 0;
    this.failures.set(item, n + 1);
    this.addAfter(item, Math.min(this.baseDelayMs * 2 ** n, this.maxDelayMs));
  }

  /** forget clears item's backoff: call it when a sync succeeded. */
  forget(item: T): void {
    this.failures.delete(item);
  }

  /** numRequeues is how many rate-limited adds item had since it was last forgotten. */
  numRequeues(item: T): number {
    return this.failures.get(item) ?? 0;
  }

  /** shutDown stops accepting adds; get() hands out what is queued, then resolves undefined. */
  shutDown(): void {
    if (this.shutting) return;
    this.shutting = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.heap = [];
    this.readyAt.clear();
    // Waiters exist only when the queue is empty: tell every worker to stop.
    for (const w of this.waiters.splice(0)) w(undefined);
    this.checkDrained();
  }

  /** shutDownWithDrain shuts down and resolves once every queued and in-flight item is done. */
  shutDownWithDrain(): Promise<void> {
    const p = new Promise<void>((resolve) => this.drained.push(resolve));
    this.shutDown();
    this.checkDrained();
    return p;
  }

  /** shuttingDown tells whether shutDown was called. */
  shuttingDown(): boolean {
    return this.shutting;
  }

  private push(item: T): void {
    this.queue.push(item);
    if (!this.addedAt.has(item)) this.addedAt.set(item, performance.now());
    this.metrics?.depth.inc(this.labels);
    const w = this.waiters.shift();
    if (w) w(this.take());
  }

  private take(): T {
    const item = this.queue[this.head++] as T;
    if (this.head > 1024 && this.head * 2 > this.queue.length) {
      this.queue = this.queue.slice(this.head);
      this.head = 0;
    }
    this.metrics?.depth.dec(this.labels);
    this.dirty.delete(item);
    this.processing.add(item);
    const now = performance.now();
    const added = this.addedAt.get(item);
    this.addedAt.delete(item);
    if (added !== undefined) this.metrics?.latency.observe(this.labels, (now - added) / 1000);
    this.startedAt.set(item, now);
    return item;
  }

  private arm(): void {
    const next = this.heap[0];
    if (!next || next.at >= this.timerAt) return;
    if (this.timer) clearTimeout(this.timer);
    this.timerAt = next.at;
    this.timer = setTimeout(() => this.fire(), Math.max(0, next.at - performance.now()));
  }

  private fire(): void {
    this.timer = undefined;
    this.timerAt = Infinity;
    const now = performance.now();
    while (this.heap.length > 0 && (this.heap[0] as { at: number }).at <= now) {
      const e = heapPop(this.heap);
      if (this.readyAt.get(e.item) !== e.at) continue; // superseded by an earlier add
      this.readyAt.delete(e.item);
      this.add(e.item);
    }
    this.arm();
  }

  private checkDrained(): void {
    if (!this.shutting || this.len() > 0 || this.processing.size > 0) return;
    for (const d of this.drained.splice(0)) d();
  }
}

type Entry<T> = { item: T; at: number; seq: number };
// Ties break on insertion order, so items due at the same moment come out as they were added.
const before = <T>(a: Entry<T>, b: Entry<T>): boolean => a.at < b.at || (a.at === b.at && a.seq < b.seq);

function heapPush<T>(h: Entry<T>[], e: Entry<T>): void {
  h.push(e);
  for (let i = h.length - 1; i > 0; ) {
    const p = (i - 1) >> 1;
    if (!before(h[i] as Entry<T>, h[p] as Entry<T>)) break;
    [h[i], h[p]] = [h[p] as Entry<T>, h[i] as Entry<T>];
    i = p;
  }
}

function heapPop<T>(h: Entry<T>[]): Entry<T> {
  const top = h[0] as Entry<T>;
  const last = h.pop() as Entry<T>;
  if (h.length === 0) return top;
  h[0] = last;
  for (let i = 0; ; ) {
    const l = 2 * i + 1;
    const r = l + 1;
    let m = i;
    if (l < h.length && before(h[l] as Entry<T>, h[m] as Entry<T>)) m = l;
    if (r < h.length && before(h[r] as Entry<T>, h[m] as Entry<T>)) m = r;
    if (m === i) break;
    [h[i], h[m]] = [h[m] as Entry<T>, h[i] as Entry<T>];
    i = m;
  }
  return top;
}
