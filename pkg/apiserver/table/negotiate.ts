// Whether a request asks for a Table, decided as kube-apiserver's content negotiation does: the
// first acceptable Accept clause wins, and `as=Table;g=meta.k8s.io;v=v1|v1beta1` asks to convert.
import { errors } from '../../../api/status.js';
import type { Query } from '../query.js';
import type { IncludeObject } from './types.js';

/** TableVersion is the meta.k8s.io version a client asked its Table in. */
export type TableVersion = 'v1' | 'v1beta1';

interface Clause {
  type: string;
  subType: string;
  q: number;
  params: Map<string, string>;
}

// goautoneg.ParseAccept: clauses ordered by q, then concrete types before wildcards.
function parseAccept(header: string): Clause[] {
  const clauses: Clause[] = [];
  for (const part of header.split(',')) {
    const [range = '', ...rawParams] = part.split(';').map((s) => s.trim());
    if (range === '') continue;
    const [type = '', subType = '*'] = range.toLowerCase().split('/');
    const params = new Map<string, string>();
    let q = 1;
    for (const p of rawParams) {
      const eq = p.indexOf('=');
      if (eq < 0) continue;
      const k = p.slice(0, eq).trim();
      const v = p.slice(eq + 1).trim().replace(/^"(.*)"$/, '$1');
      if (k === 'q') q = Number(v);
      else params.set(k, v);
    }
    if (!(q > 0)) continue; // q=0 means "not this"
    clauses.push({ type, subType, q, params });
  }
  const rank = (c: Clause): number => (c.type === '*' ? 2 : 0) + (c.subType === '*' ? 1 : 0);
  return clauses.map((c, i) => ({ c, i })).sort((a, b) => b.c.q - a.c.q || rank(a.c) - rank(b.c) || a.i - b.i).map((x) => x.c);
}

/**
 * negotiateTable is the Table version the Accept header asks for, or undefined when the first
 * clause this server can serve (JSON) wants the plain object. Clauses asking for conversions we do
 * not make (another kind, group or version) are skipped, as kube-apiserver skips them.
 */
export function negotiateTable(accept: string | undefined): TableVersion | undefined {
  if (!accept) return undefined;
  for (const c of parseAccept(accept)) {
    const json = (c.type === 'application' && (c.subType === 'json' || c.subType === '*')) || (c.type === '*' && c.subType === '*');
    if (!json) continue;
    const as = c.params.get('as');
    if (as === undefined) return undefined;
    const v = c.params.get('v');
    if (as === 'Table' && c.params.get('g') === 'meta.k8s.io' && (v === 'v1' || v === 'v1beta1')) return v;
  }
  return undefined;
}

/** wantsTable tells whether a request with this Accept header should get a Table. */
export function wantsTable(accept: string | undefined): boolean {
  return negotiateTable(accept) !== undefined;
}

/** includeObjectParam is the `includeObject` query parameter, validated as ValidateTableOptions does. */
export function includeObjectParam(q: Query): IncludeObject {
  const v = q['includeObject'];
  if (v === undefined || v === '') return 'Metadata';
  if (v === 'None' || v === 'Object' || v === 'Metadata') return v;
  throw errors.badRequest(`Unable to convert to Table as requested: includeObject: Unsupported value: "${v}": supported values: "Metadata", "None", "Object"`);
}
