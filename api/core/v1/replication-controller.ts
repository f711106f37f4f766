// ReplicationController: SetDefaults_ReplicationController (selector and labels from the template,
// one replica) and ValidateReplicationController / ValidateReplicationControllerUpdate.
import { fieldErrors, type FieldError } from '../../meta/field-error.js';
import { nameIsDNSSubdomain, validateNonnegative } from '../../meta/validation.js';
import { ensureObject, isEmpty, isJsonObject, numberAt, objectAt, setDefaultPointer, stringMapAt, type JsonObject } from '../../meta/validation-json.js';
import { validateObjectMeta, validateObjectMetaUpdate } from '../../meta/validation-meta.js';
import { mapSelectorMatches } from '../../meta/validation-selector.js';
import { validatePodTemplateSpec } from './pod-spec.js';
import { defaultPodTemplateSpec } from './pod-spec-defaults.js';

/** defaultReplicationController applies SetObjectDefaults_ReplicationController in place. */
export function defaultReplicationController(rc: JsonObject): void {
  const spec = ensureObject(rc, 'spec');
  if (!spec) return;
  const templateLabels = objectAt(objectAt(objectAt(spec, 'template'), 'metadata'), 'labels');
  if (templateLabels) {
    if (isEmpty(spec.selector)) spec.selector = { ...templateLabels };
    const meta = ensureObject(rc, 'metadata');
    if (meta && isEmpty(meta.labels)) meta.labels = { ...templateLabels };
  }
  setDefaultPointer(spec, 'replicas', 1);
  // The template is a pointer here: no template, nothing to default.
  if (isJsonObject(spec.template)) defaultPodTemplateSpec(spec.template);
}

/** validateReplicationControllerSpec is ValidateReplicationControllerSpec. */
export function validateReplicationControllerSpec(specValue: unknown): FieldError[] {
  const spec = isJsonObject(specValue) ? specValue : {};
  const errs = validateNonnegative(numberAt(spec, 'minReadySeconds'), 'spec.minReadySeconds');
  const selector = stringMapAt(spec, 'selector');
  if (Object.keys(selector).length === 0) errs.push(fieldErrors.required('spec.selector'));
  errs.push(...validateNonnegative(numberAt(spec, 'replicas') ?? 0, 'spec.replicas'));
  const template = objectAt(spec, 'template');
  if (!template) return [...errs, fieldErrors.required('spec.template')];
  const labels = objectAt(objectAt(template, 'metadata'), 'labels');
  if (Object.keys(selector).length > 0 && !mapSelectorMatches(selector, stringMapAt(objectAt(template, 'metadata'), 'labels'))) {
    errs.push(fieldErrors.invalid('spec.template.metadata.labels', labels ?? null, '`selector` does not match template `labels`'));
  }
  errs.push(...validatePodTemplateSpec(template, 'spec.template'));
  const podSpec = objectAt(template, 'spec') ?? {};
  if (podSpec.restartPolicy !== 'Always') errs.push(fieldErrors.notSupported('spec.template.spec.restartPolicy', podSpec.restartPolicy ?? '', ['Always']));
  if (numberAt(podSpec, 'activeDeadlineSeconds') !== undefined) {
    errs.push(fieldErrors.forbidden('spec.template.spec.activeDeadlineSeconds', 'activeDeadlineSeconds in ReplicationController is not Supported'));
  }
  return errs;
}

/** validateReplicationController is ValidateReplicationController. */
export function validateReplicationController(rc: JsonObject): FieldError[] {
  return [...validateObjectMeta(rc.metadata, { namespaced: true, nameFn: nameIsDNSSubdomain }), ...validateReplicationControllerSpec(rc.spec)];
}

/** validateReplicationControllerUpdate is ValidateReplicationControllerUpdate (the selector may change). */
export function validateReplicationControllerUpdate(rc: JsonObject, old: JsonObject, opts: { allowUnconditionalUpdate?: boolean } = {}): FieldError[] {
  return [...validateObjectMetaUpdate(rc.metadata, old.metadata, opts), ...validateReplicationControllerSpec(rc.spec)];
}
