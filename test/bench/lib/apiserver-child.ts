// `kubelite apiserver` from source as a child process, for benchmarks whose load generator (or
// role under test) must not share the server's event loop. Run through tsx, so no build step
// stands between an edit and its measurement; stopped with SIGTERM, which also writes a
// --cpu-prof profile when one was asked for.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { ROOT } from '../../lib/kubelite-process.js';

/** ApiserverChild is a running API server and how to reach it. */
export interface ApiserverChild {
  url: string;
  caPem: string;
  token: string;
  pid: number;
  /** peakRssMb reads the child's high-water RSS (VmHWM) while it runs. */
  peakRssMb(): number;
  /** cpuSeconds reads the CPU time (user + system) the child has used so far. */
  cpuSeconds(): number;
  /** runQueueSeconds reads how long the child's main thread has waited, runnable, for a CPU. */
  runQueueSeconds(): number;
  stop(): Promise<void>;
}

interface Kubeconfig {
  clusters?: Array<{ cluster: { server: string; 'certificate-authority-data': string } }>;
  users?: Array<{ user: { token: string } }>;
}

/** startApiserverChild starts the API server in a fresh data dir with extra flags. */
export async function startApiserverChild(opts: { flags?: string[]; cpuProfDir?: string } = {}): Promise<ApiserverChild> {
  const dataDir = mkdtempSync(join(tmpdir(), 'kubelite-bench-apiserver-'));
  const prof = opts.cpuProfDir ? ['--cpu-prof', `--cpu-prof-dir=${opts.cpuProfDir}`] : [];
  const args = [...prof, '--import', 'tsx', join(ROOT, 'cmd/kubelite/main.ts'), 'apiserver', '--data-dir', dataDir, '--secure-port', '0', '--bind-address', '127.0.0.1', '--log-level', 'warn', ...(opts.flags ?? [])];
  const child = spawn(process.execPath, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const keep = (b: Buffer): void => {
    if (output.length < 100_000) output += b.toString();
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
  const kubeconfig = join(dataDir, 'kubeconfig');
  const deadline = Date.now() + 60_000;
  let cfg: Kubeconfig | undefined;
  while (!cfg?.clusters?.[0] || !cfg.users?.[0]) {
    if (child.exitCode !== null) throw new Error(`kubelite apiserver exited ${child.exitCode}: ${output}`);
    if (Date.now() > deadline) throw new Error(`kubelite apiserver did not start within 60 s: ${output}`);
    await new Promise((r) => setTimeout(r, 50));
    try {
      cfg = existsSync(kubeconfig) ? (parseYaml(readFileSync(kubeconfig, 'utf8')) as Kubeconfig) : undefined;
    } catch {
      cfg = undefined; // still being written
    }
  }
  const cluster = cfg.clusters[0].cluster;
  const pid = child.pid ?? 0;
  return {
    url: cluster.server,
    caPem: Buffer.from(cluster['certificate-authority-data'], 'base64').toString(),
    token: cfg.users[0].user.token,
    pid,
    peakRssMb: () => {
      const m = /VmHWM:\s+(\d+) kB/.exec(existsSync(`/proc/${pid}/status`) ? readFileSync(`/proc/${pid}/status`, 'utf8') : '');
      return m ? Number(m[1]) / 1024 : Number.NaN;
    },
    cpuSeconds: () => {
      // /proc/PID/stat: fields 14 and 15 (utime, stime) in clock ticks, after the ")" that ends the command name.
      const stat = existsSync(`/proc/${pid}/stat`) ? readFileSync(`/proc/${pid}/stat`, 'utf8') : '';
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      return (Number(fields[11]) + Number(fields[12])) / 100;
    },
    runQueueSeconds: () => runQueueSeconds(pid),
    stop: async () => {
      if (child.exitCode === null) child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
      await exited;
      clearTimeout(timer);
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** runQueueSeconds reads /proc/PID/schedstat (on-CPU ns, run-queue wait ns, slices) of a process's main thread. */
export function runQueueSeconds(pid: number | 'self'): number {
  const path = `/proc/${pid}/schedstat`;
  if (!existsSync(path)) return Number.NaN;
  return Number(readFileSync(path, 'utf8').split(' ')[1]) / 1e9;
}
