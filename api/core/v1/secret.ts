// Secret: type Opaque by default, stringData folded into data as conversion does, and
// ValidateSecret / ValidateSecretUpdate, including what each well-known type requires.
import { fieldErrors, type FieldError } from '../../meta/field-error.js';
import { base64Error, FIELD_IMMUTABLE, invalidEach, isConfigMapKey, nameIsDNSSubdomain } from '../../meta/validation.js';
import { ensureObject, isJsonObject, key, objectAt, semanticEqual, setDefault, stringAt, type JsonObject } from '../../meta/validation-json.js';
import { validateObjectMeta, validateObjectMetaUpdate } from '../../meta/validation-meta.js';
import { decodedLength, MAX_DATA_SIZE } from './config-map.js';

const REDACTED = '<secret contents redacted>';

/** defaultSecret sets type Opaque (SetDefaults_Secret) and merges stringData into data, base64-encoded, as v1 conversion does; stringData wins. */
export function defaultSecret(secret: JsonObject): void {
  setDefault(secret, 'type', 'Opaque');
  const stringData = objectAt(secret, 'stringData');
  if (stringData) {
    const data = ensureObject(secret, 'data');
    if (data) {
      for (const [k, v] of Object.entries(stringData)) data[k] = Buffer.from(typeof v === 'string' ? v : '', 'utf8').toString('base64');
      delete secret.stringData;
    }
  }
}

// encoding/json's error for bytes that are not a JSON object, near enough.
function jsonObjectError(bytes: Buffer): string | undefined {
  const text = bytes.toString('utf8');
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    const c = text.trimStart()[0];
    return c === undefined ? 'unexpected end of JSON input' : `invalid character '${c}' looking for beginning of value`;
  }
  if (isJsonObject(parsed) || parsed === null) return undefined;
  const kind = Array.isArray(parsed) ? 'array' : typeof parsed === 'number' ? 'number' : typeof parsed === 'boolean' ? 'bool' : 'string';
  return `json: cannot unmarshal ${kind} into Go value of type map[string]interface {}`;
}

function validateTypeRequirements(secret: JsonObject, data: JsonObject): FieldError[] {
  const has = (k: string): boolean => k in data;
  const bytes = (k: string): Buffer => Buffer.from(typeof data[k] === 'string' ? (data[k] as string) : '', 'base64');
  switch (stringAt(secret, 'type')) {
    case 'kubernetes.io/service-account-token':
      if (stringAt(objectAt(objectAt(secret, 'metadata'), 'annotations'), 'kubernetes.io/service-account.name') === '') {
        return [fieldErrors.required(key('metadata.annotations', 'kubernetes.io/service-account.name'))];
      }
      return [];
    case 'kubernetes.io/dockercfg':
    case 'kubernetes.io/dockerconfigjson': {
      const k = secret.type === 'kubernetes.io/dockercfg' ? '.dockercfg' : '.dockerconfigjson';
      if (!has(k)) return [fieldErrors.required(key('data', k))];
      const bad = jsonObjectError(bytes(k));
      return bad ? [fieldErrors.invalid(key('data', k), REDACTED, bad)] : [];
    }
    case 'kubernetes.io/basic-auth':
      return !has('username') && !has('password') ? [fieldErrors.required(key('data', 'username')), fieldErrors.required(key('data', 'password'))] : [];
    case 'kubernetes.io/ssh-auth':
      return bytes('ssh-privatekey').length === 0 ? [fieldErrors.required(key('data', 'ssh-privatekey'))] : [];
    case 'kubernetes.io/tls':
      return ['tls.crt', 'tls.key'].filter((k) => !has(k)).map((k) => fieldErrors.required(key('data', k)));
    default:
      return [];
  }
}

/** validateSecret is ValidateSecret: valid keys, base64 values, 1 MiB in all, and the keys the type needs. */
export function validateSecret(secret: JsonObject): FieldError[] {
  const errs = validateObjectMeta(secret.metadata, { namespaced: true, nameFn: nameIsDNSSubdomain });
  const data = objectAt(secret, 'data') ?? {};
  let total = 0;
  for (const [k, v] of Object.entries(data)) {
    errs.push(...invalidEach(key('data', k), k, isConfigMapKey(k)));
    const value = typeof v === 'string' ? v : '';
    // kube-apiserver refuses undecodable data while decoding the body, with this message.
    const bad = base64Error(value);
    if (bad) errs.push(fieldErrors.invalid(key('data', k), REDACTED, bad));
    total += decodedLength(value);
  }
  if (total > MAX_DATA_SIZE) errs.push(fieldErrors.tooLong('data', '', MAX_DATA_SIZE));
  return [...errs, ...validateTypeRequirements(secret, data)];
}

/** validateSecretUpdate is ValidateSecretUpdate: the type never changes; an immutable secret's data neither. */
export function validateSecretUpdate(secret: JsonObject, old: JsonObject, opts: { allowUnconditionalUpdate?: boolean } = {}): FieldError[] {
  const errs = validateObjectMetaUpdate(secret.metadata, old.metadata, opts);
  if (stringAt(secret, 'type') !== stringAt(old, 'type')) errs.push(fieldErrors.invalid('type', stringAt(secret, 'type'), FIELD_IMMUTABLE));
  if (old.immutable === true) {
    const msg = 'field is immutable when `immutable` is set';
    if (secret.immutable !== true) errs.push(fieldErrors.forbidden('immutable', msg));
    if (!semanticEqual(secret.data, old.data)) errs.push(fieldErrors.forbidden('data', msg));
  }
  return [...errs, ...validateSecret(secret)];
}
