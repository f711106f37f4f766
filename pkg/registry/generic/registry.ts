// Registry: create/get/update/delete of one resource over the Store, the same for every kind.
// What differs per kind lives in its Strategy. Errors leave as StatusErrors.
import { decodeObject, encodeObject } from '../../../api/codec/object-codec.js';
import type { KubeObject } from '../../../api/meta/object.js';
import { isObject, rfc3339 } from '../../../api/meta/object.js';
import { groupVersion, type ResourceInfo } from '../../../api/resources.js';
import { errors, StatusError } from '../../../api/status.js';
import type { KeyValue, Store } from '../../storage/interface.js';
import { objectKey } from './keys.js';
import { MAX_NESTING_DEPTH, nestsDeeperThan } from './nesting.js';
import { metaOf, prepareCreate, prepareUpdate } from './object-meta.js';
import { toStatusError } from './storage-errors.js';
import type { Strategy } from './strategy.js';

/** WriteOptions are the query options every write takes. */
export interface WriteOptions {
  dryRun?: boolean;
}

/** DeleteOptions is the subset of metav1.DeleteOptions the registry acts on. */
export interface DeleteOptions extends WriteOptions {
  gracePeriodSeconds?: number;
  propagationPolicy?: 'Background' | 'Foreground' | 'Orphan';
  preconditions?: { uid?: string; resourceVersion?: string };
}

/** SubresourceWriteOptions name the subresource a write goes through, if any. */
export interface SubresourceWriteOptions extends WriteOptions {
  subresource?: 'status' | 'binding' | 'finalize';
}

/** NamespaceGuard checks that a namespace exists and accepts new objects. */
export type NamespaceGuard = (namespace: string) => Promise<void>;

/** Registry serves one resource. */
export class Registry {
  constructor(
    readonly info: ResourceInfo,
    readonly store: Store,
    readonly strategy: Strategy,
    private readonly namespaceGuard: NamespaceGuard = async () => undefined,
  ) {}

  /** decode turns a stored value into the object clients see, resourceVersion included. */
  decode(kv: Pick<KeyValue, 'value' | 'modRevision'>): KubeObject {
    const obj = decodeObject(kv.value, kv.modRevision) as KubeObject;
    obj.apiVersion ??= groupVersion(this.info);
    obj.kind ??= this.info.kind;
    return obj;
  }

  async get(namespace: string | undefined, name: string): Promise<KubeObject> {
    const kv = await this.store.get(objectKey(this.info, namespace, name)).catch((e: unknown) => {
      throw toStatusError(e, this.info, name);
    });
    if (!kv) throw errors.notFound(this.info.resource, this.info.group, name);
    return this.decode(kv);
  }

  async create(namespace: string | undefined, obj: KubeObject, opts: WriteOptions = {}): Promise<KubeObject> {
    this.checkKind(obj);
    prepareCreate(obj, this.info.namespaced ? namespace : undefined, this.strategy.generation === true);
    const meta = metaOf(obj);
    if (!meta.name) throw errors.invalid(this.info.kind, this.info.group, '', [{ type: 'FieldValueRequired', field: 'metadata.name', detail: 'name or generateName is required' }]);
    if (this.strategy.initialStatus) obj.status = this.strategy.initialStatus(obj);
    // kube-apiserver's order: defaults, metadata, allocation, the kind's preparation, validation.
    this.strategy.defaults?.(obj);
    if (this.info.namespaced) await this.namespaceGuard(namespace ?? '');
    await this.strategy.beforeCreate?.(obj, opts.dryRun === true);
    try {
      this.strategy.prepareForCreate?.(obj);
      this.validate(this.strategy.validateCreate?.(obj) ?? [], meta.name);
      if (opts.dryRun) return obj;
      const kv = await this.store.create(objectKey(this.info, namespace, meta.name), encodeObject(obj));
      meta.resourceVersion = String(kv.modRevision);
    } catch (err) {
      if (!opts.dryRun) this.strategy.afterDelete?.(obj); // give back what beforeCreate allocated
      throw toStatusError(err, this.info, meta.name);
    }
    await this.strategy.afterCreate?.(obj);
    return obj;
  }

  /**
   * update replaces an object (PUT). metadata.resourceVersion, when given, is a precondition.
   * `subresource: 'status'` takes only the status from obj; a main-resource update keeps the old status.
   */
  async update(namespace: string | undefined, name: string, obj: KubeObject, opts: SubresourceWriteOptions = {}): Promise<KubeObject> {
    this.checkKind(obj);
    const meta = metaOf(obj);
    if (meta.name !== undefined && meta.name !== name) {
      throw errors.badRequest(`the name of the object (${shown(meta.name)}) does not match the name on the URL (${name})`);
    }
    meta.name = name;
    const key = objectKey(this.info, namespace, name);
    const kv = await this.store.get(key).catch((e: unknown) => {
      throw toStatusError(e, this.info, name);
    });
    if (!kv) {
      if (this.strategy.allowCreateOnUpdate && opts.subresource === undefined) return this.create(namespace, obj, opts);
      throw errors.notFound(this.info.resource, this.info.group, name);
    }
    const old = this.decode(kv);
    const precondition = meta.resourceVersion ? preconditionOf(meta.resourceVersion) : kv.modRevision;
    const next = opts.subresource === 'status' ? { ...old, status: obj.status } : this.keepStatus(obj, old);
    if (opts.subresource === 'status') next.metadata = { ...old.metadata, ...pickMeta(meta) };
    return this.writeUpdate(key, next, old, precondition, opts);
  }

  /**
   * guaranteedUpdate applies mutate to the current object and writes it, retrying on conflict
   * (PATCH, scale, binding, finalizer updates): what kube-apiserver's GuaranteedUpdate does.
   */
  async guaranteedUpdate(namespace: string | undefined, name: string, mutate: (current: KubeObject) => KubeObject | Promise<KubeObject>, opts: SubresourceWriteOptions = {}): Promise<KubeObject> {
    const key = objectKey(this.info, namespace, name);
    for (let attempt = 0; ; attempt++) {
      const kv = await this.store.get(key).catch((e: unknown) => {
        throw toStatusError(e, this.info, name);
      });
      if (!kv) throw errors.notFound(this.info.resource, this.info.group, name);
      const old = this.decode(kv);
      const next = await mutate(structuredClone(old));
      const nextMeta = metaOf(next);
      // A resourceVersion in the mutated object (from a patch) is a precondition, as in Kubernetes.
      const precondition = nextMeta.resourceVersion && nextMeta.resourceVersion !== String(kv.modRevision) ? preconditionOf(nextMeta.resourceVersion) : kv.modRevision;
      if (nextMeta.name !== name) throw errors.badRequest(`the name of the object (${shown(nextMeta.name)}) does not match the name on the URL (${name})`);
      try {
        return await this.writeUpdate(key, next, old, precondition, opts);
      } catch (err) {
        const conflicted = err instanceof StatusError && err.reason === 'Conflict';
        if (!conflicted || precondition !== kv.modRevision || attempt >= 5) throw err;
      }
    }
  }

  private async writeUpdate(key: string, obj: KubeObject, old: KubeObject, precondition: number, opts: SubresourceWriteOptions): Promise<KubeObject> {
    this.checkKind(obj);
    // As kube-apiserver's BeforeUpdate: an object may not be moved to another namespace.
    const ns = metaOf(obj).namespace;
    if (this.info.namespaced && ns && ns !== old.metadata?.namespace) {
      throw errors.badRequest('the namespace of the provided object does not match the namespace sent on the request');
    }
    prepareUpdate(obj, old, this.strategy.generation === true);
    const meta = metaOf(obj);
    const name = meta.name as string;
    // A subresource write (status, binding) is not a spec update: the spec rules (e.g. a pod's
    // immutable spec) do not apply to it, as kube-apiserver's per-subresource strategies say.
    if (opts.subresource === undefined) {
      this.strategy.defaults?.(obj);
      this.strategy.prepareForUpdate?.(obj, old);
      await this.strategy.beforeUpdate?.(obj, old, opts.dryRun === true);
      this.validate(this.strategy.validateUpdate?.(obj, old) ?? [], name);
    }
    // An object being deleted goes once its last finalizer is removed.
    if (meta.deletionTimestamp && (meta.finalizers ?? []).length === 0) {
      if (opts.dryRun) return obj;
      return this.remove(key, name, precondition, obj);
    }
    if (opts.dryRun) return obj;
    delete meta.resourceVersion;
    try {
      const kv = await this.store.update(key, encodeObject(obj), precondition);
      meta.resourceVersion = String(kv.modRevision);
      this.strategy.afterUpdate?.(obj, old);
      return obj;
    } catch (err) {
      throw toStatusError(err, this.info, name);
    }
  }

  /** delete removes an object now, or marks it for deletion (finalizers, graceful pod deletion). */
  async delete(namespace: string | undefined, name: string, opts: DeleteOptions = {}): Promise<KubeObject> {
    const key = objectKey(this.info, namespace, name);
    const kv = await this.store.get(key).catch((e: unknown) => {
      throw toStatusError(e, this.info, name);
    });
    if (!kv) throw errors.notFound(this.info.resource, this.info.group, name);
    const obj = this.decode(kv);
    const meta = metaOf(obj);
    this.strategy.beforeDelete?.(obj);
    const pre = opts.preconditions;
    if (pre?.uid && pre.uid !== meta.uid) {
      throw errors.conflict(this.info.resource, this.info.group, name, `Precondition failed: UID in precondition: ${pre.uid}, UID in object meta: ${meta.uid}`);
    }
    if (pre?.resourceVersion && pre.resourceVersion !== meta.resourceVersion) {
      throw errors.conflict(this.info.resource, this.info.group, name, `Precondition failed: ResourceVersion in precondition: ${pre.resourceVersion}, ResourceVersion in object meta: ${meta.resourceVersion}`);
    }
    const finalizers = [...(meta.finalizers ?? [])];
    if (opts.propagationPolicy === 'Foreground' && !finalizers.includes('foregroundDeletion')) finalizers.push('foregroundDeletion');
    if (opts.propagationPolicy === 'Orphan' && !finalizers.includes('orphan')) finalizers.push('orphan');
    const grace = this.strategy.gracePeriod?.(obj, opts.gracePeriodSeconds) ?? 0;
    if (finalizers.length === 0 && grace === 0) {
      if (opts.dryRun) return obj;
      return this.remove(key, name, kv.modRevision, obj);
    }
    // Graceful or finalized: mark it; the kubelet or the finalizer's owner completes the delete.
    if (meta.deletionTimestamp && grace >= (meta.deletionGracePeriodSeconds ?? 0) && sameList(finalizers, meta.finalizers ?? [])) return obj;
    meta.finalizers = finalizers;
    meta.deletionTimestamp ??= rfc3339(new Date(Date.now() + grace * 1000));
    meta.deletionGracePeriodSeconds = Math.min(grace, meta.deletionGracePeriodSeconds ?? grace);
    if (opts.dryRun) return obj;
    delete meta.resourceVersion;
    try {
      const updated = await this.store.update(key, encodeObject(obj), kv.modRevision);
      meta.resourceVersion = String(updated.modRevision);
      return obj;
    } catch (err) {
      throw toStatusError(err, this.info, name);
    }
  }

  private async remove(key: string, name: string, precondition: number, obj: KubeObject): Promise<KubeObject> {
    try {
      const kv = await this.store.delete(key, precondition);
      const gone = this.decode({ value: kv.value, modRevision: kv.modRevision });
      this.strategy.afterDelete?.(gone);
      return gone;
    } catch (err) {
      throw toStatusError(err, this.info, name || (obj.metadata?.name ?? ''));
    }
  }

  private keepStatus(obj: KubeObject, old: KubeObject): KubeObject {
    if (!this.info.subresources.includes('status')) return obj;
    const next = { ...obj };
    if (old.status === undefined) delete next.status;
    else next.status = old.status;
    return next;
  }

  private checkKind(obj: KubeObject): void {
    // Every write passes here, patch results included: a deeper object could not be encoded or
    // patched without overflowing the stack.
    if (nestsDeeperThan(obj)) throw errors.badRequest(`the object nests deeper than ${MAX_NESTING_DEPTH} levels`);
    // The name goes into the store key and into messages, so it must be text before anything else.
    const name = isObject(obj.metadata) ? obj.metadata['name'] : undefined;
    if (name !== undefined && typeof name !== 'string') {
      throw errors.badRequest(`json: cannot unmarshal ${Array.isArray(name) ? 'array' : typeof name} into Go struct field ObjectMeta.metadata.name of type string`);
    }
    const gv = groupVersion(this.info);
    if (obj.kind !== undefined && obj.kind !== this.info.kind) {
      throw errors.badRequest(`the kind "${shown(obj.kind)}" of the object does not match the resource ${this.info.resource} (kind ${this.info.kind})`);
    }
    if (obj.apiVersion !== undefined && obj.apiVersion !== gv) {
      throw errors.badRequest(`the API version "${shown(obj.apiVersion)}" of the object does not match ${gv}`);
    }
    obj.apiVersion = gv;
    obj.kind = this.info.kind;
  }

  private validate(causes: ReturnType<NonNullable<Strategy['validateCreate']>>, name: string): void {
    if (causes.length > 0) throw errors.invalid(this.info.kind, this.info.group, name, causes);
  }
}

// A status update changes nothing but status; the resourceVersion it carries is still a precondition.
function pickMeta(meta: KubeObject['metadata'] & object): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (meta.resourceVersion !== undefined) out.resourceVersion = meta.resourceVersion;
  return out;
}

// String() throws on a JSON object with its own toString member; JSON text of it never does.
function shown(v: unknown): string {
  return typeof v === 'string' ? v : String(JSON.stringify(v));
}

// A resourceVersion precondition must be a revision: " " would read as 0, which the store takes
// as no precondition at all.
function preconditionOf(rv: unknown): number {
  if (typeof rv === 'string' && /^[0-9]{1,16}$/.test(rv) && Number.isSafeInteger(Number(rv))) return Number(rv);
  throw errors.badRequest(`invalid resourceVersion ${JSON.stringify(rv)}: must be a non-negative integer`);
}

function sameList(a: string[], b: string[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}
