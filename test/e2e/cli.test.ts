// The multi-call binary as a user meets it: help for every subcommand, clear refusals, and a
// server that starts, reports what is not built, holds its data dir, and stops cleanly.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import t from 'tap';
import { ROLES } from '../../pkg/server/roles.js';
import { ensureBuilt, ROOT, runSync, start } from '../lib/kubelite-process.js';

ensureBuilt();
const dataDir = mkdtempSync(join(tmpdir(), 'kubelite-cli-'));
t.teardown(() => rmSync(dataDir, { recursive: true, force: true }));

const SUBCOMMANDS = ['server', 'apiserver', 'scheduler', 'controller-manager', 'kubelet', 'proxy', 'images', 'cleanup'];

t.test('kubelite --help lists every subcommand', async (t) => {
  const r = runSync(['--help']);
  t.equal(r.code, 0);
  for (const s of [...SUBCOMMANDS, 'kctl']) t.match(r.stdout, new RegExp(`^  ${s} `, 'm'), s);
});

t.test('every subcommand has --help with its flags and defaults', async (t) => {
  for (const s of SUBCOMMANDS) {
    const r = runSync([s, '--help']);
    t.equal(r.code, 0, `${s} --help exits 0`);
    t.match(r.stdout, /--data-dir string/, `${s} lists --data-dir`);
    t.match(r.stdout, /--log-level string .*\(default "info"\)/, `${s} shows defaults`);
  }
  const server = runSync(['server', '--help']).stdout;
  for (const f of ['--secure-port int', '--node-monitor-grace-period duration', '--runtime string', '--node-labels list', '--proxy-mode string', '--scheduler-name string']) {
    t.match(server, f, `server accepts ${f.split(' ')[0]} from every role`);
  }
});

t.test('roles not built yet say so; roles without an API server say that in one line', async (t) => {
  // Whatever is not built yet must say so; `images` arrives with the kubelet.
  const notBuilt = ROLES.filter((r) => !r.built).map((r) => r.name as string);
  if (notBuilt.includes('kubelet')) notBuilt.push('images');
  t.comment(`not built yet: ${notBuilt.join(', ') || 'nothing'}`);
  for (const s of notBuilt) {
    const r = runSync([s, '--data-dir', dataDir]);
    t.equal(r.code, 1, `${s} exits 1`);
    t.match(r.stderr, /not built yet \(issue \d+\)/, `${s} says it is not built`);
    t.notMatch(r.stderr, /\n\s+at /, `${s} prints no stack trace`);
  }
  const empty = mkdtempSync(join(tmpdir(), 'kubelite-nokubeconfig-'));
  t.teardown(() => rmSync(empty, { recursive: true, force: true }));
  for (const role of ROLES.filter((r) => r.built && r.name !== 'apiserver')) {
    const r = runSync([role.name, '--data-dir', empty]);
    t.equal(r.code, 1, `${role.name} without a kubeconfig exits 1`);
    t.match(r.stderr, /kubeconfig: no such file or directory/, `${role.name} names the missing kubeconfig`);
    t.equal(r.stderr.trim().split('\n').length, 1, `${role.name} says it in one line`);
  }
});

t.test('bad flags are one line and exit 2', async (t) => {
  const r = runSync(['server', '--no-such-flag']);
  t.equal(r.code, 2);
  t.match(r.stderr, /Unknown option '--no-such-flag'/);
  const d = runSync(['server', '--node-monitor-grace-period', 'soon']);
  t.equal(d.code, 2);
  t.match(d.stderr, /invalid value "soon" for --node-monitor-grace-period/);
  t.equal(runSync(['frobnicate']).code, 2, 'unknown subcommand exits 2');
  const bad = runSync(['server', '--data-dir', dataDir, '--disable', 'kubelet,shceduler']);
  t.equal(bad.code, 1, '--disable with an unknown role fails before anything starts');
  t.match(bad.stderr, /--disable: unknown role "shceduler"/);
});

t.test('kctl is reachable as its own name and as a subcommand', async (t) => {
  const own = runSync(['version', '--client'], join(ROOT, 'bin/kctl.cjs'));
  t.equal(own.code, 0);
  t.match(own.stdout, /Client Version: v\d+\.\d+\.\d+/);
  const sub = runSync(['kctl', 'version', '--client']);
  t.equal(sub.stdout, own.stdout);
});

t.test('server starts, names missing roles, holds its data dir, stops on SIGTERM', async (t) => {
  // No kubelet or proxy here: they would change the host (containerd, bridges, iptables); their
  // own tests run them.
  const server = start(['server', '--data-dir', dataDir, '--secure-port', '0', '--bind-address', '127.0.0.1', '--log-level', 'info', '--disable', 'kubelet,proxy']);
  try {
    await server.waitFor(/server ready/);
    if (ROLES.some((r) => !r.built)) t.match(server.output(), /not built yet: /, 'says which roles are not built');
    t.match(server.output(), /apiserver serving/, 'the API server is up');
    t.match(server.output(), /"disabled":\["kubelet","proxy"\]/, 'names the roles --disable left out');
    t.match(server.output(), /"role":"scheduler","msg":"role started"/, 'starts the roles not disabled');
    t.ok(existsSync(join(dataDir, 'kubeconfig')) && existsSync(join(dataDir, 'node-token')), 'writes the admin kubeconfig and the node join token');
    const second = runSync(['server', '--data-dir', dataDir, '--secure-port', '0']);
    t.equal(second.code, 1, 'a second server on the same data dir fails');
    t.equal(second.stderr.trim().split('\n').length, 1, 'with one line');
    t.match(second.stderr, new RegExp(`${dataDir}/store is in use by another process`));
  } finally {
    t.equal(await server.stop(), 0, 'SIGTERM stops the server with exit code 0');
  }
  t.match(server.output(), /shutting down/);
});

t.test('cleanup runs and reports', async (t) => {
  const r = runSync(['cleanup', '--data-dir', dataDir]);
  t.equal(r.code, 0);
  t.match(r.stdout, /nothing to clean up/);
});

t.test('apiserver runs standalone', async (t) => {
  const apiDir = mkdtempSync(join(tmpdir(), 'kubelite-apiserver-'));
  t.teardown(() => rmSync(apiDir, { recursive: true, force: true }));
  const api = start(['apiserver', '--data-dir', apiDir, '--secure-port', '0', '--bind-address', '127.0.0.1']);
  try {
    await api.waitFor(/apiserver ready/);
    t.ok(existsSync(join(apiDir, 'kubeconfig')), 'writes its kubeconfig');
  } finally {
    t.equal(await api.stop(), 0, 'stops cleanly on SIGTERM');
  }
});

t.test('server restarts on the same data dir', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'kubelite-restart-'));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  for (const round of [1, 2]) {
    const s = start(['server', '--data-dir', dir, '--secure-port', '0', '--bind-address', '127.0.0.1', '--disable', 'kubelet,proxy']);
    try {
      await s.waitFor(/server ready/);
      t.pass(`start ${round} reached ready`);
    } finally {
      t.equal(await s.stop(), 0, `stop ${round} is clean`);
    }
  }
});
