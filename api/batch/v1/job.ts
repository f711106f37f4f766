// Job (batch/v1): SetDefaults_Job, the selector the strategy generates from the Job's uid,
// ValidateJob and ValidateJobUpdate (the template is immutable, unless a suspended Job that
// never started changes only its scheduling directives).
import { fieldErrors, type FieldError } from '../../meta/field-error.js';
import { FIELD_IMMUTABLE, nameIsDNSSubdomain, validateNonnegative } from '../../meta/validation.js';
import {
  ensureObject, isEmpty, isJsonObject, isSet, key, numberAt, objectAt, semanticEqual, setDefaultPointer, stringAt, stringMapAt, type JsonObject,
} from '../../meta/validation-json.js';
import { validateImmutable, validateObjectMeta, validateObjectMetaUpdate } from '../../meta/validation-meta.js';
import { labelSelectorMeaning, validateLabelSelector } from '../../meta/validation-selector.js';
import { validatePodTemplateSpec } from '../../core/v1/pod-spec.js';
import { defaultPodTemplateSpec } from '../../core/v1/pod-spec-defaults.js';

/** JOB_LABELS are the labels a generated Job selector relies on, legacy and prefixed. */
export const JOB_LABELS = {
  controllerUid: 'batch.kubernetes.io/controller-uid',
  jobName: 'batch.kubernetes.io/job-name',
  legacyControllerUid: 'controller-uid',
  legacyJobName: 'job-name',
} as const;
const MAX_PARALLELISM_INDEXED = 100000;

/** defaultJob applies SetDefaults_Job and the template defaults in place. */
export function defaultJob(job: JsonObject): void {
  const spec = ensureObject(job, 'spec');
  if (!spec) return;
  if (!isSet(spec, 'completions') && !isSet(spec, 'parallelism')) {
    spec.completions = 1;
    spec.parallelism = 1;
  }
  setDefaultPointer(spec, 'parallelism', 1);
  setDefaultPointer(spec, 'backoffLimit', isSet(spec, 'backoffLimitPerIndex') ? 2147483647 : 6);
  const template = ensureObject(spec, 'template');
  const labels = objectAt(objectAt(template, 'metadata'), 'labels');
  const meta = ensureObject(job, 'metadata');
  if (labels && meta && isEmpty(meta.labels)) meta.labels = { ...labels };
  setDefaultPointer(spec, 'completionMode', 'NonIndexed');
  setDefaultPointer(spec, 'suspend', false);
  for (const rule of Array.isArray(objectAt(spec, 'podFailurePolicy')?.rules) ? (objectAt(spec, 'podFailurePolicy')!.rules as unknown[]) : []) {
    for (const pattern of isJsonObject(rule) && Array.isArray(rule.onPodConditions) ? rule.onPodConditions : []) {
      if (isJsonObject(pattern) && !pattern.status) pattern.status = 'True';
    }
  }
  setDefaultPointer(spec, 'podReplacementPolicy', isSet(spec, 'podFailurePolicy') ? 'Failed' : 'TerminatingOrFailed');
  setDefaultPointer(spec, 'manualSelector', false);
  if (template) defaultPodTemplateSpec(template);
}

/**
 * prepareJobForCreate is the strategy's generateSelector: unless manualSelector is set, label the
 * pod template with the Job's name and uid and select on the uid. It needs metadata.uid, so the
 * server runs it after assigning one. The Job's own labels then follow the template's, as
 * Kubernetes' defaulting shows them on every read.
 */
export function prepareJobForCreate(job: JsonObject): void {
  const spec = ensureObject(job, 'spec');
  const meta = ensureObject(job, 'metadata');
  if (!spec || !meta || spec.manualSelector === true) return;
  const name = stringAt(meta, 'name');
  const uid = stringAt(meta, 'uid');
  const templateMeta = ensureObject(ensureObject(spec, 'template') ?? {}, 'metadata');
  const labels = templateMeta && ensureObject(templateMeta, 'labels');
  if (!labels) return;
  for (const k of [JOB_LABELS.legacyJobName, JOB_LABELS.jobName]) if (!(k in labels)) labels[k] = name;
  for (const k of [JOB_LABELS.legacyControllerUid, JOB_LABELS.controllerUid]) if (!(k in labels)) labels[k] = uid;
  const selector = ensureObject(spec, 'selector');
  const matchLabels = selector && ensureObject(selector, 'matchLabels');
  if (matchLabels && !(JOB_LABELS.controllerUid in matchLabels)) matchLabels[JOB_LABELS.controllerUid] = uid;
  if (isEmpty(meta.labels)) meta.labels = { ...labels };
}

function validateGeneratedSelector(job: JsonObject): FieldError[] {
  const spec = objectAt(job, 'spec') ?? {};
  if (spec.manualSelector === true || !isJsonObject(spec.selector)) return [];
  const meta = objectAt(job, 'metadata') ?? {};
  const uid = stringAt(meta, 'uid');
  const name = stringAt(meta, 'name');
  const errs: FieldError[] = uid === '' ? [fieldErrors.required('metadata.uid')] : [];
  const templateLabels = stringMapAt(objectAt(objectAt(spec, 'template'), 'metadata'), 'labels');
  const expected: Record<string, string> = {
    [JOB_LABELS.legacyControllerUid]: uid, [JOB_LABELS.legacyJobName]: name, [JOB_LABELS.controllerUid]: uid, [JOB_LABELS.jobName]: name,
  };
  for (const [k, v] of Object.entries(expected)) {
    const path = key('spec.template.metadata.labels', k);
    if (!(k in templateLabels)) errs.push(fieldErrors.required(path, `must be '${v}'`));
    else if (templateLabels[k] !== v) errs.push(fieldErrors.invalid(path, templateLabels, `must be '${v}'`));
  }
  const meaning = labelSelectorMeaning(spec.selector);
  if (meaning && !meaning.matches(expected)) errs.push(fieldErrors.invalid('spec.selector', spec.selector, '`selector` not auto-generated'));
  return errs;
}

function validateJobSpec(specValue: unknown): FieldError[] {
  const spec = isJsonObject(specValue) ? specValue : {};
  const errs: FieldError[] = [];
  for (const f of ['parallelism', 'completions', 'activeDeadlineSeconds', 'backoffLimit', 'ttlSecondsAfterFinished', 'backoffLimitPerIndex']) {
    errs.push(...validateNonnegative(numberAt(spec, f), `spec.${f}`));
  }
  const indexed = spec.completionMode === 'Indexed';
  if (isSet(spec, 'backoffLimitPerIndex') && !indexed) errs.push(fieldErrors.forbidden('spec.backoffLimitPerIndex', 'requires indexed completion mode'));
  if (isSet(spec, 'completionMode')) {
    if (spec.completionMode !== 'NonIndexed' && !indexed) errs.push(fieldErrors.notSupported('spec.completionMode', spec.completionMode, ['NonIndexed', 'Indexed']));
    if (indexed) {
      if (!isSet(spec, 'completions')) errs.push(fieldErrors.required('spec.completions', 'when completion mode is Indexed'));
      const parallelism = numberAt(spec, 'parallelism');
      if (parallelism !== undefined && parallelism > MAX_PARALLELISM_INDEXED) {
        errs.push(fieldErrors.invalid('spec.parallelism', parallelism, `must be less than or equal to ${MAX_PARALLELISM_INDEXED} when completion mode is Indexed`));
      }
    }
  }
  if (isSet(spec, 'podReplacementPolicy')) {
    const policy = spec.podReplacementPolicy;
    if (isSet(spec, 'podFailurePolicy')) {
      if (policy !== 'Failed') errs.push(fieldErrors.notSupported('spec.podReplacementPolicy', policy, ['Failed']));
    } else if (policy !== 'Failed' && policy !== 'TerminatingOrFailed') {
      errs.push(fieldErrors.notSupported('spec.podReplacementPolicy', policy, ['Failed', 'TerminatingOrFailed']));
    }
  }
  const template = objectAt(spec, 'template') ?? {};
  errs.push(...validatePodTemplateSpec(template, 'spec.template'));
  const restart = objectAt(template, 'spec')?.restartPolicy ?? '';
  if (restart !== 'OnFailure' && restart !== 'Never') {
    errs.push(fieldErrors.notSupported('spec.template.spec.restartPolicy', restart, ['OnFailure', 'Never']));
  } else if (restart === 'OnFailure' && isSet(spec, 'podFailurePolicy')) {
    errs.push(fieldErrors.invalid('spec.template.spec.restartPolicy', restart, 'only "Never" is supported when podFailurePolicy is specified'));
  }
  if (!isJsonObject(spec.selector)) errs.push(fieldErrors.required('spec.selector'));
  else errs.push(...validateLabelSelector(spec.selector, 'spec.selector'));
  const meaning = labelSelectorMeaning(spec.selector);
  if (meaning) {
    if (meaning.empty) errs.push(fieldErrors.required('spec.selector'));
    if (!meaning.matches(stringMapAt(objectAt(template, 'metadata'), 'labels'))) {
      errs.push(fieldErrors.invalid('spec.template.metadata.labels', objectAt(objectAt(template, 'metadata'), 'labels') ?? null, '`selector` does not match template `labels`'));
    }
  }
  return errs;
}

/** validateJob is ValidateJob (the selector must have been generated by prepareJobForCreate unless manualSelector is set). */
export function validateJob(job: JsonObject): FieldError[] {
  return [...validateObjectMeta(job.metadata, { namespaced: true, nameFn: nameIsDNSSubdomain }), ...validateGeneratedSelector(job), ...validateJobSpec(job.spec)];
}

// The scheduling directives a suspended Job that never ran may still change.
function maskSchedulingDirectives(template: JsonObject, from: JsonObject): JsonObject {
  const masked = structuredClone(template);
  const spec = ensureObject(masked, 'spec') ?? {};
  const fromSpec = objectAt(from, 'spec') ?? {};
  for (const f of ['nodeSelector', 'tolerations', 'schedulingGates']) spec[f] = fromSpec[f];
  const affinity = objectAt(spec, 'affinity');
  const fromAffinity = objectAt(fromSpec, 'affinity');
  if (affinity || fromAffinity) spec.affinity = { ...(affinity ?? {}), nodeAffinity: fromAffinity?.nodeAffinity };
  const meta = ensureObject(masked, 'metadata') ?? {};
  meta.labels = objectAt(from, 'metadata')?.labels;
  meta.annotations = objectAt(from, 'metadata')?.annotations;
  return masked;
}

/** validateJobUpdate is ValidateJobUpdate: selector, completionMode and (mostly) template and completions are immutable. */
export function validateJobUpdate(job: JsonObject, old: JsonObject, opts: { allowUnconditionalUpdate?: boolean } = {}): FieldError[] {
  const spec = objectAt(job, 'spec') ?? {};
  const oldSpec = objectAt(old, 'spec') ?? {};
  const errs = [...validateObjectMetaUpdate(job.metadata, old.metadata, opts), ...validateJobSpec(spec)];
  const elastic = spec.completionMode === 'Indexed' && isSet(spec, 'completions');
  if (!elastic) errs.push(...validateImmutable(spec.completions ?? null, oldSpec.completions ?? null, 'spec.completions'));
  else if (spec.completions !== oldSpec.completions && spec.completions !== spec.parallelism) {
    errs.push(fieldErrors.invalid('spec.completions', spec.completions, 'can only be modified in tandem with spec.parallelism'));
  }
  errs.push(...validateImmutable(spec.selector ?? null, oldSpec.selector ?? null, 'spec.selector'));
  const template = objectAt(spec, 'template') ?? {};
  const oldTemplate = objectAt(oldSpec, 'template') ?? {};
  const mutableScheduling = oldSpec.suspend === true && !isSet(objectAt(old, 'status'), 'startTime');
  const compared = mutableScheduling ? maskSchedulingDirectives(oldTemplate, template) : oldTemplate;
  if (!semanticEqual(template, compared)) errs.push(fieldErrors.invalid('spec.template', template, FIELD_IMMUTABLE));
  for (const f of ['completionMode', 'podFailurePolicy', 'backoffLimitPerIndex', 'managedBy', 'successPolicy']) {
    errs.push(...validateImmutable(spec[f] ?? null, oldSpec[f] ?? null, `spec.${f}`));
  }
  return errs;
}
