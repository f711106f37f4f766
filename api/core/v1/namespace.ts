// Namespace: the name label and Active phase defaults, the `kubernetes` finalizer the namespace
// strategy adds on create, and ValidateNamespace / ValidateNamespaceUpdate.
import { fieldErrors, type FieldError } from '../../meta/field-error.js';
import { invalidEach, isQualifiedName, nameIsDNSLabel } from '../../meta/validation.js';
import { arrayAt, ensureObject, objectAt, setDefault, stringAt, type JsonObject } from '../../meta/validation-json.js';
import { validateObjectMeta, validateObjectMetaUpdate } from '../../meta/validation-meta.js';

/** NAMESPACE_NAME_LABEL is the label every named namespace carries with its own name. */
export const NAMESPACE_NAME_LABEL = 'kubernetes.io/metadata.name';
const STANDARD_FINALIZERS = new Set(['kubernetes', 'orphan', 'foregroundDeletion']);

/** defaultNamespace applies SetDefaults_Namespace and SetDefaults_NamespaceStatus in place. */
export function defaultNamespace(ns: JsonObject): void {
  const meta = ensureObject(ns, 'metadata');
  const name = stringAt(meta, 'name');
  if (meta && name !== '') {
    const labels = ensureObject(meta, 'labels');
    if (labels) labels[NAMESPACE_NAME_LABEL] = name;
  }
  const status = ensureObject(ns, 'status');
  if (status) setDefault(status, 'phase', 'Active');
}

/**
 * prepareNamespaceForCreate adds the `kubernetes` finalizer, as the namespace strategy does on
 * create. It is not a default because the namespace controller removes it later, and an update
 * without the list must not bring it back.
 */
export function prepareNamespaceForCreate(ns: JsonObject): void {
  const spec = ensureObject(ns, 'spec');
  if (!spec) return;
  const finalizers = arrayAt(spec, 'finalizers');
  if (!finalizers.includes('kubernetes')) spec.finalizers = [...finalizers, 'kubernetes'];
}

/** prepareNamespaceForUpdate keeps spec.finalizers: only the finalize subresource changes them. */
export function prepareNamespaceForUpdate(ns: JsonObject, old: JsonObject): void {
  const oldSpec = objectAt(old, 'spec');
  const spec = ensureObject(ns, 'spec');
  if (!spec) return;
  if (oldSpec?.finalizers === undefined) delete spec.finalizers;
  else spec.finalizers = structuredClone(oldSpec.finalizers);
}

/** validateNamespace is ValidateNamespace: a DNS-label name, no namespace, valid spec.finalizers. */
export function validateNamespace(ns: JsonObject): FieldError[] {
  const errs = validateObjectMeta(ns.metadata, { namespaced: false, nameFn: nameIsDNSLabel });
  for (const f of arrayAt(objectAt(ns, 'spec'), 'finalizers')) {
    const name = typeof f === 'string' ? f : '';
    errs.push(...invalidEach('spec.finalizers', name, isQualifiedName(name)));
    if (!name.includes('/') && !STANDARD_FINALIZERS.has(name)) {
      errs.push(fieldErrors.invalid('spec.finalizers', name, 'name is neither a standard finalizer name nor is it fully qualified'));
    }
  }
  return errs;
}

/** validateNamespaceUpdate is ValidateNamespaceUpdate (metadata only). */
export function validateNamespaceUpdate(ns: JsonObject, old: JsonObject, opts: { allowUnconditionalUpdate?: boolean } = {}): FieldError[] {
  return validateObjectMetaUpdate(ns.metadata, old.metadata, opts);
}
