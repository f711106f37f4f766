// The pure pieces of the commands: resource-word mapping, label/annotate arguments, wait
// conditions, expose's selectors and ports, jsonpath, error wording, ages.
import t from 'tap';
import { ApiError } from '../client/rest.js';
import { apiErrorMessage, errorMessage, sourcedErrorMessage } from './errors.js';
import { portsOf, selectorOf } from './expose.js';
import { formatLabels, humanDuration, rfc1123z } from './format.js';
import { renderTemplate } from './jsonpath.js';
import { conflicts, parseChanges, splitArgs } from './label.js';
import { kindName, Mapper, type Mapping } from './mapper.js';
import { withLastApplied, LAST_APPLIED } from './mutate.js';
import { parseKeyValues } from './run.js';
import { check, parseFor } from './wait.js';

const m = (group: string, resource: string, kind: string, shortNames: string[] = [], categories: string[] = []): Mapping => ({
  group, version: 'v1', resource, singular: kind.toLowerCase(), kind, namespaced: true, shortNames, categories, subresources: [], verbs: [],
});
const mapper = new Mapper([
  m('', 'pods', 'Pod', ['po'], ['all']),
  m('', 'replicationcontrollers', 'ReplicationController', ['rc'], ['all']),
  m('apps', 'deployments', 'Deployment', ['deploy'], ['all']),
  m('', 'configmaps', 'ConfigMap', ['cm']),
]);

t.test('resource words resolve as kubectl resolves them', async (t) => {
  for (const w of ['pods', 'pod', 'po', 'Pod', 'PODS']) t.equal(mapper.resolve(w).resource, 'pods', w);
  for (const w of ['deployments.apps', 'deployment.apps', 'deploy', 'deployments.v1.apps', 'Deployment']) t.equal(mapper.resolve(w).kind, 'Deployment', w);
  t.equal(mapper.resolve('rc').kind, 'ReplicationController');
  t.throws(() => mapper.resolve('foo'), { message: 'the server doesn\'t have a resource type "foo"' });
  t.same(mapper.category('all').map((x) => x.resource), ['pods', 'replicationcontrollers', 'deployments']);
  t.equal(mapper.forKind('apps/v1', 'Deployment')?.resource, 'deployments');
  t.equal(mapper.forKind('v1', 'Deployment'), undefined);
  t.equal(kindName(mapper.resolve('deploy')), 'deployment.apps');
  t.equal(kindName(mapper.resolve('rc')), 'replicationcontroller');
});

t.test('label and annotate arguments', async (t) => {
  t.same(splitArgs(['pods', 'foo', 'a=b', 'c-'], 'label'), { resources: ['pods', 'foo'], changes: ['a=b', 'c-'] });
  t.throws(() => splitArgs(['pods', 'a=b', 'foo'], 'label'), { message: 'all resources must be specified before label changes: foo' });
  t.same(parseChanges(['a=b', 'example.com/x=', 'gone-'], 'labels'), { set: { a: 'b', 'example.com/x': '' }, remove: ['gone'] });
  t.throws(() => parseChanges(['a=b c'], 'labels'), { message: /^invalid label value: "a=b c"/ });
  t.throws(() => parseChanges(['-bad=x'], 'labels'), { message: /^invalid label spec: -bad=x/ });
  t.same(parseChanges(['note=any text at all'], 'annotations').set, { note: 'any text at all' }, 'annotation values are free text');
  t.throws(() => parseChanges(['a=b', 'a-'], 'labels'), { message: /can not both modify and remove/ });
  t.same(conflicts({ a: '1', b: '2' }, { set: { a: '1', b: '3', c: '4' }, remove: [] }), ['b'], 'the same value is no conflict');
});

t.test('wait conditions', async (t) => {
  const pod = (status: string, gen = 1, observed?: number) => ({ metadata: { generation: gen }, status: { phase: 'Running', conditions: [{ type: 'Ready', status, reason: 'R', ...(observed ? { observedGeneration: observed } : {}) }] } });
  t.same(parseFor('condition=Ready'), { kind: 'condition', type: 'Ready', value: 'true' });
  t.same(parseFor('condition=Ready=False'), { kind: 'condition', type: 'Ready', value: 'False' });
  t.same(parseFor("jsonpath='{.status.phase}'=Running".replace(/'/g, '')), { kind: 'jsonpath', path: '.status.phase', value: 'Running' });
  t.same(parseFor('jsonpath={.status.readyReplicas}'), { kind: 'jsonpath', path: '.status.readyReplicas' });
  t.throws(() => parseFor('ready'), { message: 'unrecognized condition: "ready"' });
  t.ok(check(parseFor('condition=ready'), pod('True')).met, 'condition names match case-insensitively');
  t.notOk(check(parseFor('condition=Ready'), pod('True', 3, 2)).met, 'a stale observedGeneration does not count');
  t.same(check(parseFor('condition=Ready'), pod('False')), { met: false, now: 'condition Ready is False (R)' });
  t.ok(check(parseFor('jsonpath={.status.phase}=Running'), pod('False')).met);
  t.ok(check(parseFor('delete'), undefined).met);
  t.notOk(check(parseFor('delete'), pod('True')).met);
  t.ok(check(parseFor('create'), pod('True')).met);
});

t.test('expose: the pods a service must select, and their ports', async (t) => {
  const template = { spec: { containers: [{ name: 'a', ports: [{ containerPort: 80 }, { containerPort: 53, protocol: 'UDP' }] }] } };
  const rc = { spec: { selector: { run: 'x' }, template } };
  t.same(selectorOf({ group: '', kind: 'ReplicationController' }, rc), { run: 'x' });
  t.same(selectorOf({ group: 'apps', kind: 'Deployment' }, { spec: { selector: { matchLabels: { app: 'w' } }, template } }), { app: 'w' });
  t.throws(() => selectorOf({ group: 'apps', kind: 'Deployment' }, { spec: { selector: { matchExpressions: [{ key: 'a', operator: 'Exists' }] } } }), { message: /couldn't convert expressions/ });
  t.same(selectorOf({ group: '', kind: 'Pod' }, { metadata: { labels: { a: 'b' } } }), { a: 'b' });
  t.same(portsOf({ group: '', kind: 'ReplicationController' }, rc), [{ port: 80, protocol: 'TCP' }, { port: 53, protocol: 'UDP' }]);
  t.same(parseKeyValues('a=b,c=d', 'label'), { a: 'b', c: 'd' });
  t.throws(() => parseKeyValues('a', 'label'), { message: 'invalid label spec: a' });
});

t.test('last-applied-configuration is what kubectl writes', async (t) => {
  const obj = withLastApplied({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c', namespace: 'default' }, data: { b: '<2>', a: '1' } });
  t.equal(obj.metadata?.annotations?.[LAST_APPLIED], '{"apiVersion":"v1","data":{"a":"1","b":"\\u003c2\\u003e"},"kind":"ConfigMap","metadata":{"annotations":{},"name":"c","namespace":"default"}}\n');
  const again = withLastApplied(obj);
  t.equal(again.metadata?.annotations?.[LAST_APPLIED], obj.metadata?.annotations?.[LAST_APPLIED], 'idempotent');
});

t.test('errors read as kubectl prints them', async (t) => {
  t.equal(errorMessage(new ApiError(404, 'NotFound', 'pods "x" not found')), 'Error from server (NotFound): pods "x" not found');
  const invalid = (causes: Array<{ field: string; message: string }>) =>
    new ApiError(422, 'Invalid', 'x', { kind: 'Status', details: { kind: 'Pod', name: 'x', causes } });
  t.equal(apiErrorMessage(invalid([{ field: 'spec.containers', message: 'Required value' }])), 'The Pod "x" is invalid: spec.containers: Required value');
  t.equal(apiErrorMessage(invalid([{ field: 'a', message: 'A' }, { field: 'b', message: 'B' }])), 'The Pod "x" is invalid: \n* a: A\n* b: B');
  t.equal(sourcedErrorMessage(new ApiError(409, 'AlreadyExists', 'pods "p" already exists'), 'creating', 'f.yaml', 1), 'Error from server (AlreadyExists): error when creating "f.yaml" (document 2): pods "p" already exists');
  t.equal(errorMessage(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }), 'https://127.0.0.1:6443'), 'The connection to the server 127.0.0.1:6443 was refused - did you specify the right host or port?');
});

t.test('ages, times, labels and jsonpath', async (t) => {
  const cases: Array<[number, string]> = [[-5000, '<invalid>'], [-1500, '0s'], [59_000, '59s'], [119_000, '119s'], [150_000, '2m30s'], [600_000, '10m'], [3 * 3600_000 + 5 * 60_000, '3h5m'], [30 * 3600_000, '30h'], [50 * 3600_000, '2d2h'], [400 * 86400_000, '400d'], [3 * 365 * 86400_000 + 10 * 86400_000, '3y10d'], [9 * 365 * 86400_000, '9y']];
  for (const [ms, want] of cases) t.equal(humanDuration(ms), want, `${ms}ms`);
  process.env['TZ'] = 'UTC';
  t.equal(rfc1123z('2024-05-01T10:00:00Z'), 'Wed, 01 May 2024 10:00:00 +0000');
  t.equal(formatLabels({ b: '2', a: '1' }), 'a=1,b=2');
  t.equal(formatLabels({}), '<none>');
  const obj = { items: [{ metadata: { name: 'a' }, status: { conditions: [{ type: 'Ready', status: 'True' }] } }, { metadata: { name: 'b' }, status: { conditions: [{ type: 'Ready', status: 'False' }] } }] };
  t.equal(renderTemplate('{.items[*].metadata.name}', obj), 'a b');
  t.equal(renderTemplate('{.items[?(@.status.conditions[0].status=="True")].metadata.name}', obj), 'a');
  t.equal(renderTemplate('{range .items[*]}[{.metadata.name}]{end}', obj), '[a][b]');
  t.equal(renderTemplate("{.items[0].metadata['name']}{.items[-1].metadata.name}", obj), 'ab');
  t.equal(renderTemplate('{.items[0].status}', obj), '{"conditions":[{"status":"True","type":"Ready"}]}');
});
