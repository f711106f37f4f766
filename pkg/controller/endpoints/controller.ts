// The endpoints controller: for every Service with a selector, an Endpoints object of the same
// name listing the selected pods' addresses and target ports. Any pod change that can move an
// address (labels, IP, readiness, deletion) re-syncs the services selecting the pod, old labels
// and new, with no batching delay, so readiness shows within the watch latency. The `kubernetes`
// service's endpoints belong to the API server.
import { selectorFromSet } from '../../../api/meta/label-selector.js';
import type { KubeObject } from '../../../api/meta/object.js';
import { objectOf } from '../../client/cache/deltas.js';
import { metaNamespaceKey, splitMetaNamespaceKey } from '../../client/cache/indexer.js';
import type { SharedInformer } from '../../client/cache/shared-informer.js';
import type { ResourceClient } from '../../client/resource-client.js';
import { isApiError } from '../../client/rest.js';
import type { ControllerContext } from '../base/context.js';
import { Controller } from '../base/controller.js';
import { semanticEqual } from '../base/hash.js';
import type { Pod, Service } from '../base/types.js';
import { endpointSubsets, type EndpointSubset } from './subsets.js';

/** Endpoints is core/v1 Endpoints. */
export interface Endpoints extends KubeObject {
  subsets?: EndpointSubset[];
}

/** HEADLESS_LABEL marks the Endpoints of a headless service. */
export const HEADLESS_LABEL = 'service.kubernetes.io/headless';

const hasSelector = (svc: Service): boolean => Object.keys(svc.spec?.selector ?? {}).length > 0;

/** EndpointsController keeps Endpoints in step with Services and pods. */
export class EndpointsController extends Controller {
  private readonly services: SharedInformer<Service>;
  private readonly pods: SharedInformer<Pod>;
  private readonly endpoints: SharedInformer<Endpoints>;
  private readonly client: ResourceClient<Endpoints>;

  constructor(ctx: ControllerContext) {
    super('endpoint', ctx);
    this.client = ctx.clientset.resource('', 'endpoints') as ResourceClient<Endpoints>;
    this.services = this.watch<Service>('', 'services', {
      onAdd: (s) => this.enqueue(s),
      onUpdate: (_o, s) => this.enqueue(s),
      onDelete: (s) => this.enqueue(objectOf(s)),
    });
    this.pods = this.watch<Pod>('', 'pods', {
      onAdd: (p) => this.servicesOf(p).forEach((s) => this.enqueue(s)),
      onUpdate: (old, p) => {
        if (!this.relevantChange(old, p)) return;
        const keys = new Set([...this.servicesOf(old), ...this.servicesOf(p)].map(metaNamespaceKey));
        keys.forEach((k) => this.enqueue(k));
      },
      onDelete: (obj) => this.servicesOf(objectOf(obj)).forEach((s) => this.enqueue(s)),
    });
    // Someone deleting our Endpoints gets them recreated.
    this.endpoints = this.watch<Endpoints>('', 'endpoints', { onDelete: (e) => this.enqueue(objectOf(e)) });
  }

  protected async sync(key: string): Promise<void> {
    const { namespace, name } = splitMetaNamespaceKey(key);
    if (namespace === 'default' && name === 'kubernetes') return;
    const svc = this.services.lister().get(key);
    const current = this.endpoints.lister().get(key);
    if (!svc) {
      if (current) await this.client.delete(namespace, name).catch(ignoreNotFound);
      return;
    }
    if (!hasSelector(svc)) return; // endpoints of selector-less services are the user's
    const pods = this.pods.lister().namespaced(namespace).list(selectorFromSet(svc.spec?.selector));
    const subsets = endpointSubsets(svc, pods);
    const labels: Record<string, string> = { ...(svc.metadata?.labels ?? {}) };
    if (svc.spec?.clusterIP === 'None') labels[HEADLESS_LABEL] = '';
    if (current && semanticEqual(current.subsets ?? [], subsets) && semanticEqual(current.metadata?.labels ?? {}, labels)) return;
    const body: Endpoints = { ...(current ?? {}), apiVersion: 'v1', kind: 'Endpoints', metadata: { ...(current?.metadata ?? { name, namespace }), labels }, subsets };
    if (subsets.length === 0) delete body.subsets;
    try {
      if (current) await this.client.update(namespace, body);
      else await this.client.create(namespace, body);
    } catch (err) {
      // A namespace being deleted takes no new objects; its controller will remove this service too.
      if (isApiError(err, 'Forbidden') && /being terminated/.test((err as Error).message)) return;
      throw err;
    }
  }

  private servicesOf(pod: Pod): Service[] {
    const labels = pod.metadata?.labels;
    return this.services.lister().namespaced(pod.metadata?.namespace ?? '').list().filter((s) => hasSelector(s) && selectorFromSet(s.spec?.selector).matches(labels));
  }

  // What can change a pod's place in the subsets.
  private relevantChange(old: Pod, pod: Pod): boolean {
    if (old.metadata?.resourceVersion === pod.metadata?.resourceVersion) return false;
    const view = (p: Pod): unknown => [
      p.metadata?.labels, p.metadata?.deletionTimestamp, p.status?.podIP, p.status?.phase, p.spec.nodeName, p.spec.hostname, p.spec.subdomain,
      p.status?.conditions?.find((c) => c.type === 'Ready')?.status,
    ];
    return !semanticEqual(view(old), view(pod));
  }
}

function ignoreNotFound(err: unknown): void {
  if (!isApiError(err, 'NotFound')) throw err;
}

/** newEndpointsController builds the endpoints controller. */
export function newEndpointsController(ctx: ControllerContext): EndpointsController {
  return new EndpointsController(ctx);
}
