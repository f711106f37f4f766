// Service proxy benchmark: HTTP requests/s and p99 latency through a ClusterIP against the same
// server reached straight at its pod IP, in the same run, for iptables mode and userspace mode.
// Everything runs in network namespaces made here (test/lib/netns.ts): a node namespace holding
// the API server, the proxy and the load generator (Debian's wrk, installed when missing), and a
// pod namespace with a small Node HTTP server on the node's bridge. No namespace has a default
// route, and the ClusterIP's route is checked before any request is sent. Direct and proxied
// cells take turns (ABBA), ROUNDS times each, and each reports its median round, so background
// load falls on both alike.
// Usage: npm run bench:proxy   (root on Linux; BENCH_SECONDS=N per cell, default 5)
import { execFileSync } from 'node:child_process';
import { cpus, loadavg } from 'node:os';
import { createTopology, inNetns, netnsUnavailable, startAgent, type Agent } from '../lib/netns.js';

const SECONDS = Number(process.env['BENCH_SECONDS'] ?? 5);
const ROUNDS = 3;
const THREADS = 2;
const CONNECTIONS = 32;

interface Cell {
  rps: number;
  p99ms: number;
}

const toMs = (v: string): number => {
  const m = /^([\d.]+)(us|ms|s)$/.exec(v.trim());
  if (!m) return Number.NaN;
  return Number(m[1]) * ({ us: 0.001, ms: 1, s: 1000 } as Record<string, number>)[m[2] as string]!;
};

// wrk with --latency prints "Requests/sec: N" and a "99%  4.56ms" line; it has its own time limit
// (-d) and a request timeout, so every run is bounded.
function wrk(netns: string, url: string): Cell {
  const out = inNetns(netns, 'wrk', `-t${THREADS}`, `-c${CONNECTIONS}`, `-d${SECONDS}s`, '--timeout', '2s', '--latency', url);
  const rps = Number(/Requests\/sec:\s+([\d.]+)/.exec(out)?.[1]);
  const p99 = toMs(/^\s+99%\s+(\S+)/m.exec(out)?.[1] ?? '');
  const errors = /Non-2xx or 3xx responses: (\d+)|Socket errors: (.*)/.exec(out);
  if (!Number.isFinite(rps) || rps === 0) throw new Error(`wrk ${url} gave no rate:\n${out}`);
  if (errors) process.stderr.write(`wrk ${url}: ${errors[0]}\n`);
  return { rps, p99ms: p99 };
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 === 1 ? (s[(s.length - 1) / 2] as number) : ((s[s.length / 2 - 1] as number) + (s[s.length / 2] as number)) / 2;
};

// Traffic may only go where the node namespace routes it locally: to the proxy's interface or
// the pod bridge, never by a default route (there is none in the namespace; checked anyway).
function assertLocalRoute(netns: string, ip: string): void {
  const route = inNetns(netns, 'ip', '-o', 'route', 'get', ip);
  const dflt = inNetns(netns, 'ip', '-o', 'route', 'show', 'default').trim();
  if (dflt !== '' || !/dev (kl[0-9a-f]{6}-svc|br0|lo)\b/.test(route)) throw new Error(`refusing to send: ${ip} routes "${route.trim()}", default route "${dflt}"`);
}

async function measure(node: Agent, netns: string, mode: 'iptables' | 'userspace', podIP: string): Promise<{ direct: Cell; proxied: Cell }> {
  await node.call('cluster', { mode, serviceCidr: '10.96.0.0/16', clusterDns: '10.96.0.10' });
  const svc = await node.call<{ spec: { clusterIP: string } }>('apply', { resource: 'services', obj: { metadata: { name: 'web' }, spec: { ports: [{ port: 80, targetPort: 8080 }] } } });
  await node.call('apply', { resource: 'endpoints', obj: { metadata: { name: 'web' }, subsets: [{ addresses: [{ ip: podIP }], ports: [{ port: 8080 }] }] } });
  const ip = svc.spec.clusterIP;
  assertLocalRoute(netns, ip);
  assertLocalRoute(netns, podIP);
  for (let i = 0; i < 100; i++) {
    const r = await node.call<{ name?: string }>('dial', { proto: 'tcp', host: ip, port: 80, timeoutMs: 1000 });
    if (r.name !== undefined || i === 99) break;
    await new Promise((res) => setTimeout(res, 50));
  }
  wrk(netns, `http://${ip}:80/`); // warm-up: JIT of both servers, conntrack, ARP
  const direct: Cell[] = [];
  const proxied: Cell[] = [];
  for (let r = 0; r < ROUNDS; r++) {
    // ABBA order, so a trend in background load favours neither side.
    if (r % 2 === 0) {
      direct.push(wrk(netns, `http://${podIP}:8080/`));
      proxied.push(wrk(netns, `http://${ip}:80/`));
    } else {
      proxied.push(wrk(netns, `http://${ip}:80/`));
      direct.push(wrk(netns, `http://${podIP}:8080/`));
    }
  }
  await node.call('stopCluster', { cleanup: true });
  const mid = (cells: Cell[]): Cell => ({ rps: median(cells.map((c) => c.rps)), p99ms: median(cells.map((c) => c.p99ms)) });
  return { direct: mid(direct), proxied: mid(proxied) };
}

async function main(): Promise<void> {
  const why = netnsUnavailable(['ip', 'iptables', 'iptables-restore', 'wrk']);
  if (why) throw new Error(`bench:proxy needs ${why}`);
  const wrkVersion = execFileSync('sh', ['-c', 'wrk -v 2>&1 | head -1'], { encoding: 'utf8' }).trim();
  const loadBefore = loadavg().map((l) => l.toFixed(2)).join(' ');
  const topo = createTopology(1);
  const agents: Agent[] = [];
  try {
    const node = await startAgent(topo.node);
    agents.push(node);
    const pod = await startAgent(topo.pods[0]?.ns as string);
    agents.push(pod);
    await pod.call('echo', { name: 'pod', http: [8080] });
    const podIP = topo.pods[0]?.ip as string;
    const results = {
      iptables: await measure(node, topo.node, 'iptables', podIP),
      userspace: await measure(node, topo.node, 'userspace', podIP),
    };
    const loadAfter = loadavg().map((l) => l.toFixed(2)).join(' ');
    console.log(`\n${cpus().length} cores, Node ${process.version}, ${wrkVersion}; wrk -t${THREADS} -c${CONNECTIONS} -d${SECONDS}s, median of ${ROUNDS} rounds per cell; load ${loadBefore} → ${loadAfter}\n`);
    console.log('| mode      | direct req/s | ClusterIP req/s | ratio | direct p99 ms | ClusterIP p99 ms |');
    console.log('|-----------|--------------|-----------------|-------|---------------|------------------|');
    for (const [mode, r] of Object.entries(results)) {
      console.log(`| ${mode.padEnd(9)} | ${r.direct.rps.toFixed(0).padStart(12)} | ${r.proxied.rps.toFixed(0).padStart(15)} | ${(r.proxied.rps / r.direct.rps).toFixed(2).padStart(5)} | ${r.direct.p99ms.toFixed(2).padStart(13)} | ${r.proxied.p99ms.toFixed(2).padStart(16)} |`);
    }
    console.log('');
    for (const [mode, r] of Object.entries(results)) {
      console.log(`RESULT proxy_rps_${mode}=${r.proxied.rps.toFixed(0)}`);
      console.log(`RESULT proxy_p99_ms_${mode}=${r.proxied.p99ms.toFixed(2)}`);
      console.log(`RESULT direct_rps_${mode}=${r.direct.rps.toFixed(0)}`);
    }
    console.log(`RESULT proxy_vs_direct_ratio_iptables=${(results.iptables.proxied.rps / results.iptables.direct.rps).toFixed(3)}`);
    console.log(`RESULT proxy_vs_direct_ratio_userspace=${(results.userspace.proxied.rps / results.userspace.direct.rps).toFixed(3)}`);
  } finally {
    await Promise.all(agents.map((a) => a.close()));
    topo.destroy();
  }
}

await main();
