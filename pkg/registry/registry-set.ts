// RegistrySet: one Registry per served resource, with each kind's strategy, and the allocators
// rebuilt from what is stored. The API server's only way into the store.
import { encodeObject } from '../../api/codec/object-codec.js';
import type { KubeObject } from '../../api/meta/object.js';
import { rfc3339 } from '../../api/meta/object.js';
import { groupVersion, RESOURCES, type ResourceInfo } from '../../api/resources.js';
import { errors } from '../../api/status.js';
import type { Store } from '../storage/interface.js';
import { NamespaceGuardCache } from './core/namespace-guard.js';
import { PodCidrAllocator } from './core/pod-cidr-allocation.js';
import { podGracePeriod, podInitialStatus } from './core/pod-rules.js';
import { ServiceAllocator } from './core/service-allocation.js';
import { listPrefix, objectKey } from './generic/keys.js';
import { Registry, type DeleteOptions } from './generic/registry.js';
import { toStatusError } from './generic/storage-errors.js';
import type { Strategy } from './generic/strategy.js';
import { validationStrategy } from './validation.js';

/** RegistryOptions are the API server flags the registries need. */
export interface RegistryOptions {
  serviceClusterIpRange: string;
  serviceNodePortRange: string;
  clusterCidr: string;
  nodeCidrMaskSize: number;
}

const WORKLOADS = new Set(['ReplicationController', 'ReplicaSet', 'Deployment', 'DaemonSet', 'Job']);
/** PROTECTED_NAMESPACES may never be deleted, as in Kubernetes. */
export const PROTECTED_NAMESPACES = new Set(['default', 'kube-system', 'kube-public']);

/** RegistrySet holds every resource's Registry. */
export class RegistrySet {
  private readonly byResource = new Map<string, Registry>();
  readonly services: ServiceAllocator;
  readonly podCidrs: PodCidrAllocator;
  private readonly activeNamespaces = new NamespaceGuardCache();

  private constructor(readonly store: Store, opts: RegistryOptions) {
    this.services = new ServiceAllocator(opts.serviceClusterIpRange, opts.serviceNodePortRange);
    this.podCidrs = new PodCidrAllocator(opts.clusterCidr, opts.nodeCidrMaskSize);
    for (const info of RESOURCES) {
      const R = info.kind === 'Namespace' ? NamespaceRegistry : Registry;
      const prefix = listPrefix(info, undefined);
      const backend = info.kind === 'Namespace' ? this.activeNamespaces.track(store, (key) => key.slice(prefix.length)) : store;
      this.byResource.set(`${info.group}/${info.resource}`, new R(info, backend, this.strategyFor(info), (ns) => this.guardNamespace(ns)));
    }
  }

  /** create builds the set and restores the allocators from the stored services and nodes. */
  static async create(store: Store, opts: RegistryOptions): Promise<RegistrySet> {
    const set = new RegistrySet(store, opts);
    for (const [resource, restore] of [['services', (o: KubeObject) => set.services.restore(o)], ['nodes', (o: KubeObject) => set.podCidrs.restore(o)]] as const) {
      const reg = set.get('', resource) as Registry;
      const page = await store.list(listPrefix(reg.info, undefined));
      for (const kv of page.items) restore(reg.decode(kv));
    }
    return set;
  }

  /** get finds the registry of group/resource. */
  get(group: string, resource: string): Registry | undefined {
    return this.byResource.get(`${group}/${resource}`);
  }

  /** namespaces is the Namespace registry. */
  namespaces(): Registry {
    return this.get('', 'namespaces') as Registry;
  }

  /** all lists every registry. */
  all(): Registry[] {
    return [...this.byResource.values()];
  }

  private strategyFor(info: ResourceInfo): Strategy {
    const s: Strategy = { ...validationStrategy(groupVersion(info), info.kind), generation: WORKLOADS.has(info.kind) };
    switch (info.kind) {
      case 'Pod':
        s.initialStatus = podInitialStatus;
        s.gracePeriod = podGracePeriod;
        break;
      case 'Service':
        s.beforeCreate = (o, dryRun) => this.services.allocate(o, dryRun);
        s.beforeUpdate = (o, old, dryRun) => this.services.update(o, old, dryRun);
        s.afterUpdate = (o, old) => this.services.releaseDropped(o, old);
        s.afterDelete = (o) => this.services.release(o);
        s.initialStatus = () => ({ loadBalancer: {} });
        break;
      case 'Node':
        s.beforeCreate = (o, dryRun) => this.podCidrs.allocate(o, dryRun);
        s.beforeUpdate = (o, old) => this.podCidrs.keep(o, old);
        s.afterDelete = (o) => this.podCidrs.release(o);
        break;
      case 'Namespace':
        s.initialStatus = () => ({ phase: 'Active' });
        s.beforeDelete = (o) => {
          const name = o.metadata?.name ?? '';
          if (PROTECTED_NAMESPACES.has(name)) throw errors.forbidden(`namespaces "${name}" is forbidden: this namespace may not be deleted`);
        };
        break;
      default:
        if (info.subresources.includes('status') && WORKLOADS.has(info.kind)) s.initialStatus = () => ({});
    }
    return s;
  }

  // Writing into a namespace needs the namespace to exist and not be terminating.
  private async guardNamespace(namespace: string): Promise<void> {
    if (this.activeNamespaces.isActive(namespace)) return;
    const ns = await this.activeNamespaces.lookup(namespace, () => this.namespaces().get(undefined, namespace).catch(() => undefined));
    if (!ns) throw errors.notFound('namespaces', '', namespace);
    if (ns.metadata?.deletionTimestamp) {
      throw errors.forbidden(`unable to create new content in namespace ${namespace} because it is being terminated`);
    }
  }
}

/**
 * NamespaceRegistry: DELETE of a namespace whose spec.finalizers is not empty only marks it
 * (deletionTimestamp, phase Terminating), as kube-apiserver's namespace storage does; the namespace
 * controller empties it and PUTs namespaces/{name}/finalize, and the finalized namespace goes.
 */
class NamespaceRegistry extends Registry {
  override async delete(namespace: string | undefined, name: string, opts: DeleteOptions = {}): Promise<KubeObject> {
    const current = await this.get(undefined, name);
    const finalizers = (current.spec as { finalizers?: string[] } | undefined)?.finalizers ?? [];
    if (finalizers.length === 0) return super.delete(namespace, name, opts);
    this.strategy.beforeDelete?.(current);
    const meta = current.metadata ?? {};
    const pre = opts.preconditions;
    if ((pre?.uid && pre.uid !== meta.uid) || (pre?.resourceVersion && pre.resourceVersion !== meta.resourceVersion)) {
      throw errors.conflict('namespaces', '', name, 'Precondition failed: the namespace has changed');
    }
    if (meta.deletionTimestamp) return current;
    // Written straight to the store: updates keep deletionTimestamp as it was, by design.
    const rv = Number(meta.resourceVersion);
    meta.deletionTimestamp = rfc3339();
    current.status = { ...(current.status as object), phase: 'Terminating' };
    if (opts.dryRun) return current;
    delete meta.resourceVersion;
    try {
      const kv = await this.store.update(objectKey(this.info, undefined, name), encodeObject(current), rv);
      meta.resourceVersion = String(kv.modRevision);
      return current;
    } catch (err) {
      throw toStatusError(err, this.info, name);
    }
  }
}
