// Reading and writing plain decoded JSON the way Go reads the same bytes into typed structs: a
// field of the wrong JSON type counts as absent (the decoder would have refused it already), and
// equality treats nil and empty slices and maps alike, as apimachinery's Semantic.DeepEqual does.

/** JsonObject is a decoded JSON object. */
export type JsonObject = Record<string, unknown>;

/** isJsonObject tells a JSON object (not null, not an array). */
export function isJsonObject(v: unknown): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** objectAt is o[key] when it is an object. */
export function objectAt(o: JsonObject | undefined, key: string): JsonObject | undefined {
  const v = o?.[key];
  return isJsonObject(v) ? v : undefined;
}

/** arrayAt is o[key] when it is an array, else an empty array. */
export function arrayAt(o: JsonObject | undefined, key: string): unknown[] {
  const v = o?.[key];
  return Array.isArray(v) ? v : [];
}

/** objectsAt is the array at o[key], with entries that are not objects read as empty objects. */
export function objectsAt(o: JsonObject | undefined, key: string): JsonObject[] {
  return arrayAt(o, key).map((e) => (isJsonObject(e) ? e : {}));
}

/** stringAt is o[key] when it is a string, else '' (Go's zero value). */
export function stringAt(o: JsonObject | undefined, key: string): string {
  const v = o?.[key];
  return typeof v === 'string' ? v : '';
}

/** numberAt is o[key] when it is a number. */
export function numberAt(o: JsonObject | undefined, key: string): number | undefined {
  const v = o?.[key];
  return typeof v === 'number' ? v : undefined;
}

/** stringMapAt is o[key] as a map of strings; non-string values read as ''. */
export function stringMapAt(o: JsonObject | undefined, key: string): Record<string, string> {
  const v = objectAt(o, key);
  const out: Record<string, string> = {};
  if (v) for (const k of Object.keys(v)) out[k] = typeof v[k] === 'string' ? (v[k] as string) : '';
  return out;
}

/** isSet tells a field that is present and not null. */
export function isSet(o: JsonObject | undefined, key: string): boolean {
  return o !== undefined && o[key] !== undefined && o[key] !== null;
}

/** isEmpty tells a value Go would serialise as nothing: absent, null, '' or an empty list or map. */
export function isEmpty(v: unknown): boolean {
  if (v === undefined || v === null || v === '') return true;
  if (Array.isArray(v)) return v.length === 0;
  return isJsonObject(v) && Object.keys(v).length === 0;
}

/** ensureObject returns o[key], creating {} when absent; undefined when present with another type. */
export function ensureObject(o: JsonObject, key: string): JsonObject | undefined {
  if (o[key] === undefined || o[key] === null) o[key] = {};
  return isJsonObject(o[key]) ? (o[key] as JsonObject) : undefined;
}

/** setDefault sets o[key] when it is absent, null or '' (what Go sees as unset). */
export function setDefault(o: JsonObject, key: string, value: unknown): void {
  if (o[key] === undefined || o[key] === null || o[key] === '') o[key] = value;
}

/** setDefaultPointer sets o[key] when absent or null (an optional pointer: '' and 0 are set values). */
export function setDefaultPointer(o: JsonObject, key: string, value: unknown): void {
  if (o[key] === undefined || o[key] === null) o[key] = value;
}

// Empty lists and maps equal absent ones, as in Semantic.DeepEqual; null equals absent.
function normalise(v: unknown): unknown {
  if (Array.isArray(v)) return v.length === 0 ? undefined : v.map(normalise);
  if (isJsonObject(v)) {
    const out: JsonObject = {};
    for (const k of Object.keys(v).sort()) {
      const n = normalise(v[k]);
      if (n !== undefined) out[k] = n;
    }
    return Object.keys(out).length === 0 ? undefined : out;
  }
  return v === null ? undefined : v;
}

/** semanticEqual compares two JSON values as apimachinery's Semantic.DeepEqual compares structs. */
export function semanticEqual(a: unknown, b: unknown): boolean {
  return JSON.stringify(normalise(a)) === JSON.stringify(normalise(b));
}

/** child joins a field path and a field name: `spec` + `containers`. */
export function child(path: string, name: string): string {
  return path === '' ? name : `${path}.${name}`;
}

/** index is a list element's path: `spec.containers[0]`. */
export function index(path: string, i: number): string {
  return `${path}[${i}]`;
}

/** key is a map entry's path, unquoted as field.Path.Key prints it: `metadata.labels[app]`. */
export function key(path: string, k: string): string {
  return `${path}[${k}]`;
}
