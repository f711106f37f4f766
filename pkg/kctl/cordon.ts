// `kctl cordon` / `kctl uncordon`: mark nodes (un)schedulable through spec.unschedulable.
import { isApiError } from '../client/rest.js';
import type { Command, Context } from './command.js';
import { CliError, errorMessage, printErrors } from './errors.js';
import { F } from './flags.js';
import { kindName } from './mapper.js';
import { dryRunOf, writeOptions } from './mutate.js';
import { fetchOne, listItems } from './targets.js';

function cordonCommand(name: 'cordon' | 'uncordon'): Command {
  const desired = name === 'cordon';
  return {
    name,
    summary: desired ? 'Mark node as unschedulable.' : 'Mark node as schedulable.',
    usage: `kctl ${name} NODE [flags]`,
    examples: `# Mark node "node-1" as ${desired ? 'unschedulable' : 'schedulable'}\nkctl ${name} node-1`,
    flags: [F.selector, F.dryRun],
    run: (ctx) => runCordon(ctx, name, desired),
  };
}

/** cordon is `kctl cordon`. */
export const cordon = cordonCommand('cordon');
/** uncordon is `kctl uncordon`. */
export const uncordon = cordonCommand('uncordon');

async function runCordon(ctx: Context, verb: string, desired: boolean): Promise<number> {
  const selector = ctx.flags.string('selector');
  if (ctx.args.length === 0 && !selector) throw new CliError('USAGE: ' + `${verb} NODE [flags]`);
  const nodes = (await ctx.mapper()).resolve('nodes');
  const names = selector ? (await listItems(ctx, { mapping: nodes, namespace: undefined }, { labelSelector: selector })).map((n) => n.metadata?.name ?? '') : ctx.args;
  const dryRun = dryRunOf(ctx);
  const suffix = dryRun === 'client' ? ' (dry run)' : dryRun === 'server' ? ' (server dry run)' : '';
  const errors: string[] = [];
  for (const name of names) {
    try {
      const node = await fetchOne(ctx, { mapping: nodes, namespace: undefined, name });
      const current = (node['spec'] as { unschedulable?: boolean } | undefined)?.unschedulable === true;
      if (current === desired) {
        ctx.out(`${kindName(nodes)}/${name} already ${verb}ed\n`);
        continue;
      }
      // Uncordoning removes the field, as kubectl's two-way patch of unschedulable=false does.
      if (dryRun !== 'client') await ctx.client(nodes).patch(undefined, name, { spec: { unschedulable: desired ? true : null } }, 'strategic', writeOptions(dryRun));
      ctx.out(`${kindName(nodes)}/${name} ${verb}ed${suffix}\n`);
    } catch (err) {
      if (!isApiError(err)) throw err;
      errors.push(errorMessage(err));
    }
  }
  printErrors(ctx, errors);
  return errors.length > 0 ? 1 : 0;
}
