// A strict protobuf reader driven by protobufjs reflection. protobufjs's own decode skips field
// numbers the schema lacks; a Kubernetes body read with an incomplete schema would then lose data
// without a trace, so this reader stops at the first unknown field instead.
import protobuf from 'protobufjs';

/** RawValue is a decoded protobuf value before the Kubernetes JSON conventions are applied. */
export type RawValue = string | number | boolean | Uint8Array | RawMessage | RawValue[];

/** RawMessage holds the fields present on the wire (maps too, keyed by entry key). */
export interface RawMessage {
  [field: string]: RawValue;
}

/** UnknownFieldError is a well-formed field whose number the schema does not define. */
export class UnknownFieldError extends Error {
  constructor(readonly path: string, readonly fieldNumber: number, readonly typeName: string) {
    super(`field ${fieldNumber} of ${typeName} at ${path} is not in this server's schema`);
  }
}

/** MalformedError is a body that is not valid protobuf for its schema. */
export class MalformedError extends Error {}

// The wire type each scalar travels as (0 varint, 1 64-bit, 2 length-delimited, 5 32-bit).
const WIRE: Readonly<Record<string, number>> = {
  double: 1, float: 5, int32: 0, uint32: 0, sint32: 0, fixed32: 5, sfixed32: 5,
  int64: 0, uint64: 0, sint64: 0, fixed64: 1, sfixed64: 1, bool: 0, string: 2, bytes: 2,
};

/** setOwn defines key as an own property even when it is "__proto__", as JSON.parse does. */
export function setOwn(obj: object, key: string, value: unknown): void {
  Object.defineProperty(obj, key, { value, enumerable: true, writable: true, configurable: true });
}

function readScalar(reader: protobuf.Reader, type: string): RawValue {
  if (!(type in WIRE)) throw new MalformedError(`unsupported scalar type ${type}`);
  return (reader as unknown as Record<string, () => RawValue>)[type]!.call(reader);
}

function wireOf(field: protobuf.FieldBase): number {
  if (field.resolvedType instanceof protobuf.Type) return 2;
  if (field.resolvedType instanceof protobuf.Enum) return 0;
  return WIRE[field.type] ?? -1;
}

function readSingle(field: protobuf.FieldBase, reader: protobuf.Reader, wire: number, path: string): RawValue {
  const expected = wireOf(field);
  if (wire !== expected) throw new MalformedError(`${path}: wire type ${wire}, expected ${expected}`);
  if (field.resolvedType instanceof protobuf.Type) return readMessage(field.resolvedType, reader.bytes(), path);
  return readScalar(reader, field.resolvedType instanceof protobuf.Enum ? 'int32' : field.type);
}

function zeroOf(field: protobuf.FieldBase): RawValue {
  if (field.resolvedType instanceof protobuf.Type) return {};
  if (field.type === 'string') return '';
  if (field.type === 'bytes') return new Uint8Array(0);
  return field.type === 'bool' ? false : 0;
}

// A map travels as repeated entry messages {key = 1, value = 2}; either may be absent (zero).
function readMapEntry(field: protobuf.MapField, bytes: Uint8Array, path: string, into: RawMessage): void {
  const reader = protobuf.Reader.create(bytes);
  let key: RawValue = field.keyType === 'string' ? '' : 0;
  let value: RawValue = zeroOf(field);
  while (reader.pos < reader.len) {
    const tag = reader.uint32();
    const id = tag >>> 3;
    const wire = tag & 7;
    if (id === 1) {
      if (wire !== WIRE[field.keyType]) throw new MalformedError(`${path}: map key wire type ${wire}`);
      key = readScalar(reader, field.keyType);
    } else if (id === 2) {
      value = readSingle(field, reader, wire, `${path}[${String(key)}]`);
    } else {
      throw new UnknownFieldError(path, id, `${field.parent?.fullName.slice(1) ?? ''}.${field.name} map entry`);
    }
  }
  setOwn(into, String(key), value);
}

/** readMessage decodes bytes as type, refusing any field number the schema does not define. */
export function readMessage(type: protobuf.Type, bytes: Uint8Array, path: string): RawMessage {
  const out: RawMessage = {};
  const reader = protobuf.Reader.create(bytes);
  try {
    while (reader.pos < reader.len) {
      const tag = reader.uint32();
      const id = tag >>> 3;
      const wire = tag & 7;
      const field = type.fieldsById[id];
      if (field === undefined) throw new UnknownFieldError(path, id, type.fullName.slice(1));
      const at = `${path}.${field.name}`;
      if (field.map) {
        if (wire !== 2) throw new MalformedError(`${at}: wire type ${wire}, expected 2`);
        if (!Object.hasOwn(out, field.name)) setOwn(out, field.name, {});
        readMapEntry(field as unknown as protobuf.MapField, reader.bytes(), at, out[field.name] as RawMessage);
      } else if (field.repeated) {
        if (!Object.hasOwn(out, field.name)) setOwn(out, field.name, []);
        const list = out[field.name] as RawValue[];
        // Repeated scalars may come packed (one length-delimited run) whatever the schema says.
        if (wire === 2 && wireOf(field) !== 2) {
          const end = reader.uint32() + reader.pos;
          while (reader.pos < end) list.push(readScalar(reader, field.resolvedType ? 'int32' : field.type));
          if (reader.pos !== end) throw new MalformedError(`${at}: packed run overruns its length`);
        } else {
          list.push(readSingle(field, reader, wire, `${at}[${list.length}]`));
        }
      } else {
        // proto semantics: a repeated occurrence of a singular field replaces the earlier one.
        setOwn(out, field.name, readSingle(field, reader, wire, at));
      }
    }
  } catch (err) {
    // protobufjs reports truncated input as a RangeError ("index out of range").
    if (err instanceof RangeError) throw new MalformedError(`${path}: ${err.message}`);
    throw err;
  }
  return out;
}
