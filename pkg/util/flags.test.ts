import t from 'tap';
import { flag, formatHelp, parseFlags, UsageError } from './flags.js';
import { formatDuration, parseDuration } from './duration.js';

const set = {
  dataDir: flag('string', '/var/lib/x', 'where data lives'),
  port: flag('int', 6443, 'port'),
  leaderElect: flag('bool', true, 'elect'),
  grace: flag('duration', 40_000, 'grace'),
  nodeLabels: flag('list', [] as string[], 'labels'),
};

t.test('defaults, kebab-case names, every kind', async (t) => {
  const d = parseFlags(set, []);
  t.same(d.values, { dataDir: '/var/lib/x', port: 6443, leaderElect: true, grace: 40_000, nodeLabels: [] });
  const p = parseFlags(set, ['--data-dir', '/d', '--port=1', '--no-leader-elect', '--grace', '1m30s', '--node-labels', 'a=1,b=2', '--node-labels=c=3', 'pos']);
  t.same(p.values, { dataDir: '/d', port: 1, leaderElect: false, grace: 90_000, nodeLabels: ['a=1', 'b=2', 'c=3'] });
  t.same(p.positionals, ['pos']);
  t.equal(parseFlags(set, ['--help']).help, true);
});

t.test('bad input is a UsageError naming the flag', async (t) => {
  t.throws(() => parseFlags(set, ['--nope']), UsageError);
  t.throws(() => parseFlags(set, ['--port', 'abc']), { message: /--port/ });
  t.throws(() => parseFlags(set, ['--grace', '10']), { message: /--grace.*duration/ });
  t.throws(() => parseFlags(set, ['--grace', '5x']), UsageError);
});

t.test('durations round-trip', async (t) => {
  for (const [text, ms] of [['500ms', 500], ['10s', 10_000], ['1h30m', 5_400_000], ['1.5s', 1500], ['0', 0]] as const) {
    t.equal(parseDuration(text), ms, text);
  }
  t.equal(formatDuration(5_400_000), '1h30m');
  t.equal(formatDuration(1500), '1s500ms');
  t.throws(() => parseDuration(''));
  t.throws(() => parseDuration('s'));
});

t.test('help lists every flag with its default', async (t) => {
  const help = formatHelp('x [flags]', 'does x', set);
  for (const f of ['--data-dir string', '--port int', '--leader-elect', '--grace duration', '--node-labels list', '--help']) t.match(help, f);
  t.match(help, '(default "/var/lib/x")');
  t.match(help, '(default 40s)');
});
