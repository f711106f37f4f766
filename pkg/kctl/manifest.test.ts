// Reading -f manifests: multi-document YAML and JSON, List flattening, directories, stdin, and
// the one-line errors for missing paths, YAML that does not parse and incomplete objects.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import t from 'tap';
import { CliError } from './errors.js';
import { expandPaths, loadManifests, parseManifest } from './manifest.js';

const dir = mkdtempSync(join(tmpdir(), 'kctl-manifest-'));
t.teardown(() => rmSync(dir, { recursive: true, force: true }));
const cm = (name: string): string => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\n`;

t.test('multi-document YAML, empty documents skipped, positions kept', async (t) => {
  const r = parseManifest(`---\n${cm('a')}---\n---\n${cm('b')}...\n`, 'f.yaml');
  t.same(r.errors, []);
  t.same(r.docs.map((d) => [d.object.metadata?.name, d.index, d.source]), [['a', 0], ['b', 2]].map(([n, i]) => [n, i, 'f.yaml']));
});

t.test('JSON and kind: List (nested lists too) flatten to their items', async (t) => {
  const list = JSON.stringify({ apiVersion: 'v1', kind: 'List', items: [JSON.parse('{"apiVersion":"v1","kind":"Pod","metadata":{"name":"p"}}'), { apiVersion: 'v1', kind: 'ServiceList', items: [{ apiVersion: 'v1', kind: 'Service', metadata: { name: 's' } }] }] });
  const r = parseManifest(list, 'l.json');
  t.same(r.docs.map((d) => `${d.object.kind}/${d.object.metadata?.name}`), ['Pod/p', 'Service/s']);
});

t.test('YAML is read as kubectl reads it: 1.1 booleans, timestamps stay strings', async (t) => {
  const r = parseManifest(`${cm('x')}data:\n  on: yes\n  when: 2024-01-01T00:00:00Z\n`, 'f.yaml');
  t.same(r.docs[0]?.object['data'], { true: true, when: '2024-01-01T00:00:00Z' });
});

t.test('a YAML error fails the whole file with one line naming it', async (t) => {
  const r = parseManifest(`${cm('ok')}---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n data: : bad\n`, 'bad.yaml');
  t.same(r.docs, [], 'nothing from the file');
  t.equal(r.errors.length, 1);
  t.match(r.errors[0], /^error parsing bad\.yaml: error converting YAML to JSON: yaml: line \d+: /);
  t.notMatch(r.errors[0], /\n/);
});

t.test('documents without kind or apiVersion, or not objects, are reported one by one', async (t) => {
  const r = parseManifest(`${cm('ok')}---\napiVersion: v1\nmetadata: {name: x}\n---\n- just\n- a list\n---\nkind: Pod\n`, 'f.yaml');
  t.same(r.docs.map((d) => d.object.metadata?.name), ['ok']);
  t.match(r.errors[0], /^unable to decode "f\.yaml" \(document 2\): Object 'Kind' is missing/);
  t.match(r.errors[1], /^unable to decode "f\.yaml" \(document 3\): the document is not an object/);
  t.match(r.errors[2], /^unable to decode "f\.yaml" \(document 4\): Object 'apiVersion' is missing/);
});

t.test('directories: .yaml, .yml and .json in name order; -R descends', async (t) => {
  const d = join(dir, 'tree');
  mkdirSync(join(d, 'sub'), { recursive: true });
  writeFileSync(join(d, 'b.yaml'), cm('b'));
  writeFileSync(join(d, 'a.json'), JSON.stringify({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'a' } }));
  writeFileSync(join(d, 'c.yml'), cm('c'));
  writeFileSync(join(d, 'README.md'), 'not a manifest');
  writeFileSync(join(d, 'sub', 'd.yaml'), cm('d'));
  t.same(expandPaths([d], false).map((f) => f.slice(d.length + 1)), ['a.json', 'b.yaml', 'c.yml']);
  t.same(expandPaths([d], true).map((f) => f.slice(d.length + 1)), ['a.json', 'b.yaml', 'c.yml', 'sub/d.yaml']);
  const r = await loadManifests([d, join(d, 'README.md')].slice(0, 1), { recursive: true, stdin: async () => '' });
  t.same(r.docs.map((x) => x.object.metadata?.name), ['a', 'b', 'c', 'd']);
});

t.test('a path that does not exist stops everything', async (t) => {
  t.throws(() => expandPaths([join(dir, 'nope.yaml')], false), new CliError(`the path "${join(dir, 'nope.yaml')}" does not exist`));
  await t.rejects(loadManifests(['missing.yaml'], { stdin: async () => '' }), { message: 'the path "missing.yaml" does not exist' });
});

t.test('- reads stdin', async (t) => {
  const r = await loadManifests(['-'], { stdin: async () => cm('from-stdin') });
  t.same(r.docs.map((d) => [d.source, d.object.metadata?.name]), [['STDIN', 'from-stdin']]);
});

t.test('a bad file among good ones contributes nothing, the others load', async (t) => {
  writeFileSync(join(dir, 'good.yaml'), cm('good'));
  writeFileSync(join(dir, 'bad.yaml'), 'a: [\n');
  const r = await loadManifests([join(dir, 'good.yaml'), join(dir, 'bad.yaml')], { stdin: async () => '' });
  t.same(r.docs.map((d) => d.object.metadata?.name), ['good']);
  t.equal(r.errors.length, 1);
  t.match(r.errors[0], /^error parsing .*bad\.yaml: /);
});

t.test('a stream of JSON objects reads as several documents', async (t) => {
  const r = parseManifest('{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"a"}}\n{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"b{"}}', 's.json');
  t.same(r.docs.map((d) => [d.object.metadata?.name, d.index]), [['a', 0], ['b{', 1]]);
  t.match(parseManifest('{"a":1}\n{"b":', 'bad.json').errors[0], /^error parsing bad\.json: /);
});
