// -o json|yaml|name|jsonpath against kubectl 1.32's own output for the same objects
// (test/golden/kctl/output-*: the .json files are kubectl -o json, the others kubectl's other
// formats of them), plus the YAML corner cases go-yaml has and the -o parser.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import t from 'tap';
import type { KubeObject } from '../../api/meta/object.js';
import { renderTemplate } from './jsonpath.js';
import { listOf, ObjectPrinter, parseOutput, toJSON } from './output.js';
import { compareKeys, goFloat, toYAML } from './yaml-emit.js';

const DIR = fileURLToPath(new URL('../../test/golden/kctl/', import.meta.url));
const read = (name: string): string => readFileSync(`${DIR}${name}`, 'utf8');

t.test('objects print exactly as kubectl prints them', async (t) => {
  for (const name of ['configmap', 'rc']) {
    const json = read(`output-${name}.json`);
    const obj = JSON.parse(json) as KubeObject;
    t.equal(toJSON(obj), json, `${name} -o json`);
    t.equal(toYAML(obj), read(`output-${name}.yaml`), `${name} -o yaml`);
  }
});

t.test('several objects print as a List, names one per line, jsonpath over the list', async (t) => {
  const list = JSON.parse(read('output-list.json')) as { items: KubeObject[] };
  const rebuilt = listOf(list.items);
  t.equal(toJSON(rebuilt), read('output-list.json'));
  t.equal(toYAML(rebuilt), read('output-list.yaml'));
  let names = '';
  const printer = new ObjectPrinter({ kind: 'name' }, (s) => (names += s));
  for (const item of list.items) printer.print(item, { kind: 'Pod', group: '' });
  t.equal(names, read('output-list.name'));
  const template = '{range .items[*]}{.metadata.name}{"\\t"}{.spec.containers[*].image}{"\\t"}{.metadata.labels}{"\\n"}{end}';
  t.equal(renderTemplate(template, rebuilt), read('output-list.jsonpath'));
});

t.test('yaml documents are separated by --- when printed one after another (watch)', async (t) => {
  let out = '';
  const p = new ObjectPrinter({ kind: 'yaml' }, (s) => (out += s));
  p.print({ kind: 'A' });
  p.print({ kind: 'B' });
  t.equal(out, 'kind: A\n---\nkind: B\n');
});

t.test('go-yaml details', async (t) => {
  t.equal(toYAML({ a: [], b: {}, c: null, d: true, e: 1.5, f: 1e21, g: [[1, 2], { x: 1 }] }), 'a: []\nb: {}\nc: null\nd: true\ne: 1.5\nf: 1e+21\ng:\n- - 1\n  - 2\n- x: 1\n');
  t.same(['a10', 'a2', 'b', 'A', '_x', '10', '9'].sort(compareKeys), ['_x', '9', '10', 'A', 'a2', 'a10', 'b']);
  t.equal(goFloat(0.00001), '1e-05');
  t.equal(toYAML({ s: 'a\tb', q: "it's", n: '', y: 'yes', ts: '2024-01-01T00:00:00Z', plain: 'hello world' }), '"n": ""\nplain: hello world\nq: it\'s\ns: "a\\tb"\nts: "2024-01-01T00:00:00Z"\n"y": "yes"\n');
});

t.test('-o values', async (t) => {
  t.same(parseOutput(''), { kind: 'table', wide: false });
  t.same(parseOutput('wide'), { kind: 'table', wide: true });
  t.same(parseOutput('jsonpath={.a}'), { kind: 'jsonpath', template: '{.a}' });
  t.throws(() => parseOutput('xml'), { message: /unable to match a printer suitable for the output format "xml"/ });
  t.throws(() => parseOutput('wide', ['json', 'yaml']), { message: /allowed formats are: json, yaml/ });
});

t.test('json escapes as Go does', async (t) => {
  t.equal(toJSON({ b: '<&>', a: 1 }), '{\n    "a": 1,\n    "b": "\\u003c\\u0026\\u003e"\n}\n');
});
