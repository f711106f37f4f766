// List helpers of strategic merge patch, ported from apimachinery's strategicpatch (the apply half):
// element typing, merge-key matching, and the ordering rules of
// design-proposals-archive/cli/preserve-order-in-strategic-merge-patch.md. Error texts are Go's.

import { goSliceStable } from './go-sort.js';
import { ERR_NO_LIST_OF_LISTS, internalError, unprocessable, type PatchError } from './errors.js';
import { goFormat, goFormatS, goTypeName, hasOwn, isJsonObject, kindOf, type JsonKind, type JsonObject, type JsonValue } from './json-value.js';

/** DIRECTIVE_MARKER is the member that carries a patch directive: replace, delete (or merge). */
export const DIRECTIVE_MARKER = '$patch';

/** errNoMergeKey is mergepatch.ErrNoMergeKey. */
export const errNoMergeKey = (m: JsonObject, key: string): PatchError =>
  internalError(`map: ${goFormat(m)} does not contain declared merge key: ${key}`);

/** errBadArgType is mergepatch.ErrBadArgType for an expected map or slice. */
export const errBadArgType = (expected: 'map' | 'array', actual: JsonValue | undefined): PatchError =>
  internalError(`expected a ${expected === 'map' ? 'map[string]interface {}' : '[]interface {}'}, but received a ${goTypeName(actual)}`);

/** errBadPatchType is mergepatch.ErrBadPatchType: a $patch value the context does not allow. */
export const errBadPatchType = (directive: JsonValue | undefined, m: JsonObject): PatchError =>
  internalError(`unknown patch type: ${goFormatS(directive)} in map: ${goFormat(m)}`);

/** sliceElementType is the one kind shared by all elements of the lists; lists of lists fail. */
export function sliceElementType(...lists: readonly (readonly JsonValue[])[]): JsonKind {
  let kind: JsonKind | undefined;
  for (const list of lists) {
    for (const v of list) {
      const k = kindOf(v);
      if (kind === undefined) {
        if (k === 'array') throw unprocessable(ERR_NO_LIST_OF_LISTS);
        kind = k;
      }
      // Go panics on a leading null (reflect.TypeOf(nil).Kind()); any null is refused here instead.
      if (k !== kind || k === 'null') throw internalError(`list element types are not identical: ${goFormat(lists as JsonValue[][])}`);
    }
  }
  if (kind === undefined) throw internalError('no elements in any of the given slices');
  return kind;
}

/** keyOf reads the merge key of a list item; undefined for items that are not maps. */
const keyOf = (item: JsonValue, mergeKey: string): JsonValue | undefined => (isJsonObject(item) && hasOwn(item, mergeKey) ? item[mergeKey] : undefined);

/** indexIn is Go's index(): position of an item (by merge key for maps, by value otherwise). */
function indexIn(list: readonly JsonValue[], item: JsonValue, mergeKey: string, kind: JsonKind): number {
  const val = kind === 'map' ? (v: JsonValue): JsonValue | undefined => keyOf(v, mergeKey) : (v: JsonValue): JsonValue => v;
  const want = val(item);
  return list.findIndex((v) => val(v) === want);
}

/** findByMergeKey finds the first map in list whose merge key equals value. */
export function findByMergeKey(list: readonly JsonValue[], mergeKey: string, value: JsonValue | undefined): number {
  for (let i = 0; i < list.length; i++) {
    const v = list[i] as JsonValue;
    if (!isJsonObject(v)) throw internalError(`value for key ${i} is not a map`);
    if (hasOwn(v, mergeKey) && v[mergeKey] === value) return i;
  }
  return -1;
}

/** validateMergeKeyInLists insists that every item of every list is a map holding the merge key. */
function validateMergeKeyInLists(mergeKey: string, ...lists: readonly (readonly JsonValue[])[]): void {
  for (const list of lists) {
    for (const item of list) {
      if (!isJsonObject(item)) throw errBadArgType('map', item);
      if (!hasOwn(item, mergeKey)) throw errNoMergeKey(item, mergeKey);
    }
  }
}

/** splitDeleteItems separates items carrying `$patch: delete` from the rest. */
function splitDeleteItems(list: readonly JsonValue[]): { keep: JsonValue[]; toDelete: JsonValue[] } {
  const keep: JsonValue[] = [];
  const toDelete: JsonValue[] = [];
  for (const v of list) {
    if (!isJsonObject(v)) throw errBadArgType('map', v);
    (hasOwn(v, DIRECTIVE_MARKER) && v[DIRECTIVE_MARKER] === 'delete' ? toDelete : keep).push(v);
  }
  return { keep, toDelete };
}

/** normalizeSliceOrder sorts toSort by the position of each item in order (Go's comparator, Go's sort). */
function normalizeSliceOrder(toSort: JsonValue[], order: readonly JsonValue[], mergeKey: string, kind: JsonKind): JsonValue[] {
  let toDelete: JsonValue[] = [];
  let items = toSort;
  if (kind === 'map') {
    validateMergeKeyInLists(mergeKey, toSort, order);
    ({ keep: items, toDelete } = splitDeleteItems(toSort));
  }
  goSliceStable(items, (a, b) => {
    const ia = indexIn(order, a, mergeKey, kind);
    if (ia >= 0) {
      const ib = indexIn(order, b, mergeKey, kind);
      if (ib >= 0) return ia < ib;
    }
    return true;
  });
  return [...items, ...toDelete];
}

/** mergeSortedSlice interleaves server-only items (left) into patch items (right) by server order. */
function mergeSortedSlice(left: JsonValue[], right: JsonValue[], serverOrder: readonly JsonValue[], mergeKey: string, kind: JsonKind): JsonValue[] {
  const out: JsonValue[] = [];
  let i = 0;
  let j = 0;
  while (i < left.length && j < right.length) {
    const li = indexIn(serverOrder, left[i] as JsonValue, mergeKey, kind);
    const ri = indexIn(serverOrder, right[j] as JsonValue, mergeKey, kind);
    if (li >= 0 && ri >= 0 && li < ri) out.push(left[i++] as JsonValue);
    else out.push(right[j++] as JsonValue);
  }
  return [...out, ...left.slice(i), ...right.slice(j)];
}

/**
 * normalizeElementOrder orders patch items by patchOrder and server-only items by serverOrder, then
 * interleaves them: patch order wins, server-only items keep their place relative to the live list.
 */
export function normalizeElementOrder(
  patch: JsonValue[],
  serverOnly: JsonValue[],
  patchOrder: readonly JsonValue[],
  serverOrder: readonly JsonValue[],
  mergeKey: string,
  kind: JsonKind,
): JsonValue[] {
  const p = normalizeSliceOrder(patch, patchOrder, mergeKey, kind);
  const s = normalizeSliceOrder(serverOnly, serverOrder, mergeKey, kind);
  return mergeSortedSlice(s, p, serverOrder, mergeKey, kind);
}

/** partitionByPresence splits items into those present in `by` and the server-only rest. */
export function partitionByPresence(items: readonly JsonValue[], by: readonly JsonValue[], mergeKey: string): { patch: JsonValue[]; serverOnly: JsonValue[] } {
  const patch: JsonValue[] = [];
  const serverOnly: JsonValue[] = [];
  for (const v of items) {
    let present: boolean;
    if (mergeKey === '') {
      present = by.includes(v);
    } else {
      if (!isJsonObject(v)) throw errBadArgType('map', v);
      if (!hasOwn(v, mergeKey)) throw errNoMergeKey(v, mergeKey);
      present = findByMergeKey(by, mergeKey, v[mergeKey] as JsonValue) >= 0;
    }
    (present ? patch : serverOnly).push(v);
  }
  return { patch, serverOnly };
}

/** deduplicateScalars is Go's in-place dedup, which moves the last element into each hole. */
export function deduplicateScalars(s: JsonValue[]): JsonValue[] {
  let length = s.length - 1;
  for (let i = 0; i < length; i++) {
    for (let j = i + 1; j <= length; j++) {
      if (s[i] === s[j]) {
        s[j] = s[length] as JsonValue;
        s.length = length;
        length--;
        j--;
      }
    }
  }
  return s;
}

/** mergeKeyEqual compares two set-order entries by merge key, or by value for primitives. */
function mergeKeyEqual(left: JsonValue, right: JsonValue, mergeKey: string): boolean {
  if (mergeKey === '') return left === right;
  if (!isJsonObject(left)) throw errBadArgType('map', left);
  if (!isJsonObject(right)) throw errBadArgType('map', right);
  if (!hasOwn(left, mergeKey)) throw errNoMergeKey(left, mergeKey);
  if (!hasOwn(right, mergeKey)) throw errNoMergeKey(right, mergeKey);
  return left[mergeKey] === right[mergeKey];
}

/**
 * validatePatchWithSetOrderList checks that the patch list's items appear in $setElementOrder and
 * in the same relative order (deletions aside).
 */
export function validatePatchWithSetOrderList(patchList: readonly JsonValue[], setOrder: readonly JsonValue[], mergeKey: string): void {
  if (setOrder.length === 0 || patchList.length === 0) return;
  const items = mergeKey === '' ? patchList : splitDeleteItems(patchList).keep;
  let p = 0;
  let s = 0;
  while (p < items.length && s < setOrder.length) {
    const item = items[p] as JsonValue;
    if (isJsonObject(item) && hasOwn(item, DIRECTIVE_MARKER)) {
      p++;
      continue;
    }
    if (mergeKeyEqual(item, setOrder[s] as JsonValue, mergeKey)) p++;
    s++;
  }
  if (p < items.length && s >= setOrder.length) {
    throw internalError(`the order in patch list:\n${goFormat(patchList as JsonValue[])}\n doesn't match $setElementOrder list:\n${goFormat(setOrder as JsonValue[])}`);
  }
}

/**
 * GoSlice replays Go's `append(s[:k], s[k+1:]...)` deletions and `append(s, v)` additions on a
 * list of maps. Go does them in the backing array the caller's slice still points at, so the
 * caller sees shifted and overwritten items within its own length; mergePatchIntoOriginal then
 * orders by that view, and kube-apiserver's results (and Go's test expectations) depend on it.
 */
export class GoSlice {
  private cur: JsonValue[];
  /** backing is the caller's array while Go would still write into it (until $patch: replace). */
  private backing: JsonValue[] | null;

  constructor(backing: JsonValue[]) {
    this.backing = backing;
    this.cur = [...backing];
  }

  items(): JsonValue[] {
    return [...this.cur];
  }

  at(i: number): JsonValue {
    return this.cur[i] as JsonValue;
  }

  private set(i: number, v: JsonValue): void {
    this.cur[i] = v;
    if (this.backing && i < this.backing.length) this.backing[i] = v;
  }

  find(mergeKey: string, value: JsonValue): number {
    return findByMergeKey(this.cur, mergeKey, value);
  }

  removeAt(k: number): void {
    for (let i = k; i < this.cur.length - 1; i++) this.set(i, this.cur[i + 1] as JsonValue);
    this.cur.length--;
  }

  put(i: number, v: JsonValue): void {
    this.set(i, v);
  }

  append(v: JsonValue): void {
    this.cur.push(v);
    this.set(this.cur.length - 1, v);
  }

  /** replaceWith makes the slice a fresh one, which Go's later appends no longer share. */
  replaceWith(items: JsonValue[]): void {
    this.backing = null;
    this.cur = [...items];
  }
}
