// kubectl's HumanReadablePrinter for server-side Tables (cli-runtime's tableprinter.go): column
// headers upper-cased, wide columns only with -o wide, NAMESPACE and LABELS decorations, kind
// prefixes when several kinds print together, and headers printed once per column set so watch
// events append rows. Columns come from the server, so they are kubectl's by construction.
import { ageSince, formatLabels, str } from './format.js';
import { kindName, type Mapping } from './mapper.js';
import { TabWriter } from './tabwriter.js';

/** TableColumn is metav1.TableColumnDefinition. */
export interface TableColumn {
  name: string;
  type: string;
  format?: string;
  description?: string;
  priority?: number;
}

/** TableRow is metav1.TableRow as decoded from JSON. */
export interface TableRow {
  cells: unknown[];
  object?: { metadata?: { namespace?: string; labels?: Record<string, string> } } | null;
}

/** Table is metav1.Table as decoded from JSON. */
export interface Table {
  kind?: string;
  columnDefinitions: TableColumn[] | null;
  rows: TableRow[] | null;
  metadata?: { resourceVersion?: string; continue?: string };
}

/** PrintOptions are printers.PrintOptions as kubectl get sets them. */
export interface PrintOptions {
  wide?: boolean;
  noHeaders?: boolean;
  withNamespace?: boolean;
  /** kind, when set, prefixes each name: `deployment.apps/web`. */
  kind?: string;
  showLabels?: boolean;
  /** columnLabels are -L label keys, one column each. */
  columnLabels?: string[];
}

const EVENT_TYPES: Record<string, string> = { ADDED: 'ADDED   ', MODIFIED: 'MODIFIED', DELETED: 'DELETED ', ERROR: 'ERROR   ' };

/** isTable tells a Table response from a plain object or list. */
export function isTable(v: unknown): v is Table {
  return typeof v === 'object' && v !== null && (v as { kind?: unknown }).kind === 'Table';
}

/**
 * objectsTable makes a NAME/AGE Table of plain objects, kubectl's printObjectMeta for servers
 * that answer without a Table.
 */
export function objectsTable(objects: ReadonlyArray<{ metadata?: { name?: string; namespace?: string; labels?: Record<string, string>; creationTimestamp?: string } }>, now: number): Table {
  return {
    kind: 'Table',
    columnDefinitions: [
      { name: 'Name', type: 'string', format: 'name' },
      { name: 'Age', type: 'string' },
    ],
    rows: objects.map((o) => ({ cells: [o.metadata?.name ?? '', ageSince(o.metadata?.creationTimestamp, now)], object: { metadata: o.metadata ?? {} } })),
  };
}

/** asTable is a server Table as it is, or a NAME/AGE Table of a plain object or list. */
export function asTable(v: Table | Record<string, unknown>, now: number): Table {
  if (isTable(v)) return v;
  const items = Array.isArray(v['items']) ? (v['items'] as Array<Record<string, unknown>>) : [v];
  return objectsTable(items as Parameters<typeof objectsTable>[0], now);
}

// WriteEscaped: no terminal escapes from the server reach the terminal.
const escapeCell = (s: string): string => s.replace(/\x1b/g, '^[').replace(/\r/g, '\\r');

function cellText(cell: unknown): string {
  if (cell === null || cell === undefined) return '';
  if (typeof cell === 'string') {
    const cut = cell.search(/[\f\n\r]/);
    return cut >= 0 ? `${escapeCell(cell.slice(0, cut))}...` : escapeCell(cell);
  }
  return escapeCell(typeof cell === 'object' ? JSON.stringify(cell) : String(cell));
}

const sameColumns = (a: readonly TableColumn[] | null, b: readonly TableColumn[] | null): boolean => JSON.stringify(a ?? []) === JSON.stringify(b ?? []);

/** TablePrinter prints Tables into a tab writer; keep one per resource type, like kubectl. */
export class TablePrinter {
  private lastColumns: TableColumn[] | null = null;
  private printedHeaders = false;

  constructor(private readonly options: PrintOptions) {}

  /** print writes a Table's rows (and headers unless already printed for these columns). */
  print(table: Table, w: TabWriter, eventType?: string): void {
    const opts = { ...this.options };
    const columns = table.columnDefinitions && table.columnDefinitions.length > 0 ? table.columnDefinitions : null;
    if (this.printedHeaders && (columns === null || sameColumns(columns, this.lastColumns))) opts.noHeaders = true;
    let cols: TableColumn[] = columns ?? this.lastColumns ?? [];
    if (columns !== null && !sameColumns(columns, this.lastColumns)) {
      this.lastColumns = columns;
      this.printedHeaders = false;
    }
    const rows = table.rows ?? [];
    if (rows.length > 0) this.printedHeaders = true;
    let cells = rows.map((r) => [...r.cells]);
    [cols, cells] = decorate(cols, rows, cells, opts);
    if (eventType) {
      cols = [{ name: 'Event', type: 'string' }, ...cols];
      cells = cells.map((c) => [EVENT_TYPES[eventType] ?? eventType, ...c]);
    }
    printTable(cols, cells, w, opts);
  }
}

function decorate(columns: TableColumn[], rows: TableRow[], cells: unknown[][], opts: PrintOptions): [TableColumn[], unknown[][]] {
  const labelKeys = opts.columnLabels ?? [];
  let cols = columns;
  if (opts.withNamespace || labelKeys.length > 0 || opts.showLabels) {
    cols = [
      ...(opts.withNamespace ? [{ name: 'Namespace', type: 'string' }] : []),
      ...columns,
      ...labelKeys.map((l) => ({ name: (l.split('/').pop() ?? l).toUpperCase(), type: 'string' })),
      ...(opts.showLabels ? [{ name: 'Labels', type: 'string' }] : []),
    ];
  }
  const nameColumn = opts.kind ? columns.findIndex((c) => c.format === 'name' && c.type === 'string') : -1;
  const out = cells.map((row, i) => {
    const r = [...row];
    if (nameColumn >= 0) r[nameColumn] = `${opts.kind}/${str(r[nameColumn])}`;
    const meta = rows[i]?.object?.metadata;
    if (!meta) {
      if (opts.withNamespace) r.unshift(null);
      while (r.length < cols.length) r.push(null);
      return r;
    }
    if (opts.withNamespace) r.unshift(meta.namespace ?? '');
    for (const l of labelKeys) r.push(meta.labels?.[l] ?? '');
    if (opts.showLabels) r.push(formatLabels(meta.labels));
    return r;
  });
  return [cols, out];
}

function printTable(columns: TableColumn[], rows: unknown[][], w: TabWriter, opts: PrintOptions): void {
  const visible = (c: TableColumn): boolean => opts.wide === true || !c.priority;
  if (!opts.noHeaders) {
    // No rows, no headers: an empty list prints nothing, and the caller says "No resources found".
    if (rows.length === 0) return;
    w.write(`${columns.filter(visible).map((c) => c.name.toUpperCase()).join('\t')}\n`);
  }
  for (const row of rows) {
    const out: string[] = [];
    row.forEach((cell, i) => {
      const col = columns[i];
      if (!col || !visible(col)) return; // the server may send more cells than columns
      out.push(cellText(cell));
    });
    w.write(`${out.join('\t')}\n`);
  }
}

/** ResultsOptions are kubectl get's table settings. */
export interface ResultsOptions {
  wide: boolean;
  allNamespaces: boolean;
  noHeaders: boolean;
  showLabels: boolean;
  columnLabels: string[];
  /** now is the clock NAME/AGE fallback tables measure ages with. */
  now: number;
}

/**
 * printTableResults prints the pages of several resource types as kubectl get does: one
 * printer per type, kind prefixes when several types print, a blank line between types that
 * printed something. It returns how much it wrote (0 means "No resources found").
 */
export function printTableResults(results: ReadonlyArray<{ mapping: Pick<Mapping, 'kind' | 'group' | 'namespaced'>; pages: ReadonlyArray<Table | Record<string, unknown>> }>, opts: ResultsOptions, out: (s: string) => void): number {
  const withKind = new Set(results.map((r) => r.mapping)).size > 1;
  let written = 0;
  let separator = false;
  const w = TabWriter.forTables((s) => {
    if (separator) {
      out('\n');
      separator = false;
    }
    written += s.length;
    out(s);
  });
  let printer: TablePrinter | undefined;
  let last: (typeof results)[number]['mapping'] | undefined;
  for (const { mapping, pages } of results) {
    if (!printer || last !== mapping) {
      w.flush();
      w.setRememberedWidths([]);
      if (last && !opts.noHeaders && written > 0) separator = true;
      printer = new TablePrinter({
        wide: opts.wide,
        noHeaders: opts.noHeaders,
        withNamespace: opts.allNamespaces && mapping.namespaced,
        kind: withKind ? kindName(mapping) : undefined,
        showLabels: opts.showLabels,
        columnLabels: opts.columnLabels,
      });
      last = mapping;
    }
    for (const page of pages) printer.print(asTable(page, opts.now), w);
  }
  w.flush();
  return written;
}
