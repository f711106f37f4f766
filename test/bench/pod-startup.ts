// Pod start-up on real containerd: `kubelite apiserver` and `kubelite kubelet` (joined with the
// node token, running its own containerd) as child processes, the busybox image already imported,
// pods created already bound (spec.nodeName; no scheduler in the path). Latency is from just before
// the create request is sent to the moment the pod's watch shows Ready=True, both read on this
// process's clock (creationTimestamp and lastTransitionTime have whole seconds only).
//   (a) 100 pods at a steady 5 per second: p50 / p99
//   (b) a burst of 100 pods at once: time until all are Ready
// Needs root (containerd, CNI bridge, iptables); everything runs in a temp dir and is cleaned up.
// Prints a Markdown table, then `RESULT name=value` lines.
// Usage: npm run bench:podstartup        (BENCH_PODS=N changes the 100)
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { SharedInformer } from '../../pkg/client/cache/shared-informer.js';
import { listerWatcherFor } from '../../pkg/client/cache/reflector.js';
import { Clientset } from '../../pkg/client/clientset.js';
import { runImagesCommand } from '../../pkg/kubelet/images-command.js';
import { criCleaner } from '../../pkg/kubelet/runtime/cleanup.js';
import { busyboxImageArchive } from '../../pkg/kubelet/runtime/cri/image-archive.js';
import type { Pod } from '../../pkg/kubelet/types.js';
import { createLogger } from '../../pkg/util/log.js';
import { freeCidr, freePort, httpGet, installRuntimeDeps } from '../lib/cri-env.js';
import { percentile } from './lib/stats.js';

const ROOT = join(import.meta.dirname, '..', '..');
const N = Number(process.env.BENCH_PODS ?? 100);
const RATE = 5;
const NS = 'default';
const IMAGE = 'localhost/kubelite/busybox:1';
const NODE = 'bench-node';

interface Child {
  proc: ChildProcess;
  output(): string;
  stop(): Promise<void>;
}

function kubelite(args: string[]): Child {
  const proc = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'cmd/kubelite/main.ts'), ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  const keep = (b: Buffer): void => {
    if (out.length < 1_000_000) out += b.toString();
  };
  proc.stdout?.on('data', keep);
  proc.stderr?.on('data', keep);
  const exited = new Promise<void>((resolve) => proc.on('exit', () => resolve()));
  return {
    proc,
    output: () => out,
    stop: async () => {
      if (proc.exitCode === null && proc.signalCode === null) proc.kill('SIGTERM');
      const timer = setTimeout(() => proc.kill('SIGKILL'), 30_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

async function until<T>(what: string, fn: () => Promise<T | undefined | false> | T | undefined | false, ms: number, child?: Child): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await Promise.resolve(fn()).catch(() => undefined);
    if (v !== undefined && v !== false) return v;
    if (child && child.proc.exitCode !== null) throw new Error(`${what}: the process exited: ${child.output().slice(-2000)}`);
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}${child ? `: ${child.output().slice(-2000)}` : ''}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

const isReady = (p: Pod): boolean => p.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') === true;

function podBody(name: string): Pod {
  return {
    metadata: { name, namespace: NS, uid: '', labels: { bench: 'pod-startup' } },
    spec: {
      nodeName: NODE, terminationGracePeriodSeconds: 1, restartPolicy: 'Always',
      containers: [{ name: 'app', image: IMAGE, imagePullPolicy: 'IfNotPresent', command: ['sh', '-c', 'trap "exit 0" TERM; sleep 2147483647 & wait'] }],
    },
  } as Pod;
}

// utime + stime of a process and its reaped children (fields 14-17 of /proc/PID/stat), in ms.
function cpuMs(pid: number | undefined): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ').map(Number);
    return ((f[11] ?? 0) + (f[12] ?? 0) + (f[13] ?? 0) + (f[14] ?? 0)) * 10;
  } catch {
    return Number.NaN;
  }
}

const ms = (n: number): string => (Number.isFinite(n) ? String(Math.round(n)) : 'n/a');

async function main(): Promise<void> {
  installRuntimeDeps();
  const dir = mkdtempSync('/tmp/klb-');
  const logger = createLogger('warn');
  const children: Child[] = [];
  let kubeletDir = '';
  const cleanup = async (): Promise<void> => {
    for (const c of children.reverse()) await c.stop();
    if (process.env.BENCH_KUBELET_LOG) writeFileSync('/tmp/bench-kubelet.log', children.map((c) => c.output()).join('\n'));
    if (kubeletDir) await criCleaner.clean(kubeletDir, logger).catch((err: Error) => console.error(`cleanup: ${err.message}`));
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    const clusterCidr = await freeCidr(23);
    const apiDir = join(dir, 'api');
    kubeletDir = join(dir, 'node');
    const api = kubelite(['apiserver', '--data-dir', apiDir, '--secure-port', '0', '--bind-address', '127.0.0.1', '--advertise-address', '127.0.0.1', '--cluster-cidr', clusterCidr, '--node-cidr-mask-size', '24', '--log-level', 'warn']);
    children.push(api);
    const kubeconfig = join(apiDir, 'kubeconfig');
    const cfg = await until('the apiserver', () => {
      if (!existsSync(kubeconfig)) return undefined;
      const c = parseYaml(readFileSync(kubeconfig, 'utf8')) as { clusters?: Array<{ cluster: Record<string, string> }>; users?: Array<{ user: { token: string } }> };
      return c.clusters?.[0]?.cluster['server'] && c.users?.[0]?.user.token ? c : undefined;
    }, 60_000, api);
    const cluster = cfg.clusters?.[0]?.cluster as Record<string, string>;
    const ca = Buffer.from(cluster['certificate-authority-data'] ?? '', 'base64').toString();
    writeFileSync(join(dir, 'ca.crt'), ca);
    const cs = new Clientset({ server: cluster['server'] as string, ca, token: cfg.users?.[0]?.user.token as string, namespace: NS }, 'bench-pod-startup');
    const metricsPort = await freePort();
    const kubelet = kubelite(['kubelet', '--data-dir', kubeletDir, '--node-name', NODE, '--server', cluster['server'] as string, '--token', join(apiDir, 'node-token'),
      '--certificate-authority', join(dir, 'ca.crt'), '--cluster-cidr', clusterCidr, '--max-pods', String(N + 20), '--metrics-bind-address', `127.0.0.1:${metricsPort}`, '--log-level', process.env.BENCH_KUBELET_LOG ?? 'warn']);
    children.push(kubelet);
    const nodes = cs.resource('', 'nodes');
    await until('the node Ready', async () => ((await nodes.get(undefined, NODE)).status as { conditions?: Array<{ type: string; status: string }> })?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True'), 120_000, kubelet);
    const archive = join(dir, 'busybox.tar');
    writeFileSync(archive, busyboxImageArchive(IMAGE));
    process.stderr.write(await runImagesCommand({ dataDir: kubeletDir, containerRuntimeEndpoint: '' }, ['import', archive]));

    const pods = cs.resource('', 'pods');
    const sent = new Map<string, number>();
    const readyAt = new Map<string, number>();
    const informer = new SharedInformer<Pod>(listerWatcherFor(pods as never, { namespace: NS, labelSelector: 'bench=pod-startup' }) as never);
    const seen = (p: Pod): void => {
      if (isReady(p) && !readyAt.has(p.metadata.name)) readyAt.set(p.metadata.name, performance.now());
    };
    informer.addEventHandler({ onAdd: seen, onUpdate: (_o, p) => seen(p) });
    const stopInformer = new AbortController();
    void informer.run(stopInformer.signal);
    await informer.waitForSync(stopInformer.signal);

    const create = async (name: string): Promise<void> => {
      sent.set(name, performance.now());
      await pods.create(NS, podBody(name));
    };
    const allReady = (names: string[], ms: number): Promise<boolean> => until(`${names.length} pods Ready`, () => names.every((n) => readyAt.has(n)), ms, kubelet);
    const deleteAll = async (names: string[]): Promise<void> => {
      await Promise.all(names.map((n) => pods.delete(NS, n).catch(() => undefined)));
      await until('pods deleted', async () => (await pods.list(NS, { labelSelector: 'bench=pod-startup' })).items.length === 0, 180_000, kubelet);
    };

    // Warm-up: the first sandbox sets up the bridge, the first start warms containerd's caches.
    const warm = ['warm-0', 'warm-1', 'warm-2'];
    for (const n of warm) await create(n);
    await allReady(warm, 60_000);
    await deleteAll(warm);

    const load0 = loadavg()[0] as number;
    const containerdPid = Number(readFileSync(join(kubeletDir, 'containerd', 'containerd.pid'), 'utf8'));
    const cpu0 = { api: cpuMs(api.proc.pid), kubelet: cpuMs(kubelet.proc.pid), containerd: cpuMs(containerdPid) };
    const wall0 = performance.now();
    // (a) a steady 5 pods per second.
    const steady = Array.from({ length: N }, (_, i) => `steady-${i}`);
    const t0 = performance.now();
    const creates: Array<Promise<void>> = [];
    for (let i = 0; i < N; i++) {
      const wait = t0 + (i * 1000) / RATE - performance.now();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      creates.push(create(steady[i] as string));
    }
    await Promise.all(creates);
    await allReady(steady, 180_000);
    const steadyLat = steady.map((n) => (readyAt.get(n) as number) - (sent.get(n) as number)).sort((a, b) => a - b);
    // What N running pods cost while nothing happens: the relist, the lease, the status checks.
    const idle0 = { kubelet: cpuMs(kubelet.proc.pid), containerd: cpuMs(containerdPid), at: performance.now() };
    await new Promise((r) => setTimeout(r, 10_000));
    const idleSecs = (performance.now() - idle0.at) / 1000;
    const idleRow = `kubelet ${(((cpuMs(kubelet.proc.pid) - idle0.kubelet) / 10) / idleSecs).toFixed(1)} %, containerd ${(((cpuMs(containerdPid) - idle0.containerd) / 10) / idleSecs).toFixed(1)} % of a core`;
    await deleteAll(steady);

    // (b) a burst: every create sent at once.
    const burst = Array.from({ length: N }, (_, i) => `burst-${i}`);
    const b0 = performance.now();
    await Promise.all(burst.map((n) => create(n)));
    await allReady(burst, 600_000);
    const burstAll = Math.max(...burst.map((n) => readyAt.get(n) as number)) - b0;
    const burstLat = burst.map((n) => (readyAt.get(n) as number) - (sent.get(n) as number)).sort((a, b) => a - b);
    const metrics = await httpGet(`http://127.0.0.1:${metricsPort}/metrics`).then((r) => r.body, () => '');
    await deleteAll(burst);
    const load1 = loadavg()[0] as number;
    const wall = (performance.now() - wall0) / 1000;
    const cpuUse = (now: number, before: number): string => `${((now - before) / 1000).toFixed(1)} s`;
    const cpuRow = `apiserver ${cpuUse(cpuMs(api.proc.pid), cpu0.api)}, kubelet ${cpuUse(cpuMs(kubelet.proc.pid), cpu0.kubelet)}, containerd ${cpuUse(cpuMs(containerdPid), cpu0.containerd)} in ${wall.toFixed(0)} s`;
    stopInformer.abort();
    cs.close();

    const kubeletSide = /kubelet_pod_start_duration_seconds_sum ([\d.e+-]+)\nkubelet_pod_start_duration_seconds_count (\d+)/.exec(metrics);
    const rows = [
      ['(a) steady 5/s, p50', `${ms(percentile(steadyLat, 50))} ms`],
      ['(a) steady 5/s, p99', `${ms(percentile(steadyLat, 99))} ms`],
      ['(a) steady 5/s, max', `${ms(steadyLat[steadyLat.length - 1] as number)} ms`],
      [`(b) burst of ${N}: all Ready after`, `${(burstAll / 1000).toFixed(2)} s`],
      [`(b) burst of ${N}: per-pod p50 / p99`, `${ms(percentile(burstLat, 50))} / ${ms(percentile(burstLat, 99))} ms`],
    ];
    rows.push(['CPU time during (a) and (b) (shims and runc not included)', cpuRow]);
    rows.push([`idle, ${N} pods running (10 s)`, idleRow]);
    if (kubeletSide) rows.push(['kubelet_pod_start_duration_seconds mean (both runs)', `${ms((Number(kubeletSide[1]) / Number(kubeletSide[2])) * 1000)} ms`]);
    console.log(`\n${N} pods, ${cpus().length} cores (${cpus()[0]?.model ?? '?'}), load average ${load0.toFixed(2)} before, ${load1.toFixed(2)} after\n`);
    console.log('| measurement | value |\n|---|---|');
    for (const [k, v] of rows) console.log(`| ${k} | ${v} |`);
    console.log('');
    console.log(`RESULT pod_startup_p50_ms=${ms(percentile(steadyLat, 50))}`);
    console.log(`RESULT pod_startup_p99_ms=${ms(percentile(steadyLat, 99))}`);
    console.log(`RESULT burst100_all_ready_s=${(burstAll / 1000).toFixed(2)}`);
  } finally {
    await cleanup();
  }
}

main().then(() => process.exit(0), (err: unknown) => {
  console.error(`bench:podstartup failed: ${(err as Error).stack ?? String(err)}`);
  process.exit(1);
});
