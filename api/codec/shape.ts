// Shape checks that decide whether a value may take a typed protobuf field. A value goes typed only
// when decoding the field gives back exactly the same JSON value; anything else stays JSON, so
// the round trip never depends on these checks being clever, only on them being strict.
import { CodecError, codecError } from './errors.js';

/** JsonObject is a decoded JSON object. */
export type JsonObject = Record<string, unknown>;

// A string with a lone surrogate cannot survive UTF-8 (it comes back as U+FFFD), while JSON escapes
// it; ES2024's isWellFormed is native and fast but not in our TS lib yet.
const wellFormed = (String.prototype as unknown as { isWellFormed(this: string): boolean }).isWellFormed;

/** isPlainObject accepts what JSON.parse makes for `{...}`; class instances and arrays are not. */
export function isPlainObject(v: unknown): v is JsonObject {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return false;
  const proto: unknown = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}

/** isText accepts a string that UTF-8 carries unchanged. */
export function isText(v: unknown): v is string {
  return typeof v === 'string' && wellFormed.call(v);
}

/** isInt64 accepts an integer that an int64 field gives back as the same number; -0 would be 0. */
export function isInt64(v: unknown): v is number {
  return typeof v === 'number' && Number.isSafeInteger(v) && (v !== 0 || 1 / v > 0);
}

/** isTextMap accepts a non-empty object of strings; an empty map is indistinguishable from none. */
export function isTextMap(v: unknown): v is Record<string, string> {
  if (!isPlainObject(v)) return false;
  let n = 0;
  for (const k in v) {
    if (!isText(k) || !isText(v[k])) return false;
    n++;
  }
  return n > 0;
}

/** isTextList accepts a non-empty array of strings (holes are undefined, so they fail). */
export function isTextList(v: unknown): v is string[] {
  if (!Array.isArray(v) || v.length === 0) return false;
  for (let i = 0; i < v.length; i++) if (!isText(v[i])) return false;
  return true;
}

/** isOwnerRefs accepts a non-empty list whose items have exactly the OwnerReference fields. */
export function isOwnerRefs(v: unknown): boolean {
  if (!Array.isArray(v) || v.length === 0) return false;
  for (let i = 0; i < v.length; i++) if (!isOwnerRef(v[i])) return false;
  return true;
}

function isOwnerRef(v: unknown): boolean {
  if (!isPlainObject(v)) return false;
  // The four identity fields are plain proto3 strings: absent and "" decode alike, so require them.
  let required = 0;
  for (const k in v) {
    const x = v[k];
    switch (k) {
      case 'apiVersion':
      case 'kind':
      case 'name':
      case 'uid':
        if (!isText(x)) return false;
        required++;
        break;
      case 'controller':
      case 'blockOwnerDeletion':
        if (x !== undefined && typeof x !== 'boolean') return false;
        break;
      default:
        return false;
    }
  }
  return required === 4;
}

/**
 * addMember appends `"key":value` to a JSON object's member list, skipping what JSON.stringify
 * would skip (undefined, functions). Building the text directly saves copying objects to drop keys.
 */
export function addMember(members: string, key: string, value: unknown): string {
  const json = JSON.stringify(value) as string | undefined;
  if (json === undefined) return members;
  return (members === '' ? '' : members + ',') + JSON.stringify(key) + ':' + json;
}

/** setMember sets a key without tripping the `__proto__` setter, which would drop or re-parent it. */
export function setMember(o: JsonObject, key: string, value: unknown): void {
  if (key === '__proto__') {
    Object.defineProperty(o, key, { value, enumerable: true, writable: true, configurable: true });
  } else {
    o[key] = value;
  }
}

/** parseObject parses stored JSON text that must be an object (body and metadata extra). */
export function parseObject(text: string, where: string): JsonObject {
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch (err) {
    throw codecError(`stored ${where} is not JSON`, err);
  }
  if (!isPlainObject(v)) throw new CodecError(`stored ${where} is not a JSON object`);
  return v;
}

/** asBuffer views bytes as a Buffer without copying (Buffer's UTF-8 paths are native). */
export function asBuffer(bytes: Uint8Array): Buffer {
  return Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}
