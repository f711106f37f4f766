// ServiceAccount: no defaults; ValidateServiceAccount is the metadata check with a subdomain name.
import type { FieldError } from '../../meta/field-error.js';
import { nameIsDNSSubdomain } from '../../meta/validation.js';
import type { JsonObject } from '../../meta/validation-json.js';
import { validateObjectMeta, validateObjectMetaUpdate } from '../../meta/validation-meta.js';

/** defaultServiceAccount is a no-op: core/v1 has no ServiceAccount defaulter. */
export function defaultServiceAccount(_sa: JsonObject): void {}

/** validateServiceAccount is ValidateServiceAccount. */
export function validateServiceAccount(sa: JsonObject): FieldError[] {
  return validateObjectMeta(sa.metadata, { namespaced: true, nameFn: nameIsDNSSubdomain });
}

/** validateServiceAccountUpdate is ValidateServiceAccountUpdate. */
export function validateServiceAccountUpdate(sa: JsonObject, old: JsonObject, opts: { allowUnconditionalUpdate?: boolean } = {}): FieldError[] {
  return [...validateObjectMetaUpdate(sa.metadata, old.metadata, opts), ...validateServiceAccount(sa)];
}
