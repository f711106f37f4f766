// `kctl apply -f`: kubectl's client-side apply. Objects that do not exist are created with the
// last-applied-configuration annotation; existing ones get a three-way patch (apply-patch.ts)
// from the last-applied configuration, the manifest and the live object. Every document is tried;
// a failing one is reported with its file and position and the exit code is 1.
import type { KubeObject } from '../../api/meta/object.js';
import { patchMetaFor } from '../../api/patch-meta.js';
import { isApiError } from '../client/rest.js';
import { threeWayMergePatch, threeWayStrategicPatch, type JsonObject } from './apply-patch.js';
import type { Command, Context } from './command.js';
import { CliError, printErrors, sourcedErrorMessage } from './errors.js';
import { F, flag } from './flags.js';
import { apiVersionOf } from './mapper.js';
import { dryRunOf, LAST_APPLIED, Reporter, withLastApplied, writeOptions, type DryRun } from './mutate.js';
import { fetchOne, targetsFromFiles, type Target } from './targets.js';

/** apply is `kctl apply`. */
export const apply: Command = {
  name: 'apply',
  summary: 'Apply a configuration to a resource by file name or stdin.',
  usage: 'kctl apply (-f FILENAME | -f DIRECTORY | -f -) [flags]',
  examples: `# Apply the configuration in manifest.yaml
kctl apply -f ./manifest.yaml

# Apply every .yaml, .yml and .json file in a directory
kctl apply -f ./manifests/

# Apply the JSON passed into stdin
cat pod.json | kctl apply -f -`,
  flags: [F.filename, F.recursive, F.output, F.dryRun, flag('overwrite', 'bool', true, 'Automatically resolve conflicts between the modified and live configuration by using values from the modified configuration.')],
  async run(ctx) {
    const files = ctx.flags.strings('filename');
    if (files.length === 0) throw new CliError('must specify one of -f and -k');
    const dryRun = dryRunOf(ctx);
    const reporter = new Reporter(ctx, dryRun);
    const { targets, errors } = await targetsFromFiles(ctx, files);
    for (const t of targets) {
      try {
        await applyOne(ctx, t, dryRun, reporter);
      } catch (err) {
        if (!isApiError(err) && !(err instanceof CliError)) throw err;
        errors.push(err instanceof CliError ? `error: ${err.message}` : sourcedErrorMessage(err, (err as { verb?: string }).verb ?? 'applying', t.doc?.source ?? '', t.doc?.index));
      }
    }
    if (targets.length === 0 && errors.length === 0) throw new CliError('no objects passed to apply');
    printErrors(ctx, errors);
    return errors.length > 0 ? 1 : 0;
  },
};

const tag = <E>(err: E, verb: string): E => Object.assign(err as object, { verb }) as E;

async function applyOne(ctx: Context, t: Target, dryRun: DryRun, reporter: Reporter): Promise<void> {
  const source = t.doc?.source ?? '';
  const manifest = structuredClone(t.doc?.object ?? {}) as KubeObject;
  const name = manifest.metadata?.name ?? '';
  if (!name) throw new CliError(`error when retrieving current configuration from "${source}": resource name may not be empty`);
  if (t.namespace !== undefined) manifest.metadata = { ...manifest.metadata, namespace: t.namespace };
  const modified = withLastApplied(manifest);
  const client = ctx.client(t.mapping);
  let live: KubeObject | undefined;
  try {
    live = await fetchOne(ctx, t);
  } catch (err) {
    if (!isApiError(err, 'NotFound')) throw tag(err, 'retrieving current configuration of');
  }
  if (!live) {
    const created = dryRun === 'client' ? modified : await client.create(t.namespace, modified, writeOptions(dryRun)).catch((err: unknown) => Promise.reject(tag(err, 'creating')));
    reporter.done(t.mapping, created, 'created');
    return;
  }
  for (let attempt = 0; ; attempt++) {
    const lastApplied = live.metadata?.annotations?.[LAST_APPLIED];
    if (lastApplied === undefined && attempt === 0) {
      ctx.err(`Warning: resource ${t.mapping.resource}/${name} is missing the ${LAST_APPLIED} annotation which is required by kctl apply. kctl apply should only be used on resources created declaratively by either kctl create --save-config or kctl apply. The missing annotation will be patched automatically.\n`);
    }
    const original = (lastApplied ? JSON.parse(lastApplied) : {}) as JsonObject;
    const meta = patchMetaFor(apiVersionOf(t.mapping), t.mapping.kind);
    const patch = meta
      ? threeWayStrategicPatch(original, modified as JsonObject, live as JsonObject, meta)
      : threeWayMergePatch(original, modified as JsonObject, live as JsonObject);
    if (Object.keys(patch).length === 0) {
      reporter.done(t.mapping, live, 'unchanged');
      return;
    }
    if (dryRun === 'client') {
      reporter.done(t.mapping, live, 'configured');
      return;
    }
    try {
      const patched = await client.patch(t.namespace, name, patch, meta ? 'strategic' : 'merge', writeOptions(dryRun));
      reporter.done(t.mapping, patched, 'configured');
      return;
    } catch (err) {
      // Someone else changed the object between our read and our patch: read again and recompute.
      if (!isApiError(err, 'Conflict') || attempt >= 4) throw tag(err, 'patching');
      live = await fetchOne(ctx, t);
    }
  }
}
