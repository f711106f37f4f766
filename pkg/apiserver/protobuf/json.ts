// Turns a decoded Kubernetes message into the JSON the same client would have sent as JSON:
// JSON field names (upstream's proto names already are), maps as objects, bytes as base64, Time
// as RFC 3339, IntOrString as a number or string, Quantity as its string, embedded objects as JSON.
import protobuf from 'protobufjs';
import { OPTION_INLINE, OPTION_KEEP_ZERO, TYPES } from './schema.js';
import { MalformedError, setOwn, type RawMessage, type RawValue } from './wire.js';

/** Json is a JSON value. */
export type Json = null | boolean | number | string | Json[] | JsonObject;

/** JsonObject is a JSON object. */
export interface JsonObject {
  [key: string]: Json;
}

/** Nested decodes an embedded "k8s\0" envelope (a RawExtension holding a protobuf object). */
export type Nested = (bytes: Uint8Array) => JsonObject;

const isRecord = (v: RawValue | undefined): v is RawMessage =>
  typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Uint8Array);

const isZero = (v: Json): boolean => v === '' || v === 0 || v === false;

// Go marshals Time from whole seconds; years outside 0000-9999 have no RFC 3339 form there either.
function rfc3339(seconds: number, micros?: number): string {
  const d = new Date(seconds * 1000);
  const year = d.getUTCFullYear();
  if (!Number.isFinite(seconds) || year < 0 || year > 9999) throw new MalformedError(`time ${seconds}s is out of range`);
  const base = d.toISOString().replace(/\.\d{3}Z$/, '');
  return micros === undefined ? `${base}Z` : `${base}.${String(micros).padStart(6, '0')}Z`;
}

function parseJson(bytes: Uint8Array, what: string): Json {
  try {
    return JSON.parse(Buffer.from(bytes).toString('utf8')) as Json;
  } catch (err) {
    throw new MalformedError(`${what} is not JSON: ${(err as Error).message}`);
  }
}

const SPECIAL: ReadonlySet<string> = new Set([TYPES.time, TYPES.microTime, TYPES.intOrString, TYPES.quantity, TYPES.fieldsV1, TYPES.rawExtension]);

// The message types whose JSON form is not an object. undefined means "as if absent" (JSON null).
function specialJson(name: string, msg: RawMessage, nested: Nested): Json | undefined {
  switch (name) {
    case TYPES.time:
    case TYPES.microTime: {
      // Go writes nothing for the zero time; an epoch time still carries seconds = 0.
      if (!Object.hasOwn(msg, 'seconds') && !Object.hasOwn(msg, 'nanos')) return undefined;
      const seconds = Number(msg['seconds'] ?? 0);
      return name === TYPES.time ? rfc3339(seconds) : rfc3339(seconds, Math.floor(Math.max(0, Number(msg['nanos'] ?? 0)) / 1000));
    }
    case TYPES.intOrString:
      return Number(msg['type'] ?? 0) === 1 ? String(msg['strVal'] ?? '') : Number(msg['intVal'] ?? 0);
    case TYPES.quantity:
      return String(msg['string'] ?? '');
    case TYPES.fieldsV1: {
      const raw = msg['Raw'];
      return raw instanceof Uint8Array && raw.length > 0 ? parseJson(raw, 'fieldsV1') : undefined;
    }
    case TYPES.rawExtension: {
      const raw = msg['raw'];
      if (!(raw instanceof Uint8Array) || raw.length === 0) return undefined;
      return raw[0] === 0x6b && raw[1] === 0x38 && raw[2] === 0x73 && raw[3] === 0 ? nested(raw) : parseJson(raw, 'an embedded object');
    }
    default:
      throw new Error(`${name} is not a special type`);
  }
}

// A zero IntOrString or Quantity in a non-pointer field is Go's "unset", like a zero scalar.
const ZERO_SPECIAL: Readonly<Record<string, (v: Json) => boolean>> = {
  [TYPES.intOrString]: isZero,
  [TYPES.quantity]: (v) => v === '' || v === '0',
};

// keepZero: the value is kept even when zero (pointer fields, list items, map values).
function valueJson(field: protobuf.Field, raw: RawValue, keepZero: boolean, nested: Nested): Json | undefined {
  const type = field.resolvedType;
  if (type instanceof protobuf.Type) {
    if (!isRecord(raw)) throw new MalformedError(`${field.name}: expected a message`);
    const name = type.fullName.slice(1);
    if (!SPECIAL.has(name)) return messageJson(type, raw, nested);
    const special = specialJson(name, raw, nested);
    if (special === undefined) return undefined;
    return !keepZero && ZERO_SPECIAL[name]?.(special) ? undefined : special;
  }
  const value: Json = raw instanceof Uint8Array ? Buffer.from(raw).toString('base64') : (raw as Json);
  return !keepZero && isZero(value) ? undefined : value;
}

function fieldJson(field: protobuf.Field, raw: RawValue, nested: Nested): Json | undefined {
  if (field.map) {
    if (!isRecord(raw)) throw new MalformedError(`${field.name}: expected a map`);
    const obj: JsonObject = {};
    for (const key of Object.keys(raw)) setOwn(obj, key, valueJson(field, raw[key]!, true, nested) ?? null);
    return obj;
  }
  if (field.repeated) {
    const list = (raw as RawValue[]).map((item) => valueJson(field, item, true, nested) ?? null);
    return list.length > 0 ? list : undefined;
  }
  return valueJson(field, raw, field.options?.[OPTION_KEEP_ZERO] === true, nested);
}

/** messageJson converts a decoded message of type to its Kubernetes JSON object. */
export function messageJson(type: protobuf.Type, msg: RawMessage, nested: Nested): JsonObject {
  const out: JsonObject = {};
  // fieldsArray is in .proto order, which is upstream's Go struct order: the order JSON has.
  for (const field of type.fieldsArray) {
    if (!Object.hasOwn(msg, field.name)) continue;
    const value = fieldJson(field, msg[field.name]!, nested);
    if (value === undefined) continue;
    if (field.options?.[OPTION_INLINE] === true && typeof value === 'object' && value !== null && !Array.isArray(value)) {
      for (const key of Object.keys(value)) setOwn(out, key, value[key]!);
    } else {
      setOwn(out, field.name, value);
    }
  }
  return out;
}
