// Server-side field validation: unknown fields (nested ones in list items included) and duplicated
// fields, reported in document order with kube-apiserver's wording, under Strict, Warn and Ignore;
// unknown fields are dropped whatever the directive.
import Fastify, { type FastifyInstance } from 'fastify';
import t from 'tap';
import type { KubeObject } from '../../../api/meta/object.js';
import { findResource } from '../../../api/resources.js';
import { StatusError } from '../../../api/status.js';
import { applyPatch } from '../patch/apply-patch.js';
import { queryOf } from '../query.js';
import { kindDefinition } from './definitions.js';
import { checkObjectFields, checkWriteFields, fieldValidationParam, issueText, patchFieldChecker, pruneUnknownFields, warningHeader } from './field-validation.js';
import { navOfDefinition } from './schema-nav.js';
import { scanJsonFields } from './strict-json.js';

const DEPLOYMENTS = findResource('apps', 'v1', 'deployments')!;
const deployment = navOfDefinition(kindDefinition(DEPLOYMENTS));
const texts = (text: string): string[] => scanJsonFields(text, deployment).map(issueText);

const manifest = (container: Record<string, unknown>, extra: Record<string, unknown> = {}): Record<string, unknown> => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'web', labels: { app: 'web' } },
  spec: {
    selector: { matchLabels: { app: 'web' } },
    template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'web', image: 'nginx', ports: [{ containerPort: 80 }], ...container }] } },
    ...extra,
  },
});

t.test('scanJsonFields finds unknown and duplicate fields in document order', async (t) => {
  t.same(texts(JSON.stringify(manifest({}))), [], 'a valid deployment');
  t.same(texts(JSON.stringify(manifest({ imagePullPolicyy: 'Always' }))), ['unknown field "spec.template.spec.containers[0].imagePullPolicyy"']);
  t.same(texts(JSON.stringify(manifest({ ports: [{ containerPort: 80 }, { containerPort: 81, hostPortt: 1 }] }))), ['unknown field "spec.template.spec.containers[0].ports[1].hostPortt"'], 'inside nested list items');
  t.same(texts('{"metadata":{"name":"a","name":"b"},"spec":{"foo":1,"replicas":1,"replicas":2}}'), ['duplicate field "metadata.name"', 'unknown field "spec.foo"', 'duplicate field "spec.replicas"']);
  t.same(texts('{"metadata":{"labels":{"a":"1","a":"2"}}}'), ['duplicate field "metadata.labels.a"'], 'map keys too');
  t.same(texts('{"spec":{"foo":{"x":1,"x":2,"bar":3},"foo":1}}'), ['unknown field "spec.foo"'], 'nothing below an unknown field; reported once');
  t.same(texts('{"m\\u0065tadata":{"nam\\u0065":"a"},"spec":{"template":{"spec":{"volumes":[{"name":"v","awsElasticBlockStore":{"anything":1}}]}}}}'), [], 'escaped keys; open objects');
  t.same(texts('{"spec":{"template":{"spec":{"containers":"not a list","nodeSelector":{"k":{"deep":1}}}}}}'), [], 'values of the wrong type are not walked');
  t.same(texts('{"metadata": {'), [], 'malformed text reports nothing (the body parser refuses it)');
  t.same(texts('[1, {"a": 1}]'), []);
  t.same(texts(' { "status" : { "conditions" : [ { "type" : "A" , "typo" : 1 } ] } } '), ['unknown field "status.conditions[0].typo"'], 'whitespace everywhere');
  const many = `{"spec":{${Array.from({ length: 150 }, (_, i) => `"f${i}":1`).join(',')}}}`;
  t.equal(texts(many).length, 100, 'at most 100 problems');
});

t.test('pruneUnknownFields drops what the schema does not know', async (t) => {
  const obj = manifest({ imagePullPolicyy: 'Always', env: [{ name: 'A', value: '1', valueFromm: {} }] }, { paused: true, bogus: { a: 1 } }) as KubeObject;
  (obj as Record<string, unknown>)['extra'] = 1;
  const issues = pruneUnknownFields(obj, deployment).map(issueText);
  t.same(issues, [
    'unknown field "spec.template.spec.containers[0].imagePullPolicyy"',
    'unknown field "spec.template.spec.containers[0].env[0].valueFromm"',
    'unknown field "spec.bogus"',
    'unknown field "extra"',
  ]);
  t.same(obj, manifest({ env: [{ name: 'A', value: '1' }] }, { paused: true }), 'known fields are kept as they were');
  const configMap = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' }, data: { 'any-key': 'v' }, binaryData: { b: 'AA==' } };
  t.same(checkObjectFields(configMap, 'io.k8s.api.core.v1.ConfigMap', JSON.stringify(configMap)), [], 'map keys are data, not fields');
});

t.test('fieldValidationParam', async (t) => {
  t.equal(fieldValidationParam({}, 'CreateOptions'), 'Warn', 'kube-apiserver\'s default');
  t.equal(fieldValidationParam({ fieldValidation: '' }, 'CreateOptions'), 'Warn');
  for (const v of ['Ignore', 'Warn', 'Strict'] as const) t.equal(fieldValidationParam({ fieldValidation: v }, 'PatchOptions'), v);
  t.throws(() => fieldValidationParam({ fieldValidation: 'strict' }, 'UpdateOptions'), {
    code: 422,
    message: 'UpdateOptions.meta.k8s.io "" is invalid: fieldValidation: Unsupported value: "strict": supported values: "", "Ignore", "Strict", "Warn"',
  });
  t.equal(warningHeader('unknown field "spec.foo"'), '299 - "unknown field \\"spec.foo\\""');
  t.equal(warningHeader('unknown field "späc\\x"'), '299 - "unknown field \\"sp?c\\\\x\\""');
});

// A server whose routes do what the resource handlers do, minus storage.
let app: FastifyInstance;
let stored: KubeObject | undefined;
t.before(async () => {
  app = Fastify();
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'buffer' }, (_req, body, done) => done(null, body));
  app.setErrorHandler((err, _req, reply) => {
    if (err instanceof StatusError) return reply.code(err.code).send(err.toStatus());
    return reply.code(500).send(String(err));
  });
  app.post('/deployments', async (req, reply) => {
    const obj = JSON.parse((req.body as Buffer).toString()) as KubeObject;
    stored = checkWriteFields(req, reply, queryOf(req.query), DEPLOYMENTS, obj, 'CreateOptions');
    return stored;
  });
  app.patch('/deployments/web', async (req, reply) => {
    const check = patchFieldChecker(req, reply, queryOf(req.query), DEPLOYMENTS);
    const current = structuredClone(manifest({})) as Parameters<typeof applyPatch>[1];
    // Twice, as a conflict retry would: the warning must still be sent once.
    check(applyPatch(String(req.headers['content-type']), current, (req.body as Buffer).toString(), 'apps/v1', 'Deployment') as KubeObject);
    stored = check(applyPatch(String(req.headers['content-type']), current, (req.body as Buffer).toString(), 'apps/v1', 'Deployment') as KubeObject);
    return stored;
  });
});
t.teardown(() => app.close());

const bad = '{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"web","name":"web"},"spec":{"template":{"spec":{"containers":[{"name":"c","image":"x","imagePullPolicyy":"Always"}]}}}}';

t.test('create under Strict, Warn and Ignore', async (t) => {
  const strict = await app.inject({ method: 'POST', url: '/deployments?fieldValidation=Strict', payload: bad, headers: { 'content-type': 'application/json' } });
  t.equal(strict.statusCode, 400);
  t.match(strict.json(), {
    kind: 'Status',
    reason: 'BadRequest',
    message: 'Deployment in version "v1" cannot be handled as a Deployment: strict decoding error: duplicate field "metadata.name", unknown field "spec.template.spec.containers[0].imagePullPolicyy"',
  });

  for (const url of ['/deployments?fieldValidation=Warn', '/deployments']) {
    const warn = await app.inject({ method: 'POST', url, payload: bad, headers: { 'content-type': 'application/json' } });
    t.equal(warn.statusCode, 200, url);
    t.same(warn.headers['warning'], ['299 - "duplicate field \\"metadata.name\\""', '299 - "unknown field \\"spec.template.spec.containers[0].imagePullPolicyy\\""']);
    t.same(stored?.spec, { template: { spec: { containers: [{ name: 'c', image: 'x' }] } } }, 'the unknown field is dropped');
  }

  const ignore = await app.inject({ method: 'POST', url: '/deployments?fieldValidation=Ignore', payload: bad, headers: { 'content-type': 'application/json' } });
  t.equal(ignore.statusCode, 200);
  t.equal(ignore.headers['warning'], undefined, 'no warnings');
  t.same(stored?.spec, { template: { spec: { containers: [{ name: 'c', image: 'x' }] } } }, 'dropped silently');

  const clean = await app.inject({ method: 'POST', url: '/deployments?fieldValidation=Strict', payload: JSON.stringify(manifest({})), headers: { 'content-type': 'application/json' } });
  t.equal(clean.statusCode, 200);
  const invalid = await app.inject({ method: 'POST', url: '/deployments?fieldValidation=Loose', payload: '{}', headers: { 'content-type': 'application/json' } });
  t.equal(invalid.statusCode, 422);
  t.match(invalid.json(), { reason: 'Invalid', message: /^CreateOptions\.meta\.k8s\.io "" is invalid: fieldValidation: Unsupported value: "Loose"/ });
});

t.test('patch under Strict, Warn and Ignore', async (t) => {
  const smp = 'application/strategic-merge-patch+json';
  const body = '{"spec":{"replicas":1,"replicas":2,"template":{"spec":{"containers":[{"name":"web","imagee":"x"}]}}}}';
  const strict = await app.inject({ method: 'PATCH', url: '/deployments/web?fieldValidation=Strict', payload: body, headers: { 'content-type': smp } });
  t.equal(strict.statusCode, 400);
  t.equal(strict.json<{ message: string }>().message, 'strict decoding error: duplicate field "spec.replicas", unknown field "spec.template.spec.containers[0].imagee"');

  const warn = await app.inject({ method: 'PATCH', url: '/deployments/web?fieldValidation=Warn', payload: body, headers: { 'content-type': smp } });
  t.equal(warn.statusCode, 200);
  t.same(warn.headers['warning'], ['299 - "duplicate field \\"spec.replicas\\""', '299 - "unknown field \\"spec.template.spec.containers[0].imagee\\""'], 'once each, despite the retry');
  t.same((stored?.spec as { template: { spec: { containers: unknown[] } } }).template.spec.containers, [{ name: 'web', image: 'nginx', ports: [{ containerPort: 80 }] }], 'merged by name, unknown field dropped');
  t.equal((stored?.spec as { replicas: number }).replicas, 2, 'the last duplicate wins');

  const ignore = await app.inject({ method: 'PATCH', url: '/deployments/web?fieldValidation=Ignore', payload: body, headers: { 'content-type': smp } });
  t.equal(ignore.statusCode, 200);
  t.equal(ignore.headers['warning'], undefined);

  const jsonPatch = await app.inject({ method: 'PATCH', url: '/deployments/web?fieldValidation=Strict', payload: '[{"op":"add","op":"add","path":"/spec/paused","value":true}]', headers: { 'content-type': 'application/json-patch+json' } });
  t.equal(jsonPatch.json<{ message: string }>().message, 'strict decoding error: json patch duplicate field "[0].op"');
  const addUnknown = await app.inject({ method: 'PATCH', url: '/deployments/web?fieldValidation=Strict', payload: '[{"op":"add","path":"/spec/pausedd","value":true}]', headers: { 'content-type': 'application/json-patch+json' } });
  t.equal(addUnknown.json<{ message: string }>().message, 'strict decoding error: unknown field "spec.pausedd"', 'unknown fields of the patched object');
});
