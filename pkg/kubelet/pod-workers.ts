// One worker per pod, as the kubelet's podWorkers: syncs of one pod never overlap, syncs of
// different pods run side by side (a long image pull or a 30 s termination holds up only its own
// pod), and a pod changed while it syncs is synced once more afterwards with the latest state.
// Level-triggered: a sync always reads the current desired and actual state, so waking a pod
// twice costs one extra sync and nothing else.

type SyncFn = (uid: string, signal: AbortSignal) => Promise<void>;

interface Worker {
  dirty: boolean;
  running: boolean;
  timer: NodeJS.Timeout | undefined;
  timerAt: number;
  abort: AbortController | undefined;
}

/** PodWorkers runs syncs per pod UID. */
export class PodWorkers {
  private readonly workers = new Map<string, Worker>();
  private stopped = false;
  private readonly idle = new Set<() => void>();

  constructor(
    private readonly sync: SyncFn,
    /** onError hears a failed sync; it returns the delay before the pod is tried again */
    private readonly onError: (uid: string, err: unknown) => number,
  ) {}

  /** enqueue syncs a pod now (or right after its running sync). */
  enqueue(uid: string): void {
    if (this.stopped) return;
    const w = this.worker(uid);
    w.dirty = true;
    if (!w.running) void this.loop(uid, w);
  }

  /** enqueueAt syncs a pod at time atMs (epoch ms); an earlier pending time wins. */
  enqueueAt(uid: string, atMs: number): void {
    if (this.stopped) return;
    const w = this.worker(uid);
    if (w.timer && w.timerAt <= atMs) return;
    if (w.timer) clearTimeout(w.timer);
    w.timerAt = atMs;
    w.timer = setTimeout(() => {
      w.timer = undefined;
      w.timerAt = Infinity;
      this.enqueue(uid);
    }, Math.max(0, atMs - Date.now()));
  }

  /** interrupt aborts a pod's running sync (its pod is being deleted: stop pulling, start nothing). */
  interrupt(uid: string): void {
    this.workers.get(uid)?.abort?.abort();
  }

  /** busy tells whether any pod is syncing or waiting to. */
  busy(): boolean {
    for (const w of this.workers.values()) if (w.running || w.dirty) return true;
    return false;
  }

  /** whenIdle resolves once no sync runs or is queued (timers do not count). */
  whenIdle(): Promise<void> {
    if (!this.busy()) return Promise.resolve();
    return new Promise((resolve) => this.idle.add(resolve));
  }

  /** stop ends all scheduling: running syncs are interrupted, timers dropped. */
  stop(): void {
    this.stopped = true;
    for (const w of this.workers.values()) {
      if (w.timer) clearTimeout(w.timer);
      w.abort?.abort();
    }
  }

  private worker(uid: string): Worker {
    let w = this.workers.get(uid);
    if (!w) this.workers.set(uid, (w = { dirty: false, running: false, timer: undefined, timerAt: Infinity, abort: undefined }));
    return w;
  }

  private async loop(uid: string, w: Worker): Promise<void> {
    w.running = true;
    while (w.dirty && !this.stopped) {
      w.dirty = false;
      w.abort = new AbortController();
      try {
        await this.sync(uid, w.abort.signal);
      } catch (err) {
        if (!this.stopped) this.enqueueAt(uid, Date.now() + this.onError(uid, err));
      }
      w.abort = undefined;
    }
    w.running = false;
    // A pod with nothing pending needs no worker record: hollow nodes keep thousands of pods.
    if (!w.timer && !w.dirty) this.workers.delete(uid);
    if (!this.busy()) for (const r of [...this.idle]) {
      this.idle.delete(r);
      r();
    }
  }
}
