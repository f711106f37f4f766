// The Table envelope (metadata, includeObject, headers), Accept negotiation, and the view the GET
// handler uses for get, list and watch.
import t from 'tap';
import type { KubeList, KubeObject } from '../../../api/meta/object.js';
import { StatusError } from '../../../api/status.js';
import type { WatchEventObject } from '../../registry/generic/list-watch.js';
import { tableView, toTable } from './convert.js';
import { includeObjectParam, negotiateTable, wantsTable } from './negotiate.js';

const NOW = Date.parse('2024-05-01T12:00:00Z');
const CM = { kind: 'ConfigMap' as const, group: '' };
const cm = (name: string, rv: string): KubeObject => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace: 'default', resourceVersion: rv, creationTimestamp: '2024-05-01T11:59:50Z', labels: { a: 'b' } }, data: { k: 'v' } });
const list: KubeList = { apiVersion: 'v1', kind: 'ConfigMapList', metadata: { resourceVersion: '42', continue: 'tok' }, items: [cm('one', '7'), cm('two', '8')] };
const KUBECTL_ACCEPT = 'application/json;as=Table;v=v1;g=meta.k8s.io,application/json;as=Table;v=v1beta1;g=meta.k8s.io,application/json';

t.test('a list becomes a Table with one row per item', async (t) => {
  const table = toTable(CM, list, { now: NOW });
  t.equal(table.kind, 'Table');
  t.equal(table.apiVersion, 'meta.k8s.io/v1');
  t.same(table.metadata, { resourceVersion: '42', continue: 'tok' });
  t.same(table.columnDefinitions?.map((c) => c.name), ['Name', 'Data', 'Age']);
  t.same(table.rows.map((r) => r.cells), [['one', 1, '10s'], ['two', 1, '10s']]);
  t.same(table.rows[0]!.object, { kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1', metadata: list.items[0]!.metadata }, 'Metadata by default');
  t.same(Object.keys(table.columnDefinitions![0]!), ['name', 'type', 'format', 'description', 'priority'], 'every field, as Go encodes them');
});

t.test('one object becomes a one-row Table at its resourceVersion', async (t) => {
  const table = toTable(CM, cm('one', '7'), { now: NOW, version: 'v1beta1' });
  t.same(table.metadata, { resourceVersion: '7' });
  t.equal(table.apiVersion, 'meta.k8s.io/v1beta1');
  t.equal(table.rows.length, 1);
  t.equal((table.rows[0]!.object as { apiVersion: string }).apiVersion, 'meta.k8s.io/v1beta1', 'PartialObjectMetadata follows the Table version');
});

t.test('includeObject and noHeaders', async (t) => {
  t.same(toTable(CM, list, { includeObject: 'Object', now: NOW }).rows[1]!.object, list.items[1]);
  t.equal(toTable(CM, list, { includeObject: 'None', now: NOW }).rows[0]!.object, null);
  t.equal(toTable(CM, list, { noHeaders: true, now: NOW }).columnDefinitions, null);
  t.same(toTable(CM, { apiVersion: 'v1', kind: 'ConfigMapList', metadata: { resourceVersion: '1' }, items: [] }).rows, [], 'empty list');
});

t.test('pod rows keep their conditions', async (t) => {
  const pod: KubeObject = { kind: 'Pod', metadata: { name: 'p' }, spec: { containers: [{ name: 'c' }] }, status: { phase: 'Succeeded' } };
  t.same(toTable({ group: '', kind: 'Pod' }, pod, { now: NOW }).rows[0]!.conditions?.[0]?.reason, 'Succeeded');
});

t.test('Accept negotiation', async (t) => {
  t.equal(negotiateTable(KUBECTL_ACCEPT), 'v1', 'kubectl get');
  t.equal(negotiateTable('application/json;as=Table;v=v1beta1;g=meta.k8s.io, application/json'), 'v1beta1');
  t.equal(negotiateTable('application/json;as=Table;v=v2;g=meta.k8s.io,application/json;as=Table;v=v1beta1;g=meta.k8s.io'), 'v1beta1', 'unknown versions are skipped');
  t.equal(negotiateTable('application/json;as=PartialObjectMetadataList;v=v1;g=meta.k8s.io,application/json'), undefined, 'other conversions fall back to JSON');
  t.equal(negotiateTable('application/json'), undefined);
  t.equal(negotiateTable('application/json, application/json;as=Table;v=v1;g=meta.k8s.io'), undefined, 'first acceptable clause wins');
  t.equal(negotiateTable('application/json;q=0.5, application/json;as=Table;v=v1;g=meta.k8s.io'), 'v1', 'q orders clauses');
  t.equal(negotiateTable('application/json;as=Table;v=v1;g=meta.k8s.io;q=0, application/json'), undefined, 'q=0 refuses');
  t.equal(negotiateTable('*/*;as=Table;v=v1;g=meta.k8s.io'), 'v1', 'wildcard with Table params');
  t.equal(negotiateTable('application/vnd.kubernetes.protobuf;as=Table;v=v1;g=meta.k8s.io,application/json'), undefined, 'JSON only');
  t.equal(negotiateTable(undefined), undefined);
  t.equal(negotiateTable(''), undefined);
  t.ok(wantsTable(KUBECTL_ACCEPT));
  t.notOk(wantsTable('application/json'));
});

t.test('includeObject parameter', async (t) => {
  t.equal(includeObjectParam({}), 'Metadata');
  t.equal(includeObjectParam({ includeObject: '' }), 'Metadata');
  for (const v of ['None', 'Object', 'Metadata'] as const) t.equal(includeObjectParam({ includeObject: v }), v);
  const err = (() => {
    try {
      includeObjectParam({ includeObject: 'all' });
    } catch (e) {
      return e;
    }
    return undefined;
  })();
  t.ok(err instanceof StatusError && err.code === 400, 'a 400');
  t.equal((err as Error).message, 'Unable to convert to Table as requested: includeObject: Unsupported value: "all": supported values: "Metadata", "None", "Object"');
});

t.test('tableView passes objects through unless a Table is asked for', async (t) => {
  const plain = tableView(CM, 'application/json', { includeObject: 'garbage' });
  t.equal(plain.object(list), list, 'no Table, no includeObject check');
  const source = async function* (): AsyncGenerator<WatchEventObject> {
    yield { type: 'ADDED', object: cm('a', '1') };
  };
  t.equal(plain.events(source), source);
  t.throws(() => tableView(CM, KUBECTL_ACCEPT, { includeObject: 'garbage' }), StatusError);
  const table = tableView(CM, KUBECTL_ACCEPT, { includeObject: 'None' });
  const out = table.object(list) as { kind: string; rows: { object: unknown }[] };
  t.equal(out.kind, 'Table');
  t.equal(out.rows[0]!.object, null);
});

t.test('a Table watch: one-row Tables, headers on the first event only, Statuses untouched', async (t) => {
  const view = tableView(CM, KUBECTL_ACCEPT, {});
  const status = { kind: 'Status', apiVersion: 'v1', status: 'Failure', code: 410, reason: 'Expired' };
  const source = async function* (): AsyncGenerator<WatchEventObject> {
    yield { type: 'ADDED', object: cm('a', '1') };
    yield { type: 'MODIFIED', object: cm('a', '2') };
    yield { type: 'ERROR', object: status };
  };
  const events: WatchEventObject[] = [];
  for await (const e of view.events(source)(new AbortController().signal)) events.push(e);
  t.same(events.map((e) => e.type), ['ADDED', 'MODIFIED', 'ERROR']);
  const [first, second] = events.map((e) => e.object as { kind: string; columnDefinitions: unknown; rows: { cells: unknown[] }[]; metadata: unknown });
  t.equal(first!.kind, 'Table');
  t.equal((first!.columnDefinitions as unknown[]).length, 3, 'first event has headers');
  t.same(first!.rows.map((r) => r.cells[0]), ['a']);
  t.same(first!.metadata, { resourceVersion: '1' });
  t.equal(second!.columnDefinitions, null, 'later events have rows only');
  t.equal(events[2]!.object, status);
  const bookmark = view.bookmark(() => ({ kind: 'ConfigMap', apiVersion: 'v1', metadata: { resourceVersion: '9' } }))() as { kind: string; metadata: unknown; columnDefinitions: unknown };
  t.equal(bookmark.kind, 'Table', 'bookmarks are converted like other events');
  t.same(bookmark.metadata, { resourceVersion: '9' });
  t.equal(bookmark.columnDefinitions, null);
});
