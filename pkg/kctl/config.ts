// `kctl config view|current-context|use-context|get-contexts|set-context`: read and edit the
// kubeconfig files kubectl would (--kubeconfig, $KUBECONFIG, ~/.kube/config), merged as kubectl
// merges them, secrets redacted in view, edits written back keeping each file's layout.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { parseDocument, type Document } from 'yaml';
import { kubeconfigFiles } from '../client/kubeconfig.js';
import type { Command, Context } from './command.js';
import { CliError } from './errors.js';
import { F, flag } from './flags.js';
import { asArray, asRecord, str } from './format.js';
import { parseOutput, toJSON } from './output.js';
import { TabWriter } from './tabwriter.js';
import { toYAML } from './yaml-emit.js';

type Entry = Record<string, unknown> & { name: string };

interface Merged {
  clusters: Entry[];
  contexts: Entry[];
  users: Entry[];
  currentContext: string;
  /** files maps each kubeconfig file to its parsed document, in precedence order. */
  files: Array<{ path: string; doc: Document }>;
}

function load(ctx: Context): Merged {
  const paths = kubeconfigFiles({ kubeconfig: ctx.flags.string('kubeconfig') || undefined, env: ctx.io.env });
  if (ctx.flags.string('kubeconfig') && !existsSync(ctx.flags.string('kubeconfig'))) throw new CliError(`stat ${ctx.flags.string('kubeconfig')}: no such file or directory`);
  const m: Merged = { clusters: [], contexts: [], users: [], currentContext: '', files: [] };
  for (const path of paths) {
    if (!existsSync(path)) continue;
    const doc = parseDocument(readFileSync(path, 'utf8'));
    if (doc.errors.length > 0) throw new CliError(`error loading config file "${path}": ${doc.errors[0]?.message.split('\n')[0] ?? ''}`);
    m.files.push({ path, doc });
    const raw = asRecord(doc.toJS());
    for (const field of ['clusters', 'contexts', 'users'] as const) {
      for (const e of asArray(raw[field])) {
        const name = str(e['name']);
        if (name && !m[field].some((x) => x.name === name)) m[field].push({ ...e, name });
      }
    }
    if (!m.currentContext && str(raw['current-context'])) m.currentContext = str(raw['current-context']);
  }
  return m;
}

const REDACT: Record<string, string> = {
  'certificate-authority-data': 'DATA+OMITTED',
  'client-certificate-data': 'DATA+OMITTED',
  'client-key-data': 'DATA+OMITTED',
  token: 'REDACTED',
  password: 'REDACTED',
};

function redact(entry: Entry, field: string): Entry {
  const inner = { ...asRecord(entry[field]) };
  for (const k of Object.keys(inner)) if (REDACT[k] !== undefined && inner[k]) inner[k] = REDACT[k];
  return { ...entry, [field]: inner };
}

// The file an edit of current-context goes to: the one that sets it, else the first one.
function fileFor(m: Merged, ctx: Context): { path: string; doc: Document } {
  const holder = m.files.find((f) => str(asRecord(f.doc.toJS())['current-context']));
  const target = holder ?? m.files[0];
  if (target) return target;
  const path = kubeconfigFiles({ kubeconfig: ctx.flags.string('kubeconfig') || undefined, env: ctx.io.env })[0] as string;
  return { path, doc: parseDocument('apiVersion: v1\nkind: Config\nclusters: []\ncontexts: []\nusers: []\npreferences: {}\n') };
}

/** config is `kctl config SUBCOMMAND`. */
export const config: Command = {
  name: 'config',
  summary: 'Modify kubeconfig files using subcommands like "kctl config use-context my-context".',
  usage: 'kctl config (view [--minify] [--raw] | current-context | use-context NAME | get-contexts [NAME] | set-context [NAME | --current] [--namespace=NS]) [flags]',
  examples: '# Show the merged kubeconfig settings\nkctl config view\n\n# Use the context for the kubelite cluster\nkctl config use-context kubelite',
  flags: [
    { ...F.output, help: 'Output format for view (yaml, json) or get-contexts (name).' },
    flag('minify', 'bool', false, 'Remove all information not used by current-context from the output (view).'),
    flag('raw', 'bool', false, 'Display raw byte data and sensitive data (view).'),
    F.noHeaders,
    flag('current', 'bool', false, 'Modify the current context (set-context).'),
    flag('cluster', 'string', '', 'The cluster of the context (set-context).'),
    flag('user', 'string', '', 'The user of the context (set-context).'),
  ],
  async run(ctx) {
    const [sub, ...args] = ctx.args;
    const m = load(ctx);
    switch (sub) {
      case 'view':
        return view(ctx, m);
      case 'current-context':
        if (!m.currentContext) throw new CliError('current-context is not set');
        ctx.out(`${m.currentContext}\n`);
        return 0;
      case 'use-context':
      case 'use': {
        const name = args[0];
        if (!name) throw new CliError('Unexpected args: []');
        if (!m.contexts.some((c) => c.name === name)) throw new CliError(`no context exists with the name: "${name}"`);
        const f = fileFor(m, ctx);
        f.doc.set('current-context', name);
        writeFileSync(f.path, f.doc.toString());
        ctx.out(`Switched to context "${name}".\n`);
        return 0;
      }
      case 'get-contexts':
        return getContexts(ctx, m, args);
      case 'set-context':
        return setContext(ctx, m, args[0]);
      default:
        throw new CliError(sub ? `unknown config subcommand "${sub}"` : 'a config subcommand is required: view, current-context, use-context, get-contexts or set-context');
    }
  },
};

function view(ctx: Context, m: Merged): number {
  let { clusters, contexts, users } = m;
  if (ctx.flags.bool('minify')) {
    if (!m.currentContext) throw new CliError('current-context must exist in order to minify');
    contexts = contexts.filter((c) => c.name === m.currentContext);
    const c = asRecord(contexts[0]?.['context']);
    clusters = clusters.filter((x) => x.name === c['cluster']);
    users = users.filter((x) => x.name === c['user']);
  }
  if (!ctx.flags.bool('raw')) {
    clusters = clusters.map((c) => redact(c, 'cluster'));
    users = users.map((u) => redact(u, 'user'));
  }
  const out = { apiVersion: 'v1', clusters, contexts, 'current-context': m.currentContext, kind: 'Config', preferences: {}, users };
  const format = parseOutput(ctx.flags.string('output') || 'yaml', ['json', 'yaml']);
  ctx.out(format.kind === 'json' ? toJSON(out) : toYAML(out));
  return 0;
}

function getContexts(ctx: Context, m: Merged, names: string[]): number {
  const wanted = names.length > 0 ? m.contexts.filter((c) => names.includes(c.name)) : m.contexts;
  const missing = names.filter((n) => !m.contexts.some((c) => c.name === n));
  if (ctx.flags.string('output') === 'name') for (const c of wanted) ctx.out(`${c.name}\n`);
  else {
    const w = TabWriter.forTables((s) => ctx.out(s));
    if (!ctx.flags.bool('no-headers')) w.write('CURRENT\tNAME\tCLUSTER\tAUTHINFO\tNAMESPACE\n');
    for (const c of wanted) {
      const x = asRecord(c['context']);
      w.write(`${c.name === m.currentContext ? '*' : ''}\t${c.name}\t${str(x['cluster'])}\t${str(x['user'])}\t${str(x['namespace'])}\n`);
    }
    w.flush();
  }
  if (missing.length > 0) throw new CliError(`context ${missing.map((n) => JSON.stringify(n)).join(', ')} not found`);
  return 0;
}

function setContext(ctx: Context, m: Merged, nameArg: string | undefined): number {
  const name = ctx.flags.bool('current') ? m.currentContext : nameArg;
  if (!name) throw new CliError('you must specify a non-empty context name or --current');
  const holder = m.files.find((f) => asArray(asRecord(f.doc.toJS())['contexts']).some((c) => c['name'] === name)) ?? fileFor(m, ctx);
  const raw = asRecord(holder.doc.toJS());
  const contexts = asArray(raw['contexts']);
  const existing = contexts.find((c) => c['name'] === name);
  const context = { ...asRecord(existing?.['context']) };
  for (const field of ['cluster', 'user', 'namespace'] as const) if (ctx.flags.changed(field)) context[field] = ctx.flags.string(field);
  const updated = existing ? contexts.map((c) => (c['name'] === name ? { name, context } : c)) : [...contexts, { name, context }];
  holder.doc.set('contexts', holder.doc.createNode(updated));
  writeFileSync(holder.path, holder.doc.toString());
  ctx.out(`Context "${name}" ${existing ? 'modified' : 'created'}.\n`);
  return 0;
}
