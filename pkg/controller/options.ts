// The controller manager's flags.
import { clientFlags } from '../util/client-flags.js';
import { flag } from '../util/flags.js';
import { leaderElectionFlags } from '../util/leader-election-flags.js';

/** controllerManagerFlags are the flags of `kubelite controller-manager`, also accepted by `server`. */
export const controllerManagerFlags = {
  ...clientFlags,
  nodeMonitorPeriod: flag('duration', 5000, 'how often node health is checked against Lease renewals'),
  nodeMonitorGracePeriod: flag('duration', 40_000, 'how long a node may miss heartbeats before it is marked NotReady/Unknown'),
  podEvictionTimeout: flag('duration', 20_000, 'how long pods stay on an unreachable node before they are evicted'),
  terminatedPodGcThreshold: flag('int', 12_500, 'terminated pods kept before the oldest are garbage-collected'),
  concurrentSyncs: flag('int', 5, 'workers per controller'),
  controllerResync: flag('duration', 0, 'periodic full resync of every informer; 0 disables it (controllers are level-triggered)'),
  ...leaderElectionFlags,
};
