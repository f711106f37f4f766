// The namespace controller: a namespace being deleted (deletionTimestamp set, phase Terminating,
// the `kubernetes` finalizer still in spec.finalizers) is emptied — every namespaced resource the
// API serves is deleted, read live from the API as the namespaced-resources deleter does — and
// once nothing is left it is finalized (namespaces/{name}/finalize without `kubernetes`), which
// lets the API server remove it. Pods wait for their kubelets; their deletions wake the namespace.
import type { KubeList, KubeObject } from '../../../api/meta/object.js';
import { RESOURCES } from '../../../api/resources.js';
import { objectOf } from '../../client/cache/deltas.js';
import type { SharedInformer } from '../../client/cache/shared-informer.js';
import { isApiError } from '../../client/rest.js';
import type { ControllerContext } from '../base/context.js';
import { Controller } from '../base/controller.js';

/** FINALIZER is the finalizer the namespace controller owns. */
export const FINALIZER = 'kubernetes';

interface Namespace extends KubeObject {
  spec?: { finalizers?: string[] };
}

/** NamespaceController empties and finalizes deleted namespaces. */
export class NamespaceController extends Controller {
  private readonly namespaces: SharedInformer<Namespace>;

  constructor(ctx: ControllerContext) {
    super('namespace', ctx);
    const terminating = (ns: Namespace): void => {
      if (ns.metadata?.deletionTimestamp) this.enqueue(ns);
    };
    this.namespaces = this.watch<Namespace>('', 'namespaces', { onAdd: terminating, onUpdate: (_o, ns) => terminating(ns) });
    this.watch<KubeObject>('', 'pods', {
      onDelete: (obj) => {
        const ns = this.namespaces.lister().get(objectOf(obj).metadata?.namespace ?? '');
        if (ns?.metadata?.deletionTimestamp) this.enqueue(ns);
      },
    });
  }

  protected async sync(name: string): Promise<void> {
    const ns = this.namespaces.lister().get(name);
    if (!ns?.metadata?.deletionTimestamp || !(ns.spec?.finalizers ?? []).includes(FINALIZER)) return;
    const { remaining, graceSeconds } = await this.deleteContent(name);
    if (remaining > 0) {
      this.log.debug({ namespace: name, remaining }, 'namespace content remaining');
      // Pod deletions wake us as they complete; this is the backstop for anything else that lingers.
      this.enqueueAfter(name, Math.max(1000, graceSeconds * 1000));
      return;
    }
    const finalizers = (ns.spec?.finalizers ?? []).filter((f) => f !== FINALIZER);
    try {
      await this.ctx.clientset.rest.request({ method: 'PUT', path: `/api/v1/namespaces/${encodeURIComponent(name)}/finalize`, body: { apiVersion: 'v1', kind: 'Namespace', metadata: { name }, spec: { finalizers } } });
    } catch (err) {
      if (!isApiError(err, 'NotFound')) throw err;
    }
  }

  // Deletes every namespaced object in namespace; returns how many are still there and the
  // longest grace period among the pods that are.
  private async deleteContent(namespace: string): Promise<{ remaining: number; graceSeconds: number }> {
    let remaining = 0;
    let graceSeconds = 0;
    for (const info of RESOURCES.filter((r) => r.namespaced)) {
      const client = this.ctx.clientset.forInfo(info);
      const items = (await client.list(namespace)).items;
      if (items.length === 0) continue;
      // Background propagation: dependents in other namespaces (there are none) or this one go anyway.
      await client.rest.request<KubeList>({ method: 'DELETE', path: client.path(namespace), body: { kind: 'DeleteOptions', apiVersion: 'v1', propagationPolicy: 'Background' } });
      const left = (await client.list(namespace)).items;
      remaining += left.length;
      for (const o of left) graceSeconds = Math.max(graceSeconds, o.metadata?.deletionGracePeriodSeconds ?? 0);
    }
    return { remaining, graceSeconds };
  }
}

/** newNamespaceController builds the namespace controller. */
export function newNamespaceController(ctx: ControllerContext): NamespaceController {
  return new NamespaceController(ctx);
}
