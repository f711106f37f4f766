// The single executable (dist/kubelite) on a machine with no Node.js and no node_modules. Each
// run happens in a private mount namespace where every node binary and node_modules directory
// is covered, so anything the binary still loaded from them would fail here, not at a user's.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, realpathSync, rmSync, statSync, symlinkSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import t from 'tap';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '../..');
const BINARY = join(ROOT, 'dist/kubelite');
const SUBCOMMANDS = ['server', 'apiserver', 'scheduler', 'controller-manager', 'kubelet', 'proxy', 'images', 'cleanup', 'kctl'];
const SOURCES = ['cmd', 'pkg', 'api', 'hack/sea', 'package.json', 'package-lock.json', 'tsconfig.json'];

const tmp = mkdtempSync(join(tmpdir(), 'kubelite-binary-'));
t.teardown(() => rmSync(tmp, { recursive: true, force: true }));

/** newestMtime is the latest modification time under path (a file or a directory tree). */
function newestMtime(path: string): number {
  const st = statSync(path);
  if (!st.isDirectory()) return st.mtimeMs;
  return Math.max(st.mtimeMs, ...readdirSync(path).map((name) => newestMtime(join(path, name))));
}

/** ensureBinary builds dist/kubelite unless it is newer than every source and the node it copies. */
function ensureBinary(): void {
  const newest = Math.max(statSync(process.execPath).mtimeMs, ...SOURCES.map((s) => newestMtime(join(ROOT, s))));
  if (existsSync(BINARY) && statSync(BINARY).mtimeMs > newest) return;
  const r = spawnSync(process.execPath, [join(ROOT, 'hack/sea/build-binary.mjs')], { stdio: 'inherit', timeout: 120_000 });
  if (r.status !== 0) throw new Error(`building dist/kubelite failed (${r.error?.message ?? `exit ${r.status}`})`);
}

/** nodePlaces lists every node executable and module directory a program could fall back to. */
function nodePlaces(): { files: string[]; dirs: string[] } {
  const which = spawnSync('which', ['-a', 'node'], { encoding: 'utf8' }).stdout.split('\n');
  const files = [...which, process.execPath, '/usr/bin/node', '/usr/bin/nodejs', '/usr/local/bin/node']
    .filter((f) => f !== '' && existsSync(f))
    .map((f) => realpathSync(f));
  const home = homedir();
  const dirs = [
    join(ROOT, 'node_modules'), '/usr/lib/node_modules', '/usr/local/lib/node_modules', '/usr/share/nodejs', '/opt/nodejs',
    join(home, '.nvm'), join(home, '.volta'), join(home, '.fnm'), join(home, '.local/share/fnm'), join(home, '.node_modules'), join(home, '.node_libraries'),
  ].filter((d) => existsSync(d));
  return { files: [...new Set(files)], dirs };
}

const quote = (s: string): string => `'${s.replaceAll("'", `'\\''`)}'`;

/** hiddenArgv runs argv inside a new mount namespace in which nodePlaces are empty. */
function hiddenArgv(argv: string[]): string[] {
  const { files, dirs } = nodePlaces();
  const script = [
    'set -e',
    ...dirs.map((d) => `mount -t tmpfs -o ro none ${quote(d)}`),
    ...files.map((f) => `mount --bind /dev/null ${quote(f)}`),
    'if command -v node >/dev/null 2>&1; then echo "node is still reachable: $(command -v node)" >&2; exit 97; fi',
    'exec "$@"',
  ].join('\n');
  return ['unshare', '-m', '--propagation', 'private', 'sh', '-c', script, 'sh', ...argv];
}

// Nothing from the test runner's environment (NODE_OPTIONS above all, which a SEA still obeys).
const ENV = { PATH: `${join(tmp, 'bin')}:${process.env.PATH ?? '/usr/bin:/bin'}`, HOME: tmp };

function runHidden(argv: string[]): { code: number | null; stdout: string; stderr: string } {
  const [cmd, ...args] = hiddenArgv(argv) as [string, ...string[]];
  const r = spawnSync(cmd, args, { encoding: 'utf8', env: ENV, timeout: 30_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const probe = spawnSync('unshare', ['-m', '--propagation', 'private', 'sh', '-c', 'mount -t tmpfs none /mnt'], { encoding: 'utf8' });
if (probe.status !== 0) {
  const why = probe.error?.message ?? probe.stderr.trim();
  console.error(`binary.test: cannot make a mount namespace to hide node (${why}); this test needs root (CAP_SYS_ADMIN) and unshare(1)`);
  t.fail(`cannot hide node in a mount namespace: ${why}`);
} else {
  ensureBinary();
  mkdirSync(join(tmp, 'bin'));
  symlinkSync(BINARY, join(tmp, 'bin/kctl'));
  defineTests();
}

function defineTests(): void {
  t.test('the namespace has no node and no node_modules', async (t) => {
    const r = runHidden(['sh', '-c', `node --version || echo "no node"; ls -A ${quote(join(ROOT, 'node_modules'))} | wc -l`]);
    t.equal(r.code, 0, 'runs', { stderr: r.stderr });
    t.match(r.stdout, /^no node\n0\n$/);
  });

  t.test('--help lists the subcommands, and each one loads', async (t) => {
    const r = runHidden([BINARY, '--help']);
    t.equal(r.code, 0, 'exits 0', { stderr: r.stderr });
    for (const s of SUBCOMMANDS) t.match(r.stdout, new RegExp(`^  ${s} `, 'm'), s);
    // Subcommands are imported lazily, so only running each proves its code is in the binary.
    for (const s of SUBCOMMANDS) {
      const help = runHidden([BINARY, s, '--help']);
      t.equal(help.code, 0, `${s} --help exits 0`, { stderr: help.stderr });
    }
  });

  t.test('kctl answers as a subcommand and under its own name', async (t) => {
    for (const argv of [[BINARY, 'kctl', 'version', '--client'], ['kctl', 'version', '--client'], [join(tmp, 'bin/kctl'), 'version', '--client']]) {
      const r = runHidden(argv);
      t.equal(r.code, 0, `${argv.join(' ')} exits 0`, { stderr: r.stderr });
      t.match(r.stdout, /^Client Version: v\d+\.\d+\.\d+/, argv.join(' '));
    }
  });

  t.test('server opens its store, writing the LevelDB addon under the data dir once', async (t) => {
    const dataDir = join(tmp, 'data');
    const addonFiles = (): string[] => readdirSync(join(dataDir, 'lib')).filter((f) => /^classic-level-[0-9a-f]{16}\.node$/.test(f));
    const first = await serveUntilReady(dataDir);
    t.equal(first.code, 0, 'exits 0 on SIGTERM');
    t.match(first.output, /shutting down/);
    t.equal(addonFiles().length, 1, 'addon written to DATA_DIR/lib');
    const written = statSync(join(dataDir, 'lib', addonFiles()[0] as string)).mtimeMs;

    const second = await serveUntilReady(dataDir);
    t.equal(second.code, 0, 'a second start exits 0 too');
    t.equal(addonFiles().length, 1);
    t.equal(statSync(join(dataDir, 'lib', addonFiles()[0] as string)).mtimeMs, written, 'the addon file is reused, not rewritten');
  });
}

/** serveUntilReady starts `kubelite server`, waits for "server ready", then stops it with SIGTERM. */
function serveUntilReady(dataDir: string): Promise<{ code: number | null; output: string }> {
  const [cmd, ...args] = hiddenArgv([BINARY, 'server', '--data-dir', dataDir, '--secure-port', '0', '--bind-address', '127.0.0.1', '--disable', 'kubelet,proxy']) as [string, ...string[]];
  const child = spawn(cmd, args, { env: ENV, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`no "server ready" within 20 s: ${output}`));
    }, 20_000);
    const onData = (b: Buffer): void => {
      const wasReady = /server ready/.test(output);
      output += b.toString();
      // unshare and sh exec in place, so the child's pid is kubelite's own.
      if (!wasReady && /server ready/.test(output)) child.kill('SIGTERM');
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('close', (code) => { // after 'exit' and the last output
      clearTimeout(timer);
      if (/server ready/.test(output)) resolve({ code, output });
      else reject(new Error(`server exited ${code} before "server ready": ${output}`));
    });
  });
}
