// How failures reach the user: one readable line (or kubectl's multi-line "is invalid" list), in
// kubectl's words, so scripts and people used to kubectl read them the same way.
import { isApiError, type ApiError } from '../client/rest.js';
import { KubeconfigError } from '../client/kubeconfig.js';
import type { Context } from './command.js';
import { UsageError } from './flags.js';

/** CliError is an expected failure printed as `error: <message>` (or as is, when raw). */
export class CliError extends Error {
  override name = 'CliError';
  constructor(
    message: string,
    readonly exitCode = 1,
    readonly raw = false,
  ) {
    super(message);
  }
}

/** ReportedError says the command already printed its errors and only the exit code is left. */
export class ReportedError extends Error {
  override name = 'ReportedError';
  constructor(readonly exitCode = 1) {
    super('errors were reported');
  }
}

interface StatusCause {
  field?: string;
  message?: string;
}

/**
 * apiErrorMessage is cmdutil.StandardErrorMessage for a server error: "Error from server
 * (Reason): message", or for Invalid the object and its causes, one per line when several.
 */
export function apiErrorMessage(err: ApiError, prefix = ''): string {
  const status = err.status as { details?: { kind?: string; name?: string; causes?: StatusCause[] }; message?: string } | undefined;
  if (err.reason === 'Invalid' && status?.details) {
    const d = status.details;
    let head = 'The request is invalid';
    if (d.kind || d.name) head = `The ${d.kind ?? ''} "${d.name ?? ''}" is invalid`;
    else if (status.message && !(d.causes?.length)) head += `: ${status.message}`;
    const causes = [...new Set((d.causes ?? []).map((c) => `${c.field ?? ''}: ${c.message ?? ''}`))];
    if (causes.length === 0) return prefix + head;
    if (causes.length === 1) return `${prefix}${head}: ${causes[0]}`;
    return `${prefix}${head}: \n${causes.map((c) => `* ${c}`).join('\n')}`;
  }
  if (err.reason === 'Unauthorized') return `error: You must be logged in to the server (${err.message})`;
  return err.reason ? `Error from server (${err.reason}): ${prefix}${err.message}` : `Error from server: ${prefix}${err.message}`;
}

/** errorMessage renders any failure as kubectl would print it (without a trailing newline). */
export function errorMessage(err: unknown, server?: string): string {
  if (isApiError(err)) return apiErrorMessage(err);
  if (err instanceof CliError && err.raw) return err.message;
  if (err instanceof CliError || err instanceof KubeconfigError || err instanceof UsageError) return `error: ${err.message}`;
  const code = (err as { code?: string } | null)?.code;
  if (code === 'ECONNREFUSED' && server) {
    const host = new URL(server).host;
    return `The connection to the server ${host} was refused - did you specify the right host or port?`;
  }
  if (code && ['ENOTFOUND', 'EAI_AGAIN', 'ECONNRESET', 'ETIMEDOUT', 'EHOSTUNREACH', 'ECONNREFUSED'].includes(code)) {
    return `error: Unable to connect to the server: ${(err as Error).message}`;
  }
  if (code && /CERT|SELF_SIGNED|UNABLE_TO_VERIFY/.test(code)) return `error: Unable to connect to the server: tls: ${(err as Error).message}`;
  return `error: ${(err as Error)?.message ?? String(err)}`;
}

/**
 * sourcedErrorMessage reports a failure on one manifest document as one line naming the file and
 * document, as kubectl's AddSourceToErr does ("error when creating \"f.yaml\": ...").
 */
export function sourcedErrorMessage(err: unknown, verb: string, source: string, index: number | undefined): string {
  const where = `error when ${verb} "${source}"${index !== undefined ? ` (document ${index + 1})` : ''}: `;
  if (isApiError(err)) return err.reason ? `Error from server (${err.reason}): ${where}${err.message}` : `Error from server: ${where}${err.message}`;
  return `error: ${where}${(err as Error)?.message ?? String(err)}`;
}

/** printErrors writes collected error lines to stderr, each with kubectl's prefix. */
export function printErrors(ctx: Pick<Context, 'err'>, errors: readonly string[]): void {
  for (const e of errors) ctx.err(`${/^(Error from server|The |error: )/.test(e) ? e : `error: ${e}`}\n`);
}
