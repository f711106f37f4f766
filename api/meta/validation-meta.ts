// ObjectMeta validation on create and update, labels, annotations, finalizers and owner
// references: apimachinery's api/validation/objectmeta.go plus core's finalizer-name rule.
import { fieldErrors, type FieldError } from './field-error.js';
import { FIELD_IMMUTABLE, invalidEach, isDNS1123Label, isQualifiedName, isValidLabelValue, validateNonnegative, type NameValidator } from './validation.js';
import { arrayAt, child, index, isJsonObject, semanticEqual, stringAt, type JsonObject } from './validation-json.js';

/** TOTAL_ANNOTATION_SIZE_LIMIT is TotalAnnotationSizeLimitB: 256 KiB over all keys and values. */
export const TOTAL_ANNOTATION_SIZE_LIMIT = 256 * 1024;

const STANDARD_FINALIZERS = new Set(['kubernetes', 'orphan', 'foregroundDeletion']);

/** validateLabels is ValidateLabels: each key a qualified name, each value a label value. */
export function validateLabels(labels: unknown, path: string): FieldError[] {
  if (!isJsonObject(labels)) return [];
  const errs: FieldError[] = [];
  for (const [k, v] of Object.entries(labels)) {
    errs.push(...invalidEach(path, k, isQualifiedName(k)));
    const value = typeof v === 'string' ? v : '';
    errs.push(...invalidEach(path, value, isValidLabelValue(value)));
  }
  return errs;
}

/** validateAnnotations is ValidateAnnotations: keys are qualified names in any case; 256 KiB in total. */
export function validateAnnotations(annotations: unknown, path: string): FieldError[] {
  if (!isJsonObject(annotations)) return [];
  const errs: FieldError[] = [];
  let total = 0;
  for (const [k, v] of Object.entries(annotations)) {
    errs.push(...invalidEach(path, k, isQualifiedName(k.toLowerCase())));
    total += Buffer.byteLength(k, 'utf8') + Buffer.byteLength(typeof v === 'string' ? v : '', 'utf8');
  }
  if (total > TOTAL_ANNOTATION_SIZE_LIMIT) errs.push(fieldErrors.tooLong(path, '', TOTAL_ANNOTATION_SIZE_LIMIT));
  return errs;
}

function validateOwnerReferences(refs: unknown[], path: string): FieldError[] {
  const errs: FieldError[] = [];
  let firstController = '';
  for (const r of refs) {
    const ref = isJsonObject(r) ? r : {};
    const apiVersion = stringAt(ref, 'apiVersion');
    const kind = stringAt(ref, 'kind');
    // Errors name the list, not the element: validateOwnerReference gets the list's path.
    const version = apiVersion.includes('/') ? apiVersion.split('/')[1] ?? '' : apiVersion;
    if (version === '' || apiVersion.split('/').length > 2) errs.push(fieldErrors.invalid(child(path, 'apiVersion'), apiVersion, 'version must not be empty'));
    if (kind === '') errs.push(fieldErrors.invalid(child(path, 'kind'), kind, 'must not be empty'));
    if (stringAt(ref, 'name') === '') errs.push(fieldErrors.invalid(child(path, 'name'), '', 'must not be empty'));
    if (stringAt(ref, 'uid') === '') errs.push(fieldErrors.invalid(child(path, 'uid'), '', 'must not be empty'));
    if (apiVersion === 'v1' && kind === 'Event') errs.push(fieldErrors.invalid(path, ref, '/v1, Kind=Event is disallowed from being an owner'));
    if (ref.controller === true) {
      const name = `${kind}/${stringAt(ref, 'name')}`;
      if (firstController !== '') {
        errs.push(fieldErrors.invalid(path, refs, `Only one reference can have Controller set to true. Found "true" in references for ${firstController} and ${name}`));
      } else firstController = name;
    }
  }
  return errs;
}

function validateFinalizers(finalizers: unknown[], path: string): FieldError[] {
  const errs: FieldError[] = [];
  const names = finalizers.map((f) => (typeof f === 'string' ? f : ''));
  for (const f of names) errs.push(...invalidEach(path, f, isQualifiedName(f)));
  if (names.includes('orphan') && names.includes('foregroundDeletion')) {
    errs.push(fieldErrors.invalid(path, names, 'finalizer orphan and foregroundDeletion cannot be both set'));
  }
  // core's extra rule: a finalizer without a domain must be one Kubernetes itself defines.
  names.forEach((f, i) => {
    if (!f.includes('/') && !STANDARD_FINALIZERS.has(f)) {
      errs.push(fieldErrors.invalid(index(path, i), f, 'name is neither a standard finalizer name nor is it fully qualified'));
    }
  });
  return errs;
}

function validateCommon(meta: JsonObject, namespaced: boolean, path: string): FieldError[] {
  const errs: FieldError[] = [];
  const ns = stringAt(meta, 'namespace');
  if (namespaced) {
    if (ns === '') errs.push(fieldErrors.required(child(path, 'namespace')));
    else errs.push(...invalidEach(child(path, 'namespace'), ns, isDNS1123Label(ns)));
  } else if (ns !== '') {
    errs.push(fieldErrors.forbidden(child(path, 'namespace'), 'not allowed on this type'));
  }
  const generation = meta.generation;
  if (typeof generation === 'number') errs.push(...validateNonnegative(generation, child(path, 'generation')));
  errs.push(...validateLabels(meta.labels, child(path, 'labels')));
  errs.push(...validateAnnotations(meta.annotations, child(path, 'annotations')));
  errs.push(...validateOwnerReferences(arrayAt(meta, 'ownerReferences'), child(path, 'ownerReferences')));
  errs.push(...validateFinalizers(arrayAt(meta, 'finalizers'), child(path, 'finalizers')));
  return errs;
}

/** ObjectMetaOptions say how a kind's metadata is checked. */
export interface ObjectMetaOptions {
  namespaced: boolean;
  nameFn: NameValidator;
  /** path of the metadata, `metadata` unless it is a template's. */
  path?: string;
}

/** validateObjectMeta is ValidateObjectMeta on create: a name (or generateName), the namespace rule, labels, annotations, owners, finalizers. */
export function validateObjectMeta(metadata: unknown, opts: ObjectMetaOptions): FieldError[] {
  const meta = isJsonObject(metadata) ? metadata : {};
  const path = opts.path ?? 'metadata';
  const errs: FieldError[] = [];
  const generateName = stringAt(meta, 'generateName');
  if (generateName !== '') errs.push(...invalidEach(child(path, 'generateName'), generateName, opts.nameFn(generateName, true)));
  const name = stringAt(meta, 'name');
  // The server generates the name from generateName before validating; until then an empty name
  // is fine when a generateName is there to make one.
  if (name === '') {
    if (generateName === '') errs.push(fieldErrors.required(child(path, 'name'), 'name or generateName is required'));
  } else {
    errs.push(...invalidEach(child(path, 'name'), name, opts.nameFn(name, false)));
  }
  return [...errs, ...validateCommon(meta, opts.namespaced, path)];
}

/** UpdateMetaOptions tune validateObjectMetaUpdate. */
export interface UpdateMetaOptions {
  /** allowUnconditionalUpdate: an update without resourceVersion overwrites (the server fills it in). */
  allowUnconditionalUpdate?: boolean;
}

const immutable = (a: unknown, b: unknown, path: string): FieldError[] =>
  semanticEqual(a ?? '', b ?? '') ? [] : [fieldErrors.invalid(path, a ?? '', FIELD_IMMUTABLE)];

/** validateObjectMetaUpdate is ValidateObjectMetaUpdate: immutable identity, no new finalizers while deleting, a resourceVersion unless unconditional updates are allowed. */
export function validateObjectMetaUpdate(metadata: unknown, oldMetadata: unknown, opts: UpdateMetaOptions = {}): FieldError[] {
  const meta = isJsonObject(metadata) ? metadata : {};
  const old = isJsonObject(oldMetadata) ? oldMetadata : {};
  const errs: FieldError[] = [];
  if (stringAt(old, 'deletionTimestamp') !== '') {
    const oldFinalizers = new Set(arrayAt(old, 'finalizers'));
    const extra = [...new Set(arrayAt(meta, 'finalizers'))].filter((f) => !oldFinalizers.has(f)).map(String).sort();
    if (extra.length > 0) {
      errs.push(fieldErrors.forbidden('metadata.finalizers', `no new finalizers can be added if the object is being deleted, found new finalizers []string{${extra.map((f) => JSON.stringify(f)).join(', ')}}`));
    }
  }
  if (stringAt(meta, 'resourceVersion') === '' && !opts.allowUnconditionalUpdate) {
    errs.push(fieldErrors.invalid('metadata.resourceVersion', '', 'must be specified for an update'));
  }
  const generation = typeof meta.generation === 'number' ? meta.generation : 0;
  const oldGeneration = typeof old.generation === 'number' ? old.generation : 0;
  if (generation < oldGeneration) errs.push(fieldErrors.invalid('metadata.generation', generation, 'must not be decremented'));
  for (const f of ['name', 'namespace', 'uid', 'creationTimestamp', 'deletionTimestamp', 'deletionGracePeriodSeconds']) {
    errs.push(...immutable(meta[f], old[f], `metadata.${f}`));
  }
  errs.push(...validateLabels(meta.labels, 'metadata.labels'));
  errs.push(...validateAnnotations(meta.annotations, 'metadata.annotations'));
  errs.push(...validateOwnerReferences(arrayAt(meta, 'ownerReferences'), 'metadata.ownerReferences'));
  errs.push(...validateFinalizers(arrayAt(meta, 'finalizers'), 'metadata.finalizers'));
  return errs;
}

/** REQUEST_NAMESPACE_MISMATCH is the BadRequest message for a body in another namespace than the URL's. */
export const REQUEST_NAMESPACE_MISMATCH = 'the namespace of the provided object does not match the namespace sent on the request';

/**
 * reconcileRequestNamespace is EnsureObjectNamespaceMatchesRequestNamespace: fills an empty
 * namespace from the URL, clears one on a cluster-scoped kind, and returns the BadRequest message
 * on a mismatch.
 */
export function reconcileRequestNamespace(obj: JsonObject, requestNamespace: string): string | undefined {
  if (!isJsonObject(obj.metadata)) obj.metadata = {};
  const meta = obj.metadata as JsonObject;
  const ns = stringAt(meta, 'namespace');
  if (ns === requestNamespace) return undefined;
  if (ns === '' || requestNamespace === '') {
    if (requestNamespace === '') delete meta.namespace;
    else meta.namespace = requestNamespace;
    return undefined;
  }
  return REQUEST_NAMESPACE_MISMATCH;
}

/** validateImmutable is ValidateImmutableField: `<path>: Invalid value: <new>: field is immutable`. */
export function validateImmutable(value: unknown, old: unknown, path: string): FieldError[] {
  return semanticEqual(value, old) ? [] : [fieldErrors.invalid(path, value ?? null, FIELD_IMMUTABLE)];
}
