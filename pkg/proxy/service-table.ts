// The proxy's view of the cluster: one entry per service port, with its ready endpoints. Both
// modes (iptables, userspace) program exactly this table, so what a service does is decided here
// once. Objects come from informer caches as plain JSON: every field is read defensively.
import type { KubeObject } from '../../api/meta/object.js';
import { parseIPv4 } from './ipv4.js';

/** Protocol is what the proxy forwards; SCTP service ports are left alone. */
export type Protocol = 'TCP' | 'UDP';

/** Endpoint is one ready backend of a service port. */
export interface Endpoint {
  ip: string;
  port: number;
}

/** ServicePortEntry is one port of one service, as the proxy programs it. */
export interface ServicePortEntry {
  /** "namespace/name:portName", or "namespace/name" for an unnamed port (kube-proxy's ServicePortName) */
  key: string;
  namespace: string;
  name: string;
  portName: string;
  protocol: Protocol;
  clusterIP: string;
  port: number;
  /** 0 when the service has no NodePort */
  nodePort: number;
  /** ClientIP session affinity timeout; 0 when affinity is off */
  affinitySeconds: number;
  /** ready endpoints, sorted, without duplicates */
  endpoints: Endpoint[];
}

/** EndpointsGetter finds the Endpoints object of a service ("namespace/name"). */
export type EndpointsGetter = (key: string) => KubeObject | undefined;

interface PortLike {
  name?: unknown;
  port?: unknown;
  nodePort?: unknown;
  protocol?: unknown;
}

const str = (v: unknown): string => (typeof v === 'string' ? v : '');
const num = (v: unknown): number => (typeof v === 'number' && Number.isInteger(v) ? v : 0);
const objs = (v: unknown): Array<Record<string, unknown>> => (Array.isArray(v) ? v.filter((x): x is Record<string, unknown> => typeof x === 'object' && x !== null) : []);
const rec = (v: unknown): Record<string, unknown> => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : {});

/** serviceIP is the IPv4 ClusterIP of a service, or '' for headless, ExternalName and IPv6-only services. */
export function serviceIP(svc: KubeObject): string {
  const spec = rec(svc['spec']);
  if (spec['type'] === 'ExternalName') return '';
  const ip = str(spec['clusterIP']);
  return parseIPv4(ip) === undefined ? '' : ip;
}

/** readyEndpoints lists the ready ip:port pairs of an Endpoints object for one service port. */
export function readyEndpoints(ep: KubeObject | undefined, portName: string, protocol: string): Endpoint[] {
  const out = new Map<string, Endpoint>();
  for (const subset of objs(ep?.['subsets'])) {
    const port = objs(subset['ports']).find((p) => str(p['name']) === portName && (str(p['protocol']) || 'TCP') === protocol);
    if (!port || num(port['port']) === 0) continue;
    for (const a of objs(subset['addresses'])) {
      const ip = str(a['ip']);
      if (parseIPv4(ip) === undefined) continue;
      out.set(`${ip}:${num(port['port'])}`, { ip, port: num(port['port']) });
    }
  }
  return [...out.values()].sort((a, b) => (parseIPv4(a.ip) as number) - (parseIPv4(b.ip) as number) || a.port - b.port);
}

/**
 * buildServiceTable turns services and their Endpoints into entries, sorted by key. skipIPs are
 * ClusterIPs the proxy must not take over (the cluster DNS address, which the proxy serves itself).
 */
export function buildServiceTable(services: readonly KubeObject[], endpointsOf: EndpointsGetter, skipIPs: ReadonlySet<string> = new Set()): ServicePortEntry[] {
  const out: ServicePortEntry[] = [];
  for (const svc of services) {
    const clusterIP = serviceIP(svc);
    if (clusterIP === '' || skipIPs.has(clusterIP)) continue;
    const namespace = svc.metadata?.namespace ?? '';
    const name = svc.metadata?.name ?? '';
    const spec = rec(svc['spec']);
    const affinity = spec['sessionAffinity'] === 'ClientIP' ? num(rec(rec(spec['sessionAffinityConfig'])['clientIP'])['timeoutSeconds']) || 10800 : 0;
    const ep = endpointsOf(`${namespace}/${name}`);
    for (const p of objs(spec['ports']) as PortLike[]) {
      const protocol = str(p.protocol) || 'TCP';
      if (protocol !== 'TCP' && protocol !== 'UDP') continue;
      const port = num(p.port);
      if (port === 0) continue;
      const portName = str(p.name);
      out.push({
        key: portName ? `${namespace}/${name}:${portName}` : `${namespace}/${name}`,
        namespace, name, portName, protocol, clusterIP, port,
        nodePort: num(p.nodePort),
        affinitySeconds: affinity,
        endpoints: readyEndpoints(ep, portName, protocol),
      });
    }
  }
  return out.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : a.protocol < b.protocol ? -1 : a.protocol > b.protocol ? 1 : 0));
}

/** endpointCount is the number of programmed (ready) endpoints over all entries. */
export function endpointCount(table: readonly ServicePortEntry[]): number {
  return table.reduce((n, e) => n + e.endpoints.length, 0);
}
