// /openapi/v2 and /openapi/v3 as clients fetch them: paths and operations kubectl looks up by
// group-version-kind, the fieldValidation parameter it checks for, content negotiation (JSON,
// gnostic protobuf, 406), and kube-openapi's hash-and-cache contract for v3 documents.
import Fastify, { type FastifyInstance } from 'fastify';
import t from 'tap';
import { RESOURCES } from '../../../api/resources.js';
import { StatusError } from '../../../api/status.js';
import type { Schema } from './dsl.js';
import { toV3Schema, type JsonObject } from './documents.js';
import { decodeDocument, PROTOBUF_V2 } from './proto-v2.js';
import { negotiate, openApiRoutes } from './routes.js';

let app: FastifyInstance;
t.before(async () => {
  app = Fastify();
  app.setErrorHandler((err, _req, reply) => {
    if (err instanceof StatusError) return reply.code(err.code).send(err.toStatus());
    return reply.code(500).send(String(err));
  });
  await app.register(openApiRoutes);
});
t.teardown(() => app.close());

const getJson = async (url: string, accept = 'application/json'): Promise<JsonObject> => {
  const r = await app.inject({ method: 'GET', url, headers: { accept } });
  if (r.statusCode !== 200) throw new Error(`${url}: ${r.statusCode} ${r.body}`);
  return r.json<JsonObject>();
};
type Op = { parameters?: Array<{ name: string; in: string }>; consumes?: string[]; requestBody?: { content: Record<string, unknown> } } & JsonObject;
type PathItem = Record<string, Op>;

t.test('/openapi/v2 lists every resource path with kubectl\'s extensions', async (t) => {
  const doc = await getJson('/openapi/v2');
  t.equal(doc['swagger'], '2.0');
  const paths = doc['paths'] as Record<string, PathItem>;
  for (const r of RESOURCES) {
    const prefix = r.group === '' ? '/api/v1' : `/apis/${r.group}/${r.version}`;
    const item = `${prefix}${r.namespaced ? '/namespaces/{namespace}' : ''}/${r.resource}/{name}`;
    const patch = paths[item]?.['patch'];
    t.ok(patch, `PATCH ${item}`);
    t.same(patch?.['x-kubernetes-group-version-kind'], { group: r.group, version: r.version, kind: r.kind }, `${r.kind} patch gvk`);
    t.equal(patch?.['x-kubernetes-action'], 'patch');
    const query = (patch?.parameters ?? []).filter((p) => p.in === 'query').map((p) => p.name);
    t.ok(query.includes('fieldValidation') && query.includes('dryRun'), `${r.kind} PATCH declares fieldValidation and dryRun`);
    t.ok(patch?.consumes?.includes('application/strategic-merge-patch+json'));
    t.equal(paths[item.replace('/{name}', '')]?.['get']?.['x-kubernetes-action'], 'list');
    t.equal(paths[item.replace('/{name}', '')]?.['delete']?.['x-kubernetes-action'], 'deletecollection');
  }
  const deploy = paths['/apis/apps/v1/namespaces/{namespace}/deployments/{name}'] as PathItem;
  t.equal(deploy['get']?.['operationId'], 'readAppsV1NamespacedDeployment');
  t.same(paths['/apis/apps/v1/namespaces/{namespace}/deployments/{name}/scale']?.['patch']?.['x-kubernetes-group-version-kind'], { group: 'autoscaling', version: 'v1', kind: 'Scale' });
  t.equal(paths['/api/v1/pods']?.['get']?.['operationId'], 'listCoreV1PodForAllNamespaces');
  t.equal(paths['/apis/coordination.k8s.io/v1/namespaces/{namespace}/leases']?.['post']?.['operationId'], 'createCoordinationV1NamespacedLease');
  t.same(paths['/api/v1/namespaces/{namespace}/pods/{name}/eviction']?.['post']?.['x-kubernetes-group-version-kind'], { group: 'policy', version: 'v1', kind: 'Eviction' });
  t.ok((doc['definitions'] as Record<string, Schema>)['io.k8s.api.core.v1.Pod']);
});

t.test('/openapi/v2 as gnostic protobuf, which client-go asks for', async (t) => {
  const r = await app.inject({ method: 'GET', url: '/openapi/v2', headers: { accept: `${PROTOBUF_V2}, application/json;q=0.5` } });
  t.equal(r.statusCode, 200);
  t.equal(r.headers['content-type'], 'application/com.github.proto-openapi.spec.v2.v1.0+protobuf', 'the spelling Go\'s mime parser accepts');
  const json = await getJson('/openapi/v2');
  const doc = decodeDocument(r.rawPayload) as {
    swagger: string;
    paths: { path: Array<{ name: string; value: { patch?: { parameters: Array<{ parameter?: { nonBodyParameter?: { queryParameterSubSchema?: { name: string } } } }>; vendorExtension: Array<{ name: string; value: { yaml: string } }> } } }> };
    definitions: { additionalProperties: Array<{ name: string; value: { vendorExtension?: Array<{ name: string; value: { yaml: string } }>; properties?: { additionalProperties: Array<{ name: string; value: { vendorExtension?: Array<{ name: string; value: { yaml: string } }> } }> } } }> };
  };
  t.equal(doc.swagger, '2.0');
  t.equal(doc.paths.path.length, Object.keys(json['paths'] as object).length, 'every path');
  t.equal(doc.definitions.additionalProperties.length, Object.keys(json['definitions'] as object).length, 'every definition');
  const pod = doc.definitions.additionalProperties.find((d) => d.name === 'io.k8s.api.core.v1.Pod');
  const gvk = pod?.value.vendorExtension?.find((e) => e.name === 'x-kubernetes-group-version-kind');
  t.same(JSON.parse(gvk?.value.yaml ?? 'null'), [{ group: '', version: 'v1', kind: 'Pod' }], 'vendor extensions are YAML (JSON) text');
  const container = doc.definitions.additionalProperties.find((d) => d.name === 'io.k8s.api.core.v1.Container');
  const env = container?.value.properties?.additionalProperties.find((p) => p.name === 'env')?.value.vendorExtension ?? [];
  t.same(env.filter((e) => e.name.startsWith('x-kubernetes-patch')).map((e) => [e.name, JSON.parse(e.value.yaml)]), [['x-kubernetes-patch-strategy', 'merge'], ['x-kubernetes-patch-merge-key', 'name']]);
  const patch = doc.paths.path.find((p) => p.name === '/api/v1/namespaces/{namespace}/configmaps/{name}')?.value.patch;
  t.ok(patch?.parameters.some((p) => p.parameter?.nonBodyParameter?.queryParameterSubSchema?.name === 'fieldValidation'), 'the query parameter is where kubectl 1.20 looks');
});

t.test('content negotiation and caching', async (t) => {
  t.equal(negotiate(undefined, ['a/b', 'c/d']), 'a/b');
  t.equal(negotiate('c/d;q=0.9, a/b', ['a/b', 'c/d']), 'a/b');
  t.equal(negotiate('text/html', ['a/b']), undefined);
  t.equal(negotiate('*/*', ['a/b']), 'a/b');
  t.equal(negotiate('application/*;q=0.1, a/b;q=0', ['a/b', 'application/json']), 'application/json');
  const refused = await app.inject({ method: 'GET', url: '/openapi/v2', headers: { accept: 'text/html' } });
  t.equal(refused.statusCode, 406);
  t.equal(refused.json<{ reason: string }>().reason, 'NotAcceptable');
  const first = await app.inject({ method: 'GET', url: '/openapi/v2' });
  t.match(first.headers['etag'], /^"[0-9A-F]{128}"$/);
  const again = await app.inject({ method: 'GET', url: '/openapi/v2', headers: { 'if-none-match': String(first.headers['etag']) } });
  t.equal(again.statusCode, 304);
});

t.test('/openapi/v3: discovery, hashed documents, redirects', async (t) => {
  const discovery = (await getJson('/openapi/v3'))['paths'] as Record<string, { serverRelativeURL: string }>;
  t.same(Object.keys(discovery).sort(), ['api/v1', 'apis/apps/v1', 'apis/batch/v1', 'apis/coordination.k8s.io/v1']);
  const url = discovery['apis/apps/v1']?.serverRelativeURL ?? '';
  t.match(url, /^\/openapi\/v3\/apis\/apps\/v1\?hash=[0-9A-F]{128}$/);
  const hashed = await app.inject({ method: 'GET', url });
  t.equal(hashed.statusCode, 200);
  t.equal(hashed.headers['cache-control'], 'public, immutable');
  t.ok(hashed.headers['expires']);
  const stale = await app.inject({ method: 'GET', url: '/openapi/v3/apis/apps/v1?hash=ABC' });
  t.equal(stale.statusCode, 301);
  t.equal(stale.headers['location'], url);
  const unhashed = await app.inject({ method: 'GET', url: '/openapi/v3/apis/apps/v1' });
  t.equal(unhashed.headers['cache-control'], 'no-cache, private');
  t.equal((await app.inject({ method: 'GET', url: '/openapi/v3/apis/nope/v1' })).statusCode, 404);
  t.equal((await app.inject({ method: 'GET', url: '/openapi/v3/api/v1', headers: { accept: 'application/com.github.proto-openapi.spec.v3@v1.0+protobuf' } })).statusCode, 406);
});

t.test('OpenAPI 3 documents are self-contained and carry what kubectl reads', async (t) => {
  for (const path of ['api/v1', 'apis/apps/v1', 'apis/batch/v1', 'apis/coordination.k8s.io/v1']) {
    const doc = await getJson(`/openapi/v3/${path}`);
    t.equal(doc['openapi'], '3.0.0');
    const schemas = (doc['components'] as { schemas: Record<string, Schema> }).schemas;
    const refs = [...JSON.stringify(doc).matchAll(/"\$ref":"([^"]+)"/g)].map((m) => m[1] as string);
    t.same(refs.filter((r) => !r.startsWith('#/components/schemas/') || !schemas[r.slice('#/components/schemas/'.length)]), [], `${path}: every $ref resolves in the document`);
    for (const [p, item] of Object.entries(doc['paths'] as Record<string, PathItem>)) {
      const patch = item['patch'];
      if (!patch) continue;
      t.ok(patch.parameters?.some((q) => q.name === 'fieldValidation' && q.in === 'query'), `${p} PATCH declares fieldValidation`);
      t.ok(patch.requestBody?.content['application/strategic-merge-patch+json'], `${p} PATCH takes strategic merge patches`);
    }
  }
  const core = await getJson('/openapi/v3/api/v1');
  const schemas = (core['components'] as { schemas: Record<string, Schema> }).schemas;
  t.same(schemas['io.k8s.api.core.v1.Pod']?.properties?.['spec'], { allOf: [{ $ref: '#/components/schemas/io.k8s.api.core.v1.PodSpec' }], description: 'Specification of the desired behavior of the pod.' });
  t.equal(schemas['io.k8s.api.core.v1.PodSpec']?.properties?.['containers']?.items?.$ref, '#/components/schemas/io.k8s.api.core.v1.Container');
  t.equal(schemas['io.k8s.api.core.v1.PodSpec']?.properties?.['containers']?.['x-kubernetes-patch-merge-key'], 'name');
  t.same(schemas['io.k8s.apimachinery.pkg.util.intstr.IntOrString']?.oneOf, [{ type: 'integer' }, { type: 'string' }]);
  t.equal(schemas['io.k8s.apimachinery.pkg.util.intstr.IntOrString']?.format, 'int-or-string');
  t.notOk(schemas['io.k8s.api.apps.v1.Deployment'], 'other groups\' kinds stay in their own documents');
});

t.test('toV3Schema', async (t) => {
  t.same(toV3Schema({ $ref: '#/definitions/a.B' }), { $ref: '#/components/schemas/a.B' });
  t.same(toV3Schema({ $ref: '#/definitions/a.B', description: 'd', 'x-kubernetes-patch-strategy': 'retainKeys' }), {
    allOf: [{ $ref: '#/components/schemas/a.B' }], description: 'd', 'x-kubernetes-patch-strategy': 'retainKeys',
  });
  t.same(toV3Schema({ type: 'object', properties: { m: { type: 'object', additionalProperties: { $ref: '#/definitions/q.Q' } } } }), {
    type: 'object', properties: { m: { type: 'object', additionalProperties: { $ref: '#/components/schemas/q.Q' } } },
  });
});
