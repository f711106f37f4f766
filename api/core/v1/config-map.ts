// ConfigMap: ValidateConfigMap / ValidateConfigMapUpdate. SetDefaults_ConfigMap only makes an
// empty data map, which serialises as nothing, so defaulting changes nothing visible.
import { fieldErrors, type FieldError } from '../../meta/field-error.js';
import { base64Error, invalidEach, isConfigMapKey, nameIsDNSSubdomain } from '../../meta/validation.js';
import { key, objectAt, semanticEqual, type JsonObject } from '../../meta/validation-json.js';
import { validateObjectMeta, validateObjectMetaUpdate } from '../../meta/validation-meta.js';

/** MAX_DATA_SIZE is MaxSecretSize, the limit on a ConfigMap's or Secret's data: 1 MiB. */
export const MAX_DATA_SIZE = 1024 * 1024;

/** defaultConfigMap is SetDefaults_ConfigMap, which has no visible effect. */
export function defaultConfigMap(_cm: JsonObject): void {}

/** decodedLength is the byte length of a base64 value (0 when it does not decode). */
export function decodedLength(b64: string): number {
  return base64Error(b64) === undefined ? Buffer.from(b64, 'base64').length : 0;
}

/** validateConfigMap is ValidateConfigMap: valid keys, no key in both maps, 1 MiB in all. */
export function validateConfigMap(cm: JsonObject): FieldError[] {
  const errs = validateObjectMeta(cm.metadata, { namespaced: true, nameFn: nameIsDNSSubdomain });
  const data = objectAt(cm, 'data') ?? {};
  const binary = objectAt(cm, 'binaryData') ?? {};
  let total = 0;
  for (const [k, v] of Object.entries(data)) {
    errs.push(...invalidEach(key('data', k), k, isConfigMapKey(k)));
    if (k in binary) errs.push(fieldErrors.invalid(key('data', k), k, 'duplicate of key present in binaryData'));
    total += Buffer.byteLength(typeof v === 'string' ? v : '', 'utf8');
  }
  for (const [k, v] of Object.entries(binary)) {
    errs.push(...invalidEach(key('binaryData', k), k, isConfigMapKey(k)));
    const value = typeof v === 'string' ? v : '';
    const bad = base64Error(value);
    // kube-apiserver refuses undecodable binaryData while decoding the body, with this message.
    if (bad) errs.push(fieldErrors.invalid(key('binaryData', k), value, bad));
    total += decodedLength(value);
  }
  // The whole object is too big, so the error names no field.
  if (total > MAX_DATA_SIZE) errs.push(fieldErrors.tooLong('', '', MAX_DATA_SIZE));
  return errs;
}

/** validateConfigMapUpdate is ValidateConfigMapUpdate: an immutable ConfigMap's data stays as it is. */
export function validateConfigMapUpdate(cm: JsonObject, old: JsonObject, opts: { allowUnconditionalUpdate?: boolean } = {}): FieldError[] {
  const errs = validateObjectMetaUpdate(cm.metadata, old.metadata, opts);
  if (old.immutable === true) {
    const msg = 'field is immutable when `immutable` is set';
    if (cm.immutable !== true) errs.push(fieldErrors.forbidden('immutable', msg));
    if (!semanticEqual(cm.data, old.data)) errs.push(fieldErrors.forbidden('data', msg));
    if (!semanticEqual(cm.binaryData, old.binaryData)) errs.push(fieldErrors.forbidden('binaryData', msg));
  }
  return [...errs, ...validateConfigMap(cm)];
}

