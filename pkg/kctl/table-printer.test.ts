// Golden tests of kctl's table output: fixed server Tables (captured from kubelite, whose columns
// are kubectl's) in test/golden/kctl/table-*.json, printed under kubectl get's options, compared
// byte for byte with test/golden/kctl/*.txt. The expected files were checked against kubectl 1.32
// printing the same objects. UPDATE_GOLDEN=1 rewrites them.
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import t, { type Test } from 'tap';
import { printTableResults, TablePrinter, type Table, type TableRow } from './table-printer.js';
import { TabWriter } from './tabwriter.js';

const DIR = fileURLToPath(new URL('../../test/golden/kctl/', import.meta.url));
const table = (name: string): Table => JSON.parse(readFileSync(`${DIR}table-${name}.json`, 'utf8')) as Table;

function golden(tt: Test, name: string, actual: string): void {
  const file = `${DIR}${name}.txt`;
  if (process.env['UPDATE_GOLDEN']) writeFileSync(file, actual);
  tt.equal(actual, readFileSync(file, 'utf8'), `${name}.txt`);
}

const POD = { kind: 'Pod', group: '', namespaced: true };
const NODE = { kind: 'Node', group: '', namespaced: false };
const SVC = { kind: 'Service', group: '', namespaced: true };
const NS = { kind: 'Namespace', group: '', namespaced: false };
const DEPLOY = { kind: 'Deployment', group: 'apps', namespaced: true };
const RC = { kind: 'ReplicationController', group: '', namespaced: true };
const BASE = { wide: false, allNamespaces: false, noHeaders: false, showLabels: false, columnLabels: [] as string[], now: Date.parse('2024-05-01T12:00:00Z') };

function print(results: Parameters<typeof printTableResults>[0], opts: Partial<typeof BASE> = {}): string {
  let out = '';
  printTableResults(results, { ...BASE, ...opts }, (s) => (out += s));
  return out;
}

t.test('kubectl get tables', async (t) => {
  golden(t, 'get-pods-all-namespaces', print([{ mapping: POD, pages: [table('pods-all')] }], { allNamespaces: true }));
  golden(t, 'get-pods-wide-labels', print([{ mapping: POD, pages: [table('pods-all')] }], { allNamespaces: true, wide: true, showLabels: true }));
  golden(t, 'get-pods-no-headers', print([{ mapping: POD, pages: [table('pods-all')] }], { allNamespaces: true, noHeaders: true }));
  golden(t, 'get-pods-label-columns', print([{ mapping: POD, pages: [table('pods-all')] }], { columnLabels: ['app', 'example.com/tier'] }));
  golden(t, 'get-pod-one', print([{ mapping: POD, pages: [table('pod-one')] }]));
  golden(t, 'get-nodes-wide', print([{ mapping: NODE, pages: [table('nodes')] }], { wide: true }));
  golden(t, 'get-services-all-namespaces', print([{ mapping: SVC, pages: [table('services-all')] }], { allNamespaces: true }));
  golden(t, 'get-namespaces', print([{ mapping: NS, pages: [table('namespaces')] }], { allNamespaces: true }));
  golden(t, 'get-rc-wide', print([{ mapping: RC, pages: [table('rc')] }], { wide: true }));
});

t.test('several kinds: kind prefixes, a blank line between kinds, nothing for empty ones', async (t) => {
  const empty: Table = { ...table('pods-all'), rows: [] };
  golden(t, 'get-several-kinds', print([
    { mapping: POD, pages: [empty] },
    { mapping: DEPLOY, pages: [table('deployments')] },
    { mapping: RC, pages: [table('rc')] },
    { mapping: SVC, pages: [table('services-all')] },
  ]));
  t.equal(print([{ mapping: POD, pages: [empty] }]), '', 'an empty list prints nothing (get says "No resources found")');
  t.equal(print([{ mapping: POD, pages: [empty] }, { mapping: RC, pages: [empty] }]), '');
});

t.test('pages of one list print as one table', async (t) => {
  const rc = table('rc');
  const rows = rc.rows as TableRow[];
  const page1: Table = { ...rc, rows: rows.slice(0, 1) };
  const page2: Table = { ...rc, rows: rows.slice(1) };
  t.equal(print([{ mapping: RC, pages: [page1, page2] }]), print([{ mapping: RC, pages: [rc] }]));
});

t.test('watch: rows appended under the first table, widths remembered across flushes', async (t) => {
  const list = table('rc');
  const columns = list.columnDefinitions;
  const row = (cells: unknown[]): Table => ({ kind: 'Table', columnDefinitions: null, rows: [{ cells, object: { metadata: { namespace: 'default' } } }] });
  const events: Array<[string, Table]> = [
    ['ADDED', row(['a-much-longer-controller-name', 1, 0, 0, '0s', 'c', 'busybox', 'run=a'])],
    ['MODIFIED', { ...row(['nginx', 5, 0, 0, '12m', 'nginx', 'nginx', 'run=nginx']), columnDefinitions: columns }],
    ['DELETED', row(['x', 1, 0, 0, '1s', 'x', 'x', 'run=x'])],
  ];
  for (const eventsColumn of [false, true]) {
    let out = '';
    const w = TabWriter.forTables((s) => (out += s));
    const p = new TablePrinter({});
    p.print(list, w, eventsColumn ? 'ADDED' : undefined);
    w.flush();
    for (const [type, tbl] of events) {
      p.print(tbl, w, eventsColumn ? type : undefined);
      w.flush();
    }
    golden(t, eventsColumn ? 'watch-rc-events' : 'watch-rc', out);
  }
});

t.test('servers without Tables: NAME and AGE from the objects, on a fixed clock', async (t) => {
  const list = {
    kind: 'WidgetList',
    items: [
      { metadata: { name: 'alpha', namespace: 'default', creationTimestamp: '2024-05-01T11:59:30Z', labels: { a: 'b' } } },
      { metadata: { name: 'a-rather-longer-name', namespace: 'default', creationTimestamp: '2024-04-28T08:00:00Z' } },
      { metadata: { name: 'no-timestamp', namespace: 'other' } },
    ],
  };
  golden(t, 'get-fallback-name-age', print([{ mapping: { kind: 'Widget', group: 'example.com', namespaced: true }, pages: [list] }], { allNamespaces: true, showLabels: true }));
});

t.test('cells: newlines truncate, terminal escapes are neutralised, extra cells ignored', async (t) => {
  const tbl: Table = {
    kind: 'Table',
    columnDefinitions: [{ name: 'Name', type: 'string', format: 'name' }, { name: 'Note', type: 'string' }, { name: 'Hidden', type: 'string', priority: 1 }],
    rows: [{ cells: ['x', 'line one\nline two', 'wide only', 'extra'] }, { cells: ['\x1b[31mred', null, true] }],
  };
  let out = '';
  const w = TabWriter.forTables((s) => (out += s));
  new TablePrinter({}).print(tbl, w);
  w.flush();
  t.equal(out, 'NAME        NOTE\nx           line one...\n^[[31mred   \n');
});
