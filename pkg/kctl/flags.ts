// kctl's command line, parsed as kubectl's (spf13/pflag) parses it: flags anywhere among the
// arguments, `--flag=value` or `--flag value`, `-n value`, `-nvalue`, `-n=value`, grouped boolean
// shorthands (`-Aw`), `--` ending the flags, and pflag's wording for mistakes. The global flags
// every command takes and the shared flags commands opt into are declared once, here.
import { formatDuration, parseDuration } from '../util/duration.js';

/** FlagType is how a flag's text becomes a value; 'strings' flags may repeat and split on commas. */
export type FlagType = 'bool' | 'string' | 'int' | 'strings' | 'stringArray' | 'duration';

/** FlagValue is a parsed value: durations are milliseconds. */
export type FlagValue = boolean | string | number | string[];

/** FlagDef declares one flag. */
export interface FlagDef {
  name: string;
  short?: string;
  type: FlagType;
  default: FlagValue;
  help: string;
  /** noOptValue is the value of a non-bool flag given bare (`--dry-run` means client). */
  noOptValue?: string;
}

/** UsageError is a mistake on the command line; kctl prints it with a pointer to --help. */
export class UsageError extends Error {
  override name = 'UsageError';
}

/** flag builds a FlagDef. */
export function flag(name: string, type: FlagType, def: FlagValue, help: string, extra: { short?: string; noOptValue?: string } = {}): FlagDef {
  return { name, type, default: def, help, ...extra };
}

/** GLOBAL_FLAGS apply to every command, as kubectl's persistent flags do. */
export const GLOBAL_FLAGS: readonly FlagDef[] = [
  flag('kubeconfig', 'string', '', 'Path to the kubeconfig file to use for CLI requests.'),
  flag('context', 'string', '', 'The name of the kubeconfig context to use.'),
  flag('namespace', 'string', '', 'If present, the namespace scope for this CLI request.', { short: 'n' }),
  flag('request-timeout', 'string', '0', 'The length of time to wait before giving up on a single server request (accepted for kubectl compatibility).'),
];

/** F holds the shared flags commands opt into, declared once so they read alike everywhere. */
export const F = {
  allNamespaces: flag('all-namespaces', 'bool', false, 'If present, list the requested object(s) across all namespaces.', { short: 'A' }),
  output: flag('output', 'string', '', 'Output format. One of: json|yaml|name|wide|jsonpath=TEMPLATE.', { short: 'o' }),
  selector: flag('selector', 'string', '', 'Selector (label query) to filter on, supports =, ==, != and set-based requirements.', { short: 'l' }),
  fieldSelector: flag('field-selector', 'string', '', 'Selector (field query) to filter on, e.g. status.phase=Running.'),
  watch: flag('watch', 'bool', false, 'After listing/getting the requested object, watch for changes.', { short: 'w' }),
  showLabels: flag('show-labels', 'bool', false, 'When printing, show all labels as the last column.'),
  filename: flag('filename', 'stringArray', [], 'Filename, directory, or - (stdin) of the manifests to use; may be repeated.', { short: 'f' }),
  recursive: flag('recursive', 'bool', false, 'Process the directory used in -f recursively.', { short: 'R' }),
  dryRun: flag('dry-run', 'string', 'none', 'Must be "none", "server", or "client". Client only prints; server submits without persisting.', { noOptValue: 'client' }),
  noHeaders: flag('no-headers', 'bool', false, 'When using the default output format, do not print headers.'),
  all: flag('all', 'bool', false, 'Select all resources in the namespace of the specified resource types.'),
} as const;

/** ParsedFlags is the parse result: typed getters, positionals and what followed `--`. */
export class ParsedFlags {
  constructor(
    private readonly values: Map<string, FlagValue>,
    private readonly changedSet: Set<string>,
    readonly positionals: string[],
    /** dashArgs are the arguments after `--`, or undefined when there was no `--`. */
    readonly dashArgs: string[] | undefined,
    readonly help: boolean,
  ) {}

  private get(name: string): FlagValue {
    const v = this.values.get(name);
    if (v === undefined) throw new Error(`flag --${name} is not declared for this command`);
    return v;
  }

  string(name: string): string {
    return String(this.get(name));
  }

  bool(name: string): boolean {
    return this.get(name) === true;
  }

  int(name: string): number {
    return Number(this.get(name));
  }

  /** durationMs is a duration flag's value in milliseconds. */
  durationMs(name: string): number {
    return Number(this.get(name));
  }

  strings(name: string): string[] {
    const v = this.get(name);
    return Array.isArray(v) ? v : [String(v)];
  }

  /** declared tells whether the command has the flag at all. */
  declared(name: string): boolean {
    return this.values.has(name);
  }

  /** changed tells whether the user set the flag (pflag's Changed). */
  changed(name: string): boolean {
    return this.changedSet.has(name);
  }
}

/** parseFlags parses argv against the command's flags plus the global ones. */
export function parseFlags(defs: readonly FlagDef[], argv: readonly string[]): ParsedFlags {
  const all = [...GLOBAL_FLAGS, ...defs];
  const byName = new Map(all.map((d) => [d.name, d]));
  const byShort = new Map(all.filter((d) => d.short).map((d) => [d.short as string, d]));
  const values = new Map<string, FlagValue>(all.map((d) => [d.name, Array.isArray(d.default) ? [...d.default] : d.default]));
  const changed = new Set<string>();
  const positionals: string[] = [];
  let help = false;

  const set = (def: FlagDef, text: string, shown: string): void => {
    const first = !changed.has(def.name);
    changed.add(def.name);
    values.set(def.name, convert(def, text, shown, first ? undefined : values.get(def.name)));
  };

  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (arg === '--') return new ParsedFlags(values, changed, positionals, argv.slice(i + 1), help);
    if (arg.startsWith('--')) {
      const eq = arg.indexOf('=');
      const name = eq < 0 ? arg.slice(2) : arg.slice(2, eq);
      if (name === 'help') {
        help = true;
        continue;
      }
      const def = byName.get(name);
      if (!def) throw new UsageError(`unknown flag: --${name}`);
      if (eq >= 0) set(def, arg.slice(eq + 1), `--${name}`);
      else if (def.type === 'bool') set(def, 'true', `--${name}`);
      else if (def.noOptValue !== undefined) set(def, def.noOptValue, `--${name}`);
      else if (i + 1 < argv.length) set(def, argv[++i] as string, `--${name}`);
      else throw new UsageError(`flag needs an argument: --${name}`);
      continue;
    }
    if (arg.startsWith('-') && arg.length > 1) {
      // A shorthand group: booleans take no value; the first non-boolean takes the rest or the next argument.
      for (let j = 1; j < arg.length; j++) {
        const c = arg[j] as string;
        if (c === 'h' && !byShort.has('h')) {
          help = true;
          continue;
        }
        const def = byShort.get(c);
        if (!def) throw new UsageError(`unknown shorthand flag: '${c}' in ${arg}`);
        const shown = `-${c}, --${def.name}`;
        let rest = arg.slice(j + 1);
        if (rest.startsWith('=')) rest = rest.slice(1);
        else if (def.type === 'bool') {
          set(def, 'true', shown);
          continue;
        }
        if (rest !== '' || arg[j + 1] === '=') set(def, rest, shown);
        else if (def.noOptValue !== undefined) set(def, def.noOptValue, shown);
        else if (i + 1 < argv.length) set(def, argv[++i] as string, shown);
        else throw new UsageError(`flag needs an argument: '${c}' in -${c}`);
        break;
      }
      continue;
    }
    positionals.push(arg);
  }
  return new ParsedFlags(values, changed, positionals, undefined, help);
}

function convert(def: FlagDef, text: string, shown: string, previous: FlagValue | undefined): FlagValue {
  const bad = (why: string): UsageError => new UsageError(`invalid argument "${text}" for "${shown}" flag: ${why}`);
  switch (def.type) {
    case 'bool':
      if (['true', '1', 't', 'T', 'TRUE', 'True'].includes(text)) return true;
      if (['false', '0', 'f', 'F', 'FALSE', 'False'].includes(text)) return false;
      throw bad(`strconv.ParseBool: parsing "${text}": invalid syntax`);
    case 'int': {
      if (!/^[+-]?\d+$/.test(text)) throw bad(`strconv.ParseInt: parsing "${text}": invalid syntax`);
      return Number(text);
    }
    case 'duration':
      try {
        return parseDuration(text);
      } catch {
        throw bad(`time: invalid duration "${text}"`);
      }
    case 'strings': {
      const items = text === '' ? [] : text.split(',');
      return [...((previous as string[] | undefined) ?? []), ...items];
    }
    case 'stringArray':
      return [...((previous as string[] | undefined) ?? []), text];
    default:
      return text;
  }
}

/** CommandHelp is what --help prints about a command. */
export interface CommandHelp {
  summary: string;
  usage: string;
  examples?: string;
  flags: readonly FlagDef[];
}

function flagLines(defs: readonly FlagDef[]): string {
  return defs
    .map((d) => {
      const def = d.type === 'duration' ? formatDuration(Number(d.default)) : Array.isArray(d.default) ? `[${d.default.join(',')}]` : String(d.default);
      const name = `${d.short ? `-${d.short}, ` : ''}--${d.name}=${def === '' ? "''" : def}`;
      return `    ${name}:\n\t${d.help}\n`;
    })
    .join('\n');
}

/** formatHelp renders a command's --help in kubectl's layout. */
export function formatHelp(help: CommandHelp): string {
  let out = `${help.summary}\n\n`;
  if (help.examples) out += `Examples:\n${help.examples.replace(/^(?=.)/gm, '  ')}\n\n`;
  if (help.flags.length > 0) out += `Options:\n${flagLines(help.flags)}\n`;
  out += `Global options:\n${flagLines(GLOBAL_FLAGS)}\n`;
  out += `Usage:\n  ${help.usage}\n`;
  return out;
}
