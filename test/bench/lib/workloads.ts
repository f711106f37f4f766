// The benchmark's workloads, run identically against any BenchTarget. Every loop stops on a
// deadline and a count cap, and every cell has a watchdog, so a stuck store fails the run instead
// of hanging it.
import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { summarize, type Summary } from './stats.js';
import type { BenchTarget } from './targets.js';

export const VALUE_BYTES = 1024;

// Distinct random values: identical neighbours would let LevelDB's block compression shrink its
// files, which etcd (no compression) cannot match, and that would flatter our store.
const POOL = Array.from({ length: 4096 }, () => new Uint8Array(randomBytes(VALUE_BYTES)));
const valueFor = (n: number): Uint8Array => POOL[n % POOL.length] as Uint8Array;

/** bounded rejects when work outlives its allowance, naming what hung. */
async function bounded<T>(work: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not finish within ${ms / 1000} s`)), ms);
  });
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** Keys hands out distinct key names across cells, so that every write is a real create. */
export class Keys {
  private next = 0;
  constructor(private readonly prefix: string) {}
  take(): string {
    return `${this.prefix}pod-${this.next++}`;
  }
  get used(): number {
    return this.next;
  }
}

/** writeCell runs `writers` closed-loop writers creating keys for `seconds`; latencies in ms. */
export async function writeCell(target: BenchTarget, keys: Keys, writers: number, seconds: number, maxWrites = 2_000_000): Promise<Summary> {
  const latencies: number[] = [];
  const start = performance.now();
  const end = start + seconds * 1000;
  const writer = async (): Promise<void> => {
    while (performance.now() < end && latencies.length < maxWrites) {
      const n = keys.used;
      const t0 = performance.now();
      await target.create(keys.take(), valueFor(n));
      latencies.push(performance.now() - t0);
    }
  };
  const all = Promise.all(Array.from({ length: writers }, writer));
  await bounded(all, seconds * 1000 + 30_000, `${target.name} write cell (${writers} writers)`);
  // Writes in flight at the deadline still finish and count, so the elapsed time covers them too.
  return summarize(latencies, (performance.now() - start) / 1000);
}

/** WatchSummary adds delivery completeness to the latency summary. */
export interface WatchSummary extends Summary {
  delivered: number;
  expected: number;
}

/**
 * watchCell opens `watchers` watches on one prefix, then writes `rate` keys a second for `seconds`
 * under it, open loop (the schedule does not wait on the store), each value stamped with the time
 * its write started. Latency is receive time minus that stamp, per event per watcher.
 */
export async function watchCell(target: BenchTarget, prefix: string, watchers: number, rate: number, seconds: number): Promise<WatchSummary> {
  const latencies: number[] = [];
  const onValue = (v: Uint8Array): void => {
    const sent = new DataView(v.buffer, v.byteOffset, v.byteLength).getFloat64(0, true);
    latencies.push(performance.now() - sent);
  };
  const stops = await bounded(
    Promise.all(Array.from({ length: watchers }, () => target.watch(prefix, onValue))),
    30_000,
    `${target.name}: opening ${watchers} watchers`,
  );
  const total = Math.round(rate * seconds);
  const expected = total * watchers;
  try {
    const writes: Promise<void>[] = [];
    const start = performance.now();
    for (let i = 0; i < total; i++) {
      const due = start + (i * 1000) / rate;
      const wait = due - performance.now();
      if (wait > 0) await sleep(wait);
      const value = new Uint8Array(valueFor(i)); // a copy: the stamp must not touch the shared pool
      new DataView(value.buffer).setFloat64(0, performance.now(), true);
      writes.push(target.create(`${prefix}pod-${i}`, value));
    }
    await bounded(Promise.all(writes), 30_000, `${target.name}: watch-cell writes`);
    const writeSeconds = (performance.now() - start) / 1000;
    // Delivery trails the writes a little; give it a bounded while to drain.
    const drainEnd = performance.now() + 10_000;
    while (latencies.length < expected && performance.now() < drainEnd) await sleep(10);
    const delivered = latencies.length;
    const summary = summarize(latencies, writeSeconds);
    return { ...summary, perSecond: total / writeSeconds, delivered, expected };
  } finally {
    await bounded(Promise.all(stops.map((stop) => stop())), 30_000, `${target.name}: closing watchers`);
  }
}
