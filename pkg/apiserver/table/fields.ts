// Reading open JSON objects the way Go reads typed ones (a missing field is its zero value), and
// the string formats the printers share: label maps, label selectors, container lists.
import { labelSelectorFromObject, type LabelSelectorObject } from '../../../api/meta/label-selector.js';
import { compareGo } from '../../../api/meta/label-selector-validation.js';
import { isObject } from '../../../api/meta/object.js';

/** Obj is a JSON object read field by field. */
export type Obj = Record<string, unknown>;

/** obj is v when it is an object, else an empty one (a nil struct pointer reads as zero values). */
export function obj(v: unknown): Obj {
  return isObject(v) ? v : {};
}

/** maybeObj is v when it is an object: the printers tell a nil pointer from an empty struct. */
export function maybeObj(v: unknown): Obj | undefined {
  return isObject(v) ? v : undefined;
}

/** arr is the objects of a JSON array, or none. */
export function arr(v: unknown): Obj[] {
  return Array.isArray(v) ? v.filter(isObject) : [];
}

/** str is v when it is a string, else "". */
export function str(v: unknown): string {
  return typeof v === 'string' ? v : '';
}

/** strs is the strings of a JSON array, or none. */
export function strs(v: unknown): string[] {
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
}

/** int is v when it is a number, else 0. */
export function int(v: unknown): number {
  return typeof v === 'number' && Number.isFinite(v) ? v : 0;
}

/** count is how many entries a JSON object or array has (len() of a Go map or slice). */
export function count(v: unknown): number {
  if (Array.isArray(v)) return v.length;
  return isObject(v) ? Object.keys(v).length : 0;
}

/** stringMap is the string-valued entries of a JSON object. */
export function stringMap(v: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, x] of Object.entries(obj(v))) if (typeof x === 'string') out[k] = x;
  return out;
}

/** formatLabels is labels.FormatLabels: `k=v` pairs sorted by key, or "<none>". */
export function formatLabels(v: unknown): string {
  const m = stringMap(v);
  const s = Object.keys(m)
    .sort(compareGo)
    .map((k) => `${k}=${m[k]}`)
    .join(',');
  return s === '' ? '<none>' : s;
}

// LabelSelectorAsSelector's string, or undefined when the selector does not convert.
function selectorString(v: unknown): string | undefined {
  const sel = v === undefined || v === null ? null : isObject(v) ? (v as LabelSelectorObject) : undefined;
  if (sel === undefined) return undefined;
  const { selector } = labelSelectorFromObject(sel);
  return selector ? selector.toString() : undefined;
}

/** formatLabelSelector is metav1.FormatLabelSelector: "<none>" when empty, "<error>" when invalid. */
export function formatLabelSelector(v: unknown): string {
  const s = selectorString(v);
  if (s === undefined) return '<error>';
  return s === '' ? '<none>' : s;
}

/** labelSelectorString is the Deployment printer's selector: "" when empty, "<invalid>" when invalid. */
export function labelSelectorString(v: unknown): string {
  return selectorString(v) ?? '<invalid>';
}

/** layoutContainerCells is the printers' CONTAINERS and IMAGES cells for a pod template's containers. */
export function layoutContainerCells(containers: unknown): [names: string, images: string] {
  const cs = arr(containers);
  return [cs.map((c) => str(c['name'])).join(','), cs.map((c) => str(c['image'])).join(',')];
}

/** joinHostPort is net.JoinHostPort: IPv6 hosts go in brackets. */
export function joinHostPort(host: string, port: number): string {
  return host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
}

/** hasTrueCondition is whether conditions has one of type whose status is True (the first one decides). */
export function hasTrueCondition(conditions: unknown, type: string): boolean {
  const c = arr(conditions).find((x) => x['type'] === type);
  return c !== undefined && c['status'] === 'True';
}
