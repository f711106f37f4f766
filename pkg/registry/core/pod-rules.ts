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
  // This runs before validation, so a spec of the wrong shape must not throw here.
  const listOf = (v: unknown): Array<{ resources?: Resources } | null> => (Array.isArray(v) ? v : []);
  const containers = [...listOf(spec?.containers), ...listOf(spec?.initContainers)];
  let any = false;
  let guaranteed = containers.length > 0;
  for (const c of containers) {
    const r = (typeof c?.resources === 'object' && c.resources !== null ? c.resources : {}) as Resources;
    for (const res of ['cpu', 'memory']) {
      const req = r.requests?.[res] ?? r.limits?.[res];
      const lim = r.limits?.[res];
      if (req !== undefined || lim !== undefined) any = true;
      if (lim === undefined || quantityText(req) !== quantityText(lim)) guaranteed = false;
    }
  }
  if (!any) return 'BestEffort';
  return guaranteed ? 'Guaranteed' : 'Burstable';
}

// String() of a JSON object with its own "toString" member throws; JSON text never does.
function quantityText(v: unknown): string {
  return typeof v === 'object' && v !== null ? JSON.stringify(v) : String(v);
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
  const grace = requested ?? p.spec.terminationGracePeriodSeconds ?? 30;
  // A grace period of the wrong type (validation not having caught it) falls back to the default.
  return Math.max(0, typeof grace === 'number' && Number.isFinite(grace) ? grace : 30);
}
