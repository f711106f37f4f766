// List and watch for one resource, with selectors applied server-side. A filtered list still
// honours `limit`: it reads on until the page is full of matches, as the etcd3 store does.
import type { KubeList, KubeObject } from '../../../api/meta/object.js';
import { groupVersion } from '../../../api/resources.js';
import { errors } from '../../../api/status.js';
import { isStorageError } from '../../storage/errors.js';
import type { WatchEvent } from '../../storage/interface.js';
import { listPrefix } from './keys.js';
import type { Registry } from './registry.js';
import { toStatusError } from './storage-errors.js';

/** ObjectFilter is a compiled label + field selector. */
export type ObjectFilter = (obj: KubeObject) => boolean;

/** ListOptions are the list query parameters the registry acts on. */
export interface ListOptions {
  filter?: ObjectFilter;
  limit?: number;
  continue?: string;
  /** resourceVersion with match 'Exact' (or a continue token) reads at that revision; otherwise the latest. */
  resourceVersion?: string;
  resourceVersionMatch?: 'Exact' | 'NotOlderThan';
}

/** list returns a `<Kind>List` of the objects in namespace (all namespaces when undefined). */
export async function list(reg: Registry, namespace: string | undefined, opts: ListOptions = {}): Promise<KubeList> {
  const prefix = listPrefix(reg.info, namespace);
  const limit = opts.limit && opts.limit > 0 ? opts.limit : undefined;
  let revision = 0;
  if (opts.resourceVersionMatch === 'Exact') {
    revision = Number(opts.resourceVersion);
    if (!Number.isSafeInteger(revision) || revision <= 0) throw errors.badRequest(`invalid resourceVersion "${opts.resourceVersion}" for resourceVersionMatch=Exact`);
  }
  const items: KubeObject[] = [];
  let token = opts.continue;
  let listRevision = 0;
  try {
    for (;;) {
      const page = await reg.store.list(prefix, { revision: token ? undefined : revision || undefined, limit: limit ? Math.max(limit - items.length, 1) : undefined, continue: token });
      listRevision = page.revision;
      revision = page.revision;
      for (const kv of page.items) {
        const obj = reg.decode(kv);
        if (!opts.filter || opts.filter(obj)) items.push(obj);
      }
      token = page.continue;
      if (!token || (limit !== undefined && items.length >= limit)) break;
    }
  } catch (err) {
    // The server only issues tokens for revisions it has, so a token from the future was forged.
    if (opts.continue !== undefined && isStorageError(err) && err.code === 'FutureRevision') {
      throw errors.badRequest('continue key is not valid: its resource version is newer than the server\'s');
    }
    throw toStatusError(err, reg.info, '');
  }
  const metadata: KubeList['metadata'] = { resourceVersion: String(listRevision) };
  if (token) metadata.continue = token;
  return { apiVersion: groupVersion(reg.info), kind: `${reg.info.kind}List`, metadata, items };
}

/** WatchEventObject is one event of a watch stream, as it goes over the wire. */
export interface WatchEventObject {
  type: 'ADDED' | 'MODIFIED' | 'DELETED' | 'BOOKMARK' | 'ERROR';
  object: KubeObject | Record<string, unknown>;
}

/** WatchOptions are the watch query parameters the registry acts on. */
export interface WatchOptions {
  filter?: ObjectFilter;
  /** resourceVersion: '' or '0' sends the current state as ADDED events first, as Kubernetes does. */
  resourceVersion?: string;
  signal: AbortSignal;
  /**
   * progress is advanced to the revision of every store event once it has been handed on (or
   * filtered out): the only revision a BOOKMARK may carry, since a bookmark past an event still
   * on its way would make a client that re-watches from it lose that event.
   */
  progress?: { revision: number };
}

/** watch streams changes of the resource in namespace, filtered, translated through the selector. */
export async function* watch(reg: Registry, namespace: string | undefined, opts: WatchOptions): AsyncGenerator<WatchEventObject> {
  const rv = opts.resourceVersion ?? '';
  let from: number;
  if (rv === '' || rv === '0') {
    const initial = await list(reg, namespace, { filter: opts.filter });
    for (const obj of initial.items) yield { type: 'ADDED', object: obj };
    from = Number(initial.metadata.resourceVersion);
  } else {
    from = Number(rv);
    if (!Number.isSafeInteger(from) || from < 0) throw errors.badRequest(`invalid resourceVersion "${rv}"`);
  }
  if (opts.progress) opts.progress.revision = from;
  let events: AsyncIterable<WatchEvent>;
  try {
    events = reg.store.watch(listPrefix(reg.info, namespace), from, opts.signal, { prevValues: opts.filter !== undefined });
  } catch (err) {
    throw toStatusError(err, reg.info, '');
  }
  try {
    for await (const e of events) {
      const out = translate(reg, e, opts.filter);
      if (out) yield out;
      if (opts.progress) opts.progress.revision = e.revision;
    }
  } catch (err) {
    throw toStatusError(err, reg.info, '');
  }
}

// The store hands every watcher of a write the same value bytes, so they are decoded once for all
// watchers rather than once per watcher (with 100 watchers, decoding was most of a write's fan-out
// cost). The object is then shared: nothing that takes watch events may change it.
const decoded = new WeakMap<Uint8Array, KubeObject>();

function decodeShared(reg: Registry, e: WatchEvent): KubeObject {
  let obj = decoded.get(e.value);
  if (obj === undefined) {
    obj = reg.decode({ value: e.value, modRevision: e.revision });
    decoded.set(e.value, obj);
  }
  return obj;
}

// With a selector, an object that stops matching is DELETED for this watcher and one that starts
// matching is ADDED, as kube-apiserver's filtered watches report it.
function translate(reg: Registry, e: WatchEvent, filter: ObjectFilter | undefined): WatchEventObject | undefined {
  const obj = decodeShared(reg, e);
  if (!filter) return { type: e.type, object: obj };
  const now = filter(obj);
  const before = e.prevValue !== undefined && e.type !== 'ADDED' ? filter(reg.decode({ value: e.prevValue, modRevision: e.revision })) : false;
  if (e.type === 'DELETED') return before || now ? { type: 'DELETED', object: obj } : undefined;
  if (e.type === 'ADDED') return now ? { type: 'ADDED', object: obj } : undefined;
  if (now && before) return { type: 'MODIFIED', object: obj };
  if (now) return { type: 'ADDED', object: obj };
  if (before) return { type: 'DELETED', object: obj };
  return undefined;
}
