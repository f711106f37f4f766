// Objects and lists to meta.k8s.io Tables (kube-apiserver's asTable over the TableConvertor), and
// the per-request view the GET handler puts its get, list and watch results through.
import type { KubeList, KubeObject } from '../../../api/meta/object.js';
import type { ResourceInfo } from '../../../api/resources.js';
import type { WatchEventObject } from '../../registry/generic/list-watch.js';
import type { Query } from '../query.js';
import { includeObjectParam, negotiateTable, type TableVersion } from './negotiate.js';
import { printerFor } from './printers.js';
import type { IncludeObject, Table, TableRow } from './types.js';

/** ToTableOptions are metav1.TableOptions plus the Table's version and the clock ages use. */
export interface ToTableOptions {
  /** includeObject defaults to Metadata, as for kubectl. */
  includeObject?: IncludeObject;
  /** noHeaders leaves columnDefinitions null: watch events after the first carry rows only. */
  noHeaders?: boolean;
  version?: TableVersion;
  /** now is the time ages are measured to, in ms since the epoch; defaults to the current time. */
  now?: number;
}

/** TableInput is what toTable converts: one object or a `<Kind>List`. */
export type TableInput = KubeObject | KubeList;

function isList(v: TableInput): v is KubeList {
  return Array.isArray((v as KubeList).items) && typeof v.kind === 'string' && v.kind.endsWith('List');
}

/** toTable converts an object or a list of info's kind to a Table with one row per object. */
export function toTable(info: Pick<ResourceInfo, 'group' | 'kind'>, input: TableInput, opts: ToTableOptions = {}): Table {
  const printer = printerFor(info);
  const apiVersion = `meta.k8s.io/${opts.version ?? 'v1'}`;
  const include = opts.includeObject ?? 'Metadata';
  const now = opts.now ?? Date.now();
  const items = isList(input) ? input.items : [input as KubeObject];
  const rows = items.map((item): TableRow => {
    const printed = printer.print(item, now);
    const row: TableRow = { cells: printed.cells, object: rowObject(item, include, apiVersion) };
    if (printed.conditions) row.conditions = printed.conditions;
    return row;
  });
  const metadata: Table['metadata'] = {};
  if (isList(input)) {
    if (input.metadata.resourceVersion) metadata.resourceVersion = input.metadata.resourceVersion;
    if (input.metadata.continue) metadata.continue = input.metadata.continue;
    if (input.metadata.remainingItemCount !== undefined) metadata.remainingItemCount = input.metadata.remainingItemCount;
  } else {
    const rv = (input as KubeObject).metadata?.resourceVersion;
    if (rv) metadata.resourceVersion = rv;
  }
  return { kind: 'Table', apiVersion, metadata, columnDefinitions: opts.noHeaders ? null : [...printer.columns], rows };
}

// The row's object: the whole object, its metadata as a PartialObjectMetadata of the Table's
// version (what kubectl asks for by default), or nothing.
function rowObject(item: KubeObject, include: IncludeObject, apiVersion: string): Record<string, unknown> | null {
  if (include === 'Object') return item;
  if (include === 'None') return null;
  return { kind: 'PartialObjectMetadata', apiVersion, metadata: item.metadata ?? {} };
}

/** EventSource is how a watch's events are produced, as streamWatch takes them. */
export type EventSource = (signal: AbortSignal) => AsyncIterable<WatchEventObject>;

/**
 * TableView puts a GET's results in the form the client asked for: Tables when its Accept header
 * asks for one, the objects unchanged otherwise.
 */
export interface TableView {
  /** object converts a get or list result. */
  object(result: TableInput): TableInput | Table;
  /** events converts each watch event's object to a one-row Table. */
  events(source: EventSource): EventSource;
  /** bookmark converts a watch's bookmark objects like its other events. */
  bookmark(make: () => Record<string, unknown> | undefined): () => Record<string, unknown> | undefined;
}

const PASS_THROUGH: TableView = { object: (r) => r, events: (s) => s, bookmark: (m) => m };

/**
 * tableView reads a GET's Accept header and includeObject parameter (a bad value is a 400). In a
 * watch only the first event's Table has column definitions, as kube-apiserver sends them.
 */
export function tableView(info: Pick<ResourceInfo, 'group' | 'kind'>, accept: string | undefined, query: Query): TableView {
  const version = negotiateTable(accept);
  if (version === undefined) return PASS_THROUGH;
  const includeObject = includeObjectParam(query);
  let headersSent = false;
  const convert = (o: Record<string, unknown>): Record<string, unknown> => {
    // Statuses (ERROR events) stay as they are: clients read them as errors, not rows.
    if (o['kind'] === 'Status') return o;
    const table = toTable(info, o as KubeObject, { includeObject, version, noHeaders: headersSent });
    headersSent = true;
    return table as unknown as Record<string, unknown>;
  };
  return {
    object: (r) => toTable(info, r, { includeObject, version }),
    events: (source) =>
      async function* (signal) {
        for await (const e of source(signal)) yield { type: e.type, object: convert(e.object) };
      },
    bookmark: (make) => () => {
      const object = make();
      return object === undefined ? undefined : convert(object);
    },
  };
}
