// Small formatters kubectl's printers share: ages (apimachinery's HumanDuration), RFC 1123 times
// as describe prints them, label maps, and Go's %v for the JSON values a printer meets.

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;

/** humanDuration is duration.HumanDuration: "45s", "3m2s", "5h", "2d3h", "3y12d". */
export function humanDuration(ms: number): string {
  // Up to 2s in the future still reads as "0s": clocks of client and server differ a little.
  const seconds = Math.trunc(ms / SECOND);
  if (seconds < -1) return '<invalid>';
  if (seconds < 0) return '0s';
  if (seconds < 120) return `${seconds}s`;
  const minutes = Math.trunc(ms / MINUTE);
  if (minutes < 10) return seconds % 60 === 0 ? `${minutes}m` : `${minutes}m${seconds % 60}s`;
  if (minutes < 180) return `${minutes}m`;
  const hours = Math.trunc(ms / HOUR);
  if (hours < 8) return minutes % 60 === 0 ? `${hours}h` : `${hours}h${minutes % 60}m`;
  if (hours < 48) return `${hours}h`;
  const days = Math.trunc(hours / 24);
  if (hours < 24 * 8) return hours % 24 === 0 ? `${days}d` : `${days}d${hours % 24}h`;
  if (hours < 24 * 365 * 2) return `${days}d`;
  const years = Math.trunc(days / 365);
  if (hours < 24 * 365 * 8) return days % 365 === 0 ? `${years}y` : `${years}y${days % 365}d`;
  return `${years}y`;
}

/** ageSince is translateTimestampSince: the age of an RFC 3339 time, "<unknown>" when unset. */
export function ageSince(timestamp: unknown, now: number): string {
  if (typeof timestamp !== 'string' || timestamp === '') return '<unknown>';
  const t = Date.parse(timestamp);
  return Number.isNaN(t) ? '<unknown>' : humanDuration(now - t);
}

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const pad2 = (n: number): string => String(n).padStart(2, '0');

/**
 * rfc1123z formats a time as Go's time.RFC1123Z in the local zone ("Mon, 02 Jan 2006 15:04:05
 * -0700"), as kubectl describe does; an unset time is Go's zero time.
 */
export function rfc1123z(timestamp: unknown): string {
  const t = typeof timestamp === 'string' && timestamp !== '' ? new Date(timestamp) : undefined;
  if (!t || Number.isNaN(t.getTime())) return 'Mon, 01 Jan 0001 00:00:00 +0000';
  const off = -t.getTimezoneOffset();
  const zone = `${off >= 0 ? '+' : '-'}${pad2(Math.trunc(Math.abs(off) / 60))}${pad2(Math.abs(off) % 60)}`;
  return `${DAYS[t.getDay()]}, ${pad2(t.getDate())} ${MONTHS[t.getMonth()]} ${t.getFullYear()} ${pad2(t.getHours())}:${pad2(t.getMinutes())}:${pad2(t.getSeconds())} ${zone}`;
}

/** formatLabels is labels.FormatLabels: "k=v,k2=v2" sorted by key, or "<none>". */
export function formatLabels(labels: Record<string, string> | undefined): string {
  const keys = Object.keys(labels ?? {}).sort();
  return keys.length === 0 ? '<none>' : keys.map((k) => `${k}=${(labels as Record<string, string>)[k]}`).join(',');
}

/** goValue prints a JSON value as Go's %v would print its decoded form. */
export function goValue(v: unknown): string {
  if (v === null || v === undefined) return '<nil>';
  if (Array.isArray(v)) return `[${v.map(goValue).join(' ')}]`;
  if (typeof v === 'object') {
    const o = v as Record<string, unknown>;
    return `map[${Object.keys(o).sort().map((k) => `${k}:${goValue(o[k])}`).join(' ')}]`;
  }
  return String(v);
}

/** asRecord narrows unknown JSON to an object (empty when it is not one). */
export function asRecord(v: unknown): Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
}

/** asArray narrows unknown JSON to an array of objects (non-objects dropped). */
export function asArray(v: unknown): Array<Record<string, unknown>> {
  return Array.isArray(v) ? v.filter((x): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x)) : [];
}

/** str is a JSON value as a string ('' unless it is a string or number). */
export function str(v: unknown): string {
  return typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'boolean' ? String(v) : '';
}

/** stringMap narrows a JSON object of strings (labels, annotations, selectors). */
export function stringMap(v: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, x] of Object.entries(asRecord(v))) out[k] = str(x);
  return out;
}

const escapeHTML = (s: string): string => s.replace(/</g, '\\u003c').replace(/>/g, '\\u003e').replace(/&/g, '\\u0026').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');

/**
 * goMarshal is Go's encoding/json for a decoded value: map keys in byte order (which JavaScript
 * objects cannot hold for integer-like keys, hence no JSON.stringify of a re-sorted object),
 * <, > and & escaped; indent as json.MarshalIndent, or compact when indent is ''.
 */
export function goMarshal(v: unknown, indent = '', level = 0): string {
  if (v === null || v === undefined) return 'null';
  if (typeof v === 'string') return escapeHTML(JSON.stringify(v));
  if (typeof v !== 'object') return JSON.stringify(v) ?? 'null';
  const nl = indent ? `\n${indent.repeat(level + 1)}` : '';
  const end = indent ? `\n${indent.repeat(level)}` : '';
  if (Array.isArray(v)) return v.length === 0 ? '[]' : `[${v.map((x) => nl + goMarshal(x, indent, level + 1)).join(',')}${end}]`;
  const keys = Object.keys(v).sort();
  if (keys.length === 0) return '{}';
  const sep = indent ? ': ' : ':';
  return `{${keys.map((k) => `${nl}${escapeHTML(JSON.stringify(k))}${sep}${goMarshal((v as Record<string, unknown>)[k], indent, level + 1)}`).join(',')}${end}}`;
}
