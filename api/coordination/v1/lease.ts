// Lease (coordination.k8s.io/v1): no defaults; ValidateLease / ValidateLeaseUpdate. The lease
// strategy does not allow unconditional updates: a PUT must carry a resourceVersion.
import { fieldErrors, type FieldError } from '../../meta/field-error.js';
import { isQualifiedName, nameIsDNSSubdomain } from '../../meta/validation.js';
import { isSet, numberAt, objectAt, stringAt, type JsonObject } from '../../meta/validation-json.js';
import { validateObjectMeta, validateObjectMetaUpdate } from '../../meta/validation-meta.js';

const STRATEGIES = ['OldestEmulationVersion'];

/** defaultLease is a no-op: coordination/v1 has no Lease defaulter. */
export function defaultLease(_lease: JsonObject): void {}

function validateLeaseSpec(spec: JsonObject): FieldError[] {
  const errs: FieldError[] = [];
  const duration = numberAt(spec, 'leaseDurationSeconds');
  if (duration !== undefined && duration <= 0) errs.push(fieldErrors.invalid('spec.leaseDurationSeconds', duration, 'must be greater than 0'));
  const transitions = numberAt(spec, 'leaseTransitions');
  if (transitions !== undefined && transitions < 0) errs.push(fieldErrors.invalid('spec.leaseTransitions', transitions, 'must be greater than or equal to 0'));
  if (isSet(spec, 'strategy')) {
    const strategy = stringAt(spec, 'strategy');
    // Kubernetes nests `strategy` twice in this path.
    if (!strategy.includes('/')) {
      if (!STRATEGIES.includes(strategy)) errs.push(fieldErrors.notSupported('spec.strategy.strategy', strategy, STRATEGIES));
    } else {
      for (const m of isQualifiedName(strategy)) errs.push(fieldErrors.invalid('spec.strategy.strategy', strategy, m));
    }
  }
  if (stringAt(spec, 'preferredHolder') !== '' && stringAt(spec, 'strategy') === '') {
    errs.push(fieldErrors.forbidden('spec.preferredHolder', 'may only be specified if `strategy` is defined'));
  }
  return errs;
}

/** validateLease is ValidateLease. */
export function validateLease(lease: JsonObject): FieldError[] {
  return [...validateObjectMeta(lease.metadata, { namespaced: true, nameFn: nameIsDNSSubdomain }), ...validateLeaseSpec(objectAt(lease, 'spec') ?? {})];
}

/** validateLeaseUpdate is ValidateLeaseUpdate; a resourceVersion is required (no unconditional updates). */
export function validateLeaseUpdate(lease: JsonObject, old: JsonObject): FieldError[] {
  return [...validateObjectMetaUpdate(lease.metadata, old.metadata), ...validateLeaseSpec(objectAt(lease, 'spec') ?? {})];
}
