// `kctl create -f`: create every object of the manifests (and `kctl create namespace NAME`).
// Objects that exist already fail one by one, as kubectl reports them; the rest are created.
import type { KubeObject } from '../../api/meta/object.js';
import { isApiError } from '../client/rest.js';
import type { Command } from './command.js';
import { CliError, printErrors, sourcedErrorMessage } from './errors.js';
import { F, flag } from './flags.js';
import { dryRunOf, Reporter, withLastApplied, writeOptions } from './mutate.js';
import { targetsFromFiles } from './targets.js';

/** create is `kctl create`. */
export const create: Command = {
  name: 'create',
  summary: 'Create a resource from a file or from stdin.',
  usage: 'kctl create (-f FILENAME | namespace NAME) [flags]',
  examples: `# Create a pod using the data in pod.json
kctl create -f ./pod.json

# Create a namespace
kctl create namespace staging`,
  flags: [F.filename, F.recursive, F.output, F.dryRun, flag('save-config', 'bool', false, 'If true, the configuration of the object is saved in its annotation, for later use by kctl apply.')],
  async run(ctx) {
    const dryRun = dryRunOf(ctx);
    const reporter = new Reporter(ctx, dryRun);
    const files = ctx.flags.strings('filename');
    if (files.length === 0) {
      const [what, name] = ctx.args;
      if ((what === 'namespace' || what === 'ns') && name) {
        const ns = (await ctx.mapper()).resolve('namespaces');
        const obj: KubeObject = { apiVersion: 'v1', kind: 'Namespace', metadata: { name } };
        reporter.done(ns, dryRun === 'client' ? obj : await ctx.client(ns).create(undefined, obj, writeOptions(dryRun)), 'created');
        return 0;
      }
      throw new CliError('must specify one of -f and -k');
    }
    const { targets, errors } = await targetsFromFiles(ctx, files);
    for (const t of targets) {
      let obj = structuredClone(t.doc?.object ?? {}) as KubeObject;
      if (t.namespace !== undefined) obj.metadata = { ...obj.metadata, namespace: t.namespace };
      if (ctx.flags.bool('save-config')) obj = withLastApplied(obj);
      try {
        reporter.done(t.mapping, dryRun === 'client' ? obj : await ctx.client(t.mapping).create(t.namespace, obj, writeOptions(dryRun)), 'created');
      } catch (err) {
        if (!isApiError(err)) throw err;
        errors.push(sourcedErrorMessage(err, 'creating', t.doc?.source ?? '', t.doc?.index));
      }
    }
    if (targets.length === 0 && errors.length === 0) throw new CliError('no objects passed to create');
    printErrors(ctx, errors);
    return errors.length > 0 ? 1 : 0;
  },
};
