// The rules of iptables mode, as kube-proxy lays them out, computed from the service table alone
// (a pure function, so the golden tests pin the exact text):
//
//   nat PREROUTING/OUTPUT → P-SERVICES → P-SVC-x (one per service port) → P-SEP-y (one per endpoint: DNAT)
//                                      → P-NODEPORTS (local destinations) → P-EXT-x → P-SVC-x
//   nat POSTROUTING → P-POSTROUTING: masquerade what P-MARK-MASQ marked, toward the pod network only
//   filter OUTPUT/FORWARD → P-SERVICES, filter INPUT/FORWARD/OUTPUT → P-EXT-SERVICES: REJECT for
//   service ports without ready endpoints, so a client is refused at once instead of hanging.
//
// Masquerading is asked for only where the reply would otherwise miss the conntrack entry: traffic
// from outside the pod network to a ClusterIP (the host itself), hairpin (an endpoint reaching
// itself through its service) and NodePort traffic. It is done only toward --cluster-cidr, so a
// marked packet never leaves the machine with the node's address on it.
import { endpointChain, externalChain, serviceChain, type ProxyNames } from '../names.js';
import type { ServicePortEntry } from '../service-table.js';

/** Table is an iptables table the proxy writes to. */
export type Table = 'nat' | 'filter';

/** Chains maps chain names to their rules ("-A CHAIN ..."), in order. */
export type Chains = Map<string, string[]>;

/** RuleSet is the desired content of the proxy's own chains, per table. */
export type RuleSet = Record<Table, Chains>;

/** RuleConfig is what rule generation needs besides the table. */
export interface RuleConfig {
  names: ProxyNames;
  /** the pod network; '' turns masquerading off entirely */
  clusterCidr: string;
  /** CIDRs of node addresses NodePorts answer on; empty: every local address but 127.0.0.0/8 */
  nodePortCidrs: readonly string[];
}

const comment = (text: string): string => `-m comment --comment "${text}"`;
const proto = (e: ServicePortEntry): string => `-p ${e.protocol.toLowerCase()} -m ${e.protocol.toLowerCase()}`;
const reject = (e: ServicePortEntry): string => (e.protocol === 'TCP' ? '-j REJECT --reject-with tcp-reset' : '-j REJECT --reject-with icmp-port-unreachable');

/** baseChains are the proxy's fixed chains, which always exist while the proxy runs. */
export function baseChains(names: ProxyNames): Record<Table, string[]> {
  return {
    nat: [names.services, names.nodePorts, names.postrouting, names.markMasq],
    filter: [names.services, names.externalServices],
  };
}

/** HookRule is one jump from a built-in chain into ours. */
export interface HookRule {
  table: Table;
  chain: string;
  rule: string[];
}

/** hookRules are the jumps from the built-in chains, kept first in them by the proxier. */
export function hookRules(names: ProxyNames): HookRule[] {
  const c = (text: string): string[] => ['-m', 'comment', '--comment', text];
  const fresh = ['-m', 'conntrack', '--ctstate', 'NEW'];
  return [
    { table: 'nat', chain: 'PREROUTING', rule: [...c('kubelite service portals'), '-j', names.services] },
    { table: 'nat', chain: 'OUTPUT', rule: [...c('kubelite service portals'), '-j', names.services] },
    { table: 'nat', chain: 'POSTROUTING', rule: [...c('kubelite postrouting rules'), '-j', names.postrouting] },
    { table: 'filter', chain: 'OUTPUT', rule: [...fresh, ...c('kubelite service portals'), '-j', names.services] },
    { table: 'filter', chain: 'FORWARD', rule: [...fresh, ...c('kubelite service portals'), '-j', names.services] },
    { table: 'filter', chain: 'INPUT', rule: [...fresh, ...c('kubelite externally-visible service portals'), '-j', names.externalServices] },
    { table: 'filter', chain: 'FORWARD', rule: [...fresh, ...c('kubelite externally-visible service portals'), '-j', names.externalServices] },
    { table: 'filter', chain: 'OUTPUT', rule: [...fresh, ...c('kubelite externally-visible service portals'), '-j', names.externalServices] },
  ];
}

// kube-proxy's probability format: 1/n with ten decimals, so the rule text is stable.
const probability = (n: number): string => (1 / n).toFixed(10);

/** buildRules computes every chain of both tables for the table of service ports. */
export function buildRules(table: readonly ServicePortEntry[], cfg: RuleConfig): RuleSet {
  const n = cfg.names;
  const nat: Chains = new Map(baseChains(n).nat.map((c) => [c, [] as string[]]));
  const filter: Chains = new Map(baseChains(n).filter.map((c) => [c, [] as string[]]));
  const add = (chains: Chains, chain: string, rule: string): void => {
    let rules = chains.get(chain);
    if (!rules) chains.set(chain, (rules = []));
    rules.push(`-A ${chain} ${rule}`);
  };
  add(nat, n.markMasq, `-j MARK --or-mark ${n.mark}`);
  add(nat, n.postrouting, `-m mark ! --mark ${n.mark}/${n.mark} -j RETURN`);
  // The mark is cleared so a packet re-entering the stack (e.g. through a tunnel) is not masqueraded twice.
  add(nat, n.postrouting, `-j MARK --xor-mark ${n.mark}`);
  if (cfg.clusterCidr) add(nat, n.postrouting, `${comment('kubelite service traffic requiring SNAT')} -d ${cfg.clusterCidr} -j MASQUERADE`);

  const perService: Array<[string, string[]]> = [];
  for (const e of table) {
    const dst = `-d ${e.clusterIP}/32 ${proto(e)} --dport ${e.port}`;
    if (e.endpoints.length === 0) {
      add(filter, n.services, `${comment(`${e.key} has no endpoints`)} ${dst} ${reject(e)}`);
      if (e.nodePort) add(filter, n.externalServices, `${comment(`${e.key} has no endpoints`)} -m addrtype --dst-type LOCAL ${proto(e)} --dport ${e.nodePort} ${reject(e)}`);
      continue;
    }
    const svc = serviceChain(n, e.key, e.protocol);
    add(nat, n.services, `${comment(`${e.key} cluster IP`)} ${dst} -j ${svc}`);
    const svcRules: string[] = [];
    const rule = (r: string): void => void svcRules.push(`-A ${svc} ${r}`);
    if (cfg.clusterCidr) rule(`${comment(`${e.key} cluster IP`)} ! -s ${cfg.clusterCidr} ${dst} -j ${n.markMasq}`);
    const eps = e.endpoints.map((ep) => ({ ep: `${ep.ip}:${ep.port}`, ip: ep.ip, chain: endpointChain(n, e.key, e.protocol, `${ep.ip}:${ep.port}`) }));
    if (e.affinitySeconds > 0) {
      for (const x of eps) rule(`${comment(`${e.key} -> ${x.ep}`)} -m recent --name ${x.chain} --mask 255.255.255.255 --rsource --rcheck --seconds ${e.affinitySeconds} --reap -j ${x.chain}`);
    }
    eps.forEach((x, i) => {
      const left = eps.length - i;
      const pick = left > 1 ? ` -m statistic --mode random --probability ${probability(left)}` : '';
      rule(`${comment(`${e.key} -> ${x.ep}`)}${pick} -j ${x.chain}`);
    });
    perService.push([svc, svcRules]);
    for (const x of eps) {
      const recent = e.affinitySeconds > 0 ? ` -m recent --name ${x.chain} --mask 255.255.255.255 --rsource --set` : '';
      perService.push([x.chain, [
        `-A ${x.chain} ${comment(e.key)} -s ${x.ip}/32 -j ${n.markMasq}`,
        `-A ${x.chain} ${comment(e.key)}${recent} ${proto(e)} -j DNAT --to-destination ${x.ep}`,
      ]]);
    }
    if (e.nodePort) {
      const ext = externalChain(n, e.key, e.protocol);
      add(nat, n.nodePorts, `${comment(e.key)} ${proto(e)} --dport ${e.nodePort} -j ${ext}`);
      perService.push([ext, [
        `-A ${ext} ${comment(`masquerade traffic for ${e.key} external destinations`)} -j ${n.markMasq}`,
        `-A ${ext} -j ${svc}`,
      ]]);
    }
  }
  // The NodePort jump must stay last: a ClusterIP rule must win over a NodePort on the same port.
  const nodePortsNote = comment('kubelite service nodeports; NOTE: this must be the last rule in this chain');
  if (cfg.nodePortCidrs.length === 0) add(nat, n.services, `${nodePortsNote} -m addrtype --dst-type LOCAL ! -d 127.0.0.0/8 -j ${n.nodePorts}`);
  for (const cidr of cfg.nodePortCidrs) add(nat, n.services, `${nodePortsNote} -m addrtype --dst-type LOCAL -d ${cidr} -j ${n.nodePorts}`);
  for (const [chain, rules] of perService) nat.set(chain, rules);
  return { nat, filter };
}
