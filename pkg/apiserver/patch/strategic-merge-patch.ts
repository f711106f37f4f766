// Kubernetes strategic merge patch (application/strategic-merge-patch+json), a port of the apply
// half of k8s.io/apimachinery/pkg/util/strategicpatch as kube-apiserver runs it
// (StrategicMergeMapPatch: MergeParallelList and IgnoreUnmatchedNulls on). Field metadata comes from
// a PatchMetaWalker instead of Go struct tags. Behaviour, quirks and error texts follow Go; where Go
// would panic, this throws a 500 PatchError.

import type { FieldPatchMeta, PatchMetaWalker } from '../../../api/patch-meta.js';
import { ERR_BAD_PRIMITIVE_LIST, ERR_BAD_RETAIN_KEYS, ERR_BAD_SET_ELEMENT_ORDER, badRequest, internalError } from './errors.js';
import { deepClone, hasOwn, isJsonObject, kindOf, setOwn, type JsonObject, type JsonValue } from './json-value.js';
import {
  DIRECTIVE_MARKER,
  deduplicateScalars,
  errBadArgType,
  errBadPatchType,
  errNoMergeKey,
  GoSlice,
  normalizeElementOrder,
  partitionByPresence,
  sliceElementType,
  validatePatchWithSetOrderList,
} from './smp-lists.js';

const RETAIN_KEYS = '$retainKeys';
const DELETE_FROM_PRIMITIVE_LIST = '$deleteFromPrimitiveList';
const SET_ELEMENT_ORDER = '$setElementOrder';

type Path = readonly string[];

/**
 * strategyOf is the strategy of a field's tag other than retainKeys: applying a patch only honours
 * the $retainKeys directive, the tag's retainKeys part matters when a patch is created.
 */
function strategyOf(meta: FieldPatchMeta): string {
  return (meta.strategy ?? '').split(',').find((p) => p !== '' && p !== 'retainKeys') ?? '';
}

/** extractKey strips a directive prefix: `$setElementOrder/containers` → `containers`. */
function extractKey(key: string, prefix: string): string {
  const slash = key.indexOf('/');
  if (slash < 0 || key.slice(0, slash) !== prefix) {
    throw badRequest(prefix === DELETE_FROM_PRIMITIVE_LIST ? ERR_BAD_PRIMITIVE_LIST : ERR_BAD_SET_ELEMENT_ORDER);
  }
  return key.slice(slash + 1);
}

/** removeDirectives drops maps marked with $patch, recursively; undefined means "drop the value". */
function removeDirectives(v: JsonValue): JsonValue | undefined {
  if (Array.isArray(v)) {
    const out: JsonValue[] = [];
    for (const item of v) {
      const kept = removeDirectives(item);
      if (kept !== undefined) out.push(kept);
    }
    return out;
  }
  if (!isJsonObject(v)) return v;
  if (hasOwn(v, DIRECTIVE_MARKER)) return undefined;
  for (const k of Object.keys(v)) {
    const kept = removeDirectives(v[k] as JsonValue);
    if (kept === undefined) delete v[k];
    else setOwn(v, k, kept);
  }
  return v;
}

/** discardNulls removes null members at any depth of a value being added wholesale. */
function discardNulls(v: JsonValue): void {
  if (Array.isArray(v)) {
    for (const item of v) discardNulls(item);
  } else if (isJsonObject(v)) {
    for (const k of Object.keys(v)) {
      if (v[k] === null) delete v[k];
      else discardNulls(v[k] as JsonValue);
    }
  }
}

/** putPatchValue stores a patch value the original lacks (or has with another type). */
function putPatchValue(original: JsonObject, key: string, patchV: JsonValue): void {
  discardNulls(patchV);
  const kept = removeDirectives(patchV);
  if (kept === undefined) delete original[key];
  else setOwn(original, key, kept);
}

/** applyRetainKeysDirective clears members not named by $retainKeys, after checking the patch obeys it. */
function applyRetainKeysDirective(original: JsonObject, patch: JsonObject): void {
  if (!hasOwn(patch, RETAIN_KEYS)) return;
  const list = patch[RETAIN_KEYS];
  delete patch[RETAIN_KEYS];
  if (!Array.isArray(list)) throw badRequest(ERR_BAD_RETAIN_KEYS);
  const retained = new Set<JsonValue>(list);
  for (const k of Object.keys(patch)) {
    if (patch[k] === null || k.startsWith(DELETE_FROM_PRIMITIVE_LIST) || k.startsWith(SET_ELEMENT_ORDER)) continue;
    if (!retained.has(k)) throw badRequest(ERR_BAD_RETAIN_KEYS);
  }
  for (const k of Object.keys(original)) if (!retained.has(k)) delete original[k];
}

/**
 * mergePatchIntoOriginal handles each `$setElementOrder/<field>`: merges the field's patch list (if
 * any) and orders the result by $setElementOrder, then the patch list, then the live list.
 */
function mergePatchIntoOriginal(original: JsonObject, patch: JsonObject, path: Path, meta: PatchMetaWalker): void {
  for (const key of Object.keys(patch)) {
    if (!key.startsWith(SET_ELEMENT_ORDER)) continue;
    const setOrder = patch[key] as JsonValue;
    delete patch[key];
    if (!Array.isArray(setOrder)) throw errBadArgType('array', setOrder);
    const field = extractKey(key, SET_ELEMENT_ORDER);
    const foundOriginal = hasOwn(original, field);
    const foundPatch = hasOwn(patch, field);
    const originalList = foundOriginal ? original[field] : undefined;
    const patchList = foundPatch ? patch[field] : undefined;
    if (foundOriginal && !Array.isArray(originalList)) throw errBadArgType('array', originalList);
    if (foundPatch && !Array.isArray(patchList)) throw errBadArgType('array', patchList);
    const originalItems = (originalList ?? []) as JsonValue[];
    const patchItems = (patchList ?? []) as JsonValue[];
    const fieldMeta = meta.lookup([...path, field]);
    const mergeKey = fieldMeta.mergeKey ?? '';
    validatePatchWithSetOrderList(patchItems, setOrder, mergeKey);

    let merged: JsonValue[];
    if (foundOriginal && !foundPatch) merged = originalItems;
    else if (!foundOriginal && foundPatch) merged = removeDirectives(patchItems) as JsonValue[];
    else if (foundOriginal && foundPatch) merged = mergeSliceHandler(originalItems, patchItems, [...path, field], meta, strategyOf(fieldMeta), mergeKey, false);
    else continue;

    const parts = partitionByPresence(merged, setOrder, mergeKey);
    const kind = sliceElementType(originalItems, patchItems);
    setOwn(original, field, normalizeElementOrder(parts.patch, parts.serverOnly, setOrder, originalItems, mergeKey, kind));
    delete patch[field];
  }
}

/** mergeMap merges patch into target (both owned and mutated), returning the merged map. */
function mergeMap(target: JsonObject, patch: JsonObject, path: Path, meta: PatchMetaWalker): JsonObject {
  if (hasOwn(patch, DIRECTIVE_MARKER)) {
    const directive = patch[DIRECTIVE_MARKER];
    if (directive === 'replace') {
      delete patch[DIRECTIVE_MARKER];
      return patch;
    }
    if (directive === 'delete') return {};
    throw errBadPatchType(directive, patch);
  }
  applyRetainKeysDirective(target, patch);
  mergePatchIntoOriginal(target, patch, path, meta);

  for (const patchKey of Object.keys(patch)) {
    const patchV = patch[patchKey] as JsonValue;
    const isDeleteList = patchKey.startsWith(DELETE_FROM_PRIMITIVE_LIST);
    const key = isDeleteList ? extractKey(patchKey, DELETE_FROM_PRIMITIVE_LIST) : patchKey;

    if (patchV === null) {
      delete target[key];
      continue;
    }
    if (!hasOwn(target, key) || kindOf(target[key] as JsonValue) !== kindOf(patchV)) {
      // A deletion list never creates the list it deletes from.
      if (!isDeleteList) putPatchValue(target, key, patchV);
      continue;
    }
    const childPath = [...path, key];
    const fieldMeta = meta.lookup(childPath);
    const strategy = strategyOf(fieldMeta);
    const current = target[key] as JsonValue;
    if (isJsonObject(current)) {
      // The 'replace' strategy takes the patch map as is, directives included, as Go does.
      setOwn(target, key, strategy === 'replace' ? patchV : mergeMap(current, patchV as JsonObject, childPath, meta));
    } else if (Array.isArray(current)) {
      setOwn(target, key, mergeSliceHandler(current, patchV as JsonValue[], childPath, meta, strategy, fieldMeta.mergeKey ?? '', isDeleteList));
    } else {
      putPatchValue(target, key, patchV);
    }
  }
  return target;
}

/** mergeSliceHandler merges lists with the merge strategy (or a deletion list); others are replaced. */
function mergeSliceHandler(original: JsonValue[], patch: JsonValue[], path: Path, meta: PatchMetaWalker, strategy: string, mergeKey: string, isDeleteList: boolean): JsonValue[] {
  if (strategy === 'merge' || isDeleteList) return mergeSlice(original, patch, path, meta, mergeKey, isDeleteList);
  return patch;
}

/**
 * mergeSlice merges two lists: scalars are unioned (or deleted), maps matched by merge key. For
 * lists of maps, `original` is also changed the way Go's in-place slice edits change the caller's
 * backing array; see GoSlice.
 */
function mergeSlice(original: JsonValue[], patch: JsonValue[], path: Path, meta: PatchMetaWalker, mergeKey: string, isDeleteList: boolean): JsonValue[] {
  if (original.length === 0 && patch.length === 0) return original;
  const kind = sliceElementType(original, patch);
  let merged: JsonValue[];
  let base = original;
  let patchItems: JsonValue[] | null = patch;
  if (kind !== 'map') {
    if (isDeleteList) return original.filter((v) => !patch.includes(v));
    merged = deduplicateScalars([...original, ...patch]);
  } else {
    if (mergeKey === '') throw internalError(`cannot merge lists without merge key for ${path.join('.')}`);
    const slice = new GoSlice(original);
    patchItems = mergeSliceWithSpecialElements(slice, patch, mergeKey);
    base = slice.items();
    mergeSliceWithoutSpecialElements(slice, patchItems ?? [], mergeKey, path, meta);
    merged = slice.items();
  }
  const parts = partitionByPresence(merged, patchItems ?? [], mergeKey);
  return normalizeElementOrder(parts.patch, parts.serverOnly, patchItems ?? [], base, mergeKey, kind);
}

/**
 * mergeSliceWithSpecialElements applies list items carrying $patch: `delete` removes every match
 * from the original, `replace` makes the remaining patch items the whole list. It returns the
 * patch items left to merge, or null after a replace.
 */
function mergeSliceWithSpecialElements(slice: GoSlice, patch: JsonValue[], mergeKey: string): JsonValue[] | null {
  const plain: JsonValue[] = [];
  let replace = false;
  for (const v of patch) {
    const item = v as JsonObject;
    if (!hasOwn(item, DIRECTIVE_MARKER)) {
      plain.push(v);
      continue;
    }
    const directive = item[DIRECTIVE_MARKER];
    if (directive === 'delete') {
      if (!hasOwn(item, mergeKey)) throw errNoMergeKey(item, mergeKey);
      for (let k = slice.find(mergeKey, item[mergeKey] as JsonValue); k >= 0; k = slice.find(mergeKey, item[mergeKey] as JsonValue)) {
        slice.removeAt(k);
      }
    } else if (directive === 'replace') {
      replace = true;
    } else if (directive === 'merge') {
      throw internalError('merging lists cannot yet be specified in the patch');
    } else {
      throw errBadPatchType(directive, item);
    }
  }
  if (!replace) return plain;
  slice.replaceWith(plain);
  return null;
}

/** mergeSliceWithoutSpecialElements merges each patch item into the item with its key, or appends it. */
function mergeSliceWithoutSpecialElements(slice: GoSlice, patch: JsonValue[], mergeKey: string, path: Path, meta: PatchMetaWalker): void {
  for (const v of patch) {
    const item = v as JsonObject;
    if (!hasOwn(item, mergeKey)) throw errNoMergeKey(item, mergeKey);
    const i = slice.find(mergeKey, item[mergeKey] as JsonValue);
    if (i >= 0) slice.put(i, mergeMap(slice.at(i) as JsonObject, item, path, meta));
    else slice.append(v);
  }
}

/**
 * strategicMergePatch applies a strategic merge patch to original the way kube-apiserver's
 * strategicpatch.StrategicMergeMapPatch does, with field strategies and merge keys from meta.
 * Neither argument is modified. Failures throw PatchError with kube-apiserver's status code:
 * malformed directives 400, lists of lists 422, anything else (e.g. a missing merge key) 500.
 */
export function strategicMergePatch(original: JsonObject, patch: JsonObject, meta: PatchMetaWalker): JsonObject {
  return mergeMap(deepClone(original), deepClone(patch), [], meta);
}
