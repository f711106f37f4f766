// `kctl delete`: by name, -f, -l or --all; then, like kubectl, wait until each object is really
// gone (finalizers and graceful pod deletion can keep it a while), unless --wait=false.
import type { KubeObject } from '../../api/meta/object.js';
import { isApiError, sleep } from '../client/rest.js';
import { watchEvents } from '../client/watch.js';
import type { Command, Context } from './command.js';
import { CliError, errorMessage, printErrors, sourcedErrorMessage } from './errors.js';
import { F, flag } from './flags.js';
import { kindName } from './mapper.js';
import { dryRunOf } from './mutate.js';
import { fetchOne, selectTargets, type Target } from './targets.js';

const CASCADE: Record<string, string> = { background: 'Background', foreground: 'Foreground', orphan: 'Orphan', true: 'Background', false: 'Orphan' };

/** deleteCommand is `kctl delete`. */
export const deleteCommand: Command = {
  name: 'delete',
  summary: 'Delete resources by file names, stdin, resources and names, or by resources and label selector.',
  usage: 'kctl delete ([-f FILENAME] | TYPE [(NAME | -l label | --all)]) [flags]',
  examples: `# Delete a pod by name
kctl delete pod nginx

# Delete the objects of a manifest
kctl delete -f ./pod.yaml

# Delete pods and services with label name=myLabel
kctl delete pods,services -l name=myLabel`,
  flags: [
    F.filename, F.recursive, F.selector, F.all, F.allNamespaces, F.dryRun,
    { ...F.output, help: 'Output mode. Use "-o name" for shorter output (resource/name).' },
    flag('grace-period', 'int', -1, 'Period of time in seconds given to the resource to terminate gracefully. Ignored if negative. Set to 1 for immediate shutdown.'),
    flag('now', 'bool', false, 'If true, resources are signaled for immediate shutdown (same as --grace-period=1).'),
    flag('force', 'bool', false, 'If true, immediately remove resources from API and bypass graceful deletion (needs --grace-period=0).'),
    flag('cascade', 'string', 'background', 'Must be "background", "orphan", or "foreground". Selects the deletion cascading strategy for the dependents.', { noOptValue: 'background' }),
    flag('wait', 'bool', true, 'If true, wait for resources to be gone before returning.'),
    flag('timeout', 'duration', 0, 'The length of time to wait before giving up on a delete, zero means wait a long time.'),
    flag('ignore-not-found', 'bool', false, 'Treat "resource not found" as a successful delete. Defaults to "true" when --all is specified.'),
  ],
  async run(ctx) {
    const dryRun = dryRunOf(ctx);
    const cascade = CASCADE[ctx.flags.string('cascade')];
    if (!cascade) throw new CliError(`invalid cascade value (${ctx.flags.string('cascade')}). Must be "background", "foreground", or "orphan".`);
    let grace = ctx.flags.int('grace-period');
    if (ctx.flags.bool('now')) grace = 1;
    if (ctx.flags.bool('force') && grace < 0) grace = 0;
    const files = ctx.flags.strings('filename');
    const ignoreNotFound = ctx.flags.bool('ignore-not-found') || ctx.flags.bool('all');
    if (files.length === 0 && ctx.args.length === 0) throw new CliError('You must provide one or more resources by argument or filename.\nExample resource specifications include:\n   \'-f rsrc.yaml\'\n   \'--filename=rsrc.json\'\n   \'<resource> <name>\'\n   \'<resource>\'');
    const { targets, errors, expanded } = await selectTargets(ctx);
    if (!expanded && files.length === 0 && ctx.flags.string('selector')) throw new CliError('name cannot be provided when a selector is specified');
    if (expanded && targets.length === 0) {
      ctx.err(ctx.flags.bool('all-namespaces') ? 'No resources found\n' : `No resources found in ${ctx.namespace} namespace.\n`);
      return errors.length > 0 ? 1 : 0;
    }
    const waits: Array<{ t: Target; uid?: string }> = [];
    for (const t of targets) {
      try {
        // A client dry run only reads, to fail as the delete would if the object is missing.
        const res = dryRun === 'client'
          ? { body: await fetchOne(ctx, t) }
          : await ctx.client(t.mapping).delete(t.namespace, t.name ?? '', { gracePeriodSeconds: grace >= 0 ? grace : undefined, propagationPolicy: cascade, dryRun: dryRun === 'server' });
        const obj = (res.body ?? {}) as KubeObject;
        const verb = grace === 0 ? 'force deleted' : 'deleted';
        const suffix = dryRun === 'client' ? ' (dry run)' : dryRun === 'server' ? ' (server dry run)' : '';
        if (ctx.flags.string('output') === 'name') ctx.out(`${kindName(t.mapping)}/${t.name}\n`);
        else ctx.out(`${kindName(t.mapping)} "${t.name}" ${verb}${suffix}\n`);
        if (dryRun === 'none') waits.push({ t, uid: obj.kind === 'Status' ? undefined : obj.metadata?.uid });
      } catch (err) {
        if (isApiError(err, 'NotFound') && ignoreNotFound) continue;
        if (!isApiError(err)) throw err;
        errors.push(t.doc ? sourcedErrorMessage(err, 'deleting', t.doc.source, t.doc.index) : errorMessage(err));
      }
    }
    if (ctx.flags.bool('wait')) {
      const timeout = ctx.flags.durationMs('timeout') || 7 * 24 * 3600_000;
      const deadline = Date.now() + timeout;
      for (const w of waits) {
        if (!(await waitGone(ctx, w.t, w.uid, deadline)) && !ctx.signal.aborted) {
          errors.push(`error: timed out waiting for the condition on ${w.t.mapping.resource}/${w.t.name}`);
          break;
        }
      }
    }
    printErrors(ctx, errors);
    return errors.length > 0 ? 1 : 0;
  },
};

/** waitGone waits until the object is absent (or replaced by one with another uid). */
export async function waitGone(ctx: Context, t: Target, uid: string | undefined, deadline: number): Promise<boolean> {
  while (Date.now() < deadline && !ctx.signal.aborted) {
    let obj: KubeObject;
    try {
      obj = await fetchOne(ctx, t);
    } catch (err) {
      if (isApiError(err, 'NotFound')) return true;
      throw err;
    }
    if (uid && obj.metadata?.uid !== uid) return true;
    // Watch from the version just read: its DELETED event ends the wait without polling.
    const ac = new AbortController();
    const stop = (): void => ac.abort();
    ctx.signal.addEventListener('abort', stop, { once: true });
    const timer = setTimeout(stop, Math.min(30_000, Math.max(0, deadline - Date.now())));
    try {
      const path = ctx.client(t.mapping).path(t.namespace);
      const query = { fieldSelector: `metadata.name=${t.name}`, resourceVersion: obj.metadata?.resourceVersion, timeoutSeconds: 30 };
      for await (const e of watchEvents(ctx.rest(), { path, query, signal: ac.signal })) {
        if (e.type === 'DELETED') return true;
      }
    } catch (err) {
      if (!isApiError(err)) throw err;
      await sleep(500, ctx.signal);
    } finally {
      clearTimeout(timer);
      ctx.signal.removeEventListener('abort', stop);
    }
  }
  return false;
}
