// Store benchmark: LevelStore against etcd 3.4 on this machine, same workloads, same run.
// Both fsync every commit (etcd by default, ours per group-committed batch), so the comparison is
// at equal durability. Prints a Markdown table, then `RESULT name=value` lines for scripts.
// Usage: npm run bench:store   (env BENCH_SECONDS overrides the 5 s per write cell)
import { mkdtempSync } from 'node:fs';
import { cpus, loadavg, tmpdir, type as osType, release } from 'node:os';
import { join } from 'node:path';
import { ensureEtcd, removeTree, startEtcd, type EtcdServer } from './lib/etcd-server.js';
import { markdownTable, type Row, type Summary } from './lib/stats.js';
import { etcdTarget, levelTarget, type BenchTarget } from './lib/targets.js';
import { Keys, VALUE_BYTES, watchCell, writeCell, type WatchSummary } from './lib/workloads.js';

const WRITERS = [1, 16, 64] as const;
const WRITE_SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const WATCHERS = 100;
const WATCH_RATE = 200;
const WATCH_SECONDS = 3;

interface Results {
  writes: Map<number, Summary>;
  watch?: WatchSummary;
}

/** Done is a contender's results once every cell has run. */
type Done = Required<Results>;

interface Contender {
  target: BenchTarget;
  keys: Keys;
  results: Results;
}

const log = (name: string, what: string, s: Summary): void =>
  console.error(`${name}: ${what}: ${Math.round(s.perSecond)}/s, p50 ${s.p50.toFixed(2)} ms, p99 ${s.p99.toFixed(2)} ms`);

/**
 * runInterleaved runs each cell on both stores back to back rather than one store's whole suite
 * and then the other's: on a shared 2-core machine, background load then drifts over both alike.
 */
async function runInterleaved(contenders: Contender[]): Promise<void> {
  // Untimed warm-up: JIT, the gRPC channel, LevelDB's first memtable, etcd's first WAL segment.
  for (const c of contenders) await writeCell(c.target, c.keys, 16, 1);
  for (const n of WRITERS) {
    for (const c of contenders) {
      const s = await writeCell(c.target, c.keys, n, WRITE_SECONDS);
      c.results.writes.set(n, s);
      log(c.target.name, `${n} writers`, s);
    }
  }
  for (const c of contenders) {
    const w = await watchCell(c.target, '/registry/configmaps/watched/', WATCHERS, WATCH_RATE, WATCH_SECONDS);
    c.results.watch = w;
    log(c.target.name, `watch (${w.delivered}/${w.expected} events)`, w);
  }
}

/** bench starts etcd and opens our store, runs everything, and tears both down whatever happens. */
async function bench(etcdVersion: string): Promise<{ ours: Done; etcd: Done }> {
  const dir = mkdtempSync(join(tmpdir(), 'kubelite-bench-level-'));
  const removeDir = (): void => removeTree(dir);
  process.once('exit', removeDir); // Ctrl-C skips the finally below
  let server: EtcdServer | undefined;
  const targets: BenchTarget[] = [];
  try {
    server = await startEtcd(etcdVersion);
    targets.push(await levelTarget(dir), etcdTarget(server.url));
    const contenders = targets.map((target) => ({ target, keys: new Keys('/registry/pods/default/'), results: { writes: new Map() } }));
    await runInterleaved(contenders);
    const [ours, etcd] = contenders.map((c) => c.results as Done);
    return { ours, etcd };
  } finally {
    for (const t of targets) await t.close().catch((err: unknown) => console.error(`closing ${t.name}:`, err));
    await server?.stop();
    removeDir();
    process.off('exit', removeDir);
  }
}

function rows(ours: Done, etcd: Done): Row[] {
  const out: Row[] = [];
  for (const n of WRITERS) {
    const [o, e] = [ours.writes.get(n) as Summary, etcd.writes.get(n) as Summary];
    const w = `${n} writer${n === 1 ? '' : 's'}`;
    out.push({ label: `create, ${w}: writes/s`, ours: o.perSecond, etcd: e.perSecond, higherIsBetter: true });
    out.push({ label: `create, ${w}: p50 ms`, ours: o.p50, etcd: e.p50, higherIsBetter: false });
    out.push({ label: `create, ${w}: p99 ms`, ours: o.p99, etcd: e.p99, higherIsBetter: false });
  }
  const w = `watch, ${WATCHERS} watchers @ ${WATCH_RATE} writes/s`;
  out.push({ label: `${w}: p50 ms`, ours: ours.watch.p50, etcd: etcd.watch.p50, higherIsBetter: false });
  out.push({ label: `${w}: p99 ms`, ours: ours.watch.p99, etcd: etcd.watch.p99, higherIsBetter: false });
  return out;
}

function resultLines(ours: Done, etcd: Done): string[] {
  const round = (n: number): string => (Number.isFinite(n) ? String(Math.round(n * 100) / 100) : 'NaN');
  const lines: string[] = [];
  for (const n of WRITERS) {
    const [o, e] = [ours.writes.get(n) as Summary, etcd.writes.get(n) as Summary];
    lines.push(`store_writes_per_s_${n}=${round(o.perSecond)}`, `etcd_writes_per_s_${n}=${round(e.perSecond)}`);
    lines.push(`store_p50_ms_${n}=${round(o.p50)}`, `etcd_p50_ms_${n}=${round(e.p50)}`);
    lines.push(`store_p99_ms_${n}=${round(o.p99)}`, `etcd_p99_ms_${n}=${round(e.p99)}`);
  }
  lines.push(`watch_p50_ms_${WATCHERS}=${round(ours.watch.p50)}`, `etcd_watch_p50_ms_${WATCHERS}=${round(etcd.watch.p50)}`);
  lines.push(`watch_p99_ms_${WATCHERS}=${round(ours.watch.p99)}`, `etcd_watch_p99_ms_${WATCHERS}=${round(etcd.watch.p99)}`);
  return lines.map((l) => `RESULT ${l}`);
}

/** load is the 1-minute load average: on a 2-core box, other work skews every figure here. */
const load = (): string => (loadavg()[0] ?? 0).toFixed(2);

async function main(): Promise<void> {
  const etcdVersion = ensureEtcd();
  const loadBefore = load();
  if (Number(loadBefore) > 0.5 * cpus().length) console.error(`warning: load average ${loadBefore} before the run; results will be noisy`);
  const { ours, etcd } = await bench(etcdVersion);
  for (const [name, r] of [['LevelStore', ours], ['etcd', etcd]] as const) {
    if (r.watch.delivered !== r.watch.expected) console.error(`warning: ${name} delivered ${r.watch.delivered} of ${r.watch.expected} watch events`);
  }
  console.log(`\n## Store: LevelStore vs ${etcdVersion}`);
  console.log(`machine: ${cpus().length} cores (${cpus()[0]?.model ?? 'unknown cpu'}), ${osType()} ${release()}, node ${process.version}`);
  console.log(`load average (1 min): ${loadBefore} before, ${load()} after`);
  console.log(`workload: creates of distinct keys, ${VALUE_BYTES}-byte values, ${WRITE_SECONDS} s per writer count; ` +
    `watch: ${WATCHERS} watchers on one prefix, ${WATCH_RATE} writes/s for ${WATCH_SECONDS} s, latency = receive − write start\n`);
  console.log(markdownTable(rows(ours, etcd)));
  console.log('');
  for (const line of resultLines(ours, etcd)) console.log(line);
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? (err.stack ?? err.message) : err);
  process.exitCode = 1;
});
