// RegistrySet: one Registry per served resource, with each kind's strategy, and the allocators
// rebuilt from what is stored. The API server's only way into the store.
import type { KubeObject } from '../../api/meta/object.js';
import { groupVersion, RESOURCES, type ResourceInfo } from '../../api/resources.js';
import { errors } from '../../api/status.js';
import type { Store } from '../storage/interface.js';
import { PodCidrAllocator } from './core/pod-cidr-allocation.js';
import { podGracePeriod, podInitialStatus } from './core/pod-rules.js';
import { ServiceAllocator } from './core/service-allocation.js';
import { listPrefix } from './generic/keys.js';
import { Registry } from './generic/registry.js';
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

  private constructor(readonly store: Store, opts: RegistryOptions) {
    this.services = new ServiceAllocator(opts.serviceClusterIpRange, opts.serviceNodePortRange);
    this.podCidrs = new PodCidrAllocator(opts.clusterCidr, opts.nodeCidrMaskSize);
    for (const info of RESOURCES) {
      this.byResource.set(`${info.group}/${info.resource}`, new Registry(info, store, this.strategyFor(info), (ns) => this.guardNamespace(ns)));
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
    const ns = await this.namespaces().get(undefined, namespace).catch(() => undefined);
    if (!ns) throw errors.notFound('namespaces', '', namespace);
    if (ns.metadata?.deletionTimestamp) {
      throw errors.forbidden(`unable to create new content in namespace ${namespace} because it is being terminated`);
    }
  }
}
