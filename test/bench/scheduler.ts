// Scheduler throughput, as kube-scheduler's scheduler_perf measures it: N nodes and P pending pods
// are created through the API first (quiet nodes: no heartbeats), then the scheduler starts and
// places them all. Reported: pods bound per second, the scheduling latency per pod (its attempt:
// taken from the queue → binding accepted by the API, as scheduler_scheduling_attempt_duration_seconds
// measures it) p50/p99, the CPU each process used, the peak RSS, and the placement checked afterwards.
//
//   npm run bench:scheduler                       # (100, 3000), (1000, 10000), (5000, 10000)
//   SCHED_CASES=500x2000 npm run bench:scheduler  # other cases
//   SCHED_PROF=/tmp/prof npm run bench:scheduler  # --cpu-prof of the scheduler and the API server
//
// Each case runs in a fresh child process (so its peak RSS is its own) against a fresh
// `kubelite apiserver` child process (so the server does not share the scheduler's event loop).
import { spawnSync } from 'node:child_process';
import type { KubeObject } from '../../api/meta/object.js';
import { cpus, loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { pino } from 'pino';
import { Registry } from 'prom-client';
import { SharedInformerFactory } from '../../pkg/client/cache/informer-factory.js';
import { Clientset } from '../../pkg/client/clientset.js';
import { schedulerFlags } from '../../pkg/scheduler/options.js';
import { run } from '../../pkg/scheduler/run.js';
import type { Scheduler } from '../../pkg/scheduler/scheduler.js';
import { defaults } from '../lib/flag-defaults.js';
import { podObject, nodeObject, nodeStatus } from '../lib/scheduler-fixtures.js';
import { runQueueSeconds, startApiserverChild } from './lib/apiserver-child.js';
import { checkPlacement } from './lib/sched-placement.js';
import { fmt, percentile } from './lib/stats.js';

const RCS = 10;
const NODE = { cpu: '8', memory: '32Gi', pods: 110 };
const POD = { cpu: '100m', memory: '256Mi' };

interface CaseResult {
  nodes: number;
  pods: number;
  podsPerSec: number;
  p50: number;
  p99: number;
  /** schedCpu and apiCpu are the CPU cores each process kept busy while pods were being scheduled. */
  schedCpu: number;
  apiCpu: number;
  /** schedWait and apiWait are the shares of the time each main thread was runnable but waiting for a CPU (other load on the machine). */
  schedWait: number;
  apiWait: number;
  rssMb: number;
  apiRssMb: number;
  skew: number;
  maxPerNode: number;
  overcommitted: number;
  unbound: number;
  eventsWritten: number;
  eventsDropped: number;
  setupSeconds: number;
}

async function pool(n: number, concurrency: number, fn: (i: number) => Promise<unknown>): Promise<void> {
  let next = 0;
  await Promise.all(Array.from({ length: concurrency }, async () => {
    while (next < n) await fn(next++);
  }));
}

/** storeWrites sums the API server's etcd_request_duration_seconds for writes: count and seconds. */
async function storeWrites(cs: Clientset): Promise<{ count: number; seconds: number }> {
  const text = (await cs.rest.request<string>({ path: '/metrics', accept: 'text/plain' })).body;
  let count = 0;
  let seconds = 0;
  for (const line of String(text).split('\n')) {
    if (!line.startsWith('etcd_request_duration_seconds_') || !/operation="(create|update|guaranteedUpdate|delete)/.test(line)) continue;
    const v = Number(line.slice(line.lastIndexOf(' ') + 1));
    if (line.startsWith('etcd_request_duration_seconds_count')) count += v;
    else if (line.startsWith('etcd_request_duration_seconds_sum')) seconds += v;
  }
  return { count, seconds };
}

async function runCase(nodes: number, pods: number): Promise<CaseResult> {
  const prof = process.env['SCHED_PROF'];
  // The server's pod CIDRs (one /24 per node) must cover 5 000 nodes: a /10 has 16 384.
  const api = await startApiserverChild({ flags: ['--cluster-cidr', '100.64.0.0/10'], cpuProfDir: prof });
  const config = { server: api.url, ca: api.caPem, token: api.token, namespace: 'default' };
  const loader = new Clientset(config, 'bench-loader');
  const setupStart = performance.now();
  try {
    await pool(nodes, 32, async (i) => {
      const n = { name: `node-${String(i).padStart(5, '0')}`, ...NODE };
      const created = await loader.resource('', 'nodes').create(undefined, nodeObject(n));
      await loader.resource('', 'nodes').updateStatus(undefined, { ...created, status: nodeStatus(n) });
    });
    const rcs: KubeObject[] = [];
    for (let r = 0; r < RCS; r++) {
      rcs.push(await loader.resource('', 'replicationcontrollers').create('default', {
        metadata: { name: `rc-${r}` },
        spec: { replicas: 0, selector: { app: `rc-${r}` }, template: { metadata: { labels: { app: `rc-${r}` } }, spec: { containers: [{ name: 'app', image: 'pause' }] } } },
      }));
    }
    await pool(pods, 64, async (i) => {
      const rc = rcs[i % RCS]?.metadata ?? {};
      await loader.resource('', 'pods').create('default', podObject({ name: `pod-${i}`, ...POD, labels: { app: rc.name ?? '' }, owner: { kind: 'ReplicationController', name: rc.name ?? '', uid: rc.uid ?? '' } }));
    });
    const setupSeconds = (performance.now() - setupStart) / 1000;
    console.error(`  ${nodes} nodes and ${pods} pods created in ${setupSeconds.toFixed(1)} s; scheduling`);
    const writesBefore = await storeWrites(loader);

    const client = new Clientset(config, 'bench-scheduler');
    const ctx = { clientset: client, informers: new SharedInformerFactory(client), logger: pino({ level: 'warn' }), metrics: new Registry() };
    const stop = new AbortController();
    const attempt: number[] = [];
    let started = 0;
    let finished = 0;
    let cpuAtStart = { sched: process.cpuUsage(), api: 0, schedWait: 0, apiWait: 0 };
    let cpuAtEnd = cpuAtStart;
    let sched: Scheduler | undefined;
    let allBound: () => void = () => undefined;
    const done = new Promise<void>((r) => (allBound = r));
    const running = run({ ...defaults(schedulerFlags), leaderElect: false }, stop.signal, ctx, {
      onScheduler: (s) => (sched = s),
      bindConcurrency: Number(process.env['SCHED_BIND_CONCURRENCY'] ?? 0) || undefined,
      hooks: {
        onRun: () => {
          started = performance.now();
          cpuAtStart = { sched: process.cpuUsage(), api: api.cpuSeconds(), schedWait: runQueueSeconds('self'), apiWait: api.runQueueSeconds() };
        },
        onBound: (b) => {
          attempt.push(b.attemptMs);
          if (attempt.length === pods) {
            finished = performance.now();
            cpuAtEnd = { sched: process.cpuUsage(), api: api.cpuSeconds(), schedWait: runQueueSeconds('self'), apiWait: api.runQueueSeconds() };
            allBound();
          }
        },
      },
    });
    const timeout = setTimeout(() => allBound(), 600_000);
    await done;
    clearTimeout(timeout);
    // The profiler's clock is the monotonic one hrtime reads: this is the scheduling window in its terms.
    if (prof) console.error(`  profile window (µs): ${Number(process.hrtime.bigint() / 1000n) - Math.round(performance.now() - started) * 1000} ${Number(process.hrtime.bigint() / 1000n)}`);
    const rssMb = process.resourceUsage().maxRSS / 1024;
    const apiRssMb = api.peakRssMb();
    await sched?.events.idle();
    stop.abort();
    await running;
    await ctx.informers.shutdown();
    client.close();
    const writesAfter = await storeWrites(loader);
    const writes = writesAfter.count - writesBefore.count;
    console.error(`  store writes while scheduling: ${writes}, mean ${((1000 * (writesAfter.seconds - writesBefore.seconds)) / Math.max(1, writes)).toFixed(1)} ms`);
    const placement = await checkPlacement(loader, rcs[0]?.metadata?.uid ?? '');
    attempt.sort((a, b) => a - b);
    return {
      nodes, pods,
      podsPerSec: finished > started ? (attempt.length / (finished - started)) * 1000 : 0,
      p50: percentile(attempt, 50), p99: percentile(attempt, 99),
      schedCpu: (cpuAtEnd.sched.user + cpuAtEnd.sched.system - cpuAtStart.sched.user - cpuAtStart.sched.system) / 1000 / (finished - started),
      apiCpu: ((cpuAtEnd.api - cpuAtStart.api) * 1000) / (finished - started),
      schedWait: ((cpuAtEnd.schedWait - cpuAtStart.schedWait) * 1000) / (finished - started),
      apiWait: ((cpuAtEnd.apiWait - cpuAtStart.apiWait) * 1000) / (finished - started),
      rssMb, apiRssMb,
      skew: placement.skew, maxPerNode: placement.maxPerNode, overcommitted: placement.overcommitted.length, unbound: placement.unbound + (pods - attempt.length),
      eventsWritten: sched?.events.written ?? 0, eventsDropped: sched?.events.dropped ?? 0,
      setupSeconds,
    };
  } finally {
    loader.close();
    await api.stop();
  }
}

function table(results: CaseResult[]): string {
  const header = ['nodes', 'pods', 'pods/s', 'latency p50 ms', 'latency p99 ms', 'CPU cores (sched / api)', 'waiting for a CPU (sched / api)', 'peak RSS MB (sched / api)', 'RC skew', 'max pods/node', 'nodes over alloc', 'Scheduled events (written / dropped)'];
  const rows = results.map((r) => [String(r.nodes), String(r.pods), fmt(r.podsPerSec), fmt(r.p50), fmt(r.p99), `${r.schedCpu.toFixed(2)} / ${r.apiCpu.toFixed(2)}`, `${Math.round(100 * r.schedWait)}% / ${Math.round(100 * r.apiWait)}%`, `${fmt(r.rssMb)} / ${fmt(r.apiRssMb)}`, String(r.skew), String(r.maxPerNode), String(r.overcommitted), `${r.eventsWritten} / ${r.eventsDropped}`]);
  const line = (cells: string[]): string => `| ${cells.join(' | ')} |`;
  return [line(header), `|${header.map(() => '---').join('|')}|`, ...rows.map(line)].join('\n');
}

async function main(): Promise<void> {
  const i = process.argv.indexOf('--case');
  if (i >= 0) {
    const r = await runCase(Number(process.argv[i + 1]), Number(process.argv[i + 2]));
    process.stdout.write(`CASE ${JSON.stringify(r)}\n`);
    return;
  }
  const cases = (process.env['SCHED_CASES'] ?? '100x3000,1000x10000,5000x10000').split(',').map((c) => c.split('x').map(Number) as [number, number]);
  console.log(`# scheduler benchmark: ${cpus().length} cpus, Node ${process.version}, load average ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
  const results: CaseResult[] = [];
  const failures: string[] = [];
  for (const [nodes, pods] of cases) {
    console.error(`case: ${nodes} nodes, ${pods} pods`);
    const prof = process.env['SCHED_PROF'] ? ['--cpu-prof', `--cpu-prof-dir=${process.env['SCHED_PROF']}`] : [];
    const child = spawnSync(process.execPath, [...prof, '--import', 'tsx', fileURLToPath(import.meta.url), '--case', String(nodes), String(pods)], { stdio: ['ignore', 'pipe', 'inherit'], encoding: 'utf8', maxBuffer: 64 << 20 });
    const line = child.stdout.split('\n').find((l) => l.startsWith('CASE '));
    if (!line) throw new Error(`case ${nodes}x${pods} failed (exit ${child.status}):\n${child.stdout}`);
    const r = JSON.parse(line.slice(5)) as CaseResult;
    results.push(r);
    if (r.unbound > 0) failures.push(`${nodes}x${pods}: ${r.unbound} pods not bound`);
    if (r.overcommitted > 0) failures.push(`${nodes}x${pods}: ${r.overcommitted} nodes over allocatable`);
    // Even spreading puts ⌈pods per RC / nodes⌉ on a node; a skew of 2 above that is the bound.
    const even = Math.ceil(pods / RCS / nodes);
    if (r.skew > even + 2) failures.push(`${nodes}x${pods}: RC spread skew ${r.skew} > ${even + 2}`);
  }
  console.log(table(results));
  console.log(`# load average after: ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
  for (const f of failures) console.log(`PLACEMENT FAILED ${f}`);
  const big = results.find((r) => r.nodes === 5000) ?? results[results.length - 1];
  if (big) {
    console.log(`RESULT sched_pods_per_s_5000=${big.podsPerSec.toFixed(1)}`);
    console.log(`RESULT sched_p99_ms_5000=${big.p99.toFixed(2)}`);
    console.log(`RESULT sched_peak_rss_mb_5000=${big.rssMb.toFixed(1)}`);
  }
  if (failures.length > 0) process.exitCode = 1;
}

await main();
