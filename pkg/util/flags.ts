// Declarative command-line flags: each role declares its flags once, and the same declaration
// drives parsing, `--help` and the table in docs/flags.md, so the three can never disagree.
import { parseArgs } from 'node:util';
import { formatDuration, parseDuration } from './duration.js';

/** FlagKind is how a flag's text is turned into a value. */
export type FlagKind = 'string' | 'int' | 'bool' | 'duration' | 'list';

interface KindValue {
  string: string;
  int: number;
  bool: boolean;
  duration: number; // milliseconds
  list: string[];
}

/** FlagSpec declares one flag: its kind, default and a one-line help text. */
export interface FlagSpec<K extends FlagKind = FlagKind> {
  kind: K;
  default: KindValue[K];
  help: string;
  /** defaultText replaces the printed default where it depends on the machine (hostname, uid). */
  defaultText?: string;
}

/** FlagSet maps camelCase option names to their specs; the flag is the kebab-case name. */
export type FlagSet = Record<string, FlagSpec>;

/** FlagValues is the parsed, typed result for a FlagSet. */
export type FlagValues<S extends FlagSet> = { [K in keyof S]: KindValue[S[K]['kind']] };

/** flag builds a FlagSpec with the value type checked against the kind. */
export function flag<K extends FlagKind>(kind: K, def: KindValue[K], help: string, defaultText?: string): FlagSpec<K> {
  return defaultText === undefined ? { kind, default: def, help } : { kind, default: def, help, defaultText };
}

/** kebab turns an option name into its flag name: dataDir → data-dir. */
export function kebab(name: string): string {
  return name.replace(/[A-Z]/g, (c) => '-' + c.toLowerCase());
}

/** UsageError is a mistake on the command line; main prints its message and exits 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}

/** mergeFlagSets joins role flag sets for `server`; a flag declared twice must be declared alike. */
export function mergeFlagSets(...sets: FlagSet[]): FlagSet {
  const out: FlagSet = {};
  for (const set of sets) {
    for (const [name, spec] of Object.entries(set)) {
      const prev = out[name];
      if (prev && (prev.kind !== spec.kind || JSON.stringify(prev.default) !== JSON.stringify(spec.default))) {
        throw new Error(`flag --${kebab(name)} is declared twice with different kinds or defaults`);
      }
      out[name] = spec;
    }
  }
  return out;
}

/** parseFlags parses argv against a FlagSet; unknown flags and bad values are UsageErrors. */
export function parseFlags<S extends FlagSet>(set: S, argv: string[]): { values: FlagValues<S>; positionals: string[]; help: boolean } {
  const options: Record<string, { type: 'string' | 'boolean'; multiple?: boolean }> = { help: { type: 'boolean' } };
  for (const [name, spec] of Object.entries(set)) {
    options[kebab(name)] = spec.kind === 'bool' ? { type: 'boolean' } : { type: 'string', multiple: spec.kind === 'list' };
  }
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options, allowPositionals: true, strict: true, allowNegative: true } as Parameters<typeof parseArgs>[0] & { allowNegative: boolean });
  } catch (err) {
    throw new UsageError((err as Error).message.split('\n')[0] ?? String(err));
  }
  const raw = parsed.values as Record<string, string | boolean | string[] | undefined>;
  const values: Record<string, unknown> = {};
  for (const [name, spec] of Object.entries(set)) {
    const text = raw[kebab(name)];
    values[name] = text === undefined ? structuredClone(spec.default) : convert(kebab(name), spec, text);
  }
  return { values: values as FlagValues<S>, positionals: parsed.positionals, help: raw['help'] === true };
}

function convert(flagName: string, spec: FlagSpec, text: string | boolean | string[]): unknown {
  switch (spec.kind) {
    case 'bool':
      return text === true;
    case 'list':
      return (text as string[]).flatMap((s) => s.split(',')).map((s) => s.trim()).filter((s) => s !== '');
    case 'int': {
      const n = Number(text);
      if (!Number.isInteger(n)) throw new UsageError(`invalid value "${String(text)}" for --${flagName}: want an integer`);
      return n;
    }
    case 'duration':
      try {
        return parseDuration(String(text));
      } catch (err) {
        throw new UsageError(`invalid value "${String(text)}" for --${flagName}: ${(err as Error).message}`);
      }
    default:
      return String(text);
  }
}

/** defaultText prints a flag's default the way the user would type it. */
export function defaultText(spec: FlagSpec): string {
  if (spec.defaultText !== undefined) return spec.defaultText;
  switch (spec.kind) {
    case 'duration':
      return formatDuration(spec.default as number);
    case 'list':
      return (spec.default as string[]).join(',');
    default:
      return String(spec.default);
  }
}

/** formatHelp renders `--help`: usage, a description, then one aligned line per flag. */
export function formatHelp(usage: string, description: string, set: FlagSet): string {
  const rows = Object.entries(set).map(([name, spec]) => {
    const value = spec.kind === 'bool' ? '' : ` ${spec.kind}`;
    const def = defaultText(spec);
    const shown = spec.kind === 'string' || spec.kind === 'list' ? JSON.stringify(def) : def;
    return [`  --${kebab(name)}${value}`, `${spec.help}${def === '' ? '' : ` (default ${shown})`}`] as const;
  });
  rows.push(['  --help', 'show this help']);
  const width = Math.max(...rows.map(([left]) => left.length)) + 2;
  const lines = rows.map(([left, right]) => left.padEnd(width) + right);
  return `Usage: ${usage}\n\n${description}\n\nFlags:\n${lines.join('\n')}\n`;
}
