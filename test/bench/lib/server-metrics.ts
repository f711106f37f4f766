// What the server says about a benchmark cell, read from its /metrics: its own latency histogram
// for pod creates and its event-loop delay. Comparing them with the client's figures tells time
// spent in the server from time spent queued in the kernel, the client or a busy machine.
import type { ApiClient } from '../../lib/https-client.js';

/** Scrape is one read of the metrics the benchmark uses. */
export interface Scrape {
  /** createBuckets maps a bucket's upper bound (seconds) to its cumulative count. */
  createBuckets: Map<number, number>;
  /** loopDelayMaxMs is the worst event-loop delay since the previous scrape (prom-client resets it). */
  loopDelayMaxMs: number;
  loopDelayP99Ms: number;
}

/** scrape reads /metrics once. */
export async function scrape(client: ApiClient): Promise<Scrape> {
  const r = await client.send('GET', '/metrics', { headers: { Accept: 'text/plain' } });
  if (r.status !== 200) throw new Error(`GET /metrics: ${r.status}`);
  const createBuckets = new Map<number, number>();
  let loopDelayMaxMs = Number.NaN;
  let loopDelayP99Ms = Number.NaN;
  for (const line of r.text.split('\n')) {
    if (line.startsWith('apiserver_request_duration_seconds_bucket{') && line.includes('verb="POST"') && line.includes('resource="pods"') && line.includes('subresource=""')) {
      const le = /le="([^"]+)"/.exec(line)?.[1];
      const value = Number(line.slice(line.lastIndexOf(' ') + 1));
      const bound = le === '+Inf' ? Number.POSITIVE_INFINITY : Number(le);
      createBuckets.set(bound, (createBuckets.get(bound) ?? 0) + value);
    } else if (line.startsWith('nodejs_eventloop_lag_max_seconds ')) loopDelayMaxMs = Number(line.split(' ')[1]) * 1000;
    else if (line.startsWith('nodejs_eventloop_lag_p99_seconds ')) loopDelayP99Ms = Number(line.split(' ')[1]) * 1000;
  }
  return { createBuckets, loopDelayMaxMs, loopDelayP99Ms };
}

/**
 * serverQuantileMs is the upper bound of the histogram bucket holding quantile q of the creates
 * served between two scrapes: "q of creates took at most this long inside the server".
 */
export function serverQuantileMs(before: Scrape, after: Scrape, q: number): number {
  const bounds = [...after.createBuckets.keys()].sort((a, b) => a - b);
  const total = (after.createBuckets.get(Number.POSITIVE_INFINITY) ?? 0) - (before.createBuckets.get(Number.POSITIVE_INFINITY) ?? 0);
  if (total <= 0) return Number.NaN;
  for (const b of bounds) {
    const n = (after.createBuckets.get(b) ?? 0) - (before.createBuckets.get(b) ?? 0);
    if (n >= q * total) return b * 1000;
  }
  return Number.POSITIVE_INFINITY;
}
