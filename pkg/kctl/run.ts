// `kctl run NAME --image=IMAGE`: what the classic `kubectl run-container` did, a
// ReplicationController named NAME whose pods carry run=NAME (or --labels), for the hyperkube-era
// walkthrough: run, get rc, expose, resize, delete.
import type { KubeObject } from '../../api/meta/object.js';
import type { Command } from './command.js';
import { CliError } from './errors.js';
import { F, flag } from './flags.js';
import { dryRunOf, Reporter, writeOptions } from './mutate.js';

/** parseKeyValues reads `k=v,k2=v2` (labels) into a map; what names the flag in errors. */
export function parseKeyValues(text: string, what: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const pair of text.split(',').filter((p) => p !== '')) {
    const eq = pair.indexOf('=');
    if (eq <= 0) throw new CliError(`invalid ${what} spec: ${pair}`);
    out[pair.slice(0, eq)] = pair.slice(eq + 1);
  }
  return out;
}

/** run is `kctl run`. */
export const run: Command = {
  name: 'run',
  aliases: ['run-container'],
  summary: 'Run a particular image on the cluster, managed by a replication controller.',
  usage: 'kctl run NAME --image=image [--env="key=value"] [--port=port] [--replicas=replicas] [--labels=k=v,...] [--dry-run=server|client] [--command] -- [COMMAND] [args...]',
  examples: `# Start two nginx replicas listening on port 80
kctl run nginx --image=nginx --port=80 --replicas=2

# Start busybox with a command of your own
kctl run sleeper --image=busybox --command -- sleep 3600`,
  flags: [
    flag('image', 'string', '', 'The image for the container to run.'),
    flag('port', 'int', -1, 'The port that this container exposes.'),
    flag('replicas', 'int', 1, 'Number of replicas to create.', { short: 'r' }),
    flag('labels', 'string', '', 'Comma separated labels to apply to the pods; they replace the default run=NAME.'),
    flag('env', 'stringArray', [], 'Environment variables to set in the container (KEY=VALUE); may be repeated.'),
    flag('command', 'bool', false, 'If true and extra arguments are present, use them as the container command instead of its args.'),
    flag('image-pull-policy', 'string', '', 'The image pull policy for the container (Always, IfNotPresent, Never).'),
    F.dryRun,
    F.output,
  ],
  async run(ctx) {
    const image = ctx.flags.string('image');
    if (!image) throw new CliError('required flag(s) "image" not set');
    const [name, ...extra] = ctx.args;
    if (!name) throw new CliError('NAME is required for run');
    const replicas = ctx.flags.int('replicas');
    if (replicas < 0) throw new CliError('--replicas must be greater than or equal to 0');
    const labels = ctx.flags.string('labels') ? parseKeyValues(ctx.flags.string('labels'), 'label') : { run: name };
    const container: Record<string, unknown> = { name, image };
    const args = [...extra, ...(ctx.flags.dashArgs ?? [])];
    if (args.length > 0) container[ctx.flags.bool('command') ? 'command' : 'args'] = args;
    else if (ctx.flags.bool('command')) throw new CliError('--command requires a command: kctl run NAME --image=IMAGE --command -- COMMAND [args...]');
    const env = ctx.flags.strings('env').map((e) => {
      const eq = e.indexOf('=');
      if (eq <= 0) throw new CliError(`invalid env: ${e}`);
      return { name: e.slice(0, eq), value: e.slice(eq + 1) };
    });
    if (env.length > 0) container['env'] = env;
    const port = ctx.flags.int('port');
    if (port >= 0) container['ports'] = [{ containerPort: port }];
    if (ctx.flags.string('image-pull-policy')) container['imagePullPolicy'] = ctx.flags.string('image-pull-policy');
    const rc: KubeObject = {
      apiVersion: 'v1',
      kind: 'ReplicationController',
      metadata: { name, labels },
      spec: { replicas, selector: labels, template: { metadata: { labels }, spec: { containers: [container] } } },
    };
    const dryRun = dryRunOf(ctx);
    const mapping = (await ctx.mapper()).resolve('replicationcontrollers');
    const result = dryRun === 'client' ? { ...rc, metadata: { ...rc.metadata, namespace: ctx.namespace } } : await ctx.client(mapping).create(ctx.namespace, rc, writeOptions(dryRun));
    new Reporter(ctx, dryRun).done(mapping, result, 'created');
    return 0;
  },
};
