// What the writing commands share: --dry-run, the "kind/name created" lines (or -o output)
// kubectl prints after a change, and per-object error collection so one failure does not stop
// the rest.
import type { KubeObject } from '../../api/meta/object.js';
import type { WriteOptions } from '../client/resource-client.js';
import type { Context } from './command.js';
import { CliError } from './errors.js';
import { kindName, type Mapping } from './mapper.js';
import { goMarshal } from './format.js';
import { ObjectPrinter, parseOutput, type OutputFormat } from './output.js';

/** DryRun is --dry-run's value. */
export type DryRun = 'none' | 'client' | 'server';

/** dryRunOf reads --dry-run (bare --dry-run means client, as kubectl has it). */
export function dryRunOf(ctx: Context): DryRun {
  const v = ctx.flags.string('dry-run');
  if (v === 'none' || v === 'client' || v === 'server') return v;
  if (v === 'true' || v === 'unchanged') return 'client';
  if (v === 'false') return 'none';
  throw new CliError(`Invalid dry-run value (${v}). Must be "none", "server", or "client".`);
}

/** writeOptions are the query options of a write under --dry-run. */
export function writeOptions(dryRun: DryRun): WriteOptions {
  return dryRun === 'server' ? { dryRun: true } : {};
}

/** Reporter prints the outcome of each changed object, as the -o flag asks. */
export class Reporter {
  private readonly format: OutputFormat;
  private readonly printer?: ObjectPrinter;

  constructor(
    private readonly ctx: Context,
    private readonly dryRun: DryRun,
  ) {
    this.format = parseOutput(ctx.flags.string('output'), ['json', 'yaml', 'name', 'jsonpath']);
    if (this.format.kind !== 'table') this.printer = new ObjectPrinter(this.format, (s) => ctx.out(s));
  }

  /** done reports one object: `deployment.apps/web configured`, or the object under -o. */
  done(mapping: Pick<Mapping, 'kind' | 'group'>, obj: KubeObject, verb: string): void {
    if (this.printer) {
      this.printer.print(obj, mapping);
      return;
    }
    const suffix = this.dryRun === 'client' ? ' (dry run)' : this.dryRun === 'server' ? ' (server dry run)' : '';
    this.ctx.out(`${kindName(mapping)}/${obj.metadata?.name ?? ''} ${verb}${suffix}\n`);
  }
}

/** LAST_APPLIED is the annotation client-side apply keeps the applied manifest in. */
export const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';

/** goJSON is Go's json.Encoder output for a decoded object: sorted keys, compact, HTML-escaped, newline. */
export function goJSON(v: unknown): string {
  return `${goMarshal(v)}\n`;
}

/**
 * withLastApplied is GetModifiedConfiguration(annotate=true): the object with the annotation set
 * to its own serialization without it (and an empty annotations map if it had none).
 */
export function withLastApplied(obj: KubeObject): KubeObject {
  const copy = structuredClone(obj);
  const annotations = { ...(copy.metadata?.annotations ?? {}) };
  delete annotations[LAST_APPLIED];
  copy.metadata = { ...(copy.metadata ?? {}), annotations };
  const serialized = goJSON(copy);
  copy.metadata.annotations = { ...annotations, [LAST_APPLIED]: serialized };
  return copy;
}
