// `kctl scale` (and the old name `kctl resize`): set spec.replicas through the scale subresource,
// with kubectl's --current-replicas and --resource-version preconditions.
import type { KubeObject } from '../../api/meta/object.js';
import { isApiError } from '../client/rest.js';
import type { Command, Context } from './command.js';
import { CliError, errorMessage, printErrors } from './errors.js';
import { F, flag } from './flags.js';
import { dryRunOf, Reporter, writeOptions, type DryRun } from './mutate.js';
import { selectTargets, type Target } from './targets.js';

function scaleCommand(name: string, summary: string): Command {
  return {
    name,
    summary,
    usage: `kctl ${name} [--resource-version=version] [--current-replicas=count] --replicas=COUNT (-f FILENAME | TYPE NAME) [flags]`,
    examples: `# Scale a replication controller named 'nginx' to 3
kctl ${name} rc nginx --replicas=3

# Scale a deployment only if it currently has 2 replicas
kctl ${name} --current-replicas=2 --replicas=3 deployment/web`,
    flags: [
      flag('replicas', 'int', -1, 'The new desired number of replicas. Required.'),
      flag('current-replicas', 'int', -1, 'Precondition for current size. Requires that the current size of the resource match this value in order to scale.'),
      flag('resource-version', 'string', '', 'Precondition for resource version. Requires that the current resource version match this value in order to scale.'),
      F.filename, F.recursive, F.selector, F.all, F.output, F.dryRun,
    ],
    run: runScale,
  };
}

/** scale is `kctl scale`. */
export const scale = scaleCommand('scale', 'Set a new size for a deployment, replica set or replication controller.');
/** resize is `kctl resize`, scale's name in the early kubectl walkthroughs. */
export const resize = scaleCommand('resize', 'Set a new size for a replication controller (the old name of scale).');

async function runScale(ctx: Context): Promise<number> {
  const replicas = ctx.flags.int('replicas');
  if (!ctx.flags.changed('replicas') || replicas < 0) throw new CliError('The --replicas=COUNT flag is required, and COUNT must be greater than or equal to 0');
  const { targets, errors } = await selectTargets(ctx);
  if (targets.length === 0 && errors.length === 0) throw new CliError('no objects passed to scale');
  const dryRun = dryRunOf(ctx);
  const reporter = new Reporter(ctx, dryRun);
  for (const t of targets) {
    if (!t.mapping.subresources.includes('scale')) {
      errors.push(`error: cannot scale ${t.mapping.resource}: the server has no scale subresource for it`);
      continue;
    }
    try {
      await scaleOne(ctx, t, replicas, dryRun);
      reporter.done(t.mapping, { metadata: { name: t.name } }, 'scaled');
    } catch (err) {
      if (!isApiError(err) && !(err instanceof CliError)) throw err;
      errors.push(errorMessage(err));
    }
  }
  printErrors(ctx, errors);
  return errors.length > 0 ? 1 : 0;
}

// With preconditions: read the Scale, check it, and PUT it back with its resourceVersion, so a
// concurrent change fails as a Conflict. Without: a merge patch of spec.replicas.
async function scaleOne(ctx: Context, t: Target, replicas: number, dryRun: DryRun): Promise<void> {
  const client = ctx.client(t.mapping);
  const path = client.path(t.namespace, t.name, 'scale');
  const query = { dryRun: dryRun === 'server' ? 'All' : undefined };
  const current = ctx.flags.int('current-replicas');
  const rv = ctx.flags.string('resource-version');
  if (current < 0 && !rv) {
    if (dryRun === 'client') return;
    await client.patch(t.namespace, t.name ?? '', { spec: { replicas } }, 'merge', { ...writeOptions(dryRun), subresource: 'scale' });
    return;
  }
  const s = (await ctx.rest().request<KubeObject>({ path })).body;
  const have = Number((s['spec'] as { replicas?: number } | undefined)?.replicas ?? 0);
  if (current >= 0 && have !== current) throw new CliError(`Expected replicas to be ${current}, was ${have}`);
  if (rv && s.metadata?.resourceVersion !== rv) throw new CliError(`Expected resourceVersion to be ${rv}, was ${s.metadata?.resourceVersion ?? ''}`);
  if (dryRun === 'client') return;
  await ctx.rest().request({ method: 'PUT', path, query, body: { ...s, spec: { ...(s['spec'] as object), replicas } } });
}
