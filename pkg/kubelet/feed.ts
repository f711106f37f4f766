// Feeds a pod informer's events to the kubelets of this process, routed by spec.nodeName, so one
// informer (one watch, one cache) serves one kubelet or thousands of hollow ones.
import { objectOf } from '../client/cache/deltas.js';
import type { SharedInformer } from '../client/cache/shared-informer.js';
import { delay } from './delay.js';
import type { Kubelet } from './kubelet.js';
import type { Pod } from './types.js';

/** feedKubelets routes pod events to route(nodeName); each kubelet hears when the pod list is complete. */
export function feedKubelets(informer: SharedInformer<Pod>, route: (nodeName: string) => Kubelet | undefined, all: () => Iterable<Kubelet>, signal: AbortSignal): { remove(): void } {
  const to = (pod: Pod): Kubelet | undefined => (pod.spec?.nodeName ? route(pod.spec.nodeName) : undefined);
  const reg = informer.addEventHandler({
    onAdd: (pod) => to(pod)?.podChanged(pod),
    onUpdate: (old, pod) => {
      // A pod recreated under the same name is another pod: the old one is gone.
      if (old.metadata.uid !== pod.metadata.uid) to(old)?.podRemoved(old);
      to(pod)?.podChanged(pod);
    },
    onDelete: (obj) => {
      const pod = objectOf(obj);
      to(pod)?.podRemoved(pod);
    },
  });
  void (async () => {
    if (!(await informer.waitForSync(signal))) return;
    while (!reg.hasSynced() && !signal.aborted) await delay(5, signal);
    if (signal.aborted) return;
    for (const k of all()) k.podsHaveSynced();
  })();
  return reg;
}
