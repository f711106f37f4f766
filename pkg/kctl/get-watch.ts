// `kctl get -w`: print the current state, then one row per change as the server reports it,
// aligned under the first table (the tab writer remembers column widths, as kubectl's does).
// Runs until interrupted; a watch the server closes is resumed from the last version seen.
import type { KubeList, KubeObject } from '../../api/meta/object.js';
import { watchEvents } from '../client/watch.js';
import type { Context } from './command.js';
import { CliError } from './errors.js';
import type { OutputFormat } from './output.js';
import { ObjectPrinter } from './output.js';
import { asTable, TablePrinter } from './table-printer.js';
import { TabWriter } from './tabwriter.js';
import { fetchOne, fetchPages, TABLE_ACCEPT, withKind, type Target } from './targets.js';

/** watchTargets implements -w / --watch-only for one resource type. */
export async function watchTargets(ctx: Context, targets: Target[], format: OutputFormat): Promise<number> {
  const mappings = new Set(targets.map((t) => t.mapping));
  if (mappings.size > 1 || targets.length > 1) throw new CliError('watch is only supported on individual resources and resource collections - more than 1 resource was found');
  const target = targets[0];
  if (!target) throw new CliError('You must specify the type of resource to watch.');
  const table = format.kind === 'table';
  const accept = table ? TABLE_ACCEPT : undefined;
  const events = ctx.flags.bool('output-watch-events');
  const w = TabWriter.forTables((s) => ctx.out(s));
  const printer = new TablePrinter({
    wide: format.kind === 'table' && format.wide,
    noHeaders: ctx.flags.bool('no-headers'),
    withNamespace: ctx.flags.bool('all-namespaces') && target.mapping.namespaced,
    showLabels: ctx.flags.bool('show-labels'),
    columnLabels: ctx.flags.strings('label-columns'),
  });
  const objects = format.kind === 'table' ? undefined : new ObjectPrinter(format, (s) => ctx.out(s));
  const print = (obj: KubeObject, type: string): void => {
    if (objects) objects.print(events ? { type, object: obj } : obj, target.mapping);
    else {
      printer.print(asTable(obj, ctx.now()), w, events ? type : undefined);
      w.flush();
    }
  };

  const query: Record<string, string | undefined> = {
    labelSelector: ctx.flags.string('selector') || undefined,
    fieldSelector: target.name !== undefined ? `metadata.name=${target.name}` : ctx.flags.string('field-selector') || undefined,
  };
  let rv: string | undefined;
  if (target.name !== undefined) {
    const obj = await fetchOne(ctx, target, accept);
    rv = (obj.metadata as { resourceVersion?: string } | undefined)?.resourceVersion;
    if (!ctx.flags.bool('watch-only')) print(table ? obj : withKind(target.mapping, [obj])[0] as KubeObject, 'ADDED');
  } else {
    const pages = await fetchPages(ctx, target, { labelSelector: query['labelSelector'], fieldSelector: query['fieldSelector'] }, accept);
    rv = (pages[pages.length - 1]?.metadata as { resourceVersion?: string } | undefined)?.resourceVersion;
    if (!ctx.flags.bool('watch-only')) {
      if (table) {
        for (const p of pages) printer.print(asTable(p, ctx.now()), w, events ? 'ADDED' : undefined);
        w.flush();
      } else for (const p of pages) for (const item of withKind(target.mapping, (p as unknown as KubeList).items ?? [])) print(item, 'ADDED');
    }
  }

  const path = ctx.client(target.mapping).path(target.namespace);
  while (!ctx.signal.aborted) {
    const stream = watchEvents<KubeObject>(ctx.rest(), { path, accept, query: { ...query, resourceVersion: rv, allowWatchBookmarks: 'true' }, signal: ctx.signal });
    for await (const e of stream) {
      const objRv = isTableObject(e.object) ? (e.object['metadata'] as { resourceVersion?: string } | undefined)?.resourceVersion : e.object.metadata?.resourceVersion;
      if (objRv) rv = objRv;
      if (e.type === 'BOOKMARK') continue;
      print(table ? e.object : (withKind(target.mapping, [e.object])[0] as KubeObject), e.type);
    }
  }
  return 0;
}

function isTableObject(o: KubeObject): boolean {
  return o.kind === 'Table';
}
