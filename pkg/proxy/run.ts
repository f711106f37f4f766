// The proxy role: services and endpoints informers feed one service table; every change asks the
// sync runner for a sync (batched by --proxy-min-sync-period), which programs the table in the
// chosen mode. The same caches answer cluster DNS on the --cluster-dns address.
import type { EventHandler } from '../client/cache/shared-informer.js';
import type { RoleContext } from '../client/role-context.js';
import { UserFacingError } from '../util/command.js';
import { untilAborted } from '../util/signals.js';
import { removeProxyRules } from './cleanup.js';
import { startDnsServer, type DnsServer } from './dns/server.js';
import { CacheDnsView } from './dns/view.js';
import { exec as hostExec, type Exec } from './exec.js';
import { addInterfaceAddress, ensureServiceInterface, isLocalAddress, localIPv4Addresses } from './host-net.js';
import { IptablesProxier, type SyncResult } from './iptables/proxier.js';
import { contains, formatCidr, parseCidr, splitHostPort } from './ipv4.js';
import { proxyMetrics } from './metrics.js';
import { proxyNames, readState, register, writeState } from './names.js';
import { sweepOrphans } from './orphans.js';
import type { ProxyOptions } from './options.js';
import { buildServiceTable, endpointCount, type ServicePortEntry } from './service-table.js';
import { SyncRunner } from './sync-runner.js';
import { UserspaceProxier } from './userspace/proxier.js';

/** ProxyMode is how service traffic is forwarded. */
export type ProxyMode = 'iptables' | 'userspace';

/** RunExtras are hooks for tests and benchmarks. */
export interface RunExtras {
  /** exec runs ip/iptables (default: on this machine) */
  exec?: Exec;
  /** onReady hears the mode and DNS address once the first sync is done */
  onReady?: (info: { mode: ProxyMode; dns?: { host: string; port: number } }) => void;
}

interface Backend {
  init(): Promise<void>;
  sync(table: readonly ServicePortEntry[], full: boolean): Promise<SyncResult>;
  stop?(): Promise<void>;
}

const isRoot = (): boolean => process.getuid?.() === 0;

/** proxyMode resolves --proxy-mode: empty is iptables as root on Linux, userspace otherwise. */
export function proxyMode(flag: string): ProxyMode {
  if (flag === 'iptables' || flag === 'userspace') return flag;
  if (flag !== '') throw new UserFacingError(`--proxy-mode "${flag}": want iptables or userspace`);
  return process.platform === 'linux' && isRoot() ? 'iptables' : 'userspace';
}

/** dnsAddress resolves --dns-bind-address; undefined turns DNS off. */
export function dnsAddress(opts: Pick<ProxyOptions, 'dnsBindAddress' | 'clusterDns'>): { host: string; port: number } | undefined {
  if (opts.dnsBindAddress === 'none') return undefined;
  if (opts.dnsBindAddress !== '') return splitHostPort(opts.dnsBindAddress);
  return opts.clusterDns ? { host: opts.clusterDns, port: 53 } : undefined;
}

/** run runs the proxy until signal aborts; iptables rules stay in place afterwards (traffic survives a restart; `kubelite cleanup` removes them). */
export async function run(opts: ProxyOptions, signal: AbortSignal, ctx: RoleContext, extras: RunExtras = {}): Promise<void> {
  const log = ctx.logger;
  const sh = extras.exec ?? hostExec;
  const mode = proxyMode(opts.proxyMode);
  const names = proxyNames(opts.dataDir, opts.proxyChainPrefix, opts.proxyMasqueradeBit);
  const serviceCidr = parseCidr(opts.serviceClusterIpRange);
  const nodePortCidrs = opts.nodeportAddresses.map((c) => parseCidr(c));
  const root = process.platform === 'linux' && isRoot();
  if (mode === 'iptables' && !root) throw new UserFacingError('--proxy-mode iptables needs root on Linux');
  const metrics = proxyMetrics(ctx.metrics);
  const previous = readState(opts.dataDir);
  writeState(opts.dataDir, { prefix: names.prefix, iface: names.iface, mode });
  if (root) {
    register(names, opts.dataDir);
    const orphans = await sweepOrphans(sh, names.prefix);
    if (orphans.length > 0) log.info({ removed: orphans }, 'removed what proxies of deleted data dirs left behind');
  }
  // Rules of an earlier iptables-mode run would catch service traffic before userspace sees it.
  if (previous?.mode === 'iptables' && mode === 'userspace') {
    const removed = await removeProxyRules(sh, previous.prefix);
    if (removed.length > 0) log.info({ removed }, 'removed the rules of an earlier iptables-mode run');
  }

  let dnsAt = dnsAddress(opts);
  const dnsNeedsAddress = dnsAt !== undefined && dnsAt.host !== '0.0.0.0' && !isLocalAddress(dnsAt.host);
  if (dnsAt && dnsNeedsAddress && !root) {
    log.warn({ address: dnsAt.host }, 'cluster DNS not served: its address is not local (run as root, or pick a --cluster-dns inside 127.0.0.0/8)');
    dnsAt = undefined;
  }
  const localAddresses = dnsAt && dnsNeedsAddress ? [dnsAt.host] : [];
  const backend: Backend = mode === 'iptables'
    ? new IptablesProxier({ names, serviceCidr: opts.serviceClusterIpRange, clusterCidr: opts.clusterCidr, nodePortCidrs: nodePortCidrs.map(formatCidr), localAddresses, logger: log, exec: sh })
    : new UserspaceProxier({
        names, serviceCidr: opts.serviceClusterIpRange, metrics, logger: log, exec: sh,
        udpIdleTimeoutMs: opts.proxyUdpIdleTimeout,
        manageAddresses: root,
        nodePortAddresses: nodePortCidrs.length === 0 ? ['0.0.0.0'] : localIPv4Addresses().filter((ip) => nodePortCidrs.some((c) => contains(c, ip))),
      });
  await backend.init();
  if (mode === 'userspace') {
    for (const ip of localAddresses) {
      await ensureServiceInterface(sh, names.iface, opts.serviceClusterIpRange);
      await addInterfaceAddress(sh, names.iface, ip);
    }
  }

  const services = ctx.informers.informerFor('', 'services');
  const endpoints = ctx.informers.informerFor('', 'endpoints');
  const view = new CacheDnsView({
    service: (k) => services.lister().get(k),
    endpoints: (k) => endpoints.lister().get(k),
    services: () => services.lister().list(),
  });
  let dns: DnsServer | undefined;
  if (dnsAt) {
    try {
      dns = await startDnsServer({
        ...dnsAt, domain: opts.clusterDomain, view, metrics, logger: log,
        ownRanges: [serviceCidr, ...(opts.clusterCidr ? [parseCidr(opts.clusterCidr)] : [])].map((c) => (ip: string) => contains(c, ip)),
        upstreams: opts.dnsUpstream.map(splitHostPort), upstreamTimeoutMs: opts.dnsUpstreamTimeout, tcpIdleTimeoutMs: opts.dnsTcpIdleTimeout,
      });
      log.info({ address: `${dns.host}:${dns.port}`, domain: opts.clusterDomain, upstreams: opts.dnsUpstream }, 'serving cluster DNS');
    } catch (err) {
      // Services matter more than DNS: a taken DNS address (another node's proxy in this network
      // namespace) is reported, not fatal.
      log.error({ err, address: `${dnsAt.host}:${dnsAt.port}` }, 'cluster DNS not served: cannot bind its address');
    }
  }
  const skip = new Set(dns ? [dns.host] : []);

  let firstSynced = (): void => undefined;
  const first = new Promise<void>((resolve) => (firstSynced = resolve));
  const sync = async (full: boolean): Promise<void> => {
    const start = performance.now();
    const table = buildServiceTable(services.lister().list(), (k) => endpoints.lister().get(k), skip);
    const res = await backend.sync(table, full);
    metrics.syncDuration.observe((performance.now() - start) / 1000);
    metrics.lastSync.set(Date.now() / 1000);
    metrics.servicesProgrammed.set(table.length);
    metrics.endpointsProgrammed.set(endpointCount(table));
    firstSynced();
    if (res.written + res.deleted > 0 || full) log.debug({ full, ...res, servicePorts: table.length, ms: Math.round(performance.now() - start) }, 'synced proxy rules');
  };
  const runner = new SyncRunner(sync, opts.proxyMinSyncPeriod, opts.proxySyncPeriod, (err) => log.error({ err }, 'proxy rule sync failed; retrying'));
  // Events before the caches synced are covered by the first (full) sync.
  let started = false;
  const handler = (also: () => void = () => undefined): EventHandler => {
    const on = (): void => {
      also();
      if (started) runner.request();
    };
    return { onAdd: on, onUpdate: (a, b) => a !== b && on(), onDelete: on };
  };
  const regs = [services.addEventHandler(handler(() => view.invalidate())), endpoints.addEventHandler(handler())];
  try {
    const [a, b] = await Promise.all([services.waitForSync(signal), endpoints.waitForSync(signal)]);
    if (!a || !b) return;
    log.info({ mode, prefix: names.prefix, serviceCidr: opts.serviceClusterIpRange }, 'service proxy running');
    started = true;
    runner.request(true);
    if (extras.onReady) {
      await Promise.race([first, untilAborted(signal)]);
      if (!signal.aborted) extras.onReady({ mode, ...(dns ? { dns: { host: dns.host, port: dns.port } } : {}) });
    }
    await untilAborted(signal);
  } finally {
    for (const r of regs) r.remove();
    await runner.stop();
    await dns?.close();
    await backend.stop?.();
  }
}
