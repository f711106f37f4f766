// The patch `kctl apply` sends, computed as kubectl's client-side apply computes it
// (strategicpatch.CreateThreeWayMergePatch): the changes and additions needed to turn the live
// object into the manifest, plus the deletions of fields the manifest used to set (per the
// last-applied annotation) and no longer does. Fields only the server or other clients set are
// left alone. Lists with a merge key (containers by name, ports by containerPort) are merged
// item by item with $setElementOrder and `$patch: delete`; kinds without strategic-merge
// metadata get the JSON merge patch equivalent (CreateThreeWayJSONMergePatch).
import type { FieldPatchMeta, PatchMetaWalker } from '../../api/patch-meta.js';

/** Json is a decoded JSON value. */
export type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
/** JsonObject is a decoded JSON object. */
export type JsonObject = { [k: string]: Json };

interface DiffOptions {
  ignoreDeletions?: boolean;
  ignoreChangesAndAdditions?: boolean;
  buildRetainKeys?: boolean;
}

const SET_ORDER = '$setElementOrder/';
const DELETE_PRIMITIVE = '$deleteFromPrimitiveList/';
const RETAIN_KEYS = '$retainKeys';

const isObj = (v: Json | undefined): v is JsonObject => typeof v === 'object' && v !== null && !Array.isArray(v);
const typeOf = (v: Json): string => (v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v);
const deepEqual = (a: Json | undefined, b: Json | undefined): boolean => JSON.stringify(canon(a)) === JSON.stringify(canon(b));
function canon(v: Json | undefined): Json | undefined {
  if (Array.isArray(v)) return v.map((x) => canon(x) as Json);
  if (isObj(v)) return Object.fromEntries(Object.keys(v).sort().map((k) => [k, canon(v[k]) as Json]));
  return v;
}
// Go's fmt %v of a decoded scalar, which is how merge keys and scalar lists are compared and sorted.
const keyText = (v: Json | undefined): string => (v === null || v === undefined ? '<nil>' : typeof v === 'object' ? JSON.stringify(v) : String(v));
const byText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

function strategies(meta: FieldPatchMeta): { retainKeys: boolean; strategy: string } {
  const parts = (meta.strategy ?? '').split(',').filter((p) => p !== '');
  return { retainKeys: parts.includes('retainKeys'), strategy: parts.find((p) => p !== 'retainKeys') ?? '' };
}

/** diffMaps is strategicpatch.diffMaps: the patch turning original into modified, per opts. */
function diffMaps(original: JsonObject, modified: JsonObject, path: string[], meta: PatchMetaWalker, opts: DiffOptions): JsonObject {
  const patch: JsonObject = {};
  const retain: string[] = [];
  for (const key of Object.keys(modified)) {
    const mv = modified[key] as Json;
    if (opts.buildRetainKeys && mv !== null) retain.push(key);
    if (!(key in original)) {
      if (!opts.ignoreChangesAndAdditions) patch[key] = mv;
      continue;
    }
    const ov = original[key] as Json;
    if (key === '$patch') {
      if (ov !== mv) patch[key] = mv;
      continue;
    }
    if (typeOf(ov) !== typeOf(mv)) {
      if (!opts.ignoreChangesAndAdditions) patch[key] = mv;
      continue;
    }
    const fieldPath = [...path, key];
    if (isObj(ov) && isObj(mv)) {
      const { retainKeys, strategy } = strategies(meta.lookup(fieldPath));
      if (strategy === 'replace') {
        if (!opts.ignoreChangesAndAdditions) patch[key] = mv;
      } else {
        const sub = diffMaps(ov, mv, fieldPath, meta, { ...opts, buildRetainKeys: retainKeys });
        if (Object.keys(sub).length > 0) patch[key] = sub;
      }
    } else if (Array.isArray(ov) && Array.isArray(mv)) {
      const fieldMeta = meta.lookup(fieldPath);
      const { retainKeys, strategy } = strategies(fieldMeta);
      if (strategy === 'merge') {
        const [add, del, order] = diffLists(ov, mv, fieldMeta.mergeKey ?? '', fieldPath, meta, { ...opts, buildRetainKeys: retainKeys });
        if (add.length > 0) patch[key] = add;
        if (del.length > 0) patch[DELETE_PRIMITIVE + key] = del;
        if (order.length > 0) patch[SET_ORDER + key] = order;
      } else if (!opts.ignoreChangesAndAdditions && !deepEqual(ov, mv)) patch[key] = mv;
    } else if (!opts.ignoreChangesAndAdditions && !deepEqual(ov, mv)) patch[key] = mv;
  }
  if (!opts.ignoreDeletions) for (const key of Object.keys(original)) if (!(key in modified)) patch[key] = null;
  const removesFields = Object.entries(original).some(([k, v]) => v !== null && !(k in modified));
  if (retain.length > 0 && (Object.keys(patch).length > 0 || removesFields)) patch[RETAIN_KEYS] = [...retain].sort(byText);
  return patch;
}

function mergeKeyOf(item: Json, mergeKey: string): Json {
  if (!isObj(item)) throw new Error(`expected a map in a list merged by ${mergeKey}, got ${JSON.stringify(item)}`);
  if (!(mergeKey in item)) throw new Error(`map: ${JSON.stringify(item)} does not contain declared merge key: ${mergeKey}`);
  return item[mergeKey] as Json;
}

/** diffLists is strategicpatch.diffLists: [patch list, primitive deletions, $setElementOrder]. */
function diffLists(original: Json[], modified: Json[], mergeKey: string, path: string[], meta: PatchMetaWalker, opts: DiffOptions): [Json[], Json[], Json[]] {
  if (original.length === 0) return modified.length === 0 || opts.ignoreChangesAndAdditions ? [[], [], []] : [modified, [], []];
  const kinds = new Set([...original, ...modified].map(typeOf));
  if (kinds.size > 1) throw new Error(`list element types are not identical: ${JSON.stringify([original, modified])}`);
  if (kinds.has('array')) throw new Error('lists of lists are not supported');
  if (kinds.has('object')) {
    const [changes, deletions] = diffListsOfMaps(original, modified, mergeKey, path, meta, opts);
    const position = (item: Json): number => modified.findIndex((m) => keyText(mergeKeyOf(m, mergeKey)) === keyText(mergeKeyOf(item, mergeKey)));
    const patchList = [...changes].sort((a, b) => position(a) - position(b)).concat(deletions);
    const orderSame = original.length === modified.length && original.every((o, i) => keyText(mergeKeyOf(o, mergeKey)) === keyText(mergeKeyOf(modified[i] as Json, mergeKey)));
    const wantOrder = (!opts.ignoreChangesAndAdditions && (patchList.length > 0 || !orderSame)) || (!opts.ignoreDeletions && patchList.length > 0);
    return [patchList, [], wantOrder ? modified.map((m) => ({ [mergeKey]: mergeKeyOf(m, mergeKey) })) : []];
  }
  const [adds, dels] = diffListsOfScalars(original, modified, opts);
  const position = (v: Json): number => modified.findIndex((m) => m === v);
  adds.sort((a, b) => position(a) - position(b));
  const wantOrder = (!opts.ignoreDeletions && dels.length > 0) || (!opts.ignoreChangesAndAdditions && !deepEqual(original, modified));
  return [adds, dels, wantOrder ? modified : []];
}

function diffListsOfScalars(original: Json[], modified: Json[], opts: DiffOptions): [Json[], Json[]] {
  const o = [...original].sort((a, b) => byText(keyText(a), keyText(b)));
  const m = [...modified].sort((a, b) => byText(keyText(a), keyText(b)));
  const adds: Json[] = [];
  const dels: Json[] = [];
  let i = 0;
  let j = 0;
  while (i < o.length || j < m.length) {
    const os = i < o.length ? keyText(o[i]) : undefined;
    const ms = j < m.length ? keyText(m[j]) : undefined;
    if (os !== undefined && ms !== undefined && os === ms) {
      i++;
      j++;
    } else if (os === undefined || (ms !== undefined && os > ms)) {
      if (!opts.ignoreChangesAndAdditions) adds.push(m[j] as Json);
      j++;
    } else {
      if (!opts.ignoreDeletions) dels.push(o[i] as Json);
      i++;
    }
  }
  return [adds, dels.filter((d, k) => dels.findIndex((x) => keyText(x) === keyText(d)) === k)];
}

function diffListsOfMaps(original: Json[], modified: Json[], mergeKey: string, path: string[], meta: PatchMetaWalker, opts: DiffOptions): [Json[], Json[]] {
  const sortByKey = (l: Json[]): Json[] => [...l].sort((a, b) => byText(keyText(mergeKeyOf(a, mergeKey)), keyText(mergeKeyOf(b, mergeKey))));
  const o = sortByKey(original);
  const m = sortByKey(modified);
  const changes: Json[] = [];
  const deletions: Json[] = [];
  let i = 0;
  let j = 0;
  while (i < o.length || j < m.length) {
    const os = i < o.length ? keyText(mergeKeyOf(o[i] as Json, mergeKey)) : undefined;
    const ms = j < m.length ? keyText(mergeKeyOf(m[j] as Json, mergeKey)) : undefined;
    if (os !== undefined && ms !== undefined && os === ms) {
      const sub = diffMaps(o[i] as JsonObject, m[j] as JsonObject, path, meta, opts);
      if (Object.keys(sub).length > 0) changes.push({ ...sub, [mergeKey]: mergeKeyOf(m[j] as Json, mergeKey) });
      i++;
      j++;
    } else if (os === undefined || (ms !== undefined && os > ms)) {
      if (!opts.ignoreChangesAndAdditions) changes.push(m[j] as Json);
      j++;
    } else {
      if (!opts.ignoreDeletions) deletions.push({ [mergeKey]: mergeKeyOf(o[i] as Json, mergeKey), $patch: 'delete' });
      i++;
    }
  }
  return [changes, deletions];
}

/**
 * mergePatches joins the deletions patch and the changes patch into one (kubectl's
 * mergeMap without parallel-list merging): lists merged by key, items in $setElementOrder order
 * with `$patch: delete` items last, so the server's order check always passes.
 */
function mergePatches(a: JsonObject, b: JsonObject, path: string[], meta: PatchMetaWalker): JsonObject {
  const out: JsonObject = { ...a };
  for (const key of Object.keys(b)) {
    const bv = b[key] as Json;
    const av = out[key];
    if (key.startsWith('$') || bv === null || av === undefined || av === null || typeOf(av) !== typeOf(bv)) {
      out[key] = bv;
      continue;
    }
    const fieldPath = [...path, key];
    const fieldMeta = meta.lookup(fieldPath);
    const { strategy } = strategies(fieldMeta);
    if (isObj(av) && isObj(bv)) out[key] = strategy === 'replace' ? bv : mergePatches(av, bv, fieldPath, meta);
    else if (Array.isArray(av) && Array.isArray(bv) && strategy === 'merge') out[key] = mergeLists(av, bv, fieldMeta.mergeKey ?? '', fieldPath, meta, out[SET_ORDER + key] ?? b[SET_ORDER + key]);
    else out[key] = bv;
  }
  return out;
}

function mergeLists(a: Json[], b: Json[], mergeKey: string, path: string[], meta: PatchMetaWalker, order: Json | undefined): Json[] {
  if (![...a, ...b].some(isObj)) return [...a, ...b].filter((v, i, all) => all.findIndex((x) => keyText(x) === keyText(v)) === i);
  const merged = [...a];
  for (const item of b) {
    const k = keyText(mergeKeyOf(item, mergeKey));
    const at = merged.findIndex((x) => isObj(x) && !('$patch' in x) && keyText(mergeKeyOf(x, mergeKey)) === k);
    if (at >= 0) merged[at] = mergePatches(merged[at] as JsonObject, item as JsonObject, path, meta);
    else merged.push(item);
  }
  const deletes = merged.filter((x) => isObj(x) && x['$patch'] === 'delete');
  const rest = merged.filter((x) => !(isObj(x) && x['$patch'] === 'delete'));
  if (Array.isArray(order)) {
    const keys = order.map((o) => keyText(isObj(o) ? o[mergeKey] : o));
    const pos = (x: Json): number => {
      const p = keys.indexOf(keyText(mergeKeyOf(x, mergeKey)));
      return p < 0 ? keys.length : p;
    };
    rest.sort((x, y) => pos(x) - pos(y));
  }
  return [...rest, ...deletes];
}

/**
 * threeWayStrategicPatch is CreateThreeWayMergePatch(original, modified, current) with
 * overwrite: original is the last-applied configuration ({} when there is none), modified the
 * manifest about to be applied, current the live object. `{}` means nothing to do.
 */
export function threeWayStrategicPatch(original: JsonObject, modified: JsonObject, current: JsonObject, meta: PatchMetaWalker): JsonObject {
  const delta = diffMaps(current, modified, [], meta, { ignoreDeletions: true });
  const deletions = diffMaps(original, modified, [], meta, { ignoreChangesAndAdditions: true });
  return mergePatches(deletions, delta, [], meta);
}

function createMergePatch(from: Json, to: Json): Json | undefined {
  if (!isObj(from) || !isObj(to)) return deepEqual(from, to) ? undefined : to;
  const patch: JsonObject = {};
  for (const k of Object.keys(to)) {
    if (!(k in from)) patch[k] = to[k] as Json;
    else {
      const sub = isObj(from[k]) && isObj(to[k]) ? createMergePatch(from[k] as Json, to[k] as Json) : deepEqual(from[k], to[k]) ? undefined : (to[k] as Json);
      if (sub !== undefined && !(isObj(sub) && Object.keys(sub).length === 0 && isObj(from[k]) && isObj(to[k]))) patch[k] = sub;
    }
  }
  for (const k of Object.keys(from)) if (!(k in to)) patch[k] = null;
  return patch;
}

// keepOrDeleteNullInObj: the deletions (nulls) alone, or everything but them.
function filterNulls(m: JsonObject, keepNull: boolean): JsonObject {
  const out: JsonObject = {};
  for (const [k, v] of Object.entries(m)) {
    if (v === null) {
      if (keepNull) out[k] = null;
    } else if (isObj(v)) {
      if (Object.keys(v).length === 0) {
        if (!keepNull) out[k] = v;
        continue;
      }
      const sub = filterNulls(v, keepNull);
      if (Object.keys(sub).length > 0) out[k] = sub;
    } else if (!keepNull) out[k] = v;
  }
  return out;
}

function applyMergePatch(target: Json, patch: Json): Json {
  if (!isObj(patch)) return patch;
  const out: JsonObject = isObj(target) ? { ...target } : {};
  for (const [k, v] of Object.entries(patch)) {
    if (v === null) delete out[k];
    else out[k] = applyMergePatch(out[k] ?? null, v);
  }
  return out;
}

/** threeWayMergePatch is CreateThreeWayJSONMergePatch, for kinds without strategic metadata. */
export function threeWayMergePatch(original: JsonObject, modified: JsonObject, current: JsonObject): JsonObject {
  const changes = filterNulls((createMergePatch(current, modified) ?? {}) as JsonObject, false);
  const deletions = filterNulls((createMergePatch(original, modified) ?? {}) as JsonObject, true);
  // The changes carry no nulls, so merging them onto the deletions keeps every deletion they do not replace.
  return applyMergePatch(deletions, changes) as JsonObject;
}
