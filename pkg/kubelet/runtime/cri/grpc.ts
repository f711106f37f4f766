// The CRI's two gRPC services over the runtime's unix socket. The services are built from the
// generated protobufjs descriptor of api/cri/runtime-v1.proto (no .proto file is read at run time:
// the single binary has none), with protobufjs doing the (de)serialisation for @grpc/grpc-js.
import * as grpc from '@grpc/grpc-js';
import protobuf from 'protobufjs';
import '../../../../api/protobuf.js'; // 64-bit integers as plain numbers
import { descriptor } from '../../../../api/cri/gen/runtime-v1.js';
import { RuntimeError, type RuntimeErrorCode } from '../interface.js';

/** CriMessage is a decoded CRI message: camelCase fields, enums as their names, int64 as numbers. */
export type CriMessage = Record<string, unknown>;

/** CriService names one of the two CRI services. */
export type CriService = 'RuntimeService' | 'ImageService';

const root = protobuf.Root.fromJSON(descriptor as protobuf.INamespace);

const TO_OBJECT: protobuf.IConversionOptions = { longs: Number, enums: String, defaults: true, arrays: true, objects: true };

// serviceDefinition turns a protobufjs service into the method table grpc-js wants.
function serviceDefinition(name: CriService): grpc.ServiceDefinition {
  const service = root.lookupService(`runtime.v1.${name}`);
  const def: Record<string, grpc.MethodDefinition<CriMessage, CriMessage>> = {};
  for (const m of service.methodsArray) {
    m.resolve();
    const req = m.resolvedRequestType as protobuf.Type;
    const res = m.resolvedResponseType as protobuf.Type;
    def[m.name] = {
      path: `/runtime.v1.${name}/${m.name}`,
      requestStream: false,
      responseStream: false,
      requestSerialize: (o: CriMessage) => Buffer.from(req.encode(req.fromObject(o)).finish()),
      requestDeserialize: (b: Buffer) => req.toObject(req.decode(b), TO_OBJECT),
      responseSerialize: (o: CriMessage) => Buffer.from(res.encode(res.fromObject(o)).finish()),
      responseDeserialize: (b: Buffer) => res.toObject(res.decode(b), TO_OBJECT),
    };
  }
  return def;
}

const CLIENTS = {
  RuntimeService: grpc.makeGenericClientConstructor(serviceDefinition('RuntimeService'), 'runtime.v1.RuntimeService'),
  ImageService: grpc.makeGenericClientConstructor(serviceDefinition('ImageService'), 'runtime.v1.ImageService'),
};

// gRPC status codes that callers branch on; everything else is Internal.
const CODES: Partial<Record<number, RuntimeErrorCode>> = {
  [grpc.status.NOT_FOUND]: 'NotFound',
  [grpc.status.INVALID_ARGUMENT]: 'InvalidArgument',
  [grpc.status.DEADLINE_EXCEEDED]: 'Timeout',
  [grpc.status.UNAVAILABLE]: 'Unavailable',
};

/** grpcError turns a gRPC failure into a RuntimeError with the runtime's own message. */
export function grpcError(method: string, err: grpc.ServiceError): RuntimeError {
  return new RuntimeError(CODES[err.code] ?? 'Internal', `${method}: ${err.details || err.message}`);
}

/** CriConnection calls CRI methods on one runtime endpoint. */
export class CriConnection {
  private readonly clients: Record<CriService, grpc.Client>;

  /** endpoint is a unix socket path or a unix:// URL. */
  constructor(readonly endpoint: string, private readonly defaultTimeoutMs = 120_000) {
    const address = endpoint.startsWith('unix:') ? endpoint : `unix://${endpoint}`;
    // Lists of many containers and ExecSync output (capped at 16 MiB by the runtime) exceed the 4 MiB default.
    const options = { 'grpc.max_receive_message_length': 32 * 1024 * 1024 };
    const runtime = new CLIENTS.RuntimeService(address, grpc.credentials.createInsecure(), options);
    // The image service shares the runtime service's channel: one connection per runtime.
    const image = new CLIENTS.ImageService(address, grpc.credentials.createInsecure(), { ...options, channelOverride: runtime.getChannel() });
    this.clients = { RuntimeService: runtime, ImageService: image };
  }

  /** call invokes service.method with request; timeoutMs 0 means no deadline. */
  call(service: CriService, method: string, request: CriMessage, timeoutMs = this.defaultTimeoutMs): Promise<CriMessage> {
    const client = this.clients[service];
    const fn = (client as unknown as Record<string, unknown>)[method];
    if (typeof fn !== 'function') return Promise.reject(new RuntimeError('Internal', `CRI method ${service}.${method} is not in api/cri/runtime-v1.proto`));
    const options: grpc.CallOptions = timeoutMs > 0 ? { deadline: Date.now() + timeoutMs } : {};
    return new Promise((resolve, reject) => {
      (fn as (req: CriMessage, md: grpc.Metadata, opts: grpc.CallOptions, cb: grpc.requestCallback<CriMessage>) => void).call(
        client, request, new grpc.Metadata(), options,
        (err, res) => (err ? reject(grpcError(`${service}.${method}`, err)) : resolve(res ?? {})),
      );
    });
  }

  /** close drops the connection. */
  close(): void {
    this.clients.ImageService.close();
    this.clients.RuntimeService.close();
  }
}
