// What is special about pods in the registry: their starting status, their QoS class, and
// graceful deletion (a pod on a node is marked, and its kubelet removes it once it has stopped).
import type { KubeObject } from '../../../api/meta/object.js';

interface Resources {
  requests?: Record<string, unknown>;
  limits?: Record<string, unknown>;
}
interface PodLike {
  spec?: { nodeName?: string; terminationGracePeriodSeconds?: number; containers?: Array<{ resources?: Resources }>; initContainers?: Array<{ resources?: Resources }> };
  status?: { phase?: string };
}

/** qosClass computes status.qosClass as Kubernetes does (cpu and memory only). */
export function qosClass(pod: KubeObject): 'Guaranteed' | 'Burstable' | 'BestEffort' {
  const spec = (pod as PodLike).spec;
  const containers = [...(spec?.containers ?? []), ...(spec?.initContainers ?? [])];
  let any = false;
  let guaranteed = containers.length > 0;
  for (const c of containers) {
    const r = c.resources ?? {};
    for (const res of ['cpu', 'memory']) {
      const req = r.requests?.[res] ?? r.limits?.[res];
      const lim = r.limits?.[res];
      if (req !== undefined || lim !== undefined) any = true;
      if (lim === undefined || String(req) !== String(lim)) guaranteed = false;
    }
  }
  if (!any) return 'BestEffort';
  return guaranteed ? 'Guaranteed' : 'Burstable';
}

/** podInitialStatus is what a new pod's status starts as, whatever the client sent. */
export function podInitialStatus(pod: KubeObject): Record<string, unknown> {
  return { phase: 'Pending', qosClass: qosClass(pod) };
}

/** podGracePeriod: unscheduled and finished pods go at once; others wait for their kubelet. */
export function podGracePeriod(pod: KubeObject, requested: number | undefined): number {
  const p = pod as PodLike;
  if (!p.spec?.nodeName) return 0;
  if (p.status?.phase === 'Succeeded' || p.status?.phase === 'Failed') return 0;
  return Math.max(0, requested ?? p.spec.terminationGracePeriodSeconds ?? 30);
}
