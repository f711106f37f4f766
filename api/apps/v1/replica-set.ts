// ReplicaSet (apps/v1): one replica by default, ValidateReplicaSet, and an immutable selector.
import type { FieldError } from '../../meta/field-error.js';
import { nameIsDNSSubdomain, validateNonnegative } from '../../meta/validation.js';
import { ensureObject, numberAt, objectAt, setDefaultPointer, type JsonObject } from '../../meta/validation-json.js';
import { validateObjectMeta, validateObjectMetaUpdate } from '../../meta/validation-meta.js';
import { defaultPodTemplateSpec } from '../../core/v1/pod-spec-defaults.js';
import { validateReplicatedSpec, validateSelectorUnchanged } from './workload.js';

/** defaultReplicaSet applies SetObjectDefaults_ReplicaSet in place. */
export function defaultReplicaSet(rs: JsonObject): void {
  const spec = ensureObject(rs, 'spec');
  if (!spec) return;
  setDefaultPointer(spec, 'replicas', 1);
  const template = ensureObject(spec, 'template');
  if (template) defaultPodTemplateSpec(template);
}

function validateSpec(rs: JsonObject): FieldError[] {
  const spec = objectAt(rs, 'spec') ?? {};
  return [...validateNonnegative(numberAt(spec, 'minReadySeconds'), 'spec.minReadySeconds'), ...validateReplicatedSpec(spec)];
}

/** validateReplicaSet is ValidateReplicaSet. */
export function validateReplicaSet(rs: JsonObject): FieldError[] {
  return [...validateObjectMeta(rs.metadata, { namespaced: true, nameFn: nameIsDNSSubdomain }), ...validateSpec(rs)];
}

/** validateReplicaSetUpdate is ValidateReplicaSetUpdate plus the apps/v1 immutable selector. */
export function validateReplicaSetUpdate(rs: JsonObject, old: JsonObject, opts: { allowUnconditionalUpdate?: boolean } = {}): FieldError[] {
  return [
    ...validateObjectMetaUpdate(rs.metadata, old.metadata, opts),
    ...validateSpec(rs),
    ...validateSelectorUnchanged(objectAt(rs, 'spec') ?? {}, objectAt(old, 'spec') ?? {}),
  ];
}
