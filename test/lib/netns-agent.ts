// Runs inside a test network namespace (netns.ts starts it with `ip netns exec`) and does what the
// test asks over stdin/stdout, one JSON object per line: echo and HTTP servers ("pods"), client
// connections (bounded by a timeout each), and on the node an API server plus the proxy role.
// It exits when stdin closes, so a dead test never leaves it running.
import { createServer as createHttpServer } from 'node:http';
import { createSocket } from 'node:dgram';
import { mkdtempSync, rmSync } from 'node:fs';
import { connect, createServer, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import * as dns from 'dns-packet';
import { pino } from 'pino';
import { Registry } from 'prom-client';
import { SharedInformerFactory } from '../../pkg/client/cache/informer-factory.js';
import { Clientset } from '../../pkg/client/clientset.js';
import { cleanProxy } from '../../pkg/proxy/cleanup.js';
import { proxyFlags } from '../../pkg/proxy/options.js';
import { run, type ProxyMode } from '../../pkg/proxy/run.js';
import { commonFlags } from '../../pkg/util/common-flags.js';
import { startTestApi, type TestApi } from './api-server.js';
import { defaults } from './flag-defaults.js';

type Args = Record<string, unknown>;
const closers: Array<() => void> = [];
const held = new Map<number, { sock: Socket; data: string }>();
const udpHeld = new Map<number, { sock: ReturnType<typeof createSocket>; replies: string[] }>();
let heldSeq = 0;
let cluster: { api: TestApi; cs: Clientset; stop: AbortController; done: Promise<void>; registry: Registry; dataDir: string } | undefined;

function dialTcp(host: string, port: number, timeoutMs: number, keep = false): Promise<{ name?: string; error?: string; ms: number; sock?: Socket }> {
  const start = performance.now();
  return new Promise((resolve) => {
    const sock = connect({ host, port });
    let data = '';
    const done = (r: { name?: string; error?: string }): void => {
      clearTimeout(timer);
      if (!keep || r.error) sock.destroy();
      resolve({ ...r, ms: performance.now() - start, ...(keep && !r.error ? { sock } : {}) });
    };
    const timer = setTimeout(() => done({ error: 'TIMEOUT' }), timeoutMs);
    sock.on('error', (err: NodeJS.ErrnoException) => done({ error: err.code ?? err.message }));
    sock.on('data', (c: Buffer) => {
      data += c.toString();
      const i = data.indexOf('\n');
      if (i >= 0) {
        sock.removeAllListeners('data');
        done({ name: data.slice(0, i) });
      }
    });
    sock.on('end', () => done({ error: 'EOF' }));
  });
}

function dialUdp(host: string, port: number, timeoutMs: number): Promise<{ name?: string; error?: string; ms: number }> {
  const start = performance.now();
  return new Promise((resolve) => {
    const sock = createSocket('udp4');
    const done = (r: { name?: string; error?: string }): void => {
      clearTimeout(timer);
      sock.close();
      resolve({ ...r, ms: performance.now() - start });
    };
    const timer = setTimeout(() => done({ error: 'TIMEOUT' }), timeoutMs);
    sock.on('error', (err: NodeJS.ErrnoException) => done({ error: err.code ?? err.message }));
    sock.on('message', (m) => done({ name: m.toString().split('|')[0] as string }));
    // Connected, so an ICMP port unreachable comes back as ECONNREFUSED.
    sock.connect(port, host, () => sock.send('hello'));
  });
}

function dnsQuery(host: string, port: number, name: string, type: dns.RecordType): Promise<{ rcode: string; answers: unknown[] }> {
  return new Promise((resolve, reject) => {
    const sock = createSocket('udp4');
    const timer = setTimeout(() => {
      sock.close();
      reject(new Error('DNS query timed out'));
    }, 2000);
    sock.on('message', (m) => {
      clearTimeout(timer);
      sock.close();
      const r = dns.decode(m) as dns.DecodedPacket & { rcode: string };
      resolve({ rcode: r.rcode, answers: (r.answers ?? []).map((a) => (a as { data: unknown }).data) });
    });
    sock.send(dns.encode({ type: 'query', id: 1, flags: dns.RECURSION_DESIRED, questions: [{ type, name, class: 'IN' }] }), port, host);
  });
}

const OPS: Record<string, (a: Args) => Promise<unknown>> = {
  ping: async () => 'pong',

  // Echo servers answer with their name first, so a client knows which endpoint it reached.
  echo: async (a) => {
    const name = String(a['name']);
    for (const port of (a['tcp'] as number[] | undefined) ?? []) {
      const s = createServer((sock) => {
        sock.on('error', () => sock.destroy());
        sock.write(`${name}\n`);
        sock.pipe(sock);
      });
      await new Promise<void>((r) => s.listen(port, '0.0.0.0', () => r()));
      closers.push(() => s.close());
    }
    for (const port of (a['udp'] as number[] | undefined) ?? []) {
      const s = createSocket('udp4');
      s.on('message', (m, from) => s.send(`${name}|${m.toString()}`, from.port, from.address));
      await new Promise<void>((r) => s.bind(port, '0.0.0.0', () => r()));
      closers.push(() => s.close());
    }
    for (const port of (a['http'] as number[] | undefined) ?? []) {
      const s = createHttpServer({ keepAliveTimeout: 60_000 }, (_req, res) => res.end(name));
      await new Promise<void>((r) => s.listen(port, '0.0.0.0', () => r()));
      closers.push(() => s.close());
    }
    return 'ok';
  },

  dial: async (a) => {
    const timeout = Number(a['timeoutMs'] ?? 2000);
    return a['proto'] === 'udp' ? dialUdp(String(a['host']), Number(a['port']), timeout) : dialTcp(String(a['host']), Number(a['port']), timeout);
  },

  // count sequential dials; returns each result's name or error.
  dialMany: async (a) => {
    const out: string[] = [];
    for (let i = 0; i < Number(a['count']); i++) {
      const r = (await OPS['dial']?.(a)) as { name?: string; error?: string };
      out.push(r.name ?? `!${r.error}`);
    }
    return out;
  },

  hold: async (a) => {
    const r = await dialTcp(String(a['host']), Number(a['port']), 2000, true);
    if (!r.sock) return { error: r.error };
    const handle = ++heldSeq;
    const entry = { sock: r.sock, data: '' };
    r.sock.on('data', (c: Buffer) => (entry.data += c.toString()));
    r.sock.on('error', () => undefined);
    held.set(handle, entry);
    return { handle, name: r.name };
  },

  holdEcho: async (a) => {
    const h = held.get(Number(a['handle']));
    if (!h || h.sock.destroyed) return { error: 'closed' };
    const payload = String(a['payload']);
    h.data = '';
    h.sock.write(payload);
    const end = Date.now() + 2000;
    while (!h.data.includes(payload) && Date.now() < end && !h.sock.destroyed) await new Promise((r) => setTimeout(r, 10));
    return { echoed: h.data };
  },

  holdClose: async (a) => {
    held.get(Number(a['handle']))?.sock.destroy();
    held.delete(Number(a['handle']));
    return 'ok';
  },

  // A UDP "connection": one socket, so every datagram has the same source port (one conntrack
  // entry, one userspace session).
  udpOpen: async (a) => {
    const sock = createSocket('udp4');
    const replies: string[] = [];
    sock.on('message', (m) => replies.push(m.toString().split('|')[0] as string));
    sock.on('error', () => undefined);
    await new Promise<void>((r) => sock.connect(Number(a['port']), String(a['host']), () => r()));
    const handle = ++heldSeq;
    udpHeld.set(handle, { sock, replies });
    return { handle };
  },

  udpSend: async (a) => {
    const h = udpHeld.get(Number(a['handle']));
    if (!h) return { error: 'closed' };
    const before = h.replies.length;
    h.sock.send('again');
    const end = Date.now() + 2000;
    while (h.replies.length === before && Date.now() < end) await new Promise((r) => setTimeout(r, 10));
    return h.replies.length > before ? { name: h.replies[h.replies.length - 1] } : { error: 'TIMEOUT' };
  },

  cluster: async (a) => {
    const api = await startTestApi({ serviceClusterIpRange: a['serviceCidr'], serviceNodePortRange: '30000-30100' });
    const config = { server: api.server.url, ca: api.server.caPem, token: api.server.adminToken, namespace: 'default' };
    const cs = new Clientset(config, 'netns-agent');
    const proxyClient = new Clientset(config, 'proxy');
    const registry = new Registry();
    const logger = pino({ level: String(a['logLevel'] ?? 'warn') }, pino.destination(2));
    const ctx = { clientset: proxyClient, informers: new SharedInformerFactory(proxyClient), logger, metrics: registry };
    const dataDir = mkdtempSync(join(tmpdir(), 'kubelite-proxy-'));
    const opts = {
      ...defaults({ ...commonFlags, ...proxyFlags }), dataDir, proxyMode: String(a['mode']),
      serviceClusterIpRange: String(a['serviceCidr']), clusterCidr: '10.244.0.0/16', clusterDns: String(a['clusterDns']),
      ...(a['proxy'] as Args | undefined),
    };
    const stop = new AbortController();
    let ready: (v: { mode: ProxyMode; dns?: { host: string; port: number } }) => void = () => undefined;
    const readyP = new Promise<{ mode: ProxyMode; dns?: { host: string; port: number } }>((r) => (ready = r));
    ctx.informers.start(stop.signal);
    const done = run(opts, stop.signal, ctx, { onReady: ready }).finally(async () => {
      await ctx.informers.shutdown();
      proxyClient.close();
    });
    cluster = { api, cs, stop, done, registry, dataDir };
    const info = await Promise.race([readyP, done.then(() => {
      throw new Error('proxy stopped before its first sync');
    })]);
    return { ...info, dataDir };
  },

  apply: async (a) => {
    const c = cluster?.cs.resource('', String(a['resource']));
    if (!c) throw new Error('no cluster');
    const ns = String(a['namespace'] ?? 'default');
    const obj = a['obj'] as { metadata: { name: string; resourceVersion?: string } };
    const cur = await c.get(ns, obj.metadata.name).catch((err: { code?: number }) => {
      if (err.code === 404) return undefined;
      throw err;
    });
    if (!cur) return await c.create(ns, obj);
    return await c.update(ns, { ...obj, metadata: { ...obj.metadata, resourceVersion: cur.metadata?.resourceVersion } });
  },

  remove: async (a) => {
    await cluster?.cs.resource('', String(a['resource'])).delete(String(a['namespace'] ?? 'default'), String(a['name']));
    return 'ok';
  },

  metrics: async () => cluster?.registry.metrics(),

  dns: async (a) => dnsQuery(String(a['host']), Number(a['port'] ?? 53), String(a['name']), (a['type'] as dns.RecordType | undefined) ?? 'A'),

  // Stops the proxy and API server; with cleanup, runs the proxy's cleaner as `kubelite cleanup` would.
  stopCluster: async (a) => {
    if (!cluster) return [];
    const c = cluster;
    cluster = undefined;
    c.stop.abort();
    await c.done;
    c.cs.close();
    await c.api.close();
    const removed = a['cleanup'] ? await cleanProxy(c.dataDir) : [];
    rmSync(c.dataDir, { recursive: true, force: true });
    return removed;
  },
};

const rl = createInterface({ input: process.stdin });
rl.on('line', (line) => {
  let req: Args & { id: number; op: string };
  try {
    req = JSON.parse(line) as typeof req;
  } catch {
    return;
  }
  const op = OPS[req.op];
  const reply = (body: object): void => void process.stdout.write(`${JSON.stringify({ id: req.id, ...body })}\n`);
  if (!op) return reply({ error: `unknown op ${req.op}` });
  op(req).then((result) => reply({ result: result ?? null }), (err: unknown) => reply({ error: (err as Error).stack ?? String(err) }));
});
rl.on('close', () => {
  void (async () => {
    for (const h of held.values()) h.sock.destroy();
    for (const h of udpHeld.values()) h.sock.close();
    for (const c of closers) c();
    if (cluster) await OPS['stopCluster']?.({ cleanup: true });
    process.exit(0);
  })();
});
