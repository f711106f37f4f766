// client-go's flowcontrol.Backoff, which the kubelet uses for crash loops and image pulls: a delay
// per key that starts at `initial`, doubles on every retry up to `max`, and starts over once the
// key has been quiet for twice `max` (a container that ran 10 minutes is no longer crash-looping).

interface Entry {
  delayMs: number;
  lastUpdate: number;
}

/** Backoff keeps one retry delay per key. */
export class Backoff {
  private readonly entries = new Map<string, Entry>();

  constructor(
    readonly initialMs: number,
    readonly maxMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** get is the key's current delay (0 when it has none). */
  get(key: string): number {
    return this.entries.get(key)?.delayMs ?? 0;
  }

  /**
   * isInBackOffSince tells whether eventTime (e.g. a container's finish) is still within the key's
   * delay: the caller must wait until eventTime + get(key).
   */
  isInBackOffSince(key: string, eventTime: number): boolean {
    const e = this.entries.get(key);
    if (!e || this.expired(eventTime, e)) return false;
    return this.now() - eventTime < e.delayMs;
  }

  /** isInBackOffSinceUpdate tells whether the key's last retry was less than its delay ago. */
  isInBackOffSinceUpdate(key: string): boolean {
    const e = this.entries.get(key);
    if (!e) return false;
    const now = this.now();
    if (this.expired(now, e)) return false;
    return now - e.lastUpdate < e.delayMs;
  }

  /** retryAt is when a key in backoff since eventTime may retry. */
  retryAt(key: string, eventTime: number): number {
    return eventTime + this.get(key);
  }

  /** next records a retry at eventTime: the first sets the initial delay, later ones double it. */
  next(key: string, eventTime: number): void {
    const e = this.entries.get(key);
    if (!e || this.expired(eventTime, e)) this.entries.set(key, { delayMs: this.initialMs, lastUpdate: this.now() });
    else this.entries.set(key, { delayMs: Math.min(e.delayMs * 2, this.maxMs), lastUpdate: this.now() });
  }

  /** lastUpdate is when next was last called for key. */
  lastUpdate(key: string): number | undefined {
    return this.entries.get(key)?.lastUpdate;
  }

  /** reset forgets a key. */
  reset(key: string): void {
    this.entries.delete(key);
  }

  /** forgetPrefix drops every key starting with prefix (a pod's containers once the pod is gone). */
  forgetPrefix(prefix: string): void {
    for (const k of this.entries.keys()) if (k.startsWith(prefix)) this.entries.delete(k);
  }

  /** gc drops entries quiet for longer than twice the maximum delay. */
  gc(): void {
    const now = this.now();
    for (const [k, e] of this.entries) if (this.expired(now, e)) this.entries.delete(k);
  }

  private expired(eventTime: number, e: Entry): boolean {
    return eventTime - e.lastUpdate > 2 * this.maxMs;
  }
}
