// A client for one resource (pods, rc, deployments.apps, ...), from the table in api/resources.ts,
// so every served kind gets the same verbs and subresources without hand-written code.
import type { KubeList, KubeObject } from '../../api/meta/object.js';
import { groupVersion, type ResourceInfo } from '../../api/resources.js';
import type { RestClient, Response } from './rest.js';
import { watchEvents, type WatchEvent } from './watch.js';

/** ListOptions are list and watch query parameters. */
export interface ListOptions {
  labelSelector?: string;
  fieldSelector?: string;
  limit?: number;
  continue?: string;
  resourceVersion?: string;
  allowWatchBookmarks?: boolean;
  timeoutSeconds?: number;
}

/** PatchType names the three patch content types. */
export type PatchType = 'merge' | 'json' | 'strategic';
const PATCH_CONTENT: Record<PatchType, string> = {
  merge: 'application/merge-patch+json',
  json: 'application/json-patch+json',
  strategic: 'application/strategic-merge-patch+json',
};

/** WriteOptions are the query options of writes. */
export interface WriteOptions {
  dryRun?: boolean;
  fieldValidation?: 'Strict' | 'Warn' | 'Ignore';
}

/** ResourceClient does every verb on one resource. */
export class ResourceClient<T extends KubeObject = KubeObject> {
  constructor(
    readonly rest: RestClient,
    readonly info: ResourceInfo,
  ) {}

  /** path is the URL of a collection, an object or a subresource. */
  path(namespace?: string, name?: string, subresource?: string): string {
    const base = this.info.group === '' ? `/api/${this.info.version}` : `/apis/${this.info.group}/${this.info.version}`;
    const ns = this.info.namespaced && namespace ? `/namespaces/${encodeURIComponent(namespace)}` : '';
    return `${base}${ns}/${this.info.resource}${name !== undefined ? `/${encodeURIComponent(name)}` : ''}${subresource ? `/${subresource}` : ''}`;
  }

  async get(namespace: string | undefined, name: string): Promise<T> {
    return (await this.rest.request<T>({ path: this.path(namespace, name) })).body;
  }

  async list(namespace?: string, opts: ListOptions = {}): Promise<KubeList<T>> {
    return (await this.rest.request<KubeList<T>>({ path: this.path(namespace), query: { ...opts } })).body;
  }

  async create(namespace: string | undefined, obj: T, opts: WriteOptions = {}): Promise<T> {
    return (await this.rest.request<T>({ method: 'POST', path: this.path(namespace), body: this.withKind(obj), query: writeQuery(opts) })).body;
  }

  async update(namespace: string | undefined, obj: T, opts: WriteOptions = {}): Promise<T> {
    return (await this.rest.request<T>({ method: 'PUT', path: this.path(namespace, obj.metadata?.name ?? ''), body: this.withKind(obj), query: writeQuery(opts) })).body;
  }

  async updateStatus(namespace: string | undefined, obj: T): Promise<T> {
    return (await this.rest.request<T>({ method: 'PUT', path: this.path(namespace, obj.metadata?.name ?? '', 'status'), body: this.withKind(obj) })).body;
  }

  async patch(namespace: string | undefined, name: string, patch: unknown, type: PatchType = 'merge', opts: WriteOptions & { subresource?: string } = {}): Promise<T> {
    return (await this.rest.request<T>({ method: 'PATCH', path: this.path(namespace, name, opts.subresource), body: patch, contentType: PATCH_CONTENT[type], query: writeQuery(opts) })).body;
  }

  async delete(namespace: string | undefined, name: string, opts: { gracePeriodSeconds?: number; propagationPolicy?: string; dryRun?: boolean; preconditions?: { uid?: string; resourceVersion?: string } } = {}): Promise<Response<unknown>> {
    const body = { kind: 'DeleteOptions', apiVersion: 'v1', gracePeriodSeconds: opts.gracePeriodSeconds, propagationPolicy: opts.propagationPolicy, preconditions: opts.preconditions };
    return this.rest.request({ method: 'DELETE', path: this.path(namespace, name), body, query: { dryRun: opts.dryRun ? 'All' : undefined } });
  }

  /** subresource does a raw call on a subresource (scale, binding, eviction, ...). */
  async subresource<R = unknown>(method: string, namespace: string | undefined, name: string, sub: string, body?: unknown): Promise<R> {
    return (await this.rest.request<R>({ method, path: this.path(namespace, name, sub), body })).body;
  }

  /** watch opens one watch connection; the informer's reflector adds reconnects and relists. */
  watch(namespace: string | undefined, opts: ListOptions, signal: AbortSignal): AsyncGenerator<WatchEvent<T>> {
    return watchEvents<T>(this.rest, { path: this.path(namespace), query: { ...opts }, signal });
  }

  private withKind(obj: T): T {
    return { apiVersion: groupVersion(this.info), kind: this.info.kind, ...obj };
  }
}

function writeQuery(opts: WriteOptions): Record<string, string | undefined> {
  return { dryRun: opts.dryRun ? 'All' : undefined, fieldValidation: opts.fieldValidation };
}
