// The pieces of a label selector as k8s.io/apimachinery/pkg/labels/selector.go has them: the
// Requirement (key, operator, values), its validation and matching, and the selector (an AND of
// requirements kept sorted by key); also the error type both selector parsers throw. The string
// parser is in label-selector-parse.ts, key/value validation in label-selector-validation.ts.
import { aggregate, compareGo, goFieldError, goQuote, isQualifiedName, isValidLabelValue, parseInt64 } from './label-selector-validation.js';

/** SelectorError is a label or field selector that Kubernetes would refuse; the API answers 400. */
export class SelectorError extends Error {
  override readonly name = 'SelectorError';
}

/** Operators as selection.Operator spells them (`!` is DoesNotExist, `gt`/`lt` compare integers). */
export type LabelOperator = 'in' | 'notin' | '=' | '==' | '!=' | 'exists' | '!' | 'gt' | 'lt';

/** One requirement; values are sorted and deduplicated when it comes from a parsed string. */
export interface LabelRequirement {
  readonly key: string;
  readonly operator: LabelOperator;
  readonly values: readonly string[];
}

// --- Requirement ---------------------------------------------------------------------------------

const ALL_OPERATORS: readonly LabelOperator[] = ['in', 'notin', '=', '==', '!=', 'gt', 'lt', 'exists', '!'];
const sub = (path: string, name: string): string => (path ? `${path}.${name}` : name);

/**
 * newRequirement is labels.NewRequirement: validates and builds one requirement, throwing a
 * SelectorError whose message is the aggregated field errors (paths relative to `path`).
 */
export function newRequirement(key: string, operator: LabelOperator, values: readonly string[], path = ''): LabelRequirement {
  const errs: string[] = [];
  const keyErrs = isQualifiedName(key);
  if (keyErrs.length) errs.push(goFieldError(sub(path, 'key'), key, keyErrs.join('; ')));
  const vp = sub(path, 'values');
  switch (operator) {
    case 'in':
    case 'notin':
      if (values.length === 0) errs.push(goFieldError(vp, values, "for 'in', 'notin' operators, values set can't be empty"));
      break;
    case '=':
    case '==':
    case '!=':
      if (values.length !== 1) errs.push(goFieldError(vp, values, 'exact-match compatibility requires one single value'));
      break;
    case 'exists':
    case '!':
      if (values.length !== 0) errs.push(goFieldError(vp, values, 'values set must be empty for exists and does not exist'));
      break;
    case 'gt':
    case 'lt':
      if (values.length !== 1) errs.push(goFieldError(vp, values, "for 'Gt', 'Lt' operators, exactly one value is required"));
      values.forEach((v, i) => {
        if (parseInt64(v) === undefined) errs.push(goFieldError(`${vp}[${i}]`, v, "for 'Gt', 'Lt' operators, the value must be an integer"));
      });
      break;
    default: {
      const supported = ALL_OPERATORS.map(goQuote).join(', ');
      errs.push(goFieldError(sub(path, 'operator'), String(operator), `supported values: ${supported}`, 'Unsupported value'));
    }
  }
  values.forEach((v, i) => {
    const m = isValidLabelValue(v);
    if (m.length) errs.push(goFieldError(`${vp}[${i}][${key}]`, v, m.join('; ')));
  });
  if (errs.length) throw new SelectorError(aggregate(errs));
  return { key, operator, values: [...values] };
}

type Labels = Readonly<Record<string, string>> | undefined;
const has = (ls: Labels, k: string): boolean => ls !== undefined && Object.prototype.hasOwnProperty.call(ls, k);

/** requirementMatches is (*Requirement).Matches. */
export function requirementMatches(r: LabelRequirement, ls: Labels): boolean {
  switch (r.operator) {
    case 'in':
    case '=':
    case '==':
      return has(ls, r.key) && r.values.includes(ls![r.key]!);
    case 'notin':
    case '!=':
      return !has(ls, r.key) || !r.values.includes(ls![r.key]!);
    case 'exists':
      return has(ls, r.key);
    case '!':
      return !has(ls, r.key);
    case 'gt':
    case 'lt': {
      if (!has(ls, r.key) || r.values.length !== 1) return false;
      const got = parseInt64(ls![r.key]!);
      const want = parseInt64(r.values[0]!);
      if (got === undefined || want === undefined) return false;
      return r.operator === 'gt' ? got > want : got < want;
    }
    default:
      return false;
  }
}

/** requirementString is (*Requirement).String(): `!k`, `k`, `k=v`, `k in (a,b)` with values sorted. */
export function requirementString(r: LabelRequirement): string {
  const ops: Record<LabelOperator, string> = { '=': '=', '==': '==', '!=': '!=', in: ' in ', notin: ' notin ', gt: '>', lt: '<', exists: '', '!': '' };
  if (r.operator === 'exists') return r.key;
  if (r.operator === '!') return `!${r.key}`;
  const vals = r.values.length === 1 ? r.values[0]! : [...r.values].sort(compareGo).join(',');
  return r.operator === 'in' || r.operator === 'notin' ? `${r.key}${ops[r.operator]}(${vals})` : `${r.key}${ops[r.operator]}${vals}`;
}

// --- Selector ------------------------------------------------------------------------------------

/** LabelSelector is an AND of requirements sorted by key; `nothing` is labels.Nothing(). */
export class LabelSelector {
  private constructor(
    private readonly reqs: readonly LabelRequirement[],
    private readonly none = false,
  ) {}

  /** of builds a selector, sorting by key (stable) as Add and Parse do. */
  static of(reqs: readonly LabelRequirement[]): LabelSelector {
    return new LabelSelector([...reqs].sort((a, b) => compareGo(a.key, b.key)));
  }
  static everything(): LabelSelector {
    return new LabelSelector([]);
  }
  static nothing(): LabelSelector {
    return new LabelSelector([], true);
  }

  /** requirements, in key order; empty for both everything and nothing (see isNothing). */
  requirements(): readonly LabelRequirement[] {
    return this.reqs;
  }
  /** isEmpty is Empty(): true when the selector does not restrict anything. */
  isEmpty(): boolean {
    return !this.none && this.reqs.length === 0;
  }
  /** isNothing: the selector selects no object at all (a nil metav1.LabelSelector). */
  isNothing(): boolean {
    return this.none;
  }
  matches(labels: Readonly<Record<string, string>> | undefined): boolean {
    return !this.none && this.reqs.every((r) => requirementMatches(r, labels));
  }
  add(...reqs: LabelRequirement[]): LabelSelector {
    return this.none ? this : LabelSelector.of([...this.reqs, ...reqs]);
  }
  toString(): string {
    return this.reqs.map(requirementString).join(',');
  }
  /** requiresExactMatch is RequiresExactMatch: the value the first requirement on `key` pins, if any. */
  requiresExactMatch(key: string): string | undefined {
    const r = this.reqs.find((x) => x.key === key);
    if (!r || !(r.operator === '=' || r.operator === '==' || r.operator === 'in') || r.values.length !== 1) return undefined;
    return r.values[0];
  }
  /** exactMatches: every key requiresExactMatch pins, with its value — what an index can look up. */
  exactMatches(): Map<string, string> {
    const out = new Map<string, string>();
    for (const r of this.reqs) {
      if (out.has(r.key)) continue;
      const v = this.requiresExactMatch(r.key);
      if (v !== undefined) out.set(r.key, v);
    }
    return out;
  }
}
