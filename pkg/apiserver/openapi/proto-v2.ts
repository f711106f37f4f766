// /openapi/v2 as client-go reads it: the gnostic OpenAPI v2 protobuf. client-go's OpenAPISchema()
// sends only the protobuf Accept type and unmarshals whatever comes back as protobuf, so kubectl
// (1.20 for everything, 1.32 as its fallback) needs this encoding, not JSON.
import { descriptor } from '../../../api/proto/gen/openapiv2.js';
import { loadType } from '../../../api/protobuf.js';
import type { Schema } from './dsl.js';
import type { JsonObject } from './documents.js';

/** PROTOBUF_V2 is the media type of the gnostic OpenAPI v2 protobuf. */
export const PROTOBUF_V2 = 'application/com.github.proto-openapi.spec.v2@v1.0+protobuf';

type Msg = { [field: string]: unknown };

// gnostic stores each vendor extension's value as YAML text; JSON is YAML, and exact.
const extensionsOf = (o: object): Msg[] =>
  Object.entries(o).filter(([k]) => k.startsWith('x-')).map(([name, v]) => ({ name, value: { yaml: JSON.stringify(v) } }));

/** schemaMessage converts one JSON schema to gnostic's Schema message. */
export function schemaMessage(s: Schema): Msg {
  const m: Msg = {};
  if (s.$ref !== undefined) m['_ref'] = s.$ref;
  if (s.format !== undefined) m['format'] = s.format;
  if (s.description !== undefined) m['description'] = s.description;
  if (s.required) m['required'] = s.required;
  if (typeof s.additionalProperties === 'boolean') m['additionalProperties'] = { boolean: s.additionalProperties };
  else if (s.additionalProperties) m['additionalProperties'] = { schema: schemaMessage(s.additionalProperties) };
  if (s.type !== undefined) m['type'] = { value: [s.type] };
  if (s.items) m['items'] = { schema: [schemaMessage(s.items)] };
  if (s.allOf) m['allOf'] = s.allOf.map(schemaMessage);
  if (s.properties) m['properties'] = { additionalProperties: Object.entries(s.properties).map(([name, p]) => ({ name, value: schemaMessage(p) })) };
  const ext = extensionsOf(s);
  if (ext.length > 0) m['vendorExtension'] = ext;
  return m;
}

function parameterMessage(p: JsonObject): Msg {
  if (p['in'] === 'body') {
    return { parameter: { bodyParameter: { name: p['name'], in: 'body', required: p['required'] === true, schema: schemaMessage(p['schema'] as Schema) } } };
  }
  const common = { required: p['required'] === true, in: p['in'], description: p['description'], name: p['name'], type: p['type'], uniqueItems: p['uniqueItems'] === true };
  const sub = p['in'] === 'path' ? { pathParameterSubSchema: common } : { queryParameterSubSchema: common };
  return { parameter: { nonBodyParameter: sub } };
}

function operationMessage(op: JsonObject): Msg {
  const responses = Object.entries(op['responses'] as Record<string, JsonObject>).map(([name, r]) => ({
    name,
    value: { response: { description: r['description'], ...(r['schema'] ? { schema: { schema: schemaMessage(r['schema'] as Schema) } } : {}) } },
  }));
  return {
    tags: op['tags'],
    description: op['description'],
    operationId: op['operationId'],
    produces: op['produces'],
    consumes: op['consumes'],
    parameters: ((op['parameters'] as JsonObject[] | undefined) ?? []).map(parameterMessage),
    responses: { responseCode: responses },
    schemes: op['schemes'],
    vendorExtension: extensionsOf(op),
  };
}

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch'];

/** documentMessage converts the Swagger 2.0 JSON document to gnostic's Document message. */
export function documentMessage(doc: JsonObject): Msg {
  const paths = Object.entries(doc['paths'] as Record<string, JsonObject>).map(([name, item]) => {
    const value: Msg = { parameters: ((item['parameters'] as JsonObject[] | undefined) ?? []).map(parameterMessage) };
    for (const m of METHODS) if (item[m]) value[m] = operationMessage(item[m] as JsonObject);
    return { name, value };
  });
  const defs = Object.entries(doc['definitions'] as Record<string, Schema>).map(([name, s]) => ({ name, value: schemaMessage(s) }));
  const security = Object.entries((doc['securityDefinitions'] ?? {}) as Record<string, JsonObject>).map(([name, d]) => ({
    name,
    value: { apiKeySecurity: { type: d['type'], name: d['name'], in: d['in'], description: d['description'] } },
  }));
  const requirements = ((doc['security'] ?? []) as Array<Record<string, string[]>>).map((r) => ({
    additionalProperties: Object.entries(r).map(([name, scopes]) => ({ name, value: { value: scopes } })),
  }));
  return {
    swagger: doc['swagger'],
    info: doc['info'],
    paths: { path: paths },
    definitions: { additionalProperties: defs },
    security: requirements,
    securityDefinitions: { additionalProperties: security },
  };
}

let documentType: ReturnType<typeof loadType> | undefined;

/** encodeDocument encodes the Swagger 2.0 JSON document as gnostic protobuf. */
export function encodeDocument(doc: JsonObject): Uint8Array {
  documentType ??= loadType(descriptor, 'openapi.v2.Document');
  return documentType.encode(documentType.fromObject(documentMessage(doc))).finish();
}

/** decodeDocument decodes gnostic protobuf back to a plain message object (for tests). */
export function decodeDocument(bytes: Uint8Array): Msg {
  documentType ??= loadType(descriptor, 'openapi.v2.Document');
  return documentType.toObject(documentType.decode(bytes), { defaults: false, arrays: true, oneofs: false }) as Msg;
}
