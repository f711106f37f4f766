// The service proxy's flags.
import { clientFlags } from '../util/client-flags.js';
import type { commonFlags } from '../util/common-flags.js';
import { flag, type FlagValues } from '../util/flags.js';

/** proxyFlags are the flags of `kubelite proxy`, also accepted by `server`. */
export const proxyFlags = {
  ...clientFlags,
  proxyMode: flag('string', '', 'iptables or userspace; empty picks iptables as root on Linux, userspace otherwise'),
  proxyMinSyncPeriod: flag('duration', 100, 'shortest interval between two rule syncs (changes are batched)'),
  proxySyncPeriod: flag('duration', 30_000, 'full resync of proxy rules, to repair rules changed from outside'),
  // Declared exactly as the apiserver and kubelet declare them, so `server` takes each once.
  serviceClusterIpRange: flag('string', '10.96.0.0/16', 'CIDR ClusterIPs are allocated from (.1 = kubernetes, .10 = cluster DNS)'),
  clusterCidr: flag('string', '10.244.0.0/16', 'CIDR pod networks are allocated from, one block per node'),
  clusterDns: flag('string', '10.96.0.10', 'DNS server written into pods\' resolv.conf'),
  clusterDomain: flag('string', 'cluster.local', 'cluster DNS domain'),
  proxyChainPrefix: flag('string', '', 'prefix of the proxy\'s iptables chains and interface (2-10 capitals/digits, e.g. KUBE); empty: KL + a hash of the data dir, so two nodes never share a chain'),
  proxyMasqueradeBit: flag('int', 14, 'bit of the packet mark that asks for masquerading (0-31)'),
  nodeportAddresses: flag('list', [], 'CIDRs of the node addresses NodePorts answer on; empty: every local address'),
  proxyUdpIdleTimeout: flag('duration', 30_000, 'userspace mode: a UDP client session without traffic for this long is closed'),
  dnsBindAddress: flag('string', '', 'host:port the cluster DNS serves on (UDP and TCP); empty: the --cluster-dns address, port 53; "none": no DNS'),
  dnsUpstream: flag('list', [], 'host:port of DNS servers for names outside the cluster domain; empty: those get REFUSED (nothing is forwarded off the machine)'),
  dnsUpstreamTimeout: flag('duration', 2000, 'how long a forwarded DNS query may take before the client gets SERVFAIL'),
  dnsTcpIdleTimeout: flag('duration', 10_000, 'a DNS-over-TCP connection without a query for this long is closed'),
};

/** ProxyOptions are the parsed flags the proxy runs with (`server` passes a superset). */
export type ProxyOptions = FlagValues<typeof commonFlags & typeof proxyFlags>;
