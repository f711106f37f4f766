// metav1.LabelSelector in specs: its validation (ValidateLabelSelector) and its meaning
// (LabelSelectorAsSelector), which workload validation uses to check template labels.
import { fieldErrors, type FieldError } from './field-error.js';
import { invalidEach, isQualifiedName, isValidLabelValue } from './validation.js';
import { child, index, isJsonObject, objectsAt, stringAt, stringMapAt } from './validation-json.js';
import { validateLabels } from './validation-meta.js';

/** validateLabelSelector is ValidateLabelSelector with AllowInvalidLabelValueInSelector off. */
export function validateLabelSelector(selector: unknown, path: string): FieldError[] {
  if (!isJsonObject(selector)) return [];
  const errs = validateLabels(selector.matchLabels, child(path, 'matchLabels'));
  objectsAt(selector, 'matchExpressions').forEach((expr, i) => {
    const p = index(child(path, 'matchExpressions'), i);
    const values = Array.isArray(expr.values) ? expr.values : [];
    const op = expr.operator;
    if (op === 'In' || op === 'NotIn') {
      if (values.length === 0) errs.push(fieldErrors.required(child(p, 'values'), "must be specified when `operator` is 'In' or 'NotIn'"));
    } else if (op === 'Exists' || op === 'DoesNotExist') {
      if (values.length > 0) errs.push(fieldErrors.forbidden(child(p, 'values'), "may not be specified when `operator` is 'Exists' or 'DoesNotExist'"));
    } else {
      errs.push(fieldErrors.invalid(child(p, 'operator'), op ?? '', 'not a valid selector operator'));
    }
    const k = stringAt(expr, 'key');
    errs.push(...invalidEach(child(p, 'key'), k, isQualifiedName(k)));
    values.forEach((v, j) => {
      const value = typeof v === 'string' ? v : '';
      errs.push(...invalidEach(index(child(p, 'values'), j), value, isValidLabelValue(value)));
    });
  });
  return errs;
}

/** LabelMatcher tells whether a label set is selected. */
export type LabelMatcher = (labels: Record<string, string>) => boolean;

/** SelectorMeaning is what LabelSelectorAsSelector makes of a selector. */
export interface SelectorMeaning {
  matches: LabelMatcher;
  /** empty is Selector.Empty(): an empty selector selects everything; a nil one nothing. */
  empty: boolean;
}

/** labelSelectorMeaning is LabelSelectorAsSelector; undefined where Go returns an error. */
export function labelSelectorMeaning(selector: unknown): SelectorMeaning | undefined {
  if (selector === undefined || selector === null) return { matches: () => false, empty: false };
  if (!isJsonObject(selector)) return undefined;
  const matchLabels = stringMapAt(selector, 'matchLabels');
  const exprs = objectsAt(selector, 'matchExpressions');
  if (Object.keys(matchLabels).length + exprs.length === 0) return { matches: () => true, empty: true };
  const reqs: LabelMatcher[] = [];
  for (const [k, v] of Object.entries(matchLabels)) {
    if (isQualifiedName(k).length > 0 || isValidLabelValue(v).length > 0) return undefined;
    reqs.push((l) => k in l && l[k] === v);
  }
  for (const expr of exprs) {
    const k = stringAt(expr, 'key');
    const values = (Array.isArray(expr.values) ? expr.values : []).map((v) => (typeof v === 'string' ? v : ''));
    if (isQualifiedName(k).length > 0 || values.some((v) => isValidLabelValue(v).length > 0)) return undefined;
    switch (expr.operator) {
      case 'In':
        if (values.length === 0) return undefined;
        reqs.push((l) => k in l && values.includes(l[k]!));
        break;
      case 'NotIn':
        if (values.length === 0) return undefined;
        reqs.push((l) => !(k in l) || !values.includes(l[k]!));
        break;
      case 'Exists':
        if (values.length > 0) return undefined;
        reqs.push((l) => k in l);
        break;
      case 'DoesNotExist':
        if (values.length > 0) return undefined;
        reqs.push((l) => !(k in l));
        break;
      default:
        return undefined;
    }
  }
  return { matches: (l) => reqs.every((r) => r(l)), empty: false };
}

/** mapSelectorMatches is labels.Set(selector).AsSelector().Matches: every selector pair is in labels. */
export function mapSelectorMatches(selector: Record<string, string>, labels: Record<string, string>): boolean {
  return Object.entries(selector).every(([k, v]) => k in labels && labels[k] === v);
}
