// The controller manager acts only while it holds the Lease kube-system/kube-controller-manager,
// so two controller managers (two servers, or a restart overlapping the old process) never both
// create pods for the same ReplicaSet.
import type { Clientset } from '../../client/clientset.js';
import { runLeaderElected } from '../../client/leader-election.js';
import type { Logger } from '../../util/log.js';
import type { ControllerManagerOptions } from './context.js';

/** LEASE_NAMESPACE and LEASE_NAME name kube-controller-manager's Lease. */
export const LEASE_NAMESPACE = 'kube-system';
export const LEASE_NAME = 'kube-controller-manager';

/** runMaybeLeaderElected runs lead while leader (or at once when --leader-elect=false) until signal aborts. */
export async function runMaybeLeaderElected(cs: Clientset, opts: ControllerManagerOptions, logger: Logger, signal: AbortSignal, lead: (leading: AbortSignal) => Promise<void>): Promise<void> {
  if (!opts.leaderElect) {
    await lead(signal);
    return;
  }
  await runLeaderElected(
    cs,
    { namespace: LEASE_NAMESPACE, name: LEASE_NAME, leaseDurationMs: opts.leaderElectLeaseDuration, renewDeadlineMs: opts.leaderElectRenewDeadline, retryPeriodMs: opts.leaderElectRetryPeriod },
    signal,
    lead,
    (leading) => logger.info({ lease: `${LEASE_NAMESPACE}/${LEASE_NAME}` }, leading ? 'became leader' : 'stopped leading'),
  );
}
