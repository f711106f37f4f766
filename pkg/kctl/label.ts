// `kctl label` and `kctl annotate`: KEY=VALUE sets, KEY- removes; an existing key with another
// value needs --overwrite; the change goes as a JSON merge patch of metadata, as kubectl sends it.
import type { KubeObject } from '../../api/meta/object.js';
import { isQualifiedName, isValidLabelValue } from '../../api/meta/label-selector.js';
import { isApiError } from '../client/rest.js';
import type { Command, Context } from './command.js';
import { CliError, errorMessage, printErrors } from './errors.js';
import { F, flag } from './flags.js';
import { dryRunOf, Reporter, writeOptions } from './mutate.js';
import { fetchOne, selectTargets } from './targets.js';

type Field = 'labels' | 'annotations';

/** Changes are parsed KEY=VALUE and KEY- arguments. */
export interface Changes {
  set: Record<string, string>;
  remove: string[];
}

/** splitArgs separates resource arguments from changes; every resource must come first. */
export function splitArgs(args: readonly string[], what: string): { resources: string[]; changes: string[] } {
  const first = args.findIndex((a) => a.includes('=') || a.endsWith('-'));
  if (first < 0) return { resources: [...args], changes: [] };
  const resources = args.slice(0, first);
  const changes = args.slice(first);
  const stray = changes.find((a) => !(a.includes('=') || a.endsWith('-')));
  if (stray !== undefined) throw new CliError(`all resources must be specified before ${what} changes: ${stray}`);
  return { resources, changes };
}

/** parseChanges reads KEY=VALUE / KEY- and validates them as kubectl does for field. */
export function parseChanges(args: readonly string[], field: Field): Changes {
  const out: Changes = { set: {}, remove: [] };
  for (const a of args) {
    const eq = a.indexOf('=');
    if (eq >= 0) {
      const key = a.slice(0, eq);
      const value = a.slice(eq + 1);
      const keyErrs = isQualifiedName(key);
      if (keyErrs.length > 0) throw new CliError(`invalid ${field === 'labels' ? 'label' : 'annotation'} spec: ${a}, ${keyErrs.join('; ')}`);
      if (field === 'labels') {
        const valueErrs = isValidLabelValue(value);
        if (valueErrs.length > 0) throw new CliError(`invalid label value: "${a}": ${valueErrs.join('; ')}`);
      }
      if (key in out.set) throw new CliError(`can not both modify and remove ${field === 'labels' ? 'a label' : 'an annotation'} in the same command`);
      out.set[key] = value;
    } else out.remove.push(a.slice(0, -1));
  }
  for (const r of out.remove) if (r in out.set) throw new CliError(`can not both modify and remove ${field === 'labels' ? 'a label' : 'an annotation'} in the same command`);
  return out;
}

/** conflicts lists the keys changes would overwrite with a different value. */
export function conflicts(current: Record<string, string>, changes: Changes): string[] {
  return Object.entries(changes.set).filter(([k, v]) => k in current && current[k] !== v).map(([k]) => k);
}

function labelCommand(field: Field): Command {
  const noun = field === 'labels' ? 'label' : 'annotation';
  const verb = field === 'labels' ? 'label' : 'annotate';
  return {
    name: verb,
    summary: field === 'labels' ? 'Update the labels on a resource.' : 'Update the annotations on a resource.',
    usage: `kctl ${verb} [--overwrite] (-f FILENAME | TYPE NAME) KEY_1=VAL_1 ... KEY_N=VAL_N [--resource-version=version] [flags]`,
    examples: `# Update pod 'foo' with the ${noun} 'unhealthy' and the value 'true'
kctl ${verb} pods foo unhealthy=true

# Update pod 'foo', overwriting any existing value
kctl ${verb} --overwrite pods foo status=unhealthy

# Remove the ${noun} named 'bar' if it exists
kctl ${verb} pods foo bar-`,
    flags: [
      flag('overwrite', 'bool', false, `If true, allow ${field} to be overwritten, otherwise reject ${noun} updates that overwrite existing ${field}.`),
      flag('resource-version', 'string', '', `If non-empty, the ${noun} update will only succeed if this is the current resource-version for the object.`),
      ...(field === 'labels' ? [flag('list', 'bool', false, 'If true, display the labels for a given resource.')] : []),
      F.filename, F.recursive, F.selector, F.all, F.allNamespaces, F.output, F.dryRun,
    ],
    run: (ctx) => runLabel(ctx, field),
  };
}

/** label is `kctl label`. */
export const label = labelCommand('labels');
/** annotate is `kctl annotate`. */
export const annotate = labelCommand('annotations');

async function runLabel(ctx: Context, field: Field): Promise<number> {
  const noun = field === 'labels' ? 'label' : 'annotation';
  const files = ctx.flags.strings('filename');
  const { resources, changes: changeArgs } = splitArgs(ctx.args, noun);
  const list = field === 'labels' && ctx.flags.bool('list');
  if (changeArgs.length === 0 && !list) throw new CliError(`at least one ${noun} update is required`);
  const changes = parseChanges(changeArgs, field);
  if (files.length === 0 && resources.length === 0) throw new CliError('one or more resources must be specified as <resource> <name> or <resource>/<name>');
  const { targets, errors } = await selectTargets(ctx, resources);
  const dryRun = dryRunOf(ctx);
  const reporter = new Reporter(ctx, dryRun);
  for (const t of targets) {
    try {
      const obj = await fetchOne(ctx, t);
      const current = { ...(obj.metadata?.[field] as Record<string, string> | undefined) };
      if (list) {
        for (const k of Object.keys(current).sort()) ctx.out(`${k}=${current[k]}\n`);
        continue;
      }
      if (!ctx.flags.bool('overwrite')) {
        const clash = conflicts(current, changes);
        if (clash.length > 0) {
          throw new CliError(field === 'labels'
            ? clash.map((k) => `'${k}' already has a value (${current[k]}), and --overwrite is false`).join('\n')
            : `--overwrite is false but found the following declared annotation(s): ${clash.map((k) => `'${k}' already has a value (${current[k]})`).join('; ')}`);
        }
      }
      for (const r of changes.remove) if (!(r in current)) ctx.out(`${noun} "${r}" not found.\n`);
      const patchField: Record<string, string | null> = {};
      for (const [k, v] of Object.entries(changes.set)) if (current[k] !== v) patchField[k] = v;
      for (const r of changes.remove) if (r in current) patchField[r] = null;
      const changed = Object.keys(patchField).length > 0;
      let result: KubeObject = obj;
      if (changed && dryRun !== 'client') {
        const meta: Record<string, unknown> = { [field]: patchField };
        if (ctx.flags.string('resource-version')) meta['resourceVersion'] = ctx.flags.string('resource-version');
        result = await ctx.client(t.mapping).patch(t.namespace, t.name ?? '', { metadata: meta }, 'merge', writeOptions(dryRun));
      }
      const onlyRemoved = changed && Object.values(patchField).every((v) => v === null) && !ctx.flags.bool('overwrite');
      const verbDone = field === 'annotations' ? 'annotated' : !changed ? 'not labeled' : onlyRemoved ? 'unlabeled' : 'labeled';
      reporter.done(t.mapping, result, verbDone);
    } catch (err) {
      if (!isApiError(err) && !(err instanceof CliError)) throw err;
      errors.push(errorMessage(err));
    }
  }
  printErrors(ctx, errors);
  return errors.length > 0 ? 1 : 0;
}
