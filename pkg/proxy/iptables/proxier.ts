// iptables mode: the kernel forwards, the proxy only writes rules. Each sync computes every chain
// (rules.ts), and iptables-restore --noflush rewrites only those that differ from what the last
// sync applied; a full sync (at start, every --proxy-sync-period and after a failure) rewrites all
// of ours and deletes leftovers. Established connections keep their conntrack NAT entry whatever
// the rules become; for UDP, whose "connections" are only conntrack entries, the entries of
// removed endpoints are deleted (when `conntrack` is installed), as kube-proxy does, or a client
// would keep talking to an endpoint that is gone.
import { readFileSync } from 'node:fs';
import type { Logger } from '../../util/log.js';
import { CommandError, succeeds, type Exec } from '../exec.js';
import { addInterfaceAddress, checkServiceRoute, ensureServiceInterface } from '../host-net.js';
import { nthIP, parseCidr } from '../ipv4.js';
import type { ProxyNames } from '../names.js';
import type { ServicePortEntry } from '../service-table.js';
import { chainsWithPrefix, restorePlan } from './restore.js';
import { buildRules, hookRules, type RuleSet, type Table } from './rules.js';

/** IptablesOptions configure iptables mode. */
export interface IptablesOptions {
  names: ProxyNames;
  serviceCidr: string;
  clusterCidr: string;
  nodePortCidrs: readonly string[];
  /** addresses the proxy serves itself (the DNS address), kept on its interface */
  localAddresses: readonly string[];
  logger: Logger;
  exec: Exec;
}

/** SyncResult says how much a sync changed. */
export interface SyncResult {
  written: number;
  deleted: number;
}

const w = (args: string[]): string[] => ['-w', '5', ...args];

/** IptablesProxier programs the service table into iptables. */
export class IptablesProxier {
  private applied: RuleSet | undefined;
  private lastTable = new Map<string, ServicePortEntry>();
  private conntrack: boolean | undefined;

  constructor(private readonly opts: IptablesOptions) {}

  /** init checks the tools, routes the service range to the proxy's interface and checks nothing can leave by the default route. */
  async init(): Promise<void> {
    const { exec } = this.opts;
    for (const tool of ['iptables', 'iptables-restore', 'iptables-save', 'ip']) {
      if (!(await succeeds(exec, tool, ['--version'])) && !(await succeeds(exec, tool, ['-V']))) {
        throw new Error(`iptables mode needs ${tool} (Debian: apt-get install iptables iproute2)`);
      }
    }
    await this.ensureRoute();
    let forward = '';
    try {
      forward = readFileSync('/proc/sys/net/ipv4/ip_forward', 'utf8').trim();
    } catch {
      // not Linux-like: nothing to warn about
    }
    if (forward === '0') this.opts.logger.warn('net.ipv4.ip_forward is 0: pods will not reach services through this node until it is 1 (the CNI bridge turns it on)');
  }

  // Also repeated on every full sync: an interface someone deleted must not leave the service
  // range to the default route for long.
  private async ensureRoute(): Promise<void> {
    const { exec, names, serviceCidr } = this.opts;
    await ensureServiceInterface(exec, names.iface, serviceCidr);
    for (const ip of this.opts.localAddresses) await addInterfaceAddress(exec, names.iface, ip);
    await checkServiceRoute(exec, nthIP(parseCidr(serviceCidr), 1));
  }

  /** sync programs table; full rewrites every chain and removes stale ones. */
  async sync(table: readonly ServicePortEntry[], full: boolean): Promise<SyncResult> {
    const { exec, names } = this.opts;
    if (full) await this.ensureRoute();
    const desired = buildRules(table, { names, clusterCidr: this.opts.clusterCidr, nodePortCidrs: this.opts.nodePortCidrs });
    let stale: Partial<Record<Table, string[]>> = {};
    if (full || !this.applied) {
      this.applied = undefined;
      stale = {
        nat: chainsWithPrefix(await exec('iptables-save', ['-t', 'nat']), names.prefix),
        filter: chainsWithPrefix(await exec('iptables-save', ['-t', 'filter']), names.prefix),
      };
    }
    const plan = restorePlan(desired, this.applied, stale);
    if (plan.text !== '') {
      try {
        await exec('iptables-restore', w(['--noflush']), plan.text);
      } catch (err) {
        this.applied = undefined;
        throw err;
      }
    }
    this.applied = desired;
    if (full) await this.ensureHooks();
    await this.clearStaleUdp(table);
    return { written: plan.written, deleted: plan.deleted };
  }

  // The jumps from the built-in chains are checked with -C and inserted first when missing, as
  // kube-proxy's EnsureRule does: restore cannot name a built-in chain without taking it over.
  private async ensureHooks(): Promise<void> {
    const { exec } = this.opts;
    for (const h of hookRules(this.opts.names)) {
      if (await succeeds(exec, 'iptables', w(['-t', h.table, '-C', h.chain, ...h.rule]))) continue;
      await exec('iptables', w(['-t', h.table, '-I', h.chain, '1', ...h.rule]));
    }
  }

  private async clearStaleUdp(table: readonly ServicePortEntry[]): Promise<void> {
    const next = new Map(table.map((e) => [`${e.key}/${e.protocol}`, e]));
    const gone: Array<{ entry: ServicePortEntry; ip: string }> = [];
    for (const [k, old] of this.lastTable) {
      if (old.protocol !== 'UDP') continue;
      const now = next.get(k);
      const keep = new Set((now?.endpoints ?? []).map((ep) => ep.ip));
      for (const ep of old.endpoints) if (!keep.has(ep.ip)) gone.push({ entry: old, ip: ep.ip });
    }
    this.lastTable = next;
    if (gone.length === 0) return;
    this.conntrack ??= await succeeds(this.opts.exec, 'conntrack', ['--version']);
    if (!this.conntrack) {
      this.opts.logger.debug('conntrack is not installed: UDP flows to removed endpoints expire on their own');
      return;
    }
    for (const { entry, ip } of gone) {
      const targets = [['--orig-dst', entry.clusterIP], ...(entry.nodePort ? [['--orig-port-dst', String(entry.nodePort)]] : [])];
      for (const match of targets) {
        // Exit 1 means "0 flow entries deleted": nothing stale, which is fine.
        await this.opts.exec('conntrack', ['-D', '-p', 'udp', ...match, '--dst-nat', ip]).catch((err: unknown) => {
          if (!(err instanceof CommandError && err.code === 1)) this.opts.logger.warn({ err }, 'clearing UDP conntrack entries failed');
        });
      }
    }
  }
}
