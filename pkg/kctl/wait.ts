// `kctl wait --for=delete|condition=C[=value]|jsonpath={...}[=value]|create KIND/NAME`: block until
// each object meets the condition (watching it, not polling), saying on stderr what it waits for
// whenever that changes, and fail with kubectl's message when --timeout runs out.
import type { KubeObject } from '../../api/meta/object.js';
import { isApiError, sleep } from '../client/rest.js';
import { watchEvents } from '../client/watch.js';
import type { Command, Context } from './command.js';
import { CliError, errorMessage, printErrors } from './errors.js';
import { F, flag } from './flags.js';
import { asArray, asRecord, str } from './format.js';
import { evaluate, parsePath, textOf } from './jsonpath.js';
import { kindName } from './mapper.js';
import { selectTargets, type Target } from './targets.js';

/** Condition is a parsed --for. */
export type Condition =
  | { kind: 'delete' }
  | { kind: 'create' }
  | { kind: 'condition'; type: string; value: string }
  | { kind: 'jsonpath'; path: string; value?: string };

/** parseFor reads --for as kubectl does. */
export function parseFor(text: string): Condition {
  if (text === 'delete') return { kind: 'delete' };
  if (text === 'create') return { kind: 'create' };
  if (text.startsWith('condition=')) {
    const [type = '', value = 'true'] = text.slice('condition='.length).split('=');
    if (!type) throw new CliError('condition name is required, e.g. --for=condition=Ready');
    return { kind: 'condition', type, value };
  }
  if (text.startsWith('jsonpath=')) {
    const rest = text.slice('jsonpath='.length);
    const m = /^(\{.*\})(?:=(.*))?$/s.exec(rest) ?? /^([^=]+)(?:=(.*))?$/s.exec(rest);
    if (!m) throw new CliError(`jsonpath wait format must be --for=jsonpath='{.status.readyReplicas}'=3`);
    const path = (m[1] as string).replace(/^\{|\}$/g, '');
    parsePath(path);
    return m[2] !== undefined ? { kind: 'jsonpath', path, value: m[2] } : { kind: 'jsonpath', path };
  }
  throw new CliError(`unrecognized condition: "${text}"`);
}

/** check says whether obj (undefined: absent) meets c, and if not, what it is now. */
export function check(c: Condition, obj: KubeObject | undefined): { met: boolean; now: string } {
  if (c.kind === 'delete') return { met: obj === undefined, now: 'still exists' };
  if (obj === undefined) return { met: false, now: 'does not exist yet' };
  if (c.kind === 'create') return { met: true, now: '' };
  if (c.kind === 'condition') {
    const cond = asArray(asRecord(obj['status'])['conditions']).find((x) => str(x['type']).toLowerCase() === c.type.toLowerCase());
    if (!cond) return { met: false, now: `condition ${c.type} not reported yet` };
    const observed = typeof cond['observedGeneration'] === 'number' ? cond['observedGeneration'] : undefined;
    const stale = observed !== undefined && observed < (obj.metadata?.generation ?? 0);
    const met = !stale && str(cond['status']).toLowerCase() === c.value.toLowerCase();
    const reason = str(cond['reason']);
    return { met, now: `condition ${c.type} is ${str(cond['status'])}${reason ? ` (${reason})` : ''}` };
  }
  const found = evaluate(parsePath(c.path), obj);
  if (c.value === undefined) return { met: found.length > 0, now: `{${c.path}} is not set` };
  const text = found.map(textOf).join(' ');
  return { met: found.length > 0 && text === c.value, now: found.length > 0 ? `{${c.path}} is ${JSON.stringify(text)}` : `{${c.path}} is not set` };
}

/** wait is `kctl wait`. */
export const wait: Command = {
  name: 'wait',
  summary: 'Experimental: Wait for a specific condition on one or many resources.',
  usage: "kctl wait ([-f FILENAME] | resource.group/resource.name | resource.group [(-l label | --all)]) [--for=create|--for=delete|--for condition=available[=value]|--for=jsonpath='{}'[=value]] [flags]",
  examples: `# Wait for the pod "busybox1" to contain the status condition of type "Ready"
kctl wait --for=condition=Ready pod/busybox1

# Wait for the pod "busybox1" to be deleted, with a timeout of 60s
kctl wait --for=delete pod/busybox1 --timeout=60s

# Wait for a field to reach a value
kctl wait --for=jsonpath='{.status.phase}'=Running pod/busybox1`,
  flags: [
    flag('for', 'string', '', 'The condition to wait on: [create|delete|condition=condition-name[=condition-value]|jsonpath=\'{JSONPath expression}\'=[JSONPath value]].'),
    flag('timeout', 'duration', 30_000, 'The length of time to wait before giving up. Zero means check once and don\'t wait.'),
    F.filename, F.recursive, F.selector, F.all, F.allNamespaces,
  ],
  async run(ctx) {
    if (!ctx.flags.string('for')) throw new CliError('--for must be specified, e.g. --for=condition=Ready');
    const cond = parseFor(ctx.flags.string('for'));
    const { targets, errors } = await selectTargets(ctx);
    if (targets.length === 0 && errors.length === 0) throw new CliError('no matching resources found');
    for (const t of targets) {
      try {
        if (await waitFor(ctx, t, cond, ctx.flags.durationMs('timeout'))) ctx.out(`${kindName(t.mapping)}/${t.name} condition met\n`);
        else if (ctx.signal.aborted) return 130;
        else errors.push(`error: timed out waiting for the condition on ${t.mapping.resource}/${t.name}`);
      } catch (err) {
        if (!isApiError(err)) throw err;
        errors.push(errorMessage(err));
      }
    }
    printErrors(ctx, errors);
    return errors.length > 0 ? 1 : 0;
  },
};

async function waitFor(ctx: Context, t: Target, cond: Condition, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  const path = ctx.client(t.mapping).path(t.namespace);
  let said = '';
  const progress = (now: string): void => {
    if (now === said || now === '') return;
    said = now;
    ctx.err(`Waiting for ${kindName(t.mapping)}/${t.name}: ${now}\n`);
  };
  for (;;) {
    const listed = await ctx.rest().request<{ items?: KubeObject[]; metadata?: { resourceVersion?: string } }>({ path, query: { fieldSelector: `metadata.name=${t.name}` } });
    let obj = listed.body.items?.[0];
    if (!obj && cond.kind !== 'delete' && cond.kind !== 'create') throw await notFound(ctx, t);
    let state = check(cond, obj);
    if (state.met) return true;
    progress(state.now);
    if (Date.now() >= deadline || ctx.signal.aborted) return false;
    const ac = new AbortController();
    const stop = (): void => ac.abort();
    const timer = setTimeout(stop, Math.max(0, deadline - Date.now()));
    ctx.signal.addEventListener('abort', stop, { once: true });
    try {
      const query = { fieldSelector: `metadata.name=${t.name}`, resourceVersion: listed.body.metadata?.resourceVersion };
      for await (const e of watchEvents(ctx.rest(), { path, query, signal: ac.signal })) {
        if (e.type === 'BOOKMARK') continue;
        obj = e.type === 'DELETED' ? undefined : e.object;
        state = check(cond, obj);
        if (state.met) return true;
        progress(state.now);
      }
    } catch (err) {
      if (!isApiError(err)) throw err;
      await sleep(500, ctx.signal); // the watch expired: list again
    } finally {
      clearTimeout(timer);
      ctx.signal.removeEventListener('abort', stop);
    }
    if (Date.now() >= deadline || ctx.signal.aborted) return false;
  }
}

// The same error a GET would give, so the message reads as kubectl's.
async function notFound(ctx: Context, t: Target): Promise<unknown> {
  try {
    await ctx.rest().request({ path: ctx.client(t.mapping).path(t.namespace, t.name) });
    return new CliError(`${t.mapping.resource} "${t.name}" not found`);
  } catch (err) {
    return err;
  }
}
