// Leader election through a coordination.k8s.io/v1 Lease, as client-go's leaderelection does:
// a candidate takes the Lease when it is free or expired, the leader renews it every retry
// period, and a leader that cannot renew within the renew deadline steps down (and stops its
// work) before anyone else may take over, so two leaders never act at once.
import { hostname } from 'node:os';
import { randomBytes } from 'node:crypto';
import type { KubeObject } from '../../api/meta/object.js';
import type { Clientset } from './clientset.js';
import { isApiError, sleep } from './rest.js';

/** LeaderElectionOptions configure one election. */
export interface LeaderElectionOptions {
  namespace: string;
  name: string;
  /** identity names this candidate (default: hostname plus a random suffix). */
  identity?: string;
  leaseDurationMs: number;
  renewDeadlineMs: number;
  retryPeriodMs: number;
}

interface LeaseSpec {
  holderIdentity?: string;
  leaseDurationSeconds?: number;
  acquireTime?: string;
  renewTime?: string;
  leaseTransitions?: number;
}

const microTime = (d = new Date()): string => d.toISOString().replace('Z', '000Z');

/** runLeaderElected runs lead(signal) while this candidate holds the Lease; resolves when signal aborts. */
export async function runLeaderElected(cs: Clientset, opts: LeaderElectionOptions, signal: AbortSignal, lead: (leading: AbortSignal) => Promise<void>, onChange: (leading: boolean) => void = () => undefined): Promise<void> {
  const identity = opts.identity ?? `${hostname()}_${randomBytes(4).toString('hex')}`;
  const leases = cs.resource('coordination.k8s.io', 'leases');
  while (!signal.aborted) {
    if (!(await tryAcquireOrRenew(leases, opts, identity))) {
      await sleep(opts.retryPeriodMs, signal);
      continue;
    }
    // Shutdown may have begun while the Lease was being taken: an abort listener added now would
    // never fire, so give the Lease back instead of leading.
    if (signal.aborted) {
      await release(leases, opts, identity);
      break;
    }
    onChange(true);
    const leading = new AbortController();
    const onAbort = (): void => leading.abort();
    signal.addEventListener('abort', onAbort, { once: true });
    const work = lead(leading.signal).catch(() => undefined);
    let lastRenew = Date.now();
    while (!leading.signal.aborted) {
      await sleep(opts.retryPeriodMs, leading.signal);
      if (leading.signal.aborted) break;
      if (await tryAcquireOrRenew(leases, opts, identity)) lastRenew = Date.now();
      else if (Date.now() - lastRenew > opts.renewDeadlineMs) leading.abort(); // lost it: stop acting
    }
    signal.removeEventListener('abort', onAbort);
    await work;
    onChange(false);
    if (signal.aborted) await release(leases, opts, identity);
  }
}

async function tryAcquireOrRenew(leases: ReturnType<Clientset['resource']>, opts: LeaderElectionOptions, identity: string): Promise<boolean> {
  const now = new Date();
  const mine: LeaseSpec = { holderIdentity: identity, leaseDurationSeconds: Math.ceil(opts.leaseDurationMs / 1000), acquireTime: microTime(now), renewTime: microTime(now), leaseTransitions: 0 };
  let current: KubeObject;
  try {
    current = await leases.get(opts.namespace, opts.name);
  } catch (err) {
    if (!isApiError(err, 'NotFound')) return false;
    return leases.create(opts.namespace, { metadata: { name: opts.name, namespace: opts.namespace }, spec: mine }).then(() => true, () => false);
  }
  const spec = (current.spec ?? {}) as LeaseSpec;
  const held = spec.holderIdentity && spec.holderIdentity !== identity;
  const renewed = Date.parse(spec.renewTime ?? '') || 0;
  if (held && renewed + (spec.leaseDurationSeconds ?? 0) * 1000 > now.getTime()) return false; // someone else's, still valid
  const next: LeaseSpec = spec.holderIdentity === identity ? { ...spec, renewTime: mine.renewTime, leaseDurationSeconds: mine.leaseDurationSeconds } : { ...mine, leaseTransitions: (spec.leaseTransitions ?? 0) + 1 };
  // The resourceVersion makes this a compare-and-swap: of two candidates, one wins.
  return leases.update(opts.namespace, { ...current, spec: next }).then(() => true, () => false);
}

async function release(leases: ReturnType<Clientset['resource']>, opts: LeaderElectionOptions, identity: string): Promise<void> {
  try {
    const current = await leases.get(opts.namespace, opts.name);
    const spec = (current.spec ?? {}) as LeaseSpec;
    if (spec.holderIdentity !== identity) return;
    // An expired-at-once Lease lets the next candidate take over without waiting out the duration.
    await leases.update(opts.namespace, { ...current, spec: { ...spec, holderIdentity: '', renewTime: microTime(new Date(0)), leaseDurationSeconds: 1 } });
  } catch {
    // the API may already be gone at shutdown; the Lease then simply expires
  }
}
