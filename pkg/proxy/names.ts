// Every name the proxy puts on the machine comes from one prefix, derived from the data dir unless
// --proxy-chain-prefix says otherwise: two nodes on one machine (each in its own network
// namespace), or two tests, never share a chain, an xt_recent list or an interface. The prefix
// and interface are recorded in DATA_DIR/proxy/state.json so `kubelite cleanup` finds them.
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

// iptables chain names have at most 28 characters; with "-SVC-" and "-SEP-" the hash keeps 12+.
const PREFIX = /^[A-Z][A-Z0-9]{1,9}$/;
const MAX_CHAIN = 28;

/** ProxyNames are the chains, mark and interface of one proxy. */
export interface ProxyNames {
  prefix: string;
  /** nat: entry from PREROUTING and OUTPUT; filter: rejects for ClusterIPs without endpoints */
  services: string;
  /** nat: NodePorts, jumped to from SERVICES for local destinations */
  nodePorts: string;
  /** nat: masquerades what MARK-MASQ marked */
  postrouting: string;
  markMasq: string;
  /** filter: rejects for NodePorts without endpoints */
  externalServices: string;
  /** the interface the service range is routed to (so nothing leaves by the default route) */
  iface: string;
  /** mark bit asking for masquerade, as "0x4000" */
  mark: string;
}

/** defaultChainPrefix is "KL" and 6 hex digits of the data dir's hash. */
export function defaultChainPrefix(dataDir: string): string {
  return `KL${createHash('sha256').update(resolve(dataDir)).digest('hex').slice(0, 6).toUpperCase()}`;
}

/** proxyNames computes every name from a prefix ('' derives one from dataDir). */
export function proxyNames(dataDir: string, prefix = '', masqueradeBit = 14): ProxyNames {
  const p = prefix || defaultChainPrefix(dataDir);
  if (!PREFIX.test(p)) throw new Error(`proxy chain prefix "${p}" must be 2-10 capital letters and digits, starting with a letter`);
  if (!Number.isInteger(masqueradeBit) || masqueradeBit < 0 || masqueradeBit > 31) throw new Error(`masquerade bit ${masqueradeBit} must be 0-31`);
  return {
    prefix: p,
    services: `${p}-SERVICES`,
    nodePorts: `${p}-NODEPORTS`,
    postrouting: `${p}-POSTROUTING`,
    markMasq: `${p}-MARK-MASQ`,
    externalServices: `${p}-EXT-SERVICES`,
    iface: `${p.toLowerCase()}-svc`, // interface names have at most 15 characters
    mark: `0x${(2 ** masqueradeBit).toString(16)}`,
  };
}

function hashed(names: ProxyNames, kind: 'SVC' | 'SEP' | 'EXT', text: string): string {
  const head = `${names.prefix}-${kind}-`;
  const digest = createHash('sha256').update(text).digest('hex').toUpperCase();
  return head + digest.slice(0, Math.min(16, MAX_CHAIN - head.length));
}

/** serviceChain is the chain choosing among a service port's endpoints (kube-proxy's KUBE-SVC-*). */
export function serviceChain(names: ProxyNames, servicePort: string, protocol: string): string {
  return hashed(names, 'SVC', servicePort + protocol);
}

/** externalChain is a NodePort's chain, marking for masquerade before the SVC chain (KUBE-EXT-*). */
export function externalChain(names: ProxyNames, servicePort: string, protocol: string): string {
  return hashed(names, 'EXT', servicePort + protocol);
}

/** endpointChain DNATs to one endpoint of a service port (KUBE-SEP-*). */
export function endpointChain(names: ProxyNames, servicePort: string, protocol: string, endpoint: string): string {
  return hashed(names, 'SEP', servicePort + protocol + endpoint);
}

/** ProxyState is what the cleaner needs to know of a proxy that ran under a data dir. */
export interface ProxyState {
  prefix: string;
  iface: string;
  mode: string;
}

/** stateFile is DATA_DIR/proxy/state.json. */
export function stateFile(dataDir: string): string {
  return join(dataDir, 'proxy', 'state.json');
}

/** writeState records names before anything is changed on the machine. */
export function writeState(dataDir: string, state: ProxyState): void {
  const file = stateFile(dataDir);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, `${JSON.stringify(state)}\n`);
}

/** readState returns the recorded state, or undefined when the proxy never ran here. */
export function readState(dataDir: string): ProxyState | undefined {
  try {
    return JSON.parse(readFileSync(stateFile(dataDir), 'utf8')) as ProxyState;
  } catch {
    return undefined;
  }
}

/** removeState forgets the recorded state (after cleanup). */
export function removeState(dataDir: string): void {
  rmSync(stateFile(dataDir), { force: true });
}

/** REGISTRY lists the proxies that changed the machine (see orphans.ts), one file per prefix. */
export const REGISTRY = '/run/kubelite/proxies';

/** RegistryEntry says who owns a prefix, from which data dir, in which network namespace. */
export interface RegistryEntry {
  prefix: string;
  iface: string;
  pid: number;
  dataDir: string;
  netns: number;
}

/** netnsId identifies this process's network namespace. */
export function netnsId(): number {
  return statSync('/proc/self/ns/net').ino;
}

/** register lists this proxy (Linux only). */
export function register(names: ProxyNames, dataDir: string, dir = REGISTRY): void {
  mkdirSync(dir, { recursive: true });
  const entry: RegistryEntry = { prefix: names.prefix, iface: names.iface, pid: process.pid, dataDir: resolve(dataDir), netns: netnsId() };
  writeFileSync(join(dir, `${names.prefix}.json`), `${JSON.stringify(entry)}\n`);
}

/** unregister forgets a prefix (after its cleanup). */
export function unregister(prefix: string, dir = REGISTRY): void {
  rmSync(join(dir, `${prefix}.json`), { force: true });
}
