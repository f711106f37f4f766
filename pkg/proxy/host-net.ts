// The proxy's one interface: the service range is routed to it, so a host connect() to a ClusterIP
// has a route (and reaches the nat OUTPUT chain), while a packet no rule rewrote dies on it
// instead of following the default route off the machine (runtime-recipes.md, "Safety rule").
// Addresses the proxy serves itself (the DNS address; ClusterIPs in userspace mode) are added to
// it as /32s, as kube-proxy's IPVS mode does with kube-ipvs0. It is a dummy device, or an empty
// bridge where the kernel has no dummy driver: both swallow what is routed to them.
import { networkInterfaces } from 'node:os';
import { succeeds, type Exec } from './exec.js';
import { isLoopback } from './ipv4.js';

/**
 * ensureServiceInterface creates iface if needed, brings it up and routes cidr to it. The route is
 * appended, not replaced: another proxy in this network namespace (a second test's node) keeps its
 * own, so removing one interface never leaves the range to the default route while the other runs.
 */
export async function ensureServiceInterface(run: Exec, iface: string, cidr: string): Promise<void> {
  if (!(await succeeds(run, 'ip', ['link', 'show', 'dev', iface]))) {
    if (!(await succeeds(run, 'ip', ['link', 'add', iface, 'type', 'dummy']))) await run('ip', ['link', 'add', iface, 'type', 'bridge']);
  }
  await run('ip', ['link', 'set', iface, 'up']);
  if ((await run('ip', ['route', 'show', cidr, 'dev', iface])).trim() === '') await run('ip', ['route', 'append', cidr, 'dev', iface]);
}

/** addInterfaceAddress makes ip a local /32 on iface. */
export async function addInterfaceAddress(run: Exec, iface: string, ip: string): Promise<void> {
  await run('ip', ['addr', 'replace', `${ip}/32`, 'dev', iface]);
}

/** removeInterfaceAddress drops a /32 added by addInterfaceAddress (gone already is fine). */
export async function removeInterfaceAddress(run: Exec, iface: string, ip: string): Promise<void> {
  await run('ip', ['addr', 'del', `${ip}/32`, 'dev', iface]).catch(() => undefined);
}

/** removeServiceInterface deletes iface (its routes and addresses go with it); it reports what it removed. */
export async function removeServiceInterface(run: Exec, iface: string): Promise<string[]> {
  if (!(await succeeds(run, 'ip', ['link', 'show', 'dev', iface]))) return [];
  await run('ip', ['link', 'del', iface]);
  return [`interface ${iface} (and the service range route)`];
}

const devOf = (out: string): string => /\bdev (\S+)/.exec(out)?.[1] ?? '';

/**
 * checkServiceRoute verifies that ip (an address of the service range) is routed to a local
 * device and not to the default route's; the proxy refuses to program anything otherwise.
 */
export async function checkServiceRoute(run: Exec, ip: string): Promise<void> {
  const dev = devOf(await run('ip', ['-o', 'route', 'get', ip]));
  const defaultDev = devOf(await run('ip', ['-o', 'route', 'show', 'default']).catch(() => ''));
  if (dev === '' || (defaultDev !== '' && dev === defaultDev)) {
    throw new Error(`service address ${ip} routes via "${dev}", the default route's device: refusing to program rules that could send cluster traffic off the machine`);
  }
}

/** isLocalAddress tells whether this machine answers on ip without configuration (an interface address, or 127.0.0.0/8 on Linux). */
export function isLocalAddress(ip: string): boolean {
  if (isLoopback(ip) && process.platform === 'linux') return true;
  return Object.values(networkInterfaces()).some((addrs) => (addrs ?? []).some((a) => a.address === ip));
}

/** localIPv4Addresses lists this machine's IPv4 interface addresses. */
export function localIPv4Addresses(): string[] {
  return Object.values(networkInterfaces()).flatMap((addrs) => (addrs ?? []).filter((a) => a.family === 'IPv4').map((a) => a.address));
}
