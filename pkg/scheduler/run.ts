// The scheduler role: informers for pods, nodes and services feed the cache and queue from the
// start (so a standby has a warm cache), and pods are placed only while this instance leads —
// through the kube-system/kube-scheduler Lease when --leader-elect is on, so two schedulers never
// bind at once.
import { hostname } from 'node:os';
import { randomBytes } from 'node:crypto';
import { runLeaderElected } from '../client/leader-election.js';
import type { RoleContext } from '../client/role-context.js';
import type { FlagValues } from '../util/flags.js';
import { addEventHandlers, schedulerInformers, serviceKeysFrom } from './handlers.js';
import { schedulerMetrics } from './metrics.js';
import type { schedulerFlags } from './options.js';
import { Scheduler, type SchedulerHooks } from './scheduler.js';

/** SchedulerOptions are the scheduler's parsed flags (`server` passes its superset). */
export type SchedulerOptions = FlagValues<typeof schedulerFlags>;

/** LEASE_NAMESPACE and LEASE_NAME are where schedulers elect their leader, as kube-scheduler does. */
export const LEASE_NAMESPACE = 'kube-system';
export const LEASE_NAME = 'kube-scheduler';

/** RunExtras are for benchmarks and tests: hooks, and a callback with the Scheduler once built. */
export interface RunExtras {
  hooks?: SchedulerHooks;
  onScheduler?(s: Scheduler): void;
  /** identity overrides the Lease holder identity (default: hostname plus a random suffix). */
  identity?: string;
  /** bindConcurrency caps bindings in flight (default 64). */
  bindConcurrency?: number;
}

/** run runs the scheduler until signal aborts. */
export async function run(opts: SchedulerOptions, signal: AbortSignal, ctx: RoleContext, extras: RunExtras = {}): Promise<void> {
  const logger = ctx.logger;
  const identity = extras.identity ?? `${hostname()}_${randomBytes(4).toString('hex')}`;
  const informers = schedulerInformers(ctx.informers);
  const metrics = schedulerMetrics(ctx.metrics);
  const scheduler = new Scheduler({
    clientset: ctx.clientset,
    logger,
    metrics,
    profile: opts.schedulerName,
    percentageOfNodesToScore: opts.percentageOfNodesToScore,
    podInitialBackoffMs: opts.podInitialBackoff,
    podMaxBackoffMs: opts.podMaxBackoff,
    podMaxInUnschedulableMs: opts.podMaxInUnschedulablePodsDuration,
    serviceKeys: serviceKeysFrom(informers.services),
    identity: `${opts.schedulerName}-${identity}`,
    hooks: extras.hooks,
    bindConcurrency: extras.bindConcurrency,
  });
  metrics.pendingSource = () => scheduler.queue.counts();
  extras.onScheduler?.(scheduler);
  const registrations = addEventHandlers(scheduler, informers);
  try {
    ctx.informers.start(signal);
    if (!(await ctx.informers.waitForCacheSync(signal))) return;
    // The handlers hear of the initial state in a microtask after the caches have it.
    while (!signal.aborted && !registrations.every((r) => r.hasSynced())) await new Promise<void>((r) => setImmediate(r));
    logger.info({ nodes: scheduler.cache.nodeCount(), pending: scheduler.queue.counts() }, 'scheduler caches synced');
    if (!opts.leaderElect) {
      await scheduler.run(signal);
      return;
    }
    const election = {
      namespace: LEASE_NAMESPACE,
      name: LEASE_NAME,
      identity,
      leaseDurationMs: opts.leaderElectLeaseDuration,
      renewDeadlineMs: opts.leaderElectRenewDeadline,
      retryPeriodMs: opts.leaderElectRetryPeriod,
    };
    await runLeaderElected(ctx.clientset, election, signal, (leading) => scheduler.run(leading), (leading) => {
      logger.info({ identity }, leading ? 'became leader' : 'stopped leading');
    });
  } finally {
    for (const r of registrations) r.remove();
    scheduler.queue.close();
    // Events still queued get a moment to be written; an API server that is gone must not hold up shutdown.
    await Promise.race([scheduler.events.idle(), new Promise<void>((r) => setTimeout(r, 2000).unref())]);
  }
}
