// What the apps/v1 workloads share: selector-and-template validation
// (ValidatePodTemplateSpecForReplicaSet), int-or-percent fields, and the apps/v1 rule that a
// selector never changes after creation.
import { fieldErrors, type FieldError } from '../../meta/field-error.js';
import { isValidPercent, validateNonnegative } from '../../meta/validation.js';
import { isJsonObject, numberAt, objectAt, objectsAt, stringMapAt, type JsonObject } from '../../meta/validation-json.js';
import { validateImmutable } from '../../meta/validation-meta.js';
import { labelSelectorMeaning, validateLabelSelector } from '../../meta/validation-selector.js';
import { validatePodTemplateSpec } from '../../core/v1/pod-spec.js';

/** templateLabels are a template's labels as a string map. */
export const templateLabels = (template: unknown): Record<string, string> =>
  stringMapAt(objectAt(isJsonObject(template) ? template : {}, 'metadata'), 'labels');

const rawTemplateLabels = (template: unknown): unknown =>
  objectAt(objectAt(isJsonObject(template) ? template : {}, 'metadata'), 'labels') ?? null;

/** emptySelector tells a selector with neither matchLabels nor matchExpressions. */
export const emptySelector = (selector: JsonObject): boolean =>
  Object.keys(stringMapAt(selector, 'matchLabels')).length + objectsAt(selector, 'matchExpressions').length === 0;

/**
 * validateReplicatedSpec is ValidateReplicaSetSpec's body, shared by ReplicaSet and Deployment:
 * replicas, a required non-empty selector that matches the template's labels, a valid template
 * that restarts Always. Kubernetes says "deployment" and "ReplicaSet" in these messages for both.
 */
export function validateReplicatedSpec(spec: JsonObject): FieldError[] {
  const errs = validateNonnegative(numberAt(spec, 'replicas') ?? 0, 'spec.replicas');
  const selector = spec.selector;
  if (!isJsonObject(selector)) errs.push(fieldErrors.required('spec.selector'));
  else {
    errs.push(...validateLabelSelector(selector, 'spec.selector'));
    if (emptySelector(selector)) errs.push(fieldErrors.invalid('spec.selector', selector, 'empty selector is invalid for deployment'));
  }
  const meaning = labelSelectorMeaning(selector);
  if (!meaning) {
    errs.push(fieldErrors.invalid('spec.selector', selector ?? null, 'invalid label selector'));
    return errs;
  }
  const template = spec.template;
  if (!meaning.empty && !meaning.matches(templateLabels(template))) {
    errs.push(fieldErrors.invalid('spec.template.metadata.labels', rawTemplateLabels(template), '`selector` does not match template `labels`'));
  }
  errs.push(...validatePodTemplateSpec(template, 'spec.template'));
  errs.push(...templateRestartRules(template, 'ReplicaSet'));
  return errs;
}

/** templateRestartRules checks that workload pods restart Always and have no activeDeadlineSeconds. */
export function templateRestartRules(template: unknown, kind: string): FieldError[] {
  const podSpec = objectAt(isJsonObject(template) ? template : {}, 'spec') ?? {};
  const errs: FieldError[] = [];
  if (podSpec.restartPolicy !== 'Always') errs.push(fieldErrors.notSupported('spec.template.spec.restartPolicy', podSpec.restartPolicy ?? '', ['Always']));
  if (numberAt(podSpec, 'activeDeadlineSeconds') !== undefined) {
    errs.push(fieldErrors.forbidden('spec.template.spec.activeDeadlineSeconds', `activeDeadlineSeconds in ${kind} is not Supported`));
  }
  return errs;
}

/** intOrPercentValue is getIntOrPercentValue: `25%` is 25, a number itself, anything else 0. */
export function intOrPercentValue(v: unknown): number {
  if (typeof v === 'number') return v;
  if (typeof v !== 'string') return 0;
  if (isValidPercent(v).length === 0) return Number(v.slice(0, -1));
  return /^[+-]?\d+$/.test(v) ? Number(v) : 0;
}

/** validatePositiveIntOrPercent is ValidatePositiveIntOrPercent. */
export function validatePositiveIntOrPercent(v: unknown, path: string): FieldError[] {
  if (typeof v === 'string') return isValidPercent(v).map((m) => fieldErrors.invalid(path, v, m));
  if (typeof v === 'number') return validateNonnegative(v, path);
  if (v === undefined || v === null) return [];
  return [fieldErrors.invalid(path, v, "must be an integer or percentage (e.g '5%%')")];
}

/** notMoreThan100Percent is IsNotMoreThan100Percent. */
export function notMoreThan100Percent(v: unknown, path: string): FieldError[] {
  if (typeof v !== 'string' || isValidPercent(v).length > 0) return [];
  return Number(v.slice(0, -1)) > 100 ? [fieldErrors.invalid(path, v, 'must not be greater than 100%')] : [];
}

/** validateSelectorUnchanged is the apps/v1 strategies' rule: spec.selector is immutable. */
export function validateSelectorUnchanged(spec: JsonObject, oldSpec: JsonObject): FieldError[] {
  return validateImmutable(spec.selector ?? null, oldSpec.selector ?? null, 'spec.selector');
}
