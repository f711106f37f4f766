// kube-proxy's BoundedFrequencyRunner: informer events ask for a sync; syncs run one at a time,
// at most once per minInterval (a burst of endpoint changes becomes one sync), and a full sync
// runs at least every maxInterval to repair what was changed from outside. A failed sync is
// retried as a full one (the applied state is then unknown), after minInterval doubling with
// each failure in a row up to maxInterval, so a broken iptables does not flood the log.

/** SyncFn does one sync; full asks it to rewrite everything instead of only what changed. */
export type SyncFn = (full: boolean) => Promise<void>;

/** SyncRunner schedules syncs. */
export class SyncRunner {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private pending = false;
  private fullPending = true;
  private lastStart = -Infinity;
  private lastFull = -Infinity;
  private stopped = false;
  private failures = 0;

  constructor(
    private readonly fn: SyncFn,
    private readonly minIntervalMs: number,
    private readonly maxIntervalMs: number,
    private readonly onError: (err: unknown) => void,
  ) {}

  /** request asks for a sync as soon as minInterval allows. */
  request(full = false): void {
    if (this.stopped) return;
    this.pending = true;
    if (full) this.fullPending = true;
    this.schedule();
  }

  /** stop cancels what is scheduled and resolves once a running sync has finished. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running;
  }

  private schedule(): void {
    if (this.stopped || this.running) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => this.tick(), Math.max(0, this.due() - performance.now()));
  }

  private due(): number {
    const gap = Math.min(this.maxIntervalMs, this.minIntervalMs * 2 ** this.failures);
    return this.pending ? this.lastStart + (this.failures > 0 ? gap : this.minIntervalMs) : this.lastFull + this.maxIntervalMs;
  }

  private tick(): void {
    this.timer = undefined;
    if (this.stopped) return;
    const now = performance.now();
    // Timers count from the event loop's cached clock and can fire a little early under load.
    if (now < this.due()) {
      this.schedule();
      return;
    }
    const full = this.fullPending || now - this.lastFull >= this.maxIntervalMs;
    this.pending = false;
    this.fullPending = false;
    this.lastStart = now;
    this.running = this.fn(full).then(
      () => {
        this.failures = 0;
        if (full) this.lastFull = now;
      },
      (err: unknown) => {
        this.failures++;
        this.onError(err);
        this.pending = true;
        this.fullPending = true;
      },
    ).finally(() => {
      this.running = undefined;
      this.schedule();
    });
  }
}
