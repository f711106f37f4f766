// Pod volumes (ValidateVolumes): unique DNS-label names and exactly one source each, with the
// common sources checked field by field; the rarer in-tree plugins are only counted.
import { fieldErrors, type FieldError } from '../../meta/field-error.js';
import { compareQuantities, parseQuantityExact } from '../../meta/quantity.js';
import { validateDNS1123Label } from '../../meta/validation.js';
import { child, index, isSet, numberAt, objectAt, objectsAt, stringAt, type JsonObject } from '../../meta/validation-json.js';
import {
  validateLocalDescendingPath, validateLocalNonReservedPath, validateObjectFieldSelector, validateResourceFieldSelector, VOLUME_FIELD_PATHS,
} from './container-refs.js';
import { parseQuantityField } from './resources.js';

// validateVolumeSource's order, with the path names it uses (`downwarAPI` and `cephFS` included).
const SOURCES: ReadonlyArray<readonly [json: string, pathName: string]> = [
  ['hostPath', 'hostPath'], ['gitRepo', 'gitRepo'], ['gcePersistentDisk', 'gcePersistentDisk'],
  ['awsElasticBlockStore', 'awsElasticBlockStore'], ['secret', 'secret'], ['nfs', 'nfs'], ['iscsi', 'iscsi'],
  ['glusterfs', 'glusterfs'], ['flocker', 'flocker'], ['persistentVolumeClaim', 'persistentVolumeClaim'], ['rbd', 'rbd'],
  ['cinder', 'cinder'], ['cephfs', 'cephFS'], ['quobyte', 'quobyte'], ['downwardAPI', 'downwarAPI'], ['fc', 'fc'],
  ['flexVolume', 'flexVolume'], ['configMap', 'configMap'], ['azureFile', 'azureFile'], ['vsphereVolume', 'vsphereVolume'],
  ['photonPersistentDisk', 'photonPersistentDisk'], ['portworxVolume', 'portworxVolume'], ['azureDisk', 'azureDisk'],
  ['storageos', 'storageos'], ['projected', 'projected'], ['scaleIO', 'scaleIO'], ['csi', 'csi'], ['ephemeral', 'ephemeral'],
  ['image', 'image'],
];
const FILE_MODE_ERROR = 'must be a number between 0 and 0777 (octal), both inclusive';
const HOST_PATH_TYPES = ['', 'BlockDevice', 'CharDevice', 'Directory', 'DirectoryOrCreate', 'File', 'FileOrCreate', 'Socket'];

function validateMode(src: JsonObject, field: string, path: string): FieldError[] {
  const mode = numberAt(src, field);
  return mode !== undefined && (mode < 0 || mode > 0o777) ? [fieldErrors.invalid(child(path, field), mode, FILE_MODE_ERROR)] : [];
}

function validateKeyToPaths(src: JsonObject, path: string): FieldError[] {
  const errs: FieldError[] = [];
  objectsAt(src, 'items').forEach((item, i) => {
    const p = index(child(path, 'items'), i);
    if (stringAt(item, 'key') === '') errs.push(fieldErrors.required(child(p, 'key')));
    const target = stringAt(item, 'path');
    if (target === '') errs.push(fieldErrors.required(child(p, 'path')));
    errs.push(...validateLocalNonReservedPath(target, child(p, 'path')), ...validateMode(item, 'mode', p));
  });
  return errs;
}

function validateDownwardFiles(src: JsonObject, path: string): FieldError[] {
  const errs: FieldError[] = [];
  // Kubernetes reports file errors at the source's path, without the item index.
  for (const file of objectsAt(src, 'items')) {
    const target = stringAt(file, 'path');
    if (target === '') errs.push(fieldErrors.required(child(path, 'path')));
    errs.push(...validateLocalNonReservedPath(target, child(path, 'path')));
    const fieldRef = objectAt(file, 'fieldRef');
    const resourceRef = objectAt(file, 'resourceFieldRef');
    if (fieldRef) {
      errs.push(...validateObjectFieldSelector(fieldRef, VOLUME_FIELD_PATHS, child(path, 'fieldRef')));
      if (resourceRef) errs.push(fieldErrors.invalid(path, 'resource', 'fieldRef and resourceFieldRef can not be specified simultaneously'));
    } else if (resourceRef) {
      errs.push(...validateResourceFieldSelector(resourceRef, child(path, 'resourceFieldRef'), true));
    } else {
      errs.push(fieldErrors.required(path, 'one of fieldRef and resourceFieldRef is required'));
    }
    errs.push(...validateMode(file, 'mode', path));
  }
  return errs;
}

function validateProjected(src: JsonObject, path: string): FieldError[] {
  const errs = validateMode(src, 'defaultMode', path);
  objectsAt(src, 'sources').forEach((s, i) => {
    const p = index(child(path, 'sources'), i);
    let count = 0;
    for (const kind of ['secret', 'configMap']) {
      const ref = objectAt(s, kind);
      if (!ref) continue;
      count++;
      if (stringAt(ref, 'name') === '') errs.push(fieldErrors.required(child(child(p, kind), 'name')));
      errs.push(...validateKeyToPaths(ref, child(p, kind)));
    }
    const downward = objectAt(s, 'downwardAPI');
    if (downward) { count++; errs.push(...validateDownwardFiles(downward, child(p, 'downwardAPI'))); }
    const token = objectAt(s, 'serviceAccountToken');
    if (token) {
      count++;
      const tp = child(p, 'serviceAccountToken');
      const exp = numberAt(token, 'expirationSeconds') ?? 0;
      if (exp < 600) errs.push(fieldErrors.invalid(child(tp, 'expirationSeconds'), exp, 'may not specify a duration less than 10 minutes'));
      if (exp > 2 ** 32) errs.push(fieldErrors.invalid(child(tp, 'expirationSeconds'), exp, 'may not specify a duration larger than 2^32 seconds'));
      const target = stringAt(token, 'path');
      if (target === '') errs.push(fieldErrors.required(child(path, 'path')));
      else errs.push(...validateLocalNonReservedPath(target, child(path, 'path')));
    }
    if (isSet(s, 'clusterTrustBundle')) count++;
    if (count > 1) errs.push(fieldErrors.forbidden(p, 'may not specify more than 1 volume type per source'));
  });
  return errs;
}

function validateSource(kind: string, src: JsonObject, path: string): FieldError[] {
  const errs: FieldError[] = [];
  switch (kind) {
    case 'hostPath': {
      const target = stringAt(src, 'path');
      if (target === '') return [fieldErrors.required(child(path, 'path'))];
      if (target.split('/').includes('..')) errs.push(fieldErrors.invalid(child(path, 'path'), target, "must not contain '..'"));
      if (isSet(src, 'type') && !HOST_PATH_TYPES.includes(src.type as string)) errs.push(fieldErrors.notSupported(child(path, 'type'), src.type, HOST_PATH_TYPES));
      return errs;
    }
    case 'secret':
      if (stringAt(src, 'secretName') === '') errs.push(fieldErrors.required(child(path, 'secretName')));
      return [...errs, ...validateMode(src, 'defaultMode', path), ...validateKeyToPaths(src, path)];
    case 'configMap':
      if (stringAt(src, 'name') === '') errs.push(fieldErrors.required(child(path, 'name')));
      return [...errs, ...validateMode(src, 'defaultMode', path), ...validateKeyToPaths(src, path)];
    case 'persistentVolumeClaim':
      return stringAt(src, 'claimName') === '' ? [fieldErrors.required(child(path, 'claimName'))] : [];
    case 'nfs': {
      if (stringAt(src, 'server') === '') errs.push(fieldErrors.required(child(path, 'server')));
      const target = stringAt(src, 'path');
      if (target === '') errs.push(fieldErrors.required(child(path, 'path')));
      if (!target.startsWith('/')) errs.push(fieldErrors.invalid(child(path, 'path'), target, 'must be an absolute path'));
      return errs;
    }
    case 'gitRepo':
      if (stringAt(src, 'repository') === '') errs.push(fieldErrors.required(child(path, 'repository')));
      return [...errs, ...validateLocalDescendingPath(stringAt(src, 'directory'), child(path, 'directory'))];
    case 'downwardAPI':
      return [...validateMode(src, 'defaultMode', path), ...validateDownwardFiles(src, path)];
    case 'projected':
      return validateProjected(src, path);
    case 'csi':
      return stringAt(src, 'driver') === '' ? [fieldErrors.required(child(path, 'driver'))] : [];
    default:
      return [];
  }
}

/** validateVolumeSource is validateVolumeSource: exactly one source, each checked. */
export function validateVolumeSource(v: JsonObject, path: string): FieldError[] {
  const errs: FieldError[] = [];
  let count = 0;
  const emptyDir = objectAt(v, 'emptyDir');
  if (isSet(v, 'emptyDir')) {
    count++;
    if (emptyDir && isSet(emptyDir, 'sizeLimit')) {
      const q = parseQuantityField(emptyDir.sizeLimit, child(child(path, 'emptyDir'), 'sizeLimit'), errs);
      if (q && compareQuantities(q, parseQuantityExact('0')) < 0) {
        errs.push(fieldErrors.forbidden(child(child(path, 'emptyDir'), 'sizeLimit'), 'SizeLimit field must be a valid resource quantity'));
      }
    }
  }
  for (const [json, pathName] of SOURCES) {
    if (!isSet(v, json)) continue;
    if (count > 0) {
      errs.push(fieldErrors.forbidden(child(path, pathName), 'may not specify more than 1 volume type'));
      continue;
    }
    count++;
    errs.push(...validateSource(json, objectAt(v, json) ?? {}, child(path, json)));
  }
  if (count === 0) errs.push(fieldErrors.required(path, 'must specify a volume type'));
  return errs;
}

/** validateVolumes is ValidateVolumes; it also returns the volumes that validated, which mounts may name. */
export function validateVolumes(volumes: unknown, path: string): { volumes: Map<string, JsonObject>; errors: FieldError[] } {
  const valid = new Map<string, JsonObject>();
  const errors: FieldError[] = [];
  const names = new Set<string>();
  objectsAt({ volumes }, 'volumes').forEach((v, i) => {
    const p = index(path, i);
    const name = stringAt(v, 'name');
    const el = validateVolumeSource(v, p);
    if (name === '') el.push(fieldErrors.required(child(p, 'name')));
    else el.push(...validateDNS1123Label(name, child(p, 'name')));
    if (names.has(name)) el.push(fieldErrors.duplicate(child(p, 'name'), name));
    if (el.length === 0) {
      names.add(name);
      valid.set(name, v);
    } else errors.push(...el);
  });
  return { volumes: valid, errors };
}
