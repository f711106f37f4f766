// Command is one subcommand of the multi-call binary. `runCommand` gives every subcommand the
// same behaviour: `--help` with every flag and its default, usage errors with exit code 2, known
// errors as one readable line with exit code 1, and an AbortSignal for a clean shutdown.
import { createLogger, type Logger } from './log.js';
import { formatHelp, parseFlags, UsageError, type FlagSet, type FlagValues } from './flags.js';
import { shutdownSignal } from './signals.js';

/** CommandContext is what a running command gets besides its flags. */
export interface CommandContext {
  signal: AbortSignal;
  logger: Logger;
  positionals: string[];
}

/** Command declares a subcommand; run returns the exit code (0 when it returns nothing). */
export interface Command<S extends FlagSet = FlagSet> {
  name: string;
  usage: string;
  description: string;
  flags: S;
  run(values: FlagValues<S>, ctx: CommandContext): Promise<number | void>;
}

/** defineCommand keeps the flag types of run() tied to the declared flags. */
export function defineCommand<S extends FlagSet>(cmd: Command<S>): Command<S> {
  return cmd;
}

/** UserFacingError is an expected failure: main prints its message alone, no stack trace. */
export class UserFacingError extends Error {
  override name = 'UserFacingError';
}

/** runCommand parses argv for cmd, runs it, and returns the process exit code. */
export async function runCommand<S extends FlagSet>(cmd: Command<S>, argv: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseFlags(cmd.flags, argv);
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    process.stderr.write(`kubelite ${cmd.name}: ${err.message}\nRun 'kubelite ${cmd.name} --help' for usage.\n`);
    return 2;
  }
  if (parsed.help) {
    process.stdout.write(formatHelp(cmd.usage, cmd.description, cmd.flags));
    return 0;
  }
  const level = (parsed.values as { logLevel?: string }).logLevel ?? 'info';
  let logger: Logger;
  try {
    logger = createLogger(level);
  } catch (err) {
    process.stderr.write(`kubelite ${cmd.name}: ${(err as Error).message}\n`);
    return 2;
  }
  try {
    const code = await cmd.run(parsed.values, { signal: shutdownSignal(), logger, positionals: parsed.positionals });
    return code ?? 0;
  } catch (err) {
    if (isUserFacing(err)) {
      process.stderr.write(`kubelite ${cmd.name}: ${(err as Error).message}\n`);
      return 1;
    }
    logger.fatal({ err }, `${cmd.name} failed`);
    return 1;
  }
}

// Storage errors about the data dir (locked, corrupt, wrong format) are the user's to fix, so
// they are shown as one line too.
function isUserFacing(err: unknown): boolean {
  if (err instanceof UserFacingError || err instanceof UsageError) return true;
  // A missing or broken kubeconfig is the user's to fix (pkg/client names its errors so).
  if ((err as { name?: string } | null)?.name === 'KubeconfigError') return true;
  const code = (err as { name?: string; code?: string } | null)?.code;
  return (err as { name?: string } | null)?.name === 'StorageError' && ['Locked', 'Corrupt', 'FormatMismatch', 'Unavailable'].includes(code ?? '');
}

/** notBuilt declares a subcommand whose role does not exist yet: its flags and --help work, running it fails clearly. */
export function notBuilt<S extends FlagSet>(name: string, description: string, flags: S, issue: string): Command<S> {
  return defineCommand({
    name,
    usage: `kubelite ${name} [flags]`,
    description: `${description}\n\nNot built yet (${issue}); its flags are accepted by 'kubelite server' already.`,
    flags,
    async run() {
      throw new UserFacingError(`the ${name} role is not built yet (${issue}); nothing was started`);
    },
  });
}
