// kctl's command line: pflag's syntax and messages, global flags before the command, --help,
// and the usage errors kubectl users expect (exit 1, "See 'kctl get --help'").
import t from 'tap';
import type { IO } from './command.js';
import { F, flag, formatHelp, parseFlags, UsageError } from './flags.js';
import { kctlMain } from './main.js';

const defs = [F.allNamespaces, F.output, F.selector, F.watch, F.filename, F.dryRun, flag('replicas', 'int', 1, 'n'), flag('timeout', 'duration', 30_000, 't'), flag('verbs', 'strings', [], 'v')];

t.test('long and short forms, values attached or separate', async (t) => {
  const p = parseFlags(defs, ['get', '--output=yaml', '-l', 'app=x', 'pods', '-n', 'kube-system', '--replicas', '3', '--timeout=1m']);
  t.same(p.positionals, ['get', 'pods']);
  t.equal(p.string('output'), 'yaml');
  t.equal(p.string('selector'), 'app=x');
  t.equal(p.string('namespace'), 'kube-system', 'global -n');
  t.equal(p.int('replicas'), 3);
  t.equal(p.durationMs('timeout'), 60_000);
  t.ok(p.changed('replicas'));
  t.notOk(p.changed('watch'));
  t.equal(parseFlags(defs, ['-oyaml']).string('output'), 'yaml', '-oVALUE');
  t.equal(parseFlags(defs, ['-o=json']).string('output'), 'json', '-o=VALUE');
  t.equal(parseFlags(defs, ['-nfoo']).string('namespace'), 'foo');
});

t.test('grouped booleans, explicit false, repeatable and comma lists', async (t) => {
  const p = parseFlags(defs, ['-Aw', '-f', 'a.yaml', '--filename=b.yaml', '-f', '-', '--verbs=get,list', '--verbs', 'watch']);
  t.ok(p.bool('all-namespaces'));
  t.ok(p.bool('watch'));
  t.same(p.strings('filename'), ['a.yaml', 'b.yaml', '-'], '-f repeats; - is stdin');
  t.same(p.strings('verbs'), ['get', 'list', 'watch']);
  t.notOk(parseFlags(defs, ['--watch=false']).bool('watch'));
  t.notOk(parseFlags(defs, ['-w=false']).bool('watch'));
  t.same(parseFlags(defs, []).strings('filename'), [], 'defaults are fresh copies');
});

t.test('-- ends the flags; what follows is kept apart', async (t) => {
  const p = parseFlags(defs, ['nginx', '--replicas=2', '--', 'sh', '-c', 'echo --not-a-flag']);
  t.same(p.positionals, ['nginx']);
  t.same(p.dashArgs, ['sh', '-c', 'echo --not-a-flag']);
  t.equal(parseFlags(defs, ['x']).dashArgs, undefined);
});

t.test('bare --dry-run means client; --help and -h ask for help', async (t) => {
  t.equal(parseFlags(defs, ['--dry-run']).string('dry-run'), 'client');
  t.equal(parseFlags(defs, ['--dry-run=server']).string('dry-run'), 'server');
  t.equal(parseFlags(defs, []).string('dry-run'), 'none');
  t.ok(parseFlags(defs, ['--help']).help);
  t.ok(parseFlags(defs, ['-h']).help);
});

t.test("mistakes read as pflag's", async (t) => {
  t.throws(() => parseFlags(defs, ['--nope']), new UsageError('unknown flag: --nope'));
  t.throws(() => parseFlags(defs, ['-x']), new UsageError("unknown shorthand flag: 'x' in -x"));
  t.throws(() => parseFlags(defs, ['-n']), new UsageError("flag needs an argument: 'n' in -n"));
  t.throws(() => parseFlags(defs, ['--namespace']), new UsageError('flag needs an argument: --namespace'));
  t.throws(() => parseFlags(defs, ['--replicas=two']), { message: 'invalid argument "two" for "--replicas" flag: strconv.ParseInt: parsing "two": invalid syntax' });
  t.throws(() => parseFlags(defs, ['-w=maybe']), { message: /invalid argument "maybe" for "-w, --watch" flag: strconv.ParseBool/ });
  t.throws(() => parseFlags(defs, ['--timeout=soon']), { message: /invalid argument "soon" for "--timeout" flag/ });
});

t.test('help lists the options, the global options and the usage', async (t) => {
  const help = formatHelp({ summary: 'Display things.', usage: 'kctl get TYPE', examples: '# all pods\nkctl get pods', flags: defs });
  t.match(help, /^Display things\.\n\nExamples:\n {2}# all pods\n {2}kctl get pods\n/);
  t.match(help, / {4}-A, --all-namespaces=false:\n\tIf present/);
  t.match(help, /Global options:\n {4}--kubeconfig='':/);
  t.match(help, /Usage:\n {2}kctl get TYPE\n$/);
});

function fakeIO(): IO & { stdout: string; stderr: string } {
  const io = {
    stdout: '',
    stderr: '',
    out: (s: string) => void (io.stdout += s),
    err: (s: string) => void (io.stderr += s),
    stdin: async () => '',
    env: { KUBECONFIG: '/nonexistent/kubeconfig' },
    tty: false,
  };
  return io;
}

t.test('kctlMain: commands, help and usage errors without a server', async (t) => {
  const signal = new AbortController().signal;
  let io = fakeIO();
  t.equal(await kctlMain([], io, signal), 0);
  t.match(io.stdout, /^kctl controls a kubelite cluster/);
  for (const c of ['run', 'get', 'describe', 'apply', 'create', 'delete', 'expose', 'resize', 'scale', 'label', 'annotate', 'cordon', 'uncordon', 'version', 'cluster-info', 'config', 'api-resources', 'wait']) {
    t.match(io.stdout, new RegExp(`\\n  ${c} `), `lists ${c}`);
    const h = fakeIO();
    t.equal(await kctlMain([c, '--help'], h, signal), 0, `${c} --help`);
    t.match(h.stdout, /Usage:\n {2}kctl /);
  }
  io = fakeIO();
  t.equal(await kctlMain(['get', '--bogus'], io, signal), 1);
  t.equal(io.stderr, "Error: unknown flag: --bogus\nSee 'kctl get --help' for usage.\n");
  io = fakeIO();
  t.equal(await kctlMain(['frobnicate'], io, signal), 1);
  t.equal(io.stderr, 'error: unknown command "frobnicate" for "kctl"\nRun \'kctl --help\' for usage.\n');
  io = fakeIO();
  t.equal(await kctlMain(['-n', 'kube-system', 'version', '--client'], io, signal), 0, 'global flags may come first');
  t.match(io.stdout, /^Client Version: v\d+\.\d+\.\d+/);
  io = fakeIO();
  t.equal(await kctlMain(['run', 'x'], io, signal), 1);
  t.equal(io.stderr, 'error: required flag(s) "image" not set\n');
  io = fakeIO();
  t.equal(await kctlMain(['get', 'pods'], io, signal), 1, 'no kubeconfig: one line, exit 1');
  t.match(io.stderr, /^error: no context is set/);
  t.notMatch(io.stderr, /\n\s+at /);
});
