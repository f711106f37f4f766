// userspace mode: the proxy itself listens on every ClusterIP:port (and NodePort) that has ready
// endpoints and forwards to them. No NAT is needed when ClusterIPs are local addresses, and the
// cleanest way to make them so without root is a --service-cluster-ip-range inside 127.0.0.0/8:
// Linux answers on all of 127/8, so every ClusterIP is bindable as it comes (the process runtime's
// pods share the host network and reach them). As root, other ClusterIPs are added as /32s to the
// proxy's interface. A service port without ready endpoints has no listener at all, so the kernel
// refuses its connections at once (TCP reset, ICMP port unreachable for UDP).
import type { Logger } from '../../util/log.js';
import type { Exec } from '../exec.js';
import { addInterfaceAddress, ensureServiceInterface, isLocalAddress, removeInterfaceAddress } from '../host-net.js';
import type { SyncResult } from '../iptables/proxier.js';
import type { ProxyMetrics } from '../metrics.js';
import type { ProxyNames } from '../names.js';
import type { ServicePortEntry } from '../service-table.js';
import { LoadBalancer } from './load-balancer.js';
import { listenTcp, type Listener } from './tcp.js';
import { listenUdp } from './udp.js';

/** UserspaceOptions configure userspace mode. */
export interface UserspaceOptions {
  names: ProxyNames;
  serviceCidr: string;
  /** addresses NodePorts are bound on ('0.0.0.0' for all) */
  nodePortAddresses: readonly string[];
  udpIdleTimeoutMs: number;
  /** whether non-local ClusterIPs may be added to the proxy's interface (root on Linux) */
  manageAddresses: boolean;
  metrics: ProxyMetrics;
  logger: Logger;
  exec: Exec;
}

interface PortState {
  lb: LoadBalancer;
  listeners: Map<string, Listener>;
}

/** UserspaceProxier forwards service ports itself. */
export class UserspaceProxier {
  private readonly ports = new Map<string, PortState>();
  private readonly added = new Set<string>();
  private readonly complained = new Set<string>();
  private ifaceReady = false;

  constructor(private readonly opts: UserspaceOptions) {}

  /** init has nothing to prepare: addresses are made local as services need them. */
  async init(): Promise<void> {}

  /** sync opens and closes listeners to match table; a bind that failed is retried on the next sync. */
  async sync(table: readonly ServicePortEntry[]): Promise<SyncResult> {
    let written = 0;
    let deleted = 0;
    const ids = new Set<string>();
    const neededIPs = new Set<string>();
    for (const e of table) {
      const id = `${e.key}/${e.protocol}`;
      ids.add(id);
      let st = this.ports.get(id);
      if (!st) this.ports.set(id, (st = { lb: new LoadBalancer(), listeners: new Map() }));
      st.lb.update(e.endpoints, e.affinitySeconds);
      for (const l of st.listeners.values()) l.endpointsChanged?.();
      const want = new Set<string>();
      if (e.endpoints.length > 0) {
        if (await this.ensureLocal(e.clusterIP)) want.add(`${e.clusterIP}:${e.port}`);
        neededIPs.add(e.clusterIP);
        if (e.nodePort) for (const a of this.opts.nodePortAddresses) want.add(`${a}:${e.nodePort}`);
      }
      for (const [addr, l] of st.listeners) {
        if (want.has(addr)) continue;
        l.close();
        st.listeners.delete(addr);
        deleted++;
      }
      for (const addr of want) {
        if (st.listeners.has(addr)) continue;
        const i = addr.lastIndexOf(':');
        const [host, port] = [addr.slice(0, i), Number(addr.slice(i + 1))];
        const fwd = { lb: st.lb, service: e.key, metrics: this.opts.metrics, logger: this.opts.logger };
        try {
          st.listeners.set(addr, await (e.protocol === 'TCP' ? listenTcp(host, port, fwd) : listenUdp(host, port, fwd, this.opts.udpIdleTimeoutMs)));
          written++;
        } catch (err) {
          this.complain(`${addr}/${e.protocol}`, { err, service: e.key }, `cannot listen on ${addr}/${e.protocol}`);
        }
      }
    }
    for (const [id, st] of this.ports) {
      if (ids.has(id)) continue;
      for (const l of st.listeners.values()) l.close();
      deleted += st.listeners.size;
      this.ports.delete(id);
    }
    for (const ip of this.added) {
      if (neededIPs.has(ip)) continue;
      await removeInterfaceAddress(this.opts.exec, this.opts.names.iface, ip);
      this.added.delete(ip);
    }
    return { written, deleted };
  }

  /** stop closes every listener; established connections run on until they end. */
  async stop(): Promise<void> {
    for (const st of this.ports.values()) for (const l of st.listeners.values()) l.close();
    this.ports.clear();
  }

  // A ClusterIP is bindable when it is local already, or once added to the proxy's interface.
  private async ensureLocal(ip: string): Promise<boolean> {
    if (this.added.has(ip) || isLocalAddress(ip)) return true;
    if (!this.opts.manageAddresses) {
      this.complain(ip, { clusterIP: ip }, 'ClusterIP is not a local address: run as root, or give the cluster a --service-cluster-ip-range inside 127.0.0.0/8');
      return false;
    }
    if (!this.ifaceReady) {
      await ensureServiceInterface(this.opts.exec, this.opts.names.iface, this.opts.serviceCidr);
      this.ifaceReady = true;
    }
    await addInterfaceAddress(this.opts.exec, this.opts.names.iface, ip);
    this.added.add(ip);
    return true;
  }

  private complain(what: string, fields: Record<string, unknown>, msg: string): void {
    if (this.complained.has(what)) return;
    this.complained.add(what);
    this.opts.logger.warn(fields, msg);
  }
}
