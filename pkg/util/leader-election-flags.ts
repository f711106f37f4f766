// Leader election timers, shared by the scheduler and the controller manager (both elect through a Lease).
import { flag } from './flags.js';

/** leaderElectionFlags follow kube-scheduler's and kube-controller-manager's names and defaults. */
export const leaderElectionFlags = {
  leaderElect: flag('bool', true, 'elect a leader through a Lease before doing any work'),
  leaderElectLeaseDuration: flag('duration', 15_000, 'how long a leader\'s Lease stays valid without renewal'),
  leaderElectRenewDeadline: flag('duration', 10_000, 'how long a leader keeps trying to renew before it gives up'),
  leaderElectRetryPeriod: flag('duration', 2000, 'how often candidates try to take or renew the Lease'),
};
