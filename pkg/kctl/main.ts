// kctl's entry point: finds the command, parses its flags (and the global ones), runs it, and
// turns failures into kubectl's messages and exit codes.
import { apiResources } from './api-resources.js';
import { apply } from './apply.js';
import { clusterInfo } from './cluster-info.js';
import { processIO, Context, type Command, type IO } from './command.js';
import { config } from './config.js';
import { cordon, uncordon } from './cordon.js';
import { create } from './create.js';
import { deleteCommand } from './delete.js';
import { describe } from './describe.js';
import { errorMessage, ReportedError } from './errors.js';
import { expose } from './expose.js';
import { formatHelp, GLOBAL_FLAGS, parseFlags, UsageError } from './flags.js';
import { get } from './get.js';
import { annotate, label } from './label.js';
import { run } from './run.js';
import { resize, scale } from './scale.js';
import { version } from './version.js';
import { wait } from './wait.js';

/** COMMANDS lists kctl's commands in the order `kctl --help` shows them. */
export const COMMANDS: readonly Command[] = [
  run, expose, get, describe, apply, create, deleteCommand, scale, resize, label, annotate, cordon, uncordon,
  wait, clusterInfo, apiResources, config, version,
];

function usage(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length)) + 3;
  const rows = COMMANDS.map((c) => `  ${c.name.padEnd(width)}${(c.summary.split('\n')[0] ?? '').replace(/\.$/, '')}`);
  return `kctl controls a kubelite cluster, as kubectl does.\n\nCommands:\n${rows.join('\n')}\n\nUsage:\n  kctl [flags] [options]\n\nUse "kctl <command> --help" for more information about a given command.\n`;
}

/** findCommand looks a command up by name or alias. */
export function findCommand(name: string): Command | undefined {
  return COMMANDS.find((c) => c.name === name || c.aliases?.includes(name));
}

// Global flags may come before the command (`kctl -n kube-system get pods`), as in kubectl: the
// command is the first argument that is neither a global flag nor a global flag's value.
function commandIndex(argv: readonly string[]): number {
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] as string;
    if (!a.startsWith('-') || a === '-') return i;
    if (a === '--help' || a === '-h' || a === '--') return -1;
    const long = a.startsWith('--') ? GLOBAL_FLAGS.find((f) => a === `--${f.name}` || a.startsWith(`--${f.name}=`)) : undefined;
    const short = !a.startsWith('--') ? GLOBAL_FLAGS.find((f) => f.short && a.startsWith(`-${f.short}`)) : undefined;
    const def = long ?? short;
    if (!def) return -1;
    const inline = long ? a.includes('=') : a.length > 2;
    if (!inline && def.type !== 'bool') i++;
  }
  return -1;
}

/** kctlMain runs kctl with argv (without the program name) and returns the exit code. */
export async function kctlMain(argv: string[], io: IO = processIO, signal?: AbortSignal): Promise<number> {
  const at = commandIndex(argv);
  const name = at < 0 ? argv[0] : argv[at];
  const rest = at < 0 ? argv.slice(1) : [...argv.slice(0, at), ...argv.slice(at + 1)];
  if (name === undefined || name === '--help' || name === '-h') {
    io.out(usage());
    return 0;
  }
  if (name === 'help') {
    const cmd = rest[0] !== undefined ? findCommand(rest[0]) : undefined;
    io.out(cmd ? formatHelp(cmd) : usage());
    return 0;
  }
  const cmd = findCommand(name);
  if (!cmd) {
    io.err(`error: unknown command "${name}" for "kctl"\nRun 'kctl --help' for usage.\n`);
    return 1;
  }
  let flags;
  try {
    flags = parseFlags(cmd.flags, rest);
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    io.err(`Error: ${err.message}\nSee 'kctl ${cmd.name} --help' for usage.\n`);
    return 1;
  }
  if (flags.help) {
    io.out(formatHelp(cmd));
    return 0;
  }
  const interrupt = signal ? undefined : interruptSignal();
  const ctx = new Context(cmd, flags, io, signal ?? (interrupt as AbortController).signal);
  try {
    return (await cmd.run(ctx)) ?? 0;
  } catch (err) {
    if (err instanceof ReportedError) return err.exitCode;
    if (err instanceof UsageError) {
      io.err(`Error: ${err.message}\nSee 'kctl ${cmd.name} --help' for usage.\n`);
      return 1;
    }
    io.err(`${errorMessage(err, ctx.server)}\n`);
    return (err as { exitCode?: number }).exitCode ?? 1;
  } finally {
    ctx.close();
    if (interrupt) process.off('SIGINT', onInterrupt).off('SIGTERM', onInterrupt);
  }
}

let current: AbortController | undefined;
function onInterrupt(): void {
  if (!current || current.signal.aborted) process.exit(130);
  current.abort();
  // Watches and waits stop at once on the abort; a request in flight gets a moment, then we go.
  setTimeout(() => process.exit(130), 1000).unref();
}

// Ctrl-C ends watches and waits cleanly (exit 0 after a watch, as kubectl) and anything else
// promptly: the first signal aborts, a second or a slow command exits 130.
function interruptSignal(): AbortController {
  current = new AbortController();
  process.on('SIGINT', onInterrupt).on('SIGTERM', onInterrupt);
  return current;
}
