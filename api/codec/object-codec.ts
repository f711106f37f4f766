// API objects <-> the StoredObject bytes kept in the store (api/proto/object.proto). The metadata
// the server reads is typed; everything else is the client's JSON, kept as it is, so no field is
// ever dropped for want of a schema. docs/storage.md "How objects are encoded" argues the choice.
//
// The wire format is written and read by wire.ts rather than protobufjs' generic code: this runs
// on every API read and write, and protobufjs' per-field allocations and extra copy of the JSON
// body made it slower than plain JSON. Field numbers still come from the schema.
import { descriptor } from '../proto/gen/object.js';
import { loadType } from '../protobuf.js';
import { CodecError, codecError } from './errors.js';
import { metaObject, readMeta, writeMeta } from './meta.js';
import { addMember, asBuffer, isPlainObject, isText, parseObject, setMember, type JsonObject } from './shape.js';
import { LEN, Reader, Writer, tagOf } from './wire.js';

export { CodecError } from './errors.js';

const Stored = loadType(descriptor, 'kubelite.api.StoredObject');
const T_API_VERSION = tagOf(Stored, 'apiVersion', LEN);
const T_KIND = tagOf(Stored, 'kind', LEN);
const T_METADATA = tagOf(Stored, 'metadata', LEN);
const T_BODY = tagOf(Stored, 'body', LEN);

// One scratch buffer, reused: encoding is synchronous, and a nested call (a toJSON that encodes,
// however unlikely) finds it taken and gets its own. Very large ones are not kept.
let scratch: Writer | undefined = new Writer(16 * 1024);
const KEEP_SCRATCH_BYTES = 1 << 20;

/**
 * encodeObject serialises an API object. metadata.resourceVersion is not stored (decodeObject sets
 * it from the store revision). Values are kept with JSON semantics: what JSON.stringify would drop
 * (undefined, functions) is dropped, and -0 reads back as 0.
 */
export function encodeObject(obj: Record<string, unknown>): Uint8Array {
  if (!isPlainObject(obj)) throw new CodecError('cannot encode object: not a plain JSON object');
  const w = scratch ?? new Writer(4096);
  scratch = undefined;
  w.pos = 0;
  try {
    let apiVersion: string | undefined;
    let kind: string | undefined;
    let meta: JsonObject | undefined;
    let body = '';
    for (const key in obj) {
      const v = obj[key];
      if (key === 'apiVersion' && isText(v)) apiVersion = v;
      else if (key === 'kind' && isText(v)) kind = v;
      else if (key === 'metadata' && isPlainObject(v)) meta = v;
      // Anything else, including an apiVersion, kind or metadata of another shape, is body JSON.
      else body = addMember(body, key, v);
    }
    if (apiVersion !== undefined) {
      w.uint(T_API_VERSION);
      w.string(apiVersion);
    }
    if (kind !== undefined) {
      w.uint(T_KIND);
      w.string(kind);
    }
    if (meta !== undefined) {
      w.uint(T_METADATA);
      const at = w.fork();
      writeMeta(w, meta);
      w.join(at);
    }
    if (body !== '') {
      // `bytes` on the wire: the UTF-8 of the JSON, written straight from the string.
      w.uint(T_BODY);
      w.string('{' + body + '}');
    }
    return w.finish();
  } catch (err) {
    throw codecError('cannot encode object', err);
  } finally {
    if (w.buf.length <= KEEP_SCRATCH_BYTES) scratch = w;
  }
}

interface Envelope {
  apiVersion?: string;
  kind?: string;
  metadata?: JsonObject;
  body?: string;
}

function readEnvelope(bytes: Uint8Array): Envelope {
  const r = new Reader(asBuffer(bytes));
  const env: Envelope = {};
  while (r.pos < r.end) {
    const at = r.pos;
    const tag = r.uint();
    if (tag < 8) throw new RangeError(`field number 0 at offset ${at}`);
    switch (tag) {
      case T_API_VERSION:
        env.apiVersion = r.string();
        break;
      case T_KIND:
        env.kind = r.string();
        break;
      case T_METADATA: {
        const outer = r.limit();
        readMeta(r, (env.metadata ??= {}));
        r.restore(outer);
        break;
      }
      case T_BODY:
        env.body = r.string();
        break;
      default:
        // Fields of a later schema, or a known number with another wire type: skipped, as protobuf does.
        r.skip(tag);
    }
  }
  return env;
}

/**
 * decodeObject parses bytes from encodeObject. With a resourceVersion (the store revision), it is
 * set as metadata.resourceVersion, adding metadata if the object had none; a metadata value that is
 * not an object is returned as stored. Throws CodecError when the bytes are not a stored object.
 */
export function decodeObject(bytes: Uint8Array, resourceVersion?: number): Record<string, unknown> {
  if (resourceVersion !== undefined && !(Number.isSafeInteger(resourceVersion) && resourceVersion >= 0)) {
    throw new CodecError(`resourceVersion ${resourceVersion} is not a non-negative integer`);
  }
  const rv = resourceVersion === undefined ? undefined : String(resourceVersion);
  try {
    const env = readEnvelope(bytes);
    const rest = env.body === undefined ? undefined : parseObject(env.body, 'body');
    const out: JsonObject = {};
    // Top-level keys come back as apiVersion, kind, metadata, then the body in its own order.
    if (env.apiVersion !== undefined) out.apiVersion = env.apiVersion;
    else if (rest !== undefined && Object.hasOwn(rest, 'apiVersion')) out.apiVersion = rest.apiVersion;
    if (env.kind !== undefined) out.kind = env.kind;
    else if (rest !== undefined && Object.hasOwn(rest, 'kind')) out.kind = rest.kind;
    if (env.metadata !== undefined) out.metadata = metaObject(env.metadata, rv);
    else if (rest !== undefined && Object.hasOwn(rest, 'metadata')) out.metadata = rest.metadata;
    else if (rv !== undefined) out.metadata = { resourceVersion: rv };
    if (rest !== undefined) {
      for (const key in rest) {
        if (key !== 'apiVersion' && key !== 'kind' && key !== 'metadata') setMember(out, key, rest[key]);
      }
    }
    return out;
  } catch (err) {
    throw codecError('cannot decode stored object', err);
  }
}
