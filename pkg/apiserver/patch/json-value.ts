// JSON values as the patch engines see them, and the few operations they share. Patch bodies come
// from clients, so every write goes through setOwn: a key such as "__proto__" must stay an ordinary
// member and never reach an object's prototype.

/** JsonValue is any value JSON.parse can return. */
export type JsonValue = null | boolean | number | string | JsonValue[] | JsonObject;

/** JsonObject is a JSON object; keys are own, enumerable data properties. */
export interface JsonObject {
  [key: string]: JsonValue;
}

/** JsonKind names the shape of a value the way the Go engines distinguish types. */
export type JsonKind = 'null' | 'boolean' | 'number' | 'string' | 'array' | 'map';

/** isJsonObject tells a JSON object from arrays, null and scalars. */
export function isJsonObject(v: unknown): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** kindOf classifies a value; two values of different kinds never merge. */
export function kindOf(v: JsonValue): JsonKind {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'object') return 'map';
  return typeof v as 'boolean' | 'number' | 'string';
}

/** hasOwn is `key in obj` without inherited members (`"toString" in {}` is true). */
export function hasOwn(obj: JsonObject, key: string): boolean {
  return Object.prototype.hasOwnProperty.call(obj, key);
}

/** getOwn reads an own member, undefined when absent. */
export function getOwn(obj: JsonObject, key: string): JsonValue | undefined {
  return hasOwn(obj, key) ? obj[key] : undefined;
}

/** setOwn writes a member as plain data, even for "__proto__". */
export function setOwn(obj: JsonObject, key: string, value: JsonValue): void {
  Object.defineProperty(obj, key, { value, writable: true, enumerable: true, configurable: true });
}

/** deepClone copies a JSON value so the engines may mutate freely, as their Go originals do. */
export function deepClone<T extends JsonValue>(v: T): T {
  if (v === null || typeof v !== 'object') return v;
  if (Array.isArray(v)) return v.map((x) => deepClone(x)) as T;
  const out: JsonObject = {};
  for (const k of Object.keys(v)) setOwn(out, k, deepClone(v[k] as JsonValue));
  return out as T;
}

/** deepEqual is structural JSON equality: member order is irrelevant, array order is not. */
export function deepEqual(a: JsonValue, b: JsonValue): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    return a.every((x, i) => deepEqual(x, b[i] as JsonValue));
  }
  const ka = Object.keys(a);
  if (ka.length !== Object.keys(b).length) return false;
  return ka.every((k) => hasOwn(b, k) && deepEqual(a[k] as JsonValue, b[k] as JsonValue));
}

/**
 * goFormat renders a value as Go's fmt `%v` prints the decoded map, so error messages read as
 * kube-apiserver's do (`map[name:a value:b]`). Integers print without exponent because the
 * apiserver decodes them as int64.
 */
export function goFormat(v: JsonValue | undefined): string {
  if (v === null || v === undefined) return '<nil>';
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return Number.isInteger(v) && Math.abs(v) < 2 ** 63 ? BigInt(v).toString() : String(v);
  if (typeof v === 'boolean') return String(v);
  if (Array.isArray(v)) return `[${v.map((x) => goFormat(x)).join(' ')}]`;
  const keys = Object.keys(v).sort();
  return `map[${keys.map((k) => `${k}:${goFormat(v[k])}`).join(' ')}]`;
}

/** goTypeName is reflect.TypeOf(v).String() for what encoding/json decodes into interface{}. */
export function goTypeName(v: JsonValue | undefined): string {
  if (v === null || v === undefined) return '%!s(<nil>)';
  switch (kindOf(v)) {
    case 'map':
      return 'map[string]interface {}';
    case 'array':
      return '[]interface {}';
    case 'number':
      return Number.isInteger(v) ? 'int64' : 'float64';
    case 'boolean':
      return 'bool';
    default:
      return 'string';
  }
}

/** goFormatS is fmt's `%s` of a value, which wraps non-strings as `%!s(type=value)`. */
export function goFormatS(v: JsonValue | undefined): string {
  if (typeof v === 'string') return v;
  if (v === null || v === undefined) return '%!s(<nil>)';
  if (typeof v === 'object') return goFormat(v);
  return `%!s(${goTypeName(v)}=${goFormat(v)})`;
}
