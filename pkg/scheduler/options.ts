// The scheduler's flags.
import { clientFlags } from '../util/client-flags.js';
import { flag } from '../util/flags.js';
import { leaderElectionFlags } from '../util/leader-election-flags.js';

/** schedulerFlags are the flags of `kubelite scheduler`, also accepted by `server`. */
export const schedulerFlags = {
  ...clientFlags,
  schedulerName: flag('string', 'default-scheduler', 'pods naming this spec.schedulerName are scheduled here'),
  percentageOfNodesToScore: flag('int', 0, 'share of feasible nodes to score; 0 adapts to cluster size as kube-scheduler does'),
  podInitialBackoff: flag('duration', 1000, 'first retry delay of an unschedulable pod'),
  podMaxBackoff: flag('duration', 10_000, 'longest retry delay of an unschedulable pod'),
  podMaxInUnschedulablePodsDuration: flag('duration', 60_000, 'an unschedulable pod no cluster change has retried is retried anyway after this long'),
  ...leaderElectionFlags,
};
