// Query parameters of list, watch, write and delete requests, checked as kube-apiserver checks them.
import { errors } from '../../api/status.js';

/** Query is a parsed query string (last value wins, as Go's url.Values.Get). */
export type Query = Record<string, string | undefined>;

/** queryOf flattens fastify's query object. */
export function queryOf(raw: unknown): Query {
  const out: Query = {};
  for (const [k, v] of Object.entries((raw ?? {}) as Record<string, string | string[]>)) out[k] = Array.isArray(v) ? v[v.length - 1] : v;
  return out;
}

/** intParam parses an optional non-negative integer parameter. */
export function intParam(q: Query, name: string): number | undefined {
  const v = q[name];
  if (v === undefined || v === '') return undefined;
  const n = Number(v);
  if (!Number.isSafeInteger(n) || n < 0) throw errors.badRequest(`invalid value for ${name}: "${v}": must be a non-negative integer`);
  return n;
}

/** boolParam parses true/false/1/0, as strconv.ParseBool. */
export function boolParam(q: Query, name: string): boolean {
  const v = q[name];
  if (v === undefined || v === '' || v === 'false' || v === '0' || v === 'False' || v === 'FALSE') return false;
  if (v === 'true' || v === '1' || v === 'True' || v === 'TRUE') return true;
  throw errors.badRequest(`invalid value for ${name}: "${v}": must be true or false`);
}

/** dryRunParam accepts `dryRun=All` (and nothing else), as kube-apiserver does. */
export function dryRunParam(q: Query): boolean {
  const v = q['dryRun'];
  if (v === undefined || v === '') return false;
  if (v === 'All') return true;
  throw errors.badRequest(`Invalid dry run value: "${v}": supported values: "All"`);
}

/** resourceVersionParam returns the resourceVersion parameter, which must be a revision when given. */
export function resourceVersionParam(q: Query): string | undefined {
  const v = q['resourceVersion'];
  if (v === undefined || v === '') return undefined;
  if (!/^[0-9]{1,16}$/.test(v) || !Number.isSafeInteger(Number(v))) {
    throw errors.badRequest(`resourceVersion: Invalid value: "${v}": must be a non-negative integer`);
  }
  return v;
}

/** resourceVersionMatchParam checks resourceVersionMatch against resourceVersion, as the apiserver validates list options. */
export function resourceVersionMatchParam(q: Query): 'Exact' | 'NotOlderThan' | undefined {
  const m = q['resourceVersionMatch'];
  if (m === undefined || m === '') return undefined;
  if (m !== 'Exact' && m !== 'NotOlderThan') throw errors.badRequest(`resourceVersionMatch: Unsupported value: "${m}": supported values: "Exact", "NotOlderThan"`);
  if (!q['resourceVersion']) throw errors.badRequest('resourceVersionMatch: Forbidden: resourceVersionMatch is forbidden unless resourceVersion is provided');
  if (q['continue']) throw errors.badRequest('resourceVersionMatch: Forbidden: resourceVersionMatch is forbidden when continue is provided');
  if (m === 'Exact' && q['resourceVersion'] === '0') throw errors.badRequest('resourceVersionMatch: Forbidden: resourceVersionMatch "exact" is forbidden for resourceVersion "0"');
  return m;
}
