// Label selectors as Kubernetes has them: the `labelSelector=` string grammar (labels.Parse), the
// metav1.LabelSelector object of specs (ValidateLabelSelector + LabelSelectorAsSelector) and the
// equality-only map selectors of ReplicationControllers and Services (labels.SelectorFromSet).
import { fieldErrors, type FieldError } from './field-error.js';
import { LabelSelector, type LabelOperator, type LabelRequirement } from './label-selector-core.js';
import { isQualifiedName, isValidLabelValue } from './label-selector-validation.js';

export {
  LabelSelector,
  SelectorError,
  newRequirement,
  requirementMatches,
  requirementString,
  type LabelOperator,
  type LabelRequirement,
} from './label-selector-core.js';
export { isDNS1123Subdomain, isQualifiedName, isValidLabelValue } from './label-selector-validation.js';
export { parseLabelSelector } from './label-selector-parse.js';

/** metav1.LabelSelectorRequirement as it appears in a spec. */
export interface LabelSelectorRequirementObject {
  key: string;
  operator: string;
  values?: string[] | null;
}

/** metav1.LabelSelector as it appears in a spec (`spec.selector` of a Deployment, Job, ...). */
export interface LabelSelectorObject {
  matchLabels?: Record<string, string> | null;
  matchExpressions?: LabelSelectorRequirementObject[] | null;
}

const OBJECT_OPERATORS: Readonly<Record<string, LabelOperator>> = { In: 'in', NotIn: 'notin', Exists: 'exists', DoesNotExist: '!' };

function labelKeyErrors(key: string, field: string): FieldError[] {
  return isQualifiedName(key).map((m) => fieldErrors.invalid(field, key, m));
}

/**
 * validateLabelSelector is metav1validation.ValidateLabelSelector (strict: label values in
 * expressions must be valid): the FieldErrors for `sel`, found at `path`.
 */
export function validateLabelSelector(sel: LabelSelectorObject | null | undefined, path: string): FieldError[] {
  const errs: FieldError[] = [];
  if (!sel) return errs;
  const ml = `${path}.matchLabels`;
  for (const k of Object.keys(sel.matchLabels ?? {}).sort()) {
    errs.push(...labelKeyErrors(k, ml));
    for (const m of isValidLabelValue(sel.matchLabels![k]!)) errs.push(fieldErrors.invalid(ml, sel.matchLabels![k], m));
  }
  (sel.matchExpressions ?? []).forEach((expr, i) => {
    const p = `${path}.matchExpressions[${i}]`;
    const values = expr.values ?? [];
    switch (expr.operator) {
      case 'In':
      case 'NotIn':
        if (values.length === 0) errs.push(fieldErrors.required(`${p}.values`, "must be specified when `operator` is 'In' or 'NotIn'"));
        break;
      case 'Exists':
      case 'DoesNotExist':
        if (values.length > 0) errs.push(fieldErrors.forbidden(`${p}.values`, "may not be specified when `operator` is 'Exists' or 'DoesNotExist'"));
        break;
      default:
        errs.push(fieldErrors.invalid(`${p}.operator`, expr.operator, 'not a valid selector operator'));
    }
    errs.push(...labelKeyErrors(expr.key, `${p}.key`));
    values.forEach((v, j) => {
      for (const m of isValidLabelValue(v)) errs.push(fieldErrors.invalid(`${p}.values[${j}]`, v, m));
    });
  });
  return errs;
}

/**
 * labelSelectorFromObject validates a metav1.LabelSelector found at `path` and, when it is valid,
 * converts it as metav1.LabelSelectorAsSelector does: null/undefined selects nothing, `{}` selects
 * everything, otherwise matchLabels become `k=v` and matchExpressions their set-based requirement.
 */
export function labelSelectorFromObject(
  sel: LabelSelectorObject | null | undefined,
  path = 'spec.selector',
): { selector: LabelSelector | null; errors: FieldError[] } {
  const errors = validateLabelSelector(sel, path);
  if (errors.length) return { selector: null, errors };
  if (!sel) return { selector: LabelSelector.nothing(), errors };
  const reqs: LabelRequirement[] = [];
  for (const [key, value] of Object.entries(sel.matchLabels ?? {})) reqs.push({ key, operator: '=', values: [value] });
  for (const e of sel.matchExpressions ?? []) reqs.push({ key: e.key, operator: OBJECT_OPERATORS[e.operator]!, values: [...(e.values ?? [])] });
  return { selector: LabelSelector.of(reqs), errors };
}

/**
 * selectorFromSet is labels.SelectorFromSet: `k=v` for every entry, everything for an empty or
 * missing map. Like Kubernetes it does not validate the map.
 */
export function selectorFromSet(set: Readonly<Record<string, string>> | null | undefined): LabelSelector {
  return LabelSelector.of(Object.entries(set ?? {}).map(([key, value]) => ({ key, operator: '=' as const, values: [value] })));
}
