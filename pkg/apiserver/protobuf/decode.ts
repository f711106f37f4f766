// Request bodies in application/vnd.kubernetes.protobuf, as kubectl's typed commands send them:
// the 4 magic bytes "k8s\0", then a runtime.Unknown envelope {typeMeta, raw, contentEncoding,
// contentType} whose raw is the kind's message. The result is the object the same command would
// have sent as JSON, so everything after the body parser is unchanged.
import type { KubeObject } from '../../../api/meta/object.js';
import { errors } from '../../../api/status.js';
import { messageJson, type JsonObject } from './json.js';
import { protobufKind } from './kinds.js';
import { k8sType, TYPES } from './schema.js';
import { MalformedError, readMessage, setOwn, UnknownFieldError, type RawMessage } from './wire.js';

/** PROTOBUF_MEDIA_TYPE is the Kubernetes protobuf media type. */
export const PROTOBUF_MEDIA_TYPE = 'application/vnd.kubernetes.protobuf';

/** PROTOBUF_MAGIC starts every Kubernetes protobuf body. */
export const PROTOBUF_MAGIC: Readonly<Uint8Array> = Uint8Array.of(0x6b, 0x38, 0x73, 0x00);

// An embedded envelope (RawExtension) may hold another; real objects nest a level or two.
const MAX_ENVELOPE_DEPTH = 8;

/** Refused is a well-formed body this server has no schema for: the client should send JSON. */
class Refused extends Error {}

const sendJson = '; send it as JSON (application/json) instead';

function str(v: unknown): string {
  return typeof v === 'string' ? v : '';
}

function decodeEnvelope(bytes: Uint8Array, expectedKind: string, depth: number): JsonObject {
  if (depth > MAX_ENVELOPE_DEPTH) throw new MalformedError(`embedded objects nest deeper than ${MAX_ENVELOPE_DEPTH} levels`);
  // kube-apiserver answers 400 here; 415 says more to a client that labelled JSON as protobuf.
  if (bytes.length < 4 || PROTOBUF_MAGIC.some((b, i) => bytes[i] !== b)) {
    throw new Refused(`provided data does not appear to be a protobuf message, expected prefix "k8s\\x00"${sendJson}`);
  }
  const envelope = readMessage(k8sType(TYPES.unknown), bytes.subarray(4), 'Unknown');
  const typeMeta = (envelope['typeMeta'] ?? {}) as RawMessage;
  const apiVersion = str(typeMeta['apiVersion']);
  const kind = str(typeMeta['kind']) || expectedKind;
  const what = `${kind || 'object'}${apiVersion ? ` (${apiVersion})` : ''}`;
  const encoding = str(envelope['contentEncoding']);
  if (encoding !== '') throw new Refused(`the protobuf form of ${what} with content encoding "${encoding}" is not supported${sendJson}`);
  const contentType = str(envelope['contentType']);
  if (contentType !== '' && contentType !== PROTOBUF_MEDIA_TYPE) {
    throw new Refused(`the protobuf envelope of ${what} holds "${contentType}", which is not supported${sendJson}`);
  }
  const schema = protobufKind(apiVersion, kind);
  if (!schema) throw new Refused(`the protobuf form of ${what} is not supported by this server${sendJson}`);
  const type = k8sType(schema.message);
  const raw = envelope['raw'] instanceof Uint8Array ? envelope['raw'] : new Uint8Array(0);
  let body: JsonObject;
  try {
    body = messageJson(type, readMessage(type, raw, kind), (inner) => decodeEnvelope(inner, '', depth + 1));
  } catch (err) {
    if (err instanceof UnknownFieldError) {
      throw new Refused(`the protobuf form of ${what} carries field ${err.fieldNumber} of ${err.typeName} (at ${err.path}), which this server cannot decode${sendJson}`);
    }
    throw err;
  }
  const obj: JsonObject = { apiVersion: schema.apiVersion, kind };
  for (const key of Object.keys(body)) setOwn(obj, key, body[key]!);
  return obj;
}

/**
 * decodeProtobufObject decodes a Kubernetes protobuf request body into the object its JSON form
 * would be. expectedKind names the object in errors when the envelope does not. A kind or field
 * this server has no schema for is refused with 415 (so nothing is silently dropped); bytes that
 * are not valid protobuf are a 400.
 */
export function decodeProtobufObject(body: Uint8Array, expectedKind: string): KubeObject {
  try {
    return decodeEnvelope(body, expectedKind, 0) as unknown as KubeObject;
  } catch (err) {
    if (err instanceof Refused) throw errors.unsupportedMediaType(err.message);
    if (err instanceof UnknownFieldError) throw errors.unsupportedMediaType(`the protobuf envelope carries ${err.message}${sendJson}`);
    if (err instanceof MalformedError) {
      throw errors.badRequest(`the object provided is unrecognized (must be of type ${expectedKind}): ${err.message}`);
    }
    throw err;
  }
}
