// The two OpenAPI documents: Swagger 2.0 for /openapi/v2 (one document for everything) and
// OpenAPI 3.0 for /openapi/v3/<group-version> (one per group version, holding just the schemas its
// paths reach), both rendered from definitions.ts and operations.ts.
import { KUBERNETES_VERSION } from '../routes/health.js';
import { definitionOf, type Schema } from './dsl.js';
import { definitions, servedGroupVersions } from './definitions.js';
import { operations, PATCH_CONTENT_TYPES, QUERY_PARAMETERS, type Operation } from './operations.js';
import { SCALAR_DEFINITIONS } from './types-meta.js';

/** JsonObject is a JSON document node. */
export type JsonObject = { [key: string]: unknown };

const INFO = { title: 'Kubernetes', version: KUBERNETES_VERSION.gitVersion };
const BEARER = { BearerToken: { type: 'apiKey', description: 'Bearer Token authentication', name: 'authorization', in: 'header' } };
const PATH_PARAMS: Record<string, string> = {
  name: 'name of the object',
  namespace: 'object name and auth scope, such as for teams and projects',
};

function pathParameterNames(path: string): string[] {
  return [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1] as string);
}

function byPath(ops: Operation[]): Map<string, Operation[]> {
  const m = new Map<string, Operation[]>();
  for (const op of ops) m.set(op.path, [...(m.get(op.path) ?? []), op]);
  return m;
}

const extensions = (op: Operation): JsonObject => ({ 'x-kubernetes-action': op.action, 'x-kubernetes-group-version-kind': op.gvk });

function v2Operation(op: Operation): JsonObject {
  const parameters: JsonObject[] = [];
  if (op.body) parameters.push({ name: 'body', in: 'body', required: true, schema: { $ref: `#/definitions/${op.body}` } });
  for (const q of op.query) {
    const p = QUERY_PARAMETERS[q];
    if (p) parameters.push({ uniqueItems: true, type: p.type, description: p.description, name: q, in: 'query' });
  }
  const schema = op.response === 'string' ? { type: 'string' } : { $ref: `#/definitions/${op.response}` };
  const responses: JsonObject = { '200': { description: 'OK', schema } };
  for (const code of op.created ?? []) responses[code] = { description: code === '201' ? 'Created' : 'Accepted', schema };
  responses['401'] = { description: 'Unauthorized' };
  return {
    description: op.description,
    consumes: op.method === 'patch' ? PATCH_CONTENT_TYPES : ['*/*'],
    produces: op.response === 'string' ? ['text/plain', 'application/json'] : ['application/json'],
    schemes: ['https'],
    tags: [op.tag],
    operationId: op.operationId,
    ...(parameters.length > 0 ? { parameters } : {}),
    responses,
    ...extensions(op),
  };
}

let swagger: JsonObject | undefined;

/** swaggerDocument is the /openapi/v2 document. Built once; callers must not modify it. */
export function swaggerDocument(): JsonObject {
  if (swagger) return swagger;
  const paths: JsonObject = {};
  for (const [path, ops] of byPath(operations())) {
    const item: JsonObject = {};
    for (const op of ops) item[op.method] = v2Operation(op);
    item['parameters'] = [
      ...pathParameterNames(path).map((n) => ({ uniqueItems: true, type: 'string', description: PATH_PARAMS[n] ?? n, name: n, in: 'path', required: true })),
      { uniqueItems: true, type: 'string', description: QUERY_PARAMETERS['pretty']?.description, name: 'pretty', in: 'query' },
    ];
    paths[path] = item;
  }
  swagger = { swagger: '2.0', info: INFO, paths, definitions: definitions(), securityDefinitions: BEARER, security: [{ BearerToken: [] }] };
  return swagger;
}

/**
 * toV3Schema rewrites a Swagger 2.0 schema for OpenAPI 3.0: references move to
 * #/components/schemas, and a reference with siblings (a description, patch tags) is wrapped in
 * allOf, because OpenAPI 3.0 ignores the siblings of a $ref. kube-openapi does the same.
 */
export function toV3Schema(s: Schema): Schema {
  const out: Schema = {};
  for (const [k, v] of Object.entries(s) as Array<[keyof Schema, unknown]>) {
    if (k === '$ref') continue;
    if (k === 'items') out.items = toV3Schema(v as Schema);
    else if (k === 'additionalProperties' && typeof v === 'object') out.additionalProperties = toV3Schema(v as Schema);
    else if (k === 'properties') out.properties = Object.fromEntries(Object.entries(v as Record<string, Schema>).map(([p, ps]) => [p, toV3Schema(ps)]));
    else (out as Record<string, unknown>)[k] = v;
  }
  if (s.$ref === undefined) return out;
  const ref = { $ref: `#/components/schemas/${definitionOf(s.$ref)}` };
  return Object.keys(out).length === 0 ? ref : { allOf: [ref], ...out };
}

/** references collects the definitions schema reaches, transitively, into seen. */
function references(name: string, seen: Set<string>): void {
  if (seen.has(name)) return;
  const def = definitions()[name];
  if (!def) return;
  seen.add(name);
  const walk = (s: Schema): void => {
    if (s.$ref) references(definitionOf(s.$ref), seen);
    if (s.items) walk(s.items);
    if (s.additionalProperties && typeof s.additionalProperties === 'object') walk(s.additionalProperties);
    for (const p of Object.values(s.properties ?? {})) walk(p);
  };
  walk(def);
}

const v3Param = (name: string, where: 'path' | 'query', description: string, type: string): JsonObject => ({
  name, in: where, description, ...(where === 'path' ? { required: true } : {}), schema: { type, uniqueItems: true },
});

function v3Operation(op: Operation): JsonObject {
  const parameters = op.query.flatMap((q) => {
    const p = QUERY_PARAMETERS[q];
    return p ? [v3Param(q, 'query', p.description, p.type)] : [];
  });
  const ref = (name: string): JsonObject => ({ $ref: `#/components/schemas/${name}` });
  const content = op.response === 'string' ? { 'text/plain': { schema: { type: 'string' } } } : { 'application/json': { schema: ref(op.response) } };
  const responses: JsonObject = { '200': { description: 'OK', content } };
  for (const code of op.created ?? []) responses[code] = { description: code === '201' ? 'Created' : 'Accepted', content };
  responses['401'] = { description: 'Unauthorized' };
  const body = op.body;
  const requestBody = body === undefined ? undefined : {
    content: Object.fromEntries((op.method === 'patch' ? PATCH_CONTENT_TYPES : ['*/*']).map((t) => [t, { schema: ref(body) }])),
    required: true,
  };
  return {
    tags: [op.tag],
    description: op.description,
    operationId: op.operationId,
    ...(parameters.length > 0 ? { parameters } : {}),
    ...(requestBody ? { requestBody } : {}),
    responses,
    ...extensions(op),
  };
}

/** v3DocumentPath is the discovery key of a group version: api/v1 or apis/<group>/<version>. */
export function v3DocumentPath(gv: { group: string; version: string }): string {
  return gv.group === '' ? `api/${gv.version}` : `apis/${gv.group}/${gv.version}`;
}

const v3Cache = new Map<string, JsonObject>();

/** openApiV3Document is the OpenAPI 3.0 document of one served group version, or undefined. */
export function openApiV3Document(documentPath: string): JsonObject | undefined {
  const cached = v3Cache.get(documentPath);
  if (cached) return cached;
  const gv = servedGroupVersions().find((g) => v3DocumentPath(g) === documentPath);
  if (!gv) return undefined;
  const ops = operations(gv);
  const paths: JsonObject = {};
  const used = new Set<string>();
  for (const [path, pathOps] of byPath(ops)) {
    const item: JsonObject = {};
    for (const op of pathOps) {
      item[op.method] = v3Operation(op);
      for (const name of [op.body, op.response]) if (name && name !== 'string') references(name, used);
    }
    item['parameters'] = [
      ...pathParameterNames(path).map((n) => v3Param(n, 'path', PATH_PARAMS[n] ?? n, 'string')),
      v3Param('pretty', 'query', QUERY_PARAMETERS['pretty']?.description ?? '', 'string'),
    ];
    paths[path] = item;
  }
  const schemas: Record<string, Schema> = {};
  for (const name of [...used].sort()) schemas[name] = SCALAR_DEFINITIONS[name]?.v3 ?? toV3Schema(definitions()[name] as Schema);
  const doc = { openapi: '3.0.0', info: INFO, paths, components: { schemas, securitySchemes: BEARER }, security: [{ BearerToken: [] }] };
  v3Cache.set(documentPath, doc);
  return doc;
}

/** v3DocumentPaths lists the documents /openapi/v3 advertises. */
export function v3DocumentPaths(): string[] {
  return servedGroupVersions().map(v3DocumentPath);
}
