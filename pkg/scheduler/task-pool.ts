// A bounded pool of asynchronous API writes: at most `concurrency` in flight, the rest waiting in
// order. With maxQueued, work beyond it is dropped (and counted) rather than piling up, as
// client-go's event broadcaster drops events when its queue is full: events must never slow
// scheduling down.

/** TaskPool runs tasks with bounded concurrency. */
export class TaskPool {
  private readonly waiting: Array<() => Promise<void>> = [];
  private active = 0;
  private idleWaiters: Array<() => void> = [];
  private slotWaiters: Array<() => void> = [];
  /** dropped counts tasks refused because the queue was full. */
  dropped = 0;

  constructor(
    private readonly concurrency: number,
    private readonly maxQueued = Infinity,
    private readonly onError: (err: unknown) => void = () => undefined,
  ) {}

  /** submit queues a task; false when it was dropped. */
  submit(task: () => Promise<void>): boolean {
    if (this.active < this.concurrency) {
      this.start(task);
      return true;
    }
    if (this.waiting.length >= this.maxQueued) {
      this.dropped++;
      return false;
    }
    this.waiting.push(task);
    return true;
  }

  /** busy tells whether every slot is taken. */
  busy(): boolean {
    return this.active >= this.concurrency;
  }

  /** inFlight counts running tasks. */
  inFlight(): number {
    return this.active;
  }

  /** whenFree resolves once a slot is free (at once if one is): the caller's backpressure. */
  whenFree(): Promise<void> {
    if (!this.busy()) return Promise.resolve();
    return new Promise((resolve) => this.slotWaiters.push(resolve));
  }

  /** idle resolves once nothing is running or waiting. */
  idle(): Promise<void> {
    if (this.active === 0 && this.waiting.length === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  private start(task: () => Promise<void>): void {
    this.active++;
    task()
      .catch((err: unknown) => this.onError(err))
      .finally(() => {
        this.active--;
        const next = this.waiting.shift();
        if (next) this.start(next);
        else if (this.active === 0) for (const w of this.idleWaiters.splice(0)) w();
        if (!this.busy()) for (const w of this.slotWaiters.splice(0)) w();
      });
  }
}
