// Network namespaces for proxy tests and benchmarks, so that ALL their traffic stays in
// namespaces they made (runtime-recipes.md, "Safety rule"): a "node" namespace with a pod bridge
// (10.244.1.1/24), "pod" namespaces on it, and an "ext" namespace on the node's "eth0"
// (10.255.99.1 ↔ 10.255.99.2). No namespace has a default route, so a packet no rule handles
// dies inside. Each namespace runs an agent (netns-agent.ts) driven over stdin/stdout.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { execFileSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '../..');
const PREFIX = 'kpt-';

/** NODE_IP is the node's "eth0" address; EXT_IP is the outside client's. BRIDGE_IP is the node's pod gateway. */
export const NODE_IP = '10.255.99.1';
export const EXT_IP = '10.255.99.2';
export const BRIDGE_IP = '10.244.1.1';

/**
 * netnsUnavailable says why namespace tests cannot run here ('' when they can). Missing ip,
 * iptables or conntrack are installed with apt-get first; a failed install throws.
 */
export function netnsUnavailable(tools: string[] = ['ip', 'iptables', 'iptables-restore', 'conntrack']): string {
  if (process.platform !== 'linux') return 'network namespaces need Linux';
  if (process.getuid?.() !== 0) return 'network namespaces, bridges and iptables need root';
  const missing = tools.filter((t) => spawnSync('sh', ['-c', `command -v ${t}`]).status !== 0);
  if (missing.length > 0) {
    const pkgs = [...new Set(missing.map((t) => ({ ip: 'iproute2', 'iptables-restore': 'iptables' } as Record<string, string>)[t] ?? t))];
    const r = spawnSync('sh', ['-c', `(apt-get update -qq || true) && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends ${pkgs.join(' ')}`], { stdio: 'inherit' });
    if (r.status !== 0) throw new Error(`${missing.join(', ')} missing and apt-get install ${pkgs.join(' ')} failed`);
  }
  return '';
}

const sh = (cmd: string, args: string[]): string => execFileSync(cmd, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
/** ipns runs `ip -n NS ARGS`. */
export const ipns = (ns: string, ...args: string[]): string => sh('ip', ['-n', ns, ...args]);
/** inNetns runs a command inside a namespace. */
export const inNetns = (ns: string, cmd: string, ...args: string[]): string => sh('ip', ['netns', 'exec', ns, cmd, ...args]);

// Namespaces of test processes that died without cleaning up (their pid is in the name).
function sweepStale(): void {
  let names: string[] = [];
  try {
    names = readdirSync('/run/netns');
  } catch {
    return;
  }
  for (const n of names) {
    const pid = Number(/^kpt-(\d+)-/.exec(n)?.[1]);
    if (!pid) continue;
    try {
      process.kill(pid, 0);
    } catch {
      spawnSync('ip', ['netns', 'del', n]);
    }
  }
}

/** Pod is a pod namespace on the node's bridge. */
export interface Pod {
  ns: string;
  ip: string;
}

/** Topology is a node namespace with pods and an outside client. */
export interface Topology {
  node: string;
  ext: string;
  pods: Pod[];
  /** destroy deletes every namespace (and so every interface, route and rule in them) */
  destroy(): void;
}

let seq = 0;
const live = new Set<string>();
process.once('exit', () => {
  for (const n of live) spawnSync('ip', ['netns', 'del', n]);
});

/** createTopology builds node, ext and podCount pod namespaces. */
export function createTopology(podCount: number): Topology {
  sweepStale();
  const id = `${PREFIX}${process.pid}-${seq++}`;
  const node = `${id}-node`;
  const ext = `${id}-ext`;
  const pods = Array.from({ length: podCount }, (_, i) => ({ ns: `${id}-p${i}`, ip: `10.244.1.${10 + i}` }));
  const all = [node, ext, ...pods.map((p) => p.ns)];
  const destroy = (): void => {
    for (const n of all) {
      spawnSync('ip', ['netns', 'del', n]);
      live.delete(n);
    }
  };
  try {
    for (const n of all) {
      sh('ip', ['netns', 'add', n]);
      live.add(n);
      ipns(n, 'link', 'set', 'lo', 'up');
    }
    inNetns(node, 'sysctl', '-qw', 'net.ipv4.ip_forward=1');
    ipns(node, 'link', 'add', 'br0', 'type', 'bridge');
    ipns(node, 'addr', 'add', `${BRIDGE_IP}/24`, 'dev', 'br0');
    ipns(node, 'link', 'set', 'br0', 'up');
    pods.forEach((p, i) => {
      ipns(node, 'link', 'add', `veth${i}`, 'type', 'veth', 'peer', 'name', 'eth0', 'netns', p.ns);
      ipns(node, 'link', 'set', `veth${i}`, 'master', 'br0', 'up');
      // hairpin, as the CNI bridge plugin sets it, lets a pod reach itself through its service
      sh('ip', ['-n', node, 'link', 'set', `veth${i}`, 'type', 'bridge_slave', 'hairpin', 'on']);
      ipns(p.ns, 'addr', 'add', `${p.ip}/24`, 'dev', 'eth0');
      ipns(p.ns, 'link', 'set', 'eth0', 'up');
      ipns(p.ns, 'route', 'add', 'default', 'via', BRIDGE_IP);
    });
    ipns(node, 'link', 'add', 'eth0', 'type', 'veth', 'peer', 'name', 'eth0', 'netns', ext);
    ipns(node, 'addr', 'add', `${NODE_IP}/24`, 'dev', 'eth0');
    ipns(node, 'link', 'set', 'eth0', 'up');
    ipns(ext, 'addr', 'add', `${EXT_IP}/24`, 'dev', 'eth0');
    ipns(ext, 'link', 'set', 'eth0', 'up');
  } catch (err) {
    destroy();
    throw err;
  }
  return { node, ext, pods, destroy };
}

/** Agent is a netns-agent.ts process inside one namespace. */
export interface Agent {
  call<T = unknown>(op: string, args?: Record<string, unknown>): Promise<T>;
  close(): Promise<void>;
  /** stderr collected so far, for failure messages */
  log(): string;
}

/** startAgent runs the agent inside ns and resolves once it answers. */
export async function startAgent(ns: string): Promise<Agent> {
  const child: ChildProcess = spawn('ip', ['netns', 'exec', ns, process.execPath, '--import', 'tsx', join(ROOT, 'test/lib/netns-agent.ts')], { cwd: ROOT, stdio: ['pipe', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (b: Buffer) => {
    stderr = (stderr + b.toString()).slice(-20_000);
  });
  const waiting = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  let next = 1;
  createInterface({ input: child.stdout as NodeJS.ReadableStream }).on('line', (line) => {
    let msg: { id: number; result?: unknown; error?: string };
    try {
      msg = JSON.parse(line) as typeof msg;
    } catch {
      return;
    }
    const w = waiting.get(msg.id);
    waiting.delete(msg.id);
    if (msg.error !== undefined) w?.reject(new Error(`${ns}: ${msg.error}`));
    else w?.resolve(msg.result);
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => {
    for (const w of waiting.values()) w.reject(new Error(`agent in ${ns} exited: ${stderr.slice(-2000)}`));
    waiting.clear();
    resolve();
  }));
  const agent: Agent = {
    call: <T>(op: string, args: Record<string, unknown> = {}) => new Promise<T>((resolve, reject) => {
      const id = next++;
      waiting.set(id, { resolve: resolve as (v: unknown) => void, reject });
      child.stdin?.write(`${JSON.stringify({ id, op, ...args })}\n`);
    }),
    close: async () => {
      child.stdin?.end();
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(timer);
    },
    log: () => stderr,
  };
  await agent.call('ping');
  return agent;
}
