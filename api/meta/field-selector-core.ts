// The field selector grammar of k8s.io/apimachinery/pkg/fields/selector.go: comma-separated
// `field=value`, `field==value` or `field!=value` terms; in a value `\,` `\=` `\\` stand for the
// literal characters (fields.EscapeValue), and a bare `=` or a stray backslash is an error. Terms
// are sorted before anything else happens, so the first error reported is that of the first term
// in sorted order, as in Kubernetes.
import { SelectorError } from './label-selector-core.js';
import { compareGo } from './label-selector-validation.js';

/** One term. `==` is `=`, as fields.Requirement reports it. */
export interface FieldRequirement {
  readonly field: string;
  readonly operator: '=' | '!=';
  readonly value: string;
}

/** escapeFieldValue is fields.EscapeValue: `\` → `\\`, `,` → `\,`, `=` → `\=`. */
export function escapeFieldValue(s: string): string {
  return s.replace(/[\\,=]/g, (c) => `\\${c}`);
}

/** unescapeFieldValue is fields.UnescapeValue; throws SelectorError with Kubernetes' messages. */
export function unescapeFieldValue(s: string): string {
  if (!/[\\,=]/.test(s)) return s;
  let out = '';
  let inSlash = false;
  for (const c of s) {
    if (inSlash) {
      if (c !== '\\' && c !== ',' && c !== '=') throw new SelectorError(`invalid field selector: invalid escape sequence: \\${c}`);
      out += c;
      inSlash = false;
    } else if (c === '\\') {
      inSlash = true;
    } else if (c === ',' || c === '=') {
      // Go prints the rune with %v: its code point in decimal.
      throw new SelectorError(`invalid field selector: unescaped character in value: ${c.codePointAt(0)}`);
    } else {
      out += c;
    }
  }
  if (inSlash) throw new SelectorError('invalid field selector: invalid escape sequence: \\');
  return out;
}

/** splitTerms splits on commas not escaped by a backslash (the backslash stays in the term). */
export function splitTerms(sel: string): string[] {
  if (sel.length === 0) return [];
  const terms: string[] = [];
  let start = 0;
  let inSlash = false;
  for (let i = 0; i < sel.length; i++) {
    const c = sel[i];
    if (inSlash) inSlash = false;
    else if (c === '\\') inSlash = true;
    else if (c === ',') {
      terms.push(sel.slice(start, i));
      start = i + 1;
    }
  }
  terms.push(sel.slice(start));
  return terms;
}

/** splitTerm splits at the first operator (`!=`, then `==`, then `=` at each position). */
export function splitTerm(term: string): [lhs: string, op: '!=' | '==' | '=', rhs: string] | undefined {
  for (let i = 0; i < term.length; i++) {
    for (const op of ['!=', '==', '='] as const) {
      if (term.startsWith(op, i)) return [term.slice(0, i), op, term.slice(i + op.length)];
    }
  }
  return undefined;
}

/** FieldSelector is an AND of terms, in the (sorted) order the parser produced them. */
export class FieldSelector {
  constructor(private readonly reqs: readonly FieldRequirement[] = []) {}

  requirements(): readonly FieldRequirement[] {
    return this.reqs;
  }
  isEmpty(): boolean {
    return this.reqs.length === 0;
  }
  /** matches asks getField for each term's field; a field it does not know reads as "". */
  matches(getField: (path: string) => string | undefined): boolean {
    return this.reqs.every((r) => ((getField(r.field) ?? '') === r.value) === (r.operator === '='));
  }
  /** requiresExactMatch is RequiresExactMatch: the value an `=` term on `field` requires, if any. */
  requiresExactMatch(field: string): string | undefined {
    return this.reqs.find((r) => r.field === field && r.operator === '=')?.value;
  }
  /** exactMatches: every field some `=` term pins, with the value (the first such term wins). */
  exactMatches(): Map<string, string> {
    const out = new Map<string, string>();
    for (const r of this.reqs) if (r.operator === '=' && !out.has(r.field)) out.set(r.field, r.value);
    return out;
  }
  /** transform is Selector.Transform: rewrite every term; a term rewritten to ("", "") is dropped. */
  transform(fn: (field: string, value: string) => [string, string]): FieldSelector {
    const out: FieldRequirement[] = [];
    for (const r of this.reqs) {
      const [field, value] = fn(r.field, r.value);
      if (field !== '' || value !== '') out.push({ field, operator: r.operator, value });
    }
    return new FieldSelector(out);
  }
  toString(): string {
    return this.reqs.map((r) => `${r.field}${r.operator}${escapeFieldValue(r.value)}`).join(',');
  }
}

/** parseFieldSelector is fields.ParseSelector; throws SelectorError with Kubernetes' messages. */
export function parseFieldSelector(text: string): FieldSelector {
  const reqs: FieldRequirement[] = [];
  for (const part of splitTerms(text).sort(compareGo)) {
    if (part === '') continue;
    const t = splitTerm(part);
    if (!t) throw new SelectorError(`invalid selector: '${text}'; can't understand '${part}'`);
    const [field, op, rhs] = t;
    reqs.push({ field, operator: op === '!=' ? '!=' : '=', value: unescapeFieldValue(rhs) });
  }
  // ParseSelector ends with an identity Transform, which drops a term with empty field and value.
  return new FieldSelector(reqs).transform((f, v) => [f, v]);
}

/** fieldSelectorFromSet is fields.SelectorFromSet: `k=v` for every entry. */
export function fieldSelectorFromSet(set: Readonly<Record<string, string>> | null | undefined): FieldSelector {
  return new FieldSelector(Object.entries(set ?? {}).map(([field, value]) => ({ field, operator: '=' as const, value })));
}
