// Deployment (apps/v1): SetDefaults_Deployment (RollingUpdate 25%/25%, revisionHistoryLimit 10,
// progressDeadlineSeconds 600), ValidateDeployment, and an immutable selector.
import { fieldErrors, type FieldError } from '../../meta/field-error.js';
import { nameIsDNSSubdomain, validateNonnegative } from '../../meta/validation.js';
import { ensureObject, isSet, numberAt, objectAt, setDefault, setDefaultPointer, type JsonObject } from '../../meta/validation-json.js';
import { validateObjectMeta, validateObjectMetaUpdate } from '../../meta/validation-meta.js';
import { defaultPodTemplateSpec } from '../../core/v1/pod-spec-defaults.js';
import {
  intOrPercentValue, notMoreThan100Percent, validatePositiveIntOrPercent, validateReplicatedSpec, validateSelectorUnchanged,
} from './workload.js';

/** defaultDeployment applies SetObjectDefaults_Deployment in place. */
export function defaultDeployment(d: JsonObject): void {
  const spec = ensureObject(d, 'spec');
  if (!spec) return;
  setDefaultPointer(spec, 'replicas', 1);
  const strategy = ensureObject(spec, 'strategy');
  if (strategy) {
    setDefault(strategy, 'type', 'RollingUpdate');
    if (strategy.type === 'RollingUpdate') {
      const ru = ensureObject(strategy, 'rollingUpdate');
      if (ru) {
        setDefaultPointer(ru, 'maxUnavailable', '25%');
        setDefaultPointer(ru, 'maxSurge', '25%');
      }
    }
  }
  setDefaultPointer(spec, 'revisionHistoryLimit', 10);
  setDefaultPointer(spec, 'progressDeadlineSeconds', 600);
  const template = ensureObject(spec, 'template');
  if (template) defaultPodTemplateSpec(template);
}

function validateStrategy(strategy: JsonObject | undefined): FieldError[] {
  const s = strategy ?? {};
  if (s.type === 'Recreate') {
    return isSet(s, 'rollingUpdate') ? [fieldErrors.forbidden('spec.strategy.rollingUpdate', "may not be specified when strategy `type` is 'Recreate'")] : [];
  }
  if (s.type !== 'RollingUpdate') return [fieldErrors.notSupported('spec.strategy', s, ['Recreate', 'RollingUpdate'])];
  const ru = objectAt(s, 'rollingUpdate');
  if (!ru) return [fieldErrors.required('spec.strategy.rollingUpdate', 'this should be defaulted and never be nil')];
  const p = 'spec.strategy.rollingUpdate';
  const errs = [...validatePositiveIntOrPercent(ru.maxUnavailable, `${p}.maxUnavailable`), ...validatePositiveIntOrPercent(ru.maxSurge, `${p}.maxSurge`)];
  if (intOrPercentValue(ru.maxUnavailable) === 0 && intOrPercentValue(ru.maxSurge) === 0) {
    errs.push(fieldErrors.invalid(`${p}.maxUnavailable`, ru.maxUnavailable ?? 0, 'may not be 0 when `maxSurge` is 0'));
  }
  return [...errs, ...notMoreThan100Percent(ru.maxUnavailable, `${p}.maxUnavailable`)];
}

function validateSpec(d: JsonObject): FieldError[] {
  const spec = objectAt(d, 'spec') ?? {};
  const errs = [...validateReplicatedSpec(spec), ...validateStrategy(objectAt(spec, 'strategy'))];
  const minReady = numberAt(spec, 'minReadySeconds') ?? 0;
  errs.push(...validateNonnegative(minReady, 'spec.minReadySeconds'));
  errs.push(...validateNonnegative(numberAt(spec, 'revisionHistoryLimit'), 'spec.revisionHistoryLimit'));
  const deadline = numberAt(spec, 'progressDeadlineSeconds');
  if (deadline !== undefined) {
    errs.push(...validateNonnegative(deadline, 'spec.progressDeadlineSeconds'));
    if (deadline <= minReady) errs.push(fieldErrors.invalid('spec.progressDeadlineSeconds', deadline, 'must be greater than minReadySeconds'));
  }
  return errs;
}

/** validateDeployment is ValidateDeployment. */
export function validateDeployment(d: JsonObject): FieldError[] {
  return [...validateObjectMeta(d.metadata, { namespaced: true, nameFn: nameIsDNSSubdomain }), ...validateSpec(d)];
}

/** validateDeploymentUpdate is ValidateDeploymentUpdate plus the apps/v1 immutable selector. */
export function validateDeploymentUpdate(d: JsonObject, old: JsonObject, opts: { allowUnconditionalUpdate?: boolean } = {}): FieldError[] {
  return [
    ...validateObjectMetaUpdate(d.metadata, old.metadata, opts),
    ...validateSpec(d),
    ...validateSelectorUnchanged(objectAt(d, 'spec') ?? {}, objectAt(old, 'spec') ?? {}),
  ];
}
