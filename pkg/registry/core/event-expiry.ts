// Events expire after --event-ttl (default 1 h), as they do in Kubernetes (where etcd leases
// drop them). A sweep every tenth of the TTL (at most every minute) deletes the expired ones, so
// event churn cannot grow the store.
import type { KubeObject } from '../../../api/meta/object.js';
import { list } from '../generic/list-watch.js';
import type { Registry } from '../generic/registry.js';

/** lastSeen is when an event last happened: lastTimestamp, eventTime, or creation. */
export function lastSeen(ev: KubeObject): number {
  const e = ev as { lastTimestamp?: string; eventTime?: string; metadata?: { creationTimestamp?: string } };
  const t = Date.parse(e.lastTimestamp ?? e.eventTime ?? e.metadata?.creationTimestamp ?? '');
  return Number.isNaN(t) ? 0 : t;
}

/** sweepExpiredEvents deletes the events last seen before now − ttl; returns how many went. */
export async function sweepExpiredEvents(events: Registry, ttlMs: number, now = Date.now()): Promise<number> {
  const all = await list(events, undefined, { filter: (ev) => lastSeen(ev) < now - ttlMs });
  let removed = 0;
  for (const ev of all.items) {
    await events.delete(ev.metadata?.namespace, ev.metadata?.name ?? '').then(
      () => removed++,
      () => undefined, // gone meanwhile, or changed: the next sweep looks again
    );
  }
  return removed;
}

/** startEventExpiry runs the sweep until signal aborts. */
export function startEventExpiry(events: Registry, ttlMs: number, signal: AbortSignal, onError: (err: unknown) => void): void {
  if (ttlMs <= 0) return;
  const timer = setInterval(() => void sweepExpiredEvents(events, ttlMs).catch(onError), Math.min(Math.max(ttlMs / 10, 100), 60_000));
  timer.unref();
  signal.addEventListener('abort', () => clearInterval(timer), { once: true });
}
