// Informer events → the scheduler's cache and queue. Assigned pods are accounted on their nodes;
// pending pods of this scheduler are queued. Cluster changes that may let a waiting pod fit (a node
// added or changed in what scheduling reads, an assigned pod deleted or finished) move the
// unschedulable pods they help (see hints.ts) back into the queue; nothing is retried on a timer.
import { objectOf } from '../client/cache/deltas.js';
import type { SharedInformerFactory } from '../client/cache/informer-factory.js';
import { NAMESPACE_INDEX } from '../client/cache/indexer.js';
import type { HandlerRegistration, SharedInformer } from '../client/cache/shared-informer.js';
import { fitsOn } from './hints.js';
import type { Scheduler } from './scheduler.js';
import { isAssigned, isTerminated, podKey, type Node, type Pod, type Service } from './types.js';

/** Informers are the caches the scheduler reads. */
export interface SchedulerInformers {
  pods: SharedInformer<Pod>;
  nodes: SharedInformer<Node>;
  services: SharedInformer<Service>;
}

/** schedulerInformers asks the factory for the (shared) pod, node and service informers. */
export function schedulerInformers(factory: SharedInformerFactory): SchedulerInformers {
  return {
    pods: factory.informerFor<Pod>('', 'pods'),
    nodes: factory.informerFor<Node>('', 'nodes'),
    services: factory.informerFor<Service>('', 'services'),
  };
}

// A heartbeat changes nothing the filters read; only these fields can make a pod fit.
function nodeChangeMatters(a: Node, b: Node): boolean {
  const ready = (n: Node): string | undefined => n.status?.conditions?.find((c) => c.type === 'Ready')?.status;
  return (
    ready(a) !== ready(b) ||
    (a.spec?.unschedulable ?? false) !== (b.spec?.unschedulable ?? false) ||
    JSON.stringify(a.metadata?.labels) !== JSON.stringify(b.metadata?.labels) ||
    JSON.stringify(a.spec?.taints) !== JSON.stringify(b.spec?.taints) ||
    JSON.stringify(a.status?.allocatable) !== JSON.stringify(b.status?.allocatable)
  );
}

/** serviceKeysFrom finds, through the services cache, the spread groups of the services selecting a pod. */
export function serviceKeysFrom(services: SharedInformer<Service>): (pod: Pod) => string[] {
  const indexer = services.indexer;
  return (pod) => {
    const ns = pod.metadata?.namespace ?? '';
    // Asked for every pod event: a namespace without services must cost one look-up, no lists.
    if (indexer.size === 0 || indexer.indexKeys(NAMESPACE_INDEX, ns).length === 0) return [];
    const labels = pod.metadata?.labels ?? {};
    const out: string[] = [];
    for (const svc of indexer.byIndex(NAMESPACE_INDEX, ns)) {
      const sel = Object.entries(svc.spec?.selector ?? {});
      if (sel.length === 0) continue; // a selector-less service selects nothing
      if (sel.every(([k, v]) => labels[k] === v)) out.push(`svc:${ns}/${svc.metadata?.name ?? ''}`);
    }
    return out;
  };
}

/** addEventHandlers connects the informers to the scheduler; the registrations tell when each has the initial state. */
export function addEventHandlers(s: Scheduler, inf: SchedulerInformers): HandlerRegistration[] {
  const { cache, queue } = s;
  const pods = inf.pods.addEventHandler({
    onAdd(pod) {
      if (isAssigned(pod)) cache.setPod(pod);
      else if (s.responsible(pod)) queue.add(pod);
    },
    onUpdate(old, pod) {
      const key = podKey(pod);
      if (isAssigned(pod)) {
        if (!isAssigned(old)) queue.delete(key);
        cache.setPod(pod);
        if (isTerminated(pod) && !isTerminated(old)) queue.moveAll(fitsOn(cache.node(pod.spec?.nodeName ?? '')));
        return;
      }
      if (s.responsible(pod)) queue.update(pod);
      else queue.delete(key);
    },
    onDelete(obj) {
      const pod = objectOf(obj);
      const key = podKey(pod);
      queue.delete(key);
      const node = cache.nodeOf(key);
      if (cache.removePod(key) && node) queue.moveAll(fitsOn(cache.node(node)));
    },
  });
  const nodes = inf.nodes.addEventHandler({
    onAdd(node) {
      cache.setNode(node);
      queue.moveAll(fitsOn(cache.node(node.metadata?.name ?? '')));
    },
    onUpdate(old, node) {
      cache.setNode(node);
      if (nodeChangeMatters(old, node)) queue.moveAll(fitsOn(cache.node(node.metadata?.name ?? '')));
    },
    onDelete(obj) {
      cache.removeNode(objectOf(obj).metadata?.name ?? '');
    },
  });
  // Services only change how pods spread, never whether they fit: no pod is moved.
  const respread = (svc: Service): void => cache.respread(svc.metadata?.namespace ?? '');
  const services = inf.services.addEventHandler({
    onAdd: respread,
    onUpdate: (_old, svc) => respread(svc),
    onDelete: (obj) => respread(objectOf(obj)),
  });
  return [pods, nodes, services];
}
