// DaemonSet (apps/v1): SetDefaults_DaemonSet (RollingUpdate, maxUnavailable 1, maxSurge 0,
// revisionHistoryLimit 10), ValidateDaemonSet, an immutable selector, and the template generation
// the strategy keeps in the `deprecated.daemonset.template.generation` annotation.
import { fieldErrors, type FieldError } from '../../meta/field-error.js';
import { nameIsDNSSubdomain, validateNonnegative } from '../../meta/validation.js';
import { ensureObject, isJsonObject, numberAt, objectAt, semanticEqual, setDefault, setDefaultPointer, stringAt, type JsonObject } from '../../meta/validation-json.js';
import { validateObjectMeta, validateObjectMetaUpdate } from '../../meta/validation-meta.js';
import { labelSelectorMeaning, validateLabelSelector } from '../../meta/validation-selector.js';
import { validatePodTemplateSpec } from '../../core/v1/pod-spec.js';
import { defaultPodTemplateSpec } from '../../core/v1/pod-spec-defaults.js';
import {
  emptySelector, intOrPercentValue, notMoreThan100Percent, templateLabels, templateRestartRules, validatePositiveIntOrPercent,
  validateSelectorUnchanged,
} from './workload.js';

/** TEMPLATE_GENERATION_ANNOTATION carries the internal spec.templateGeneration in apps/v1. */
export const TEMPLATE_GENERATION_ANNOTATION = 'deprecated.daemonset.template.generation';

/** defaultDaemonSet applies SetObjectDefaults_DaemonSet in place. */
export function defaultDaemonSet(ds: JsonObject): void {
  const spec = ensureObject(ds, 'spec');
  if (!spec) return;
  const strategy = ensureObject(spec, 'updateStrategy');
  if (strategy) {
    setDefault(strategy, 'type', 'RollingUpdate');
    if (strategy.type === 'RollingUpdate') {
      const ru = ensureObject(strategy, 'rollingUpdate');
      if (ru) {
        setDefaultPointer(ru, 'maxUnavailable', 1);
        setDefaultPointer(ru, 'maxSurge', 0);
      }
    }
  }
  setDefaultPointer(spec, 'revisionHistoryLimit', 10);
  const template = ensureObject(spec, 'template');
  if (template) defaultPodTemplateSpec(template);
}

function generationOf(ds: JsonObject): number {
  const v = Number(stringAt(objectAt(objectAt(ds, 'metadata'), 'annotations'), TEMPLATE_GENERATION_ANNOTATION));
  return Number.isSafeInteger(v) ? v : 0;
}

function setGeneration(ds: JsonObject, generation: number): void {
  const meta = ensureObject(ds, 'metadata');
  const annotations = meta && ensureObject(meta, 'annotations');
  if (annotations) annotations[TEMPLATE_GENERATION_ANNOTATION] = String(generation);
}

/** prepareDaemonSetForCreate starts the template generation at 1, as the strategy does. */
export function prepareDaemonSetForCreate(ds: JsonObject): void {
  setGeneration(ds, Math.max(1, generationOf(ds)));
}

/** prepareDaemonSetForUpdate keeps the template generation, bumping it when the template changed. */
export function prepareDaemonSetForUpdate(ds: JsonObject, old: JsonObject): void {
  const changed = !semanticEqual(objectAt(ds, 'spec')?.template, objectAt(old, 'spec')?.template);
  setGeneration(ds, generationOf(old) + (changed ? 1 : 0));
}

function validateUpdateStrategy(strategy: JsonObject | undefined): FieldError[] {
  const s = strategy ?? {};
  if (s.type === 'OnDelete') return [];
  if (s.type !== 'RollingUpdate') return [fieldErrors.notSupported('spec.updateStrategy', s, ['RollingUpdate', 'OnDelete'])];
  const ru = objectAt(s, 'rollingUpdate');
  if (!ru) return [fieldErrors.required('spec.updateStrategy.rollingUpdate')];
  const p = 'spec.updateStrategy.rollingUpdate';
  const errs = [
    ...validatePositiveIntOrPercent(ru.maxUnavailable, `${p}.maxUnavailable`), ...validatePositiveIntOrPercent(ru.maxSurge, `${p}.maxSurge`),
    ...notMoreThan100Percent(ru.maxUnavailable, `${p}.maxUnavailable`), ...notMoreThan100Percent(ru.maxSurge, `${p}.maxSurge`),
  ];
  const unavailable = intOrPercentValue(ru.maxUnavailable) !== 0;
  const surge = intOrPercentValue(ru.maxSurge) !== 0;
  if (unavailable && surge) errs.push(fieldErrors.invalid(`${p}.maxSurge`, ru.maxSurge, 'may not be set when maxUnavailable is non-zero'));
  if (!unavailable && !surge) errs.push(fieldErrors.required(`${p}.maxUnavailable`, 'cannot be 0 when maxSurge is 0'));
  return errs;
}

function validateSpec(ds: JsonObject): FieldError[] {
  const spec = objectAt(ds, 'spec') ?? {};
  const errs = validateLabelSelector(spec.selector, 'spec.selector');
  const meaning = labelSelectorMeaning(spec.selector);
  // A DaemonSet has no "required" check: a missing selector simply matches nothing.
  if (meaning && !meaning.matches(templateLabels(spec.template))) {
    errs.push(fieldErrors.invalid('spec.template.metadata.labels', objectAt(objectAt(objectAt(spec, 'template'), 'metadata'), 'labels') ?? null, '`selector` does not match template `labels`'));
  }
  if (isJsonObject(spec.selector) && emptySelector(spec.selector)) errs.push(fieldErrors.invalid('spec.selector', spec.selector, 'empty selector is invalid for daemonset'));
  errs.push(...validatePodTemplateSpec(spec.template, 'spec.template'));
  errs.push(...templateRestartRules(spec.template, 'DaemonSet'));
  errs.push(...validateNonnegative(numberAt(spec, 'minReadySeconds'), 'spec.minReadySeconds'));
  errs.push(...validateUpdateStrategy(objectAt(spec, 'updateStrategy')));
  errs.push(...validateNonnegative(numberAt(spec, 'revisionHistoryLimit'), 'spec.revisionHistoryLimit'));
  return errs;
}

/** validateDaemonSet is ValidateDaemonSet. */
export function validateDaemonSet(ds: JsonObject): FieldError[] {
  return [...validateObjectMeta(ds.metadata, { namespaced: true, nameFn: nameIsDNSSubdomain }), ...validateSpec(ds)];
}

/** validateDaemonSetUpdate is ValidateDaemonSetUpdate plus the apps/v1 immutable selector. */
export function validateDaemonSetUpdate(ds: JsonObject, old: JsonObject, opts: { allowUnconditionalUpdate?: boolean } = {}): FieldError[] {
  return [
    ...validateObjectMetaUpdate(ds.metadata, old.metadata, opts),
    ...validateSelectorUnchanged(objectAt(ds, 'spec') ?? {}, objectAt(old, 'spec') ?? {}),
    ...validateSpec(ds),
  ];
}
