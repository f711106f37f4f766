// The API server under benchmark, as a child process, so the load generator does not share its
// event loop. `kubelite apiserver` by default: `kubelite server` also runs the scheduler and the
// kubelet, which would schedule and start the benchmark's pods and be measured along with the
// API server. Built first, started on a random port, read back from the kubeconfig it writes,
// stopped with SIGTERM (which is also what writes a --cpu-prof profile).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { KUBELITE, ROOT } from '../../lib/kubelite-process.js';

/** BenchServer is a running server and how to reach it. */
export interface BenchServer {
  url: string;
  caPem: string;
  token: string;
  pid: number;
  /** cpuMs is the CPU time the server has used so far (Linux /proc; NaN elsewhere). */
  cpuMs(): number;
  stop(): Promise<void>;
}

interface Kubeconfig {
  clusters: Array<{ cluster: { server: string; 'certificate-authority-data': string } }>;
  users: Array<{ user: { token: string } }>;
}

/** build runs hack/build.mjs, so the benchmark measures the code as it is now. */
export function build(): void {
  const r = spawnSync(process.execPath, [join(ROOT, 'hack/build.mjs')], { stdio: 'inherit', timeout: 120_000 });
  if (r.status !== 0) throw new Error('build failed');
}

/** startServer starts `kubelite <command>` in a fresh data dir; cpuProfDir turns on --cpu-prof. */
export async function startServer(opts: { command?: 'apiserver' | 'server'; cpuProfDir?: string } = {}): Promise<BenchServer> {
  const dataDir = mkdtempSync(join(tmpdir(), 'kubelite-bench-api-'));
  const nodeArgs = opts.cpuProfDir ? ['--cpu-prof', `--cpu-prof-dir=${opts.cpuProfDir}`] : [];
  const child = spawn(process.execPath, [...nodeArgs, KUBELITE, opts.command ?? 'apiserver', '--data-dir', dataDir, '--secure-port', '0', '--bind-address', '127.0.0.1', '--log-level', 'warn'], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const keep = (b: Buffer): void => {
    if (output.length < 1_000_000) output += b.toString();
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
  const kubeconfig = join(dataDir, 'kubeconfig');
  const deadline = Date.now() + 60_000;
  // The kubeconfig appears once the server listens and has bootstrapped.
  let cfg: Kubeconfig | undefined;
  while (cfg === undefined) {
    if (child.exitCode !== null) throw new Error(`kubelite exited ${child.exitCode}: ${output}`);
    if (Date.now() > deadline) throw new Error(`kubelite did not start within 60 s: ${output}`);
    await new Promise((r) => setTimeout(r, 50));
    cfg = existsSync(kubeconfig) ? readKubeconfig(kubeconfig) : undefined;
  }
  const cluster = cfg.clusters[0]!.cluster;
  const token = cfg.users[0]!.user.token;
  return {
    url: cluster.server,
    caPem: Buffer.from(cluster['certificate-authority-data'], 'base64').toString(),
    token,
    pid: child.pid ?? 0,
    cpuMs: () => processCpuMs(child.pid ?? 0),
    stop: async () => {
      if (child.exitCode === null) child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
      await exited;
      clearTimeout(timer);
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

// undefined while the file is still being written.
function readKubeconfig(path: string): Kubeconfig | undefined {
  try {
    const cfg = parseYaml(readFileSync(path, 'utf8')) as Kubeconfig;
    return cfg.clusters?.[0]?.cluster?.server && cfg.users?.[0]?.user?.token ? cfg : undefined;
  } catch {
    return undefined;
  }
}

// utime + stime, fields 14 and 15 of /proc/<pid>/stat, in clock ticks (100 per second on Linux).
function processCpuMs(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return Number.NaN;
  }
}
