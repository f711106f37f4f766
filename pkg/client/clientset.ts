// Clientset: a ResourceClient for every served resource, over one REST connection pool.
import { findByKind, RESOURCES, type ResourceInfo } from '../../api/resources.js';
import type { ClientConfig } from './kubeconfig.js';
import { ResourceClient } from './resource-client.js';
import { RestClient } from './rest.js';

/** Clientset hands out resource clients sharing one RestClient. */
export class Clientset {
  readonly rest: RestClient;
  private readonly clients = new Map<ResourceInfo, ResourceClient>();

  constructor(config: ClientConfig, userAgent?: string) {
    this.rest = new RestClient(config, userAgent);
  }

  /** resource returns the client of group/resource (e.g. '', 'pods' or 'apps', 'deployments'). */
  resource(group: string, resource: string): ResourceClient {
    const info = RESOURCES.find((r) => r.group === group && r.resource === resource);
    if (!info) throw new Error(`unknown resource ${resource}${group ? `.${group}` : ''}`);
    return this.forInfo(info);
  }

  /** forKind returns the client serving apiVersion/kind, or undefined when the kind is not served. */
  forKind(apiVersion: string, kind: string): ResourceClient | undefined {
    const info = findByKind(apiVersion, kind);
    return info ? this.forInfo(info) : undefined;
  }

  /** forInfo returns the client of a resource. */
  forInfo(info: ResourceInfo): ResourceClient {
    let c = this.clients.get(info);
    if (!c) this.clients.set(info, (c = new ResourceClient(this.rest, info)));
    return c;
  }

  close(): void {
    this.rest.close();
  }
}
