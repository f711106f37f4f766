// The host side of the pod network that CNI does not do: the bridge plugin turns on IP forwarding,
// so a FORWARD rule keeps pod traffic inside the cluster's own ranges (nothing of the cluster may
// leave the machine; runtime-recipes.md, "Safety rule"). And the teardown of what we and CNI added.
import { execFile } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { promisify } from 'node:util';
import type { RuntimeNames } from './config.js';

const run = promisify(execFile);

/** sh runs a command and returns its stdout; failures carry stderr in their message. */
export async function sh(cmd: string, args: string[]): Promise<string> {
  try {
    return (await run(cmd, args, { maxBuffer: 16 * 1024 * 1024 })).stdout;
  } catch (err) {
    const e = err as { stderr?: string; message: string };
    throw new Error(`${cmd} ${args.join(' ')}: ${(e.stderr ?? '').trim() || e.message}`);
  }
}

const ok = async (cmd: string, args: string[]): Promise<boolean> => sh(cmd, args).then(() => true, () => false);

// -w: wait for the xtables lock instead of failing when another tool (CNI's portmap) holds it.
const ipt = (...args: string[]): string[] => ['-w', '5', ...args];

/**
 * ensureForwardGuard (re)creates the chain that lets traffic from the pod CIDR reach only the
 * cluster's ranges and rejects the rest, and hooks it first into FORWARD.
 */
export async function ensureForwardGuard(names: RuntimeNames, podCidr: string, clusterCidrs: string[]): Promise<void> {
  const chain = names.chain;
  if (!(await ok('iptables', ipt('-n', '-L', chain)))) await sh('iptables', ipt('-N', chain));
  await sh('iptables', ipt('-F', chain));
  for (const dst of [...new Set([podCidr, ...clusterCidrs])]) {
    await sh('iptables', ipt('-A', chain, '-s', podCidr, '-d', dst, '-j', 'RETURN', '-m', 'comment', '--comment', 'kubelite: inside the cluster'));
  }
  await sh('iptables', ipt('-A', chain, '-s', podCidr, '-j', 'REJECT', '--reject-with', 'icmp-net-prohibited', '-m', 'comment', '--comment', 'kubelite: pod traffic stays on this machine'));
  if (!(await ok('iptables', ipt('-C', 'FORWARD', '-j', chain)))) await sh('iptables', ipt('-I', 'FORWARD', '1', '-j', chain));
}

/** removeForwardGuard removes the chain and its FORWARD hook; it reports what it removed. */
export async function removeForwardGuard(names: RuntimeNames): Promise<string[]> {
  const removed: string[] = [];
  while (await ok('iptables', ipt('-D', 'FORWARD', '-j', names.chain))) removed.push(`iptables rule FORWARD -j ${names.chain}`);
  if (await ok('iptables', ipt('-n', '-L', names.chain))) {
    await sh('iptables', ipt('-F', names.chain));
    await sh('iptables', ipt('-X', names.chain));
    removed.push(`iptables chain ${names.chain}`);
  }
  return removed;
}

/** removeBridge deletes the pod bridge if it exists. */
export async function removeBridge(names: RuntimeNames): Promise<string[]> {
  if (!(await ok('ip', ['link', 'show', names.bridge]))) return [];
  await sh('ip', ['link', 'del', names.bridge]);
  return [`bridge ${names.bridge}`];
}

/** routeDevice is the device the kernel would send traffic to ip through. */
export async function routeDevice(ip: string): Promise<string> {
  const out = await sh('ip', ['-o', 'route', 'get', ip]);
  return /\bdev (\S+)/.exec(out)?.[1] ?? '';
}

/** defaultRouteDevice is the device of the default route, or '' when there is none. */
export async function defaultRouteDevice(): Promise<string> {
  const out = await sh('ip', ['-o', 'route', 'show', 'default']);
  return /\bdev (\S+)/.exec(out)?.[1] ?? '';
}

/**
 * removeIdleHostportChains removes the portmap plugin's shared nat chains once no pod uses them
 * (no per-pod CNI-DN-* jump left in CNI-HOSTPORT-DNAT). Their names are the plugin's, not ours,
 * so they are removed only when idle: another CNI user on the machine may still need them.
 */
export async function removeIdleHostportChains(): Promise<string[]> {
  const nat = (...args: string[]): Promise<string> => sh('iptables', ipt('-t', 'nat', ...args));
  const dnat = await nat('-S', 'CNI-HOSTPORT-DNAT').catch(() => null);
  if (dnat === null || dnat.split('\n').some((l) => l.startsWith('-A '))) return [];
  const hooks: Array<[string, string[]]> = [
    ['PREROUTING', ['-m', 'addrtype', '--dst-type', 'LOCAL', '-j', 'CNI-HOSTPORT-DNAT']],
    ['OUTPUT', ['-m', 'addrtype', '--dst-type', 'LOCAL', '-j', 'CNI-HOSTPORT-DNAT']],
    ['POSTROUTING', ['-m', 'comment', '--comment', 'CNI portfwd requiring masquerade', '-j', 'CNI-HOSTPORT-MASQ']],
  ];
  for (const [chain, rule] of hooks) while (await nat('-D', chain, ...rule).then(() => true, () => false));
  const removed: string[] = [];
  for (const chain of ['CNI-HOSTPORT-DNAT', 'CNI-HOSTPORT-MASQ', 'CNI-HOSTPORT-SETMARK']) {
    if (await nat('-F', chain).then(() => true, () => false)) {
      await nat('-X', chain);
      removed.push(`iptables nat chain ${chain} (idle)`);
    }
  }
  return removed;
}

/**
 * restoreIpForward turns IP forwarding back off when it was off before our first start and no
 * bridge is left that may need it (the CNI bridge plugin turned it on).
 */
export async function restoreIpForward(before: string | undefined): Promise<string[]> {
  if (before !== '0') return [];
  const bridges = await sh('ip', ['-o', 'link', 'show', 'type', 'bridge']).catch(() => 'unknown');
  if (bridges.trim() !== '') return [];
  if (readFileSync('/proc/sys/net/ipv4/ip_forward', 'utf8').trim() === '0') return [];
  writeFileSync('/proc/sys/net/ipv4/ip_forward', '0\n');
  return ['net.ipv4.ip_forward=1 (back to 0)'];
}
