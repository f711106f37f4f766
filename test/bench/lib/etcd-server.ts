// A throwaway single-member etcd on loopback for the store benchmark: installed from Debian's
// etcd-server package when missing, started in a temp data dir, always killed afterwards.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { Etcd3 } from 'etcd3';

/** EtcdServer is a running etcd; stop() kills it and removes its data. */
export interface EtcdServer {
  url: string;
  version: string;
  stop(): Promise<void>;
}

/** etcdVersion is etcd's name and version, or undefined when etcd is not on PATH. */
function etcdVersion(): string | undefined {
  const r = spawnSync('etcd', ['--version'], { encoding: 'utf8' });
  if (r.error || r.status !== 0) return undefined;
  // The first line reads "etcd Version: 3.4.23"; the table wants "etcd 3.4.23".
  return r.stdout.split('\n')[0]?.replace('Version: ', '').trim();
}

/** ensureEtcd installs etcd-server with apt when etcd is missing; returns the version line. */
export function ensureEtcd(): string {
  const have = etcdVersion();
  if (have) return have;
  // apt's progress goes to stderr so that stdout stays the benchmark's report.
  const apt = (...args: string[]): boolean =>
    spawnSync('apt-get', args, { stdio: ['ignore', process.stderr, process.stderr], env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } }).status === 0;
  const install = (): boolean => apt('install', '-y', '--no-install-recommends', 'etcd-server');
  console.error('etcd not found; installing etcd-server with apt-get');
  // A fresh machine has no package lists yet, so the first install fails; update once and retry.
  if (!install() && !(apt('update') && install())) throw new Error('apt-get install etcd-server failed');
  const got = etcdVersion();
  if (!got) throw new Error('etcd-server installed but `etcd --version` does not run');
  return got;
}

/** freePort asks the kernel for an unused loopback port. */
async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

const live = new Set<ChildProcess>();
const roots = new Set<string>();
// A crash or Ctrl-C must not leave an etcd behind holding ports and CPU, nor its data in /tmp.
process.once('exit', () => {
  live.forEach((c) => c.kill('SIGKILL'));
  roots.forEach(removeTree);
});

/** removeTree deletes a temp dir that a dying process may still be writing into, never throwing. */
export function removeTree(dir: string): void {
  try {
    rmSync(dir, { recursive: true, force: true, maxRetries: 5, retryDelay: 50 });
  } catch (err) {
    console.error(`could not remove ${dir}: ${(err as Error).message}`);
  }
}

// Without these, a signal ends node without running the 'exit' handlers above.
for (const sig of ['SIGINT', 'SIGTERM'] as const) process.once(sig, () => process.exit(130));

/** startEtcd starts etcd on two free loopback ports and resolves once it serves requests. */
export async function startEtcd(version: string): Promise<EtcdServer> {
  const root = mkdtempSync(join(tmpdir(), 'kubelite-bench-etcd-'));
  roots.add(root);
  const [client, peer] = [await freePort(), await freePort()];
  const url = `http://127.0.0.1:${client}`;
  const peerUrl = `http://127.0.0.1:${peer}`;
  const logPath = join(root, 'etcd.log');
  const log = openSync(logPath, 'w');
  const child = spawn(
    'etcd',
    [
      '--name', 'default',
      '--data-dir', join(root, 'data'),
      '--listen-client-urls', url,
      '--advertise-client-urls', url,
      '--listen-peer-urls', peerUrl,
      '--initial-advertise-peer-urls', peerUrl,
      '--initial-cluster', `default=${peerUrl}`,
    ],
    { stdio: ['ignore', log, log] },
  );
  closeSync(log);
  live.add(child);
  let exited = false;
  const exit = new Promise<void>((resolve) => child.once('exit', () => ((exited = true), resolve())));

  const stop = async (): Promise<void> => {
    if (!exited) {
      child.kill('SIGTERM');
      // etcd stops within a second; a hung one must not hang the benchmark.
      await Promise.race([exit, sleep(5000).then(() => child.kill('SIGKILL'))]);
      await exit;
    }
    live.delete(child);
    removeTree(root);
    roots.delete(root);
  };

  try {
    await waitReady(url, () => exited);
  } catch (err) {
    const tail = readFileSync(logPath, 'utf8').split('\n').slice(-15).join('\n');
    await stop();
    throw new Error(`${(err as Error).message}\n--- etcd log (last lines) ---\n${tail}`);
  }
  return { url, version, stop };
}

async function waitReady(url: string, exited: () => boolean): Promise<void> {
  const deadline = Date.now() + 20_000;
  while (Date.now() < deadline) {
    if (exited()) throw new Error('etcd exited during startup');
    // A fresh client per probe: a client's circuit breaker would sit out 5 s after early refusals.
    const probe = new Etcd3({ hosts: url, dialTimeout: 1000 });
    try {
      await probe.get('/bench/ready').string();
      return;
    } catch {
      await sleep(100);
    } finally {
      probe.close();
    }
  }
  throw new Error(`etcd did not answer on ${url} within 20 s`);
}
