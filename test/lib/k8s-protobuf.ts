// Test helpers: encode objects the way client-go does (protobufjs from the same schemas, wrapped
// in the "k8s\0" + runtime.Unknown envelope).
import { PROTOBUF_MAGIC } from '../../pkg/apiserver/protobuf/decode.js';
import { k8sType, TYPES } from '../../pkg/apiserver/protobuf/schema.js';

/** encodeMessage encodes a protobufjs-shaped object as the named message. */
export function encodeMessage(message: string, obj: Record<string, unknown>): Uint8Array {
  const type = k8sType(message);
  const err = type.verify(obj);
  if (err) throw new Error(`${message}: ${err}`);
  return type.encode(type.fromObject(obj)).finish();
}

/** envelope wraps raw message bytes as a Kubernetes protobuf body. */
export function envelope(apiVersion: string, kind: string, raw: Uint8Array, extra: Record<string, unknown> = {}): Buffer {
  const unknown = k8sType(TYPES.unknown);
  const env = unknown.encode(unknown.fromObject({ typeMeta: { apiVersion, kind }, raw, ...extra })).finish();
  return Buffer.concat([PROTOBUF_MAGIC, env]);
}

/** body encodes obj as apiVersion/kind's message and wraps it. */
export function body(apiVersion: string, kind: string, message: string, obj: Record<string, unknown>): Buffer {
  return envelope(apiVersion, kind, encodeMessage(message, obj));
}
