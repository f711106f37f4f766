// Queueing hints: which waiting pods a cluster change may help. A change touches one node (it was
// added, or changed, or a pod left it), so a pod can only become schedulable through it if it now
// passes the filters on that node — asked of exactly that node, which is cheap. Pods it cannot
// help stay where they are, so a useless retry neither costs a cycle nor lengthens their backoff.
import { runFilters } from './filters.js';
import type { NodeInfo } from './node-info.js';
import { podToSchedule, type PodToSchedule } from './pod-info.js';
import type { QueuedPod } from './queue.js';
import type { Pod } from './types.js';

// Keyed by the pod object, which the informer replaces on every change: an entry is never stale.
const compiled = new WeakMap<Pod, PodToSchedule>();

function compiledOf(pod: Pod): PodToSchedule {
  let p = compiled.get(pod);
  if (!p) compiled.set(pod, (p = podToSchedule(pod)));
  return p;
}

/** fitsOn is the hint of a change to node: the waiting pods that now pass every filter there. */
export function fitsOn(node: NodeInfo | undefined): (q: QueuedPod) => boolean {
  return (q) => node?.node !== undefined && runFilters(compiledOf(q.pod), node) === undefined;
}
