// One protobufjs set-up for the whole program. 64-bit integers decode as plain numbers (exact up
// to 2^53, far beyond any revision or generation we will reach) instead of Long objects, so
// callers do not need a conversion on every field.
import protobuf from 'protobufjs';

protobuf.util.Long = undefined as unknown as typeof protobuf.util.Long;
protobuf.configure();

/** loadType returns a message type from a generated descriptor (see hack/gen-proto.ts). */
export function loadType(descriptor: protobuf.INamespace, name: string): protobuf.Type {
  return protobuf.Root.fromJSON(descriptor).lookupType(name);
}
