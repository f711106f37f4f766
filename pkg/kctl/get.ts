// `kctl get`: tables are the server's (Accept: as=Table), printed as kubectl prints them; -o
// json|yaml|name|jsonpath print the objects; -w streams changes (get-watch.ts).
import type { KubeList, KubeObject } from '../../api/meta/object.js';
import { isApiError } from '../client/rest.js';
import type { Command, Context } from './command.js';
import { CliError, errorMessage, printErrors } from './errors.js';
import { F, flag } from './flags.js';
import { watchTargets } from './get-watch.js';
import { listOf, ObjectPrinter, parseOutput } from './output.js';
import { printTableResults } from './table-printer.js';
import { fetchOne, fetchPages, TABLE_ACCEPT, targetsFromArgs, targetsFromFiles, withKind, type Target } from './targets.js';

const HELP = `Display one or many resources.

Prints a table of the most important information about the specified resources (the server's
columns, as kubectl shows them). You can filter the list using a label selector and the --selector
flag. If the desired resource type is namespaced you will only see results in the current namespace
unless you pass --all-namespaces.`;

/** get is `kctl get`. */
export const get: Command = {
  name: 'get',
  summary: HELP,
  usage: 'kctl get [(-o|--output=)json|yaml|name|wide|jsonpath=...] (TYPE[.VERSION][.GROUP] [NAME | -l label] | TYPE[.VERSION][.GROUP]/NAME ...) [flags]',
  examples: `# List all pods in ps output format
kctl get pods

# List replication controllers and services together
kctl get rc,services

# List a single replication controller with specified NAME in JSON output format
kctl get -o json rc nginx

# Watch pods, printing rows as they change
kctl get pods -w`,
  flags: [
    F.allNamespaces,
    F.output,
    F.selector,
    F.fieldSelector,
    F.watch,
    flag('watch-only', 'bool', false, 'Watch for changes to the requested object(s), without listing/getting first.'),
    flag('output-watch-events', 'bool', false, 'Output watch event objects when --watch or --watch-only is used.'),
    F.showLabels,
    flag('label-columns', 'strings', [], 'Accepts a comma separated list of labels that are going to be presented as columns.', { short: 'L' }),
    F.noHeaders,
    F.filename,
    F.recursive,
    flag('ignore-not-found', 'bool', false, 'If the requested object does not exist the command will return exit code 0.'),
  ],
  run: runGet,
};

async function runGet(ctx: Context): Promise<number> {
  const format = parseOutput(ctx.flags.string('output'));
  const files = ctx.flags.strings('filename');
  const allNs = ctx.flags.bool('all-namespaces');
  const selector = ctx.flags.string('selector');
  if (files.length === 0 && ctx.args.length === 0) {
    throw new CliError(`You must specify the type of resource to get. Use "kctl api-resources" for a complete list of supported resources.\n\nerror: Required resource not specified.\nSee 'kctl get -h' for help and examples`, 1, true);
  }
  let errors: string[] = [];
  let targets: Target[];
  if (files.length > 0) {
    if (ctx.args.length > 0) throw new CliError('when paths, URLs, or resource names are provided, you may not also pass resource type arguments');
    ({ targets, errors } = await targetsFromFiles(ctx, files));
  } else targets = await targetsFromArgs(ctx, ctx.args, { allNamespaces: allNs });
  if (selector && targets.some((t) => t.name !== undefined)) throw new CliError('selectors and the all flag cannot be used when passing resource/name arguments');
  if (ctx.flags.bool('watch') || ctx.flags.bool('watch-only')) {
    printErrors(ctx, errors);
    return watchTargets(ctx, targets, format);
  }
  const query = { labelSelector: selector || undefined, fieldSelector: ctx.flags.string('field-selector') || undefined };
  const table = format.kind === 'table';
  const results: Array<{ target: Target; pages: KubeObject[] }> = [];
  for (const t of targets) {
    try {
      const pages = t.name !== undefined ? [await fetchOne(ctx, t, table ? TABLE_ACCEPT : undefined)] : await fetchPages(ctx, t, query, table ? TABLE_ACCEPT : undefined);
      results.push({ target: t, pages });
    } catch (err) {
      if (isApiError(err, 'NotFound') && ctx.flags.bool('ignore-not-found') && t.name !== undefined) continue;
      if (!isApiError(err)) throw err;
      errors.push(errorMessage(err));
    }
  }
  if (format.kind === 'table') printTables(ctx, results, format.wide, allNs, errors.length > 0);
  else {
    const printer = new ObjectPrinter(format, (s) => ctx.out(s));
    const entries = results.map(({ target, pages }) => ({
      mapping: target.mapping,
      objects: target.name !== undefined ? pages : pages.flatMap((p) => withKind(target.mapping, (p as unknown as KubeList).items ?? [])),
    }));
    // One object asked for by name prints alone; anything else prints as a List, as in kubectl.
    const single = targets.length === 1 && targets[0]?.name !== undefined && entries.length === 1;
    if (single) printer.print(entries[0]?.objects[0] as KubeObject, entries[0]?.mapping);
    else if (format.kind === 'name') for (const e of entries) for (const o of e.objects) printer.print(o, e.mapping);
    else printer.print(listOf(entries.flatMap((e) => e.objects)));
  }
  printErrors(ctx, errors);
  return errors.length > 0 ? 1 : 0;
}

function printTables(ctx: Context, results: Array<{ target: Target; pages: KubeObject[] }>, wide: boolean, allNs: boolean, hadErrors: boolean): void {
  const written = printTableResults(
    results.map((r) => ({ mapping: r.target.mapping, pages: r.pages })),
    { wide, allNamespaces: allNs, noHeaders: ctx.flags.bool('no-headers'), showLabels: ctx.flags.bool('show-labels'), columnLabels: ctx.flags.strings('label-columns'), now: ctx.now() },
    (s) => ctx.out(s),
  );
  if (written === 0 && !hadErrors) {
    const namespaced = results.every((r) => r.target.mapping.namespaced) && !allNs;
    ctx.err(namespaced ? `No resources found in ${ctx.namespace} namespace.\n` : 'No resources found\n');
  }
}
