// RFC 6902 JSON patch (application/json-patch+json) over RFC 6901 pointers. Semantics follow the RFCs
// strictly (no negative indexes, "-" only where add allows it, replace needs an existing member);
// messages follow gopkg.in/evanphx/json-patch.v4, which kube-apiserver uses, so kubectl shows
// familiar text. Decoding failures are 400s, failed operations 422s, as kube-apiserver answers.

import { badRequest, unprocessable } from './errors.js';
import { deepClone, deepEqual, hasOwn, isJsonObject, setOwn, type JsonObject, type JsonValue } from './json-value.js';

/** JsonPatchOperation is one decoded step; members other than these are ignored (RFC 6902 §4). */
export type JsonPatchOperation = JsonObject | null;

const goJsonKind = (v: JsonValue): string =>
  v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v === 'object' ? 'object' : typeof v === 'boolean' ? 'bool' : typeof v;

/**
 * decodeJsonPatch checks that a parsed body is a JSON patch document: an array of operation objects.
 * It throws a 400 PatchError worded like Go's json.Unmarshal into jsonpatch.Patch. A null body is
 * an empty patch, as Go decodes it.
 */
export function decodeJsonPatch(body: JsonValue): JsonPatchOperation[] {
  if (body === null) return [];
  if (!Array.isArray(body)) throw badRequest(`json: cannot unmarshal ${goJsonKind(body)} into Go value of type jsonpatch.Patch`);
  for (const op of body) {
    if (op !== null && !isJsonObject(op)) {
      throw badRequest(`json: cannot unmarshal ${goJsonKind(op)} into Go value of type jsonpatch.Operation`);
    }
  }
  return body as JsonPatchOperation[];
}

type Pointer = { tokens: string[] };

/** parsePointer splits an RFC 6901 pointer into unescaped reference tokens. */
function parsePointer(ptr: string): Pointer | undefined {
  if (ptr === '') return { tokens: [] };
  if (!ptr.startsWith('/')) return undefined;
  const tokens: string[] = [];
  for (const raw of ptr.slice(1).split('/')) {
    if (/~[^01]|~$/.test(raw)) return undefined;
    // ~1 before ~0, so "~01" means "~1" and not "/" (RFC 6901 §4).
    tokens.push(raw.replace(/~1/g, '/').replace(/~0/g, '~'));
  }
  return { tokens };
}

/** arrayIndex parses an RFC 6901 array index: no sign, no leading zeros. */
const arrayIndex = (token: string): number | undefined => (/^(0|[1-9][0-9]*)$/.test(token) ? Number(token) : undefined);

/** container finds the object or array holding the pointer's last token. */
function container(doc: JsonValue, tokens: readonly string[]): JsonObject | JsonValue[] | undefined {
  let cur: JsonValue = doc;
  for (const token of tokens.slice(0, -1)) {
    if (Array.isArray(cur)) {
      const i = arrayIndex(token);
      if (i === undefined || i >= cur.length) return undefined;
      cur = cur[i] as JsonValue;
    } else if (isJsonObject(cur) && hasOwn(cur, token)) {
      cur = cur[token] as JsonValue;
    } else {
      return undefined;
    }
  }
  return Array.isArray(cur) || isJsonObject(cur) ? cur : undefined;
}

/** lookup returns the value a pointer names, or undefined when there is none. */
function lookup(doc: JsonValue, tokens: readonly string[]): JsonValue | undefined {
  if (tokens.length === 0) return doc;
  const parent = container(doc, tokens);
  const key = tokens[tokens.length - 1] as string;
  if (Array.isArray(parent)) {
    const i = arrayIndex(key);
    return i === undefined || i >= parent.length ? undefined : parent[i];
  }
  return parent && hasOwn(parent, key) ? parent[key] : undefined;
}

type Doc = { root: JsonValue };

function add(doc: Doc, path: string, tokens: readonly string[], value: JsonValue, op = 'add'): void {
  if (tokens.length === 0) {
    doc.root = value;
    return;
  }
  const parent = container(doc.root, tokens);
  if (!parent) throw unprocessable(`${op} operation does not apply: doc is missing path: "${path}": missing value`);
  const key = tokens[tokens.length - 1] as string;
  if (!Array.isArray(parent)) {
    setOwn(parent, key, value);
    return;
  }
  if (key === '-') {
    parent.push(value);
    return;
  }
  const i = arrayIndex(key);
  if (i === undefined) throw unprocessable(`error in ${op} for path: '${path}': value was not a proper array index: '${key}'`);
  if (i > parent.length) throw unprocessable(`error in ${op} for path: '${path}': Unable to access invalid index: ${i}: invalid index referenced`);
  parent.splice(i, 0, value);
}

function remove(doc: Doc, path: string, tokens: readonly string[], op = 'remove'): JsonValue {
  const parent = tokens.length === 0 ? undefined : container(doc.root, tokens);
  if (!parent) throw unprocessable(`${op} operation does not apply: doc is missing path: "${path}": missing value`);
  const key = tokens[tokens.length - 1] as string;
  if (Array.isArray(parent)) {
    const i = arrayIndex(key);
    if (i === undefined || i >= parent.length) {
      throw unprocessable(`error in ${op} for path: '${path}': Unable to access invalid index: ${key}: invalid index referenced`);
    }
    return parent.splice(i, 1)[0] as JsonValue;
  }
  if (!hasOwn(parent, key)) throw unprocessable(`error in ${op} for path: '${path}': Unable to remove nonexistent key: ${key}: missing value`);
  const old = parent[key] as JsonValue;
  delete parent[key];
  return old;
}

function replace(doc: Doc, path: string, tokens: readonly string[], value: JsonValue): void {
  if (tokens.length === 0) {
    doc.root = value;
    return;
  }
  const parent = container(doc.root, tokens);
  if (!parent) throw unprocessable(`replace operation does not apply: doc is missing path: ${path}: missing value`);
  const key = tokens[tokens.length - 1] as string;
  if (lookup(doc.root, tokens) === undefined) throw unprocessable(`replace operation does not apply: doc is missing key: ${path}: missing value`);
  if (Array.isArray(parent)) parent[arrayIndex(key) as number] = value;
  else setOwn(parent, key, value);
}

/** stringMember reads "path" or "from", failing as evanphx does when it is absent or not a string. */
function stringMember(op: JsonObject, kind: string, member: 'path' | 'from'): { text: string; tokens: string[] } {
  const v = op[member];
  if (!hasOwn(op, member) || typeof v !== 'string') {
    throw unprocessable(`${kind} operation failed to decode ${member}: missing value`);
  }
  const ptr = parsePointer(v);
  if (!ptr) throw unprocessable(`${kind} operation does not apply: doc is missing path: "${v}": missing value`);
  return { text: v, tokens: ptr.tokens };
}

function valueMember(op: JsonObject, kind: string): JsonValue {
  if (!hasOwn(op, 'value')) throw unprocessable(`${kind} operation does not apply: missing value field`);
  return deepClone(op['value'] as JsonValue);
}

/**
 * applyJsonPatch applies RFC 6902 operations in order and returns the new document; doc is not
 * modified. The first failing operation throws a 422 PatchError and nothing is applied.
 */
export function applyJsonPatch(doc: JsonValue, ops: readonly JsonPatchOperation[]): JsonValue {
  const state: Doc = { root: deepClone(doc) };
  for (const op of ops) {
    const kind = op !== null && typeof op['op'] === 'string' ? op['op'] : 'unknown';
    if (op === null || !['add', 'remove', 'replace', 'move', 'copy', 'test'].includes(kind)) {
      throw unprocessable(`Unexpected kind: ${kind}`);
    }
    const path = stringMember(op, kind, 'path');
    switch (kind) {
      case 'add':
        add(state, path.text, path.tokens, valueMember(op, kind));
        break;
      case 'remove':
        remove(state, path.text, path.tokens);
        break;
      case 'replace':
        replace(state, path.text, path.tokens, valueMember(op, kind));
        break;
      case 'move': {
        const from = stringMember(op, kind, 'from');
        if (lookup(state.root, from.tokens) === undefined) {
          throw unprocessable(`move operation does not apply: doc is missing from path: ${from.text}: missing value`);
        }
        if (path.text === from.text) break;
        if (path.text.startsWith(from.text + '/')) {
          throw unprocessable(`move operation does not apply: from path ${from.text} is a prefix of path ${path.text}`);
        }
        // from is not the root here: the root is a prefix of every other path.
        add(state, path.text, path.tokens, remove(state, from.text, from.tokens, 'move'), 'move');
        break;
      }
      case 'copy': {
        const from = stringMember(op, kind, 'from');
        const value = lookup(state.root, from.tokens);
        if (value === undefined) throw unprocessable(`copy operation does not apply: doc is missing from path: ${from.text}: missing value`);
        add(state, path.text, path.tokens, deepClone(value), 'copy');
        break;
      }
      default: {
        const expected = valueMember(op, kind);
        if (path.tokens.length > 0 && !container(state.root, path.tokens)) {
          throw unprocessable(`test operation does not apply: is missing path: ${path.text}: missing value`);
        }
        const actual = lookup(state.root, path.tokens);
        if (actual === undefined || !deepEqual(actual, expected)) throw unprocessable(`testing value ${path.text} failed: test failed`);
      }
    }
  }
  return state.root;
}
