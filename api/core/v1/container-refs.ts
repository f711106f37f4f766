// What a container refers to: env vars (and their valueFrom sources), envFrom, and volume mounts.
import { fieldErrors, type FieldError } from '../../meta/field-error.js';
import { invalidEach, isConfigMapKey, isRelaxedEnvVarName, nameIsDNSSubdomain, notFound, validateQualifiedName } from '../../meta/validation.js';
import { child, index, isSet, objectAt, objectsAt, stringAt, type JsonObject } from '../../meta/validation-json.js';

const ENV_FIELD_PATHS = [
  'metadata.name', 'metadata.namespace', 'metadata.uid', 'spec.nodeName', 'spec.serviceAccountName',
  'status.hostIP', 'status.hostIPs', 'status.podIP', 'status.podIPs',
].sort();
/** VOLUME_FIELD_PATHS are the fieldRef paths a downwardAPI volume file may use. */
export const VOLUME_FIELD_PATHS = ['metadata.annotations', 'metadata.labels', 'metadata.name', 'metadata.namespace', 'metadata.uid'];
// ConvertDownwardAPIFieldLabel's accepted labels for v1.
const DOWNWARD_LABELS = new Set([
  'metadata.annotations', 'metadata.labels', 'metadata.name', 'metadata.namespace', 'metadata.uid', 'spec.nodeName',
  'spec.restartPolicy', 'spec.serviceAccountName', 'spec.schedulerName', 'status.phase', 'status.hostIP', 'status.hostIPs',
  'status.podIP', 'status.podIPs', 'spec.host',
]);
const RESOURCE_FIELD_PATHS = ['limits.cpu', 'limits.ephemeral-storage', 'limits.memory', 'requests.cpu', 'requests.ephemeral-storage', 'requests.memory'];

function splitSubscript(fieldPath: string): [string, string] | undefined {
  if (!fieldPath.endsWith("']")) return undefined;
  const parts = fieldPath.slice(0, -2).split("['");
  if (parts.length < 2 || parts[0] === '') return undefined;
  return [parts[0]!, parts.slice(1).join("['")];
}

/** validateObjectFieldSelector is validateObjectFieldSelector: a v1 fieldPath the downward API supports. */
export function validateObjectFieldSelector(ref: JsonObject, expressions: readonly string[], path: string): FieldError[] {
  const apiVersion = stringAt(ref, 'apiVersion');
  const fieldPath = stringAt(ref, 'fieldPath');
  if (apiVersion === '') return [fieldErrors.required(child(path, 'apiVersion'))];
  if (fieldPath === '') return [fieldErrors.required(child(path, 'fieldPath'))];
  const sub = splitSubscript(fieldPath);
  let convertError: string | undefined;
  if (apiVersion !== 'v1') convertError = `unsupported pod version: ${apiVersion}`;
  else if (sub) {
    if (sub[0] !== 'metadata.annotations' && sub[0] !== 'metadata.labels') convertError = `field label does not support subscript: ${fieldPath}`;
  } else if (!DOWNWARD_LABELS.has(fieldPath)) convertError = `field label not supported: ${fieldPath}`;
  if (convertError) return [fieldErrors.invalid(child(path, 'fieldPath'), fieldPath, `error converting fieldPath: ${convertError}`)];
  if (sub) {
    return sub[0] === 'metadata.annotations' ? validateQualifiedName(sub[1].toLowerCase(), path) : validateQualifiedName(sub[1], path);
  }
  const internal = fieldPath === 'spec.host' ? 'spec.nodeName' : fieldPath;
  if (!expressions.includes(internal)) return [fieldErrors.notSupported(child(path, 'fieldPath'), internal, [...expressions].sort())];
  return [];
}

/** validateResourceFieldSelector checks a resourceFieldRef (containerName is required in volumes). */
export function validateResourceFieldSelector(ref: JsonObject, path: string, volume: boolean): FieldError[] {
  const resource = stringAt(ref, 'resource');
  if (volume && stringAt(ref, 'containerName') === '') return [fieldErrors.required(child(path, 'containerName'))];
  if (resource === '') return [fieldErrors.required(child(path, 'resource'))];
  if (!RESOURCE_FIELD_PATHS.includes(resource) && !resource.startsWith('requests.hugepages-') && !resource.startsWith('limits.hugepages-')) {
    return [fieldErrors.notSupported(child(path, 'resource'), resource, RESOURCE_FIELD_PATHS)];
  }
  return [];
}

function validateKeySelector(sel: JsonObject, path: string): FieldError[] {
  const name = stringAt(sel, 'name');
  const errs = invalidEach(child(path, 'name'), name, nameIsDNSSubdomain(name, false));
  const k = stringAt(sel, 'key');
  if (k === '') errs.push(fieldErrors.required(child(path, 'key')));
  else errs.push(...invalidEach(child(path, 'key'), k, isConfigMapKey(k)));
  return errs;
}

function validateValueFrom(env: JsonObject, path: string): FieldError[] {
  const from = objectAt(env, 'valueFrom');
  if (!from) return [];
  const errs: FieldError[] = [];
  let sources = 0;
  const fieldRef = objectAt(from, 'fieldRef');
  if (fieldRef) { sources++; errs.push(...validateObjectFieldSelector(fieldRef, ENV_FIELD_PATHS, child(path, 'fieldRef'))); }
  const resourceRef = objectAt(from, 'resourceFieldRef');
  if (resourceRef) { sources++; errs.push(...validateResourceFieldSelector(resourceRef, child(path, 'resourceFieldRef'), false)); }
  const cmRef = objectAt(from, 'configMapKeyRef');
  if (cmRef) { sources++; errs.push(...validateKeySelector(cmRef, child(path, 'configMapKeyRef'))); }
  const secretRef = objectAt(from, 'secretKeyRef');
  if (secretRef) { sources++; errs.push(...validateKeySelector(secretRef, child(path, 'secretKeyRef'))); }
  if (sources === 0) errs.push(fieldErrors.invalid(path, '', 'must specify one of: `fieldRef`, `resourceFieldRef`, `configMapKeyRef` or `secretKeyRef`'));
  else if (stringAt(env, 'value') !== '') errs.push(fieldErrors.invalid(path, '', 'may not be specified when `value` is not empty'));
  else if (sources > 1) errs.push(fieldErrors.invalid(path, '', 'may not have more than one field specified at a time'));
  return errs;
}

/** validateEnvSources checks a container's env and envFrom. */
export function validateEnvSources(c: JsonObject, path: string): FieldError[] {
  const errs: FieldError[] = [];
  const envPath = child(path, 'env');
  objectsAt(c, 'env').forEach((env, i) => {
    const p = index(envPath, i);
    const name = stringAt(env, 'name');
    if (name === '') errs.push(fieldErrors.required(child(p, 'name')));
    else errs.push(...invalidEach(child(p, 'name'), name, isRelaxedEnvVarName(name)));
    errs.push(...validateValueFrom(env, child(p, 'valueFrom')));
  });
  const fromPath = child(path, 'envFrom');
  objectsAt(c, 'envFrom').forEach((from, i) => {
    const p = index(fromPath, i);
    const prefix = stringAt(from, 'prefix');
    if (prefix !== '') errs.push(...invalidEach(child(p, 'prefix'), prefix, isRelaxedEnvVarName(prefix)));
    let sources = 0;
    for (const kind of ['configMapRef', 'secretRef']) {
      const ref = objectAt(from, kind);
      if (!ref) continue;
      sources++;
      const name = stringAt(ref, 'name');
      if (name === '') errs.push(fieldErrors.required(child(child(p, kind), 'name')));
      else errs.push(...invalidEach(child(child(p, kind), 'name'), name, nameIsDNSSubdomain(name, true)));
    }
    // These two name the envFrom list, not the element, as Kubernetes does.
    if (sources === 0) errs.push(fieldErrors.invalid(fromPath, '', 'must specify one of: `configMapRef` or `secretRef`'));
    else if (sources > 1) errs.push(fieldErrors.invalid(fromPath, '', 'may not have more than one field specified at a time'));
  });
  return errs;
}

/** validateLocalDescendingPath is validateLocalDescendingPath: relative, with no `..` element. */
export function validateLocalDescendingPath(target: string, path: string): FieldError[] {
  const errs: FieldError[] = [];
  if (target.startsWith('/')) errs.push(fieldErrors.invalid(path, target, 'must be a relative path'));
  if (target.split('/').includes('..')) errs.push(fieldErrors.invalid(path, target, "must not contain '..'"));
  return errs;
}

/** validateLocalNonReservedPath is ValidateLocalNonReservedPath: also not starting with `..`. */
export function validateLocalNonReservedPath(target: string, path: string): FieldError[] {
  const errs = validateLocalDescendingPath(target, path);
  if (target.startsWith('..') && !target.startsWith('../')) errs.push(fieldErrors.invalid(path, target, "must not start with '..'"));
  return errs;
}

const PROPAGATIONS = ['Bidirectional', 'HostToContainer', 'None'];

/** validateVolumeMounts is ValidateVolumeMounts: each mount names a (valid) volume of the pod, at a unique path. */
export function validateVolumeMounts(c: JsonObject, volumes: Map<string, JsonObject>, path: string): FieldError[] {
  const errs: FieldError[] = [];
  const mountsPath = child(path, 'volumeMounts');
  const mountPoints = new Set<string>();
  const privileged = objectAt(c, 'securityContext')?.privileged === true;
  objectsAt(c, 'volumeMounts').forEach((m, i) => {
    const p = index(mountsPath, i);
    const name = stringAt(m, 'name');
    const mountPath = stringAt(m, 'mountPath');
    if (name === '') errs.push(fieldErrors.required(child(p, 'name')));
    if (!volumes.has(name)) errs.push(notFound(child(p, 'name'), name));
    if (mountPath === '') errs.push(fieldErrors.required(child(p, 'mountPath')));
    if (mountPoints.has(mountPath)) errs.push(fieldErrors.invalid(child(p, 'mountPath'), mountPath, 'must be unique'));
    mountPoints.add(mountPath);
    const subPath = stringAt(m, 'subPath');
    const subPathExpr = stringAt(m, 'subPathExpr');
    // Kubernetes names these two after the list, not the element.
    if (subPath !== '') errs.push(...validateLocalDescendingPath(subPath, child(mountsPath, 'subPath')));
    if (subPathExpr !== '') {
      if (subPath !== '') errs.push(fieldErrors.invalid(child(p, 'subPathExpr'), subPathExpr, 'subPathExpr and subPath are mutually exclusive'));
      errs.push(...validateLocalDescendingPath(subPathExpr, child(mountsPath, 'subPathExpr')));
    }
    if (isSet(m, 'mountPropagation')) {
      const prop = m.mountPropagation;
      const propPath = child(mountsPath, 'mountPropagation');
      if (!PROPAGATIONS.includes(prop as string)) errs.push(fieldErrors.notSupported(propPath, prop, PROPAGATIONS));
      if (prop === 'Bidirectional' && !privileged) errs.push(fieldErrors.forbidden(propPath, 'Bidirectional mount propagation is available only to privileged containers'));
    }
  });
  return errs;
}
