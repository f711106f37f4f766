// Fan-out of committed writes to watchers. Writers never wait for watchers: each watcher has its
// own bounded queue, and one that falls too far behind is cut off with WatchOverflow (the client
// relists) instead of slowing the store or holding memory without bound.
import { StorageError } from '../errors.js';
import type { StoredRecord } from './record.js';

/** Watcher is one registered watch: a prefix and a bounded queue of committed records. */
export class Watcher {
  private queue: StoredRecord[] = [];
  private wake: (() => void) | undefined;
  private error: Error | undefined;
  private ended = false;

  constructor(
    readonly prefix: string,
    /** startRevision: records at or below it are the history reader's job, not the queue's. */
    readonly startRevision: number,
    private readonly limit: number,
  ) {}

  /** push queues a live record, or overflows the watcher when it is too far behind. */
  push(record: StoredRecord): void {
    if (this.ended || this.error) return;
    if (this.queue.length >= this.limit) {
      this.queue = [];
      this.fail(new StorageError('WatchOverflow', `watcher on "${this.prefix}" fell more than ${this.limit} events behind; relist and watch again`));
      return;
    }
    this.queue.push(record);
    this.notify();
  }

  /** fail ends the watcher with an error the consumer sees next. */
  fail(err: Error): void {
    this.error ??= err;
    this.notify();
  }

  /** end stops the watcher quietly (signal aborted, store closed). */
  end(): void {
    this.ended = true;
    this.notify();
  }

  /** take waits for queued records; returns [] once the watcher has ended, throws once it failed. */
  async take(): Promise<StoredRecord[]> {
    for (;;) {
      if (this.error) throw this.error;
      if (this.queue.length > 0) {
        const out = this.queue;
        this.queue = [];
        return out;
      }
      if (this.ended) return [];
      await new Promise<void>((resolve) => (this.wake = resolve));
    }
  }

  private notify(): void {
    const wake = this.wake;
    this.wake = undefined;
    wake?.();
  }
}

/** WatchHub holds the registered watchers and hands each committed batch to the ones it concerns. */
export class WatchHub {
  private watchers = new Set<Watcher>();

  /** add registers a watcher; it receives every record committed from now on under its prefix. */
  add(w: Watcher): void {
    this.watchers.add(w);
  }

  /** remove unregisters a watcher. */
  remove(w: Watcher): void {
    this.watchers.delete(w);
  }

  /** size is the number of registered watchers. */
  get size(): number {
    return this.watchers.size;
  }

  /** publish delivers a committed batch, in revision order. */
  publish(records: StoredRecord[]): void {
    for (const w of this.watchers) {
      for (const r of records) if (r.key.startsWith(w.prefix)) w.push(r);
    }
  }

  /** closeAll ends every watcher (store closing). */
  closeAll(): void {
    for (const w of this.watchers) w.end();
    this.watchers.clear();
  }
}
