// Answers of the cluster DNS, as CoreDNS's kubernetes plugin gives them, computed from services
// and endpoints alone (a pure function; server.ts does the sockets):
//   svc.ns.svc.DOMAIN                A: the ClusterIP; headless: every ready endpoint's IP
//                                    ExternalName: a CNAME to spec.externalName
//   _port._proto.svc.ns.svc.DOMAIN   SRV for a named port (target: the service, or each endpoint)
//   host.svc.ns.svc.DOMAIN           A of a headless service's endpoint (by hostname or dashed IP)
//   a-b-c-d.ns.pod.DOMAIN            A a.b.c.d
//   d.c.b.a.in-addr.arpa             PTR of a ClusterIP
// A name of the domain that does not exist is NXDOMAIN at once (with the SOA, so resolvers cache
// it), which keeps search paths (ns.svc.DOMAIN, svc.DOMAIN, DOMAIN) fast; a name that exists
// with no record of the asked type is NODATA, so an AAAA query beside the A does not fail the A.
import type { Answer, Question, SrvAnswer } from 'dns-packet';
import { parseIPv4 } from '../ipv4.js';

/** TTL is the TTL of every answer (CoreDNS's kubernetes plugin default). */
export const TTL = 5;

/** DnsEndpoint is one ready address of a service. */
export interface DnsEndpoint {
  ip: string;
  hostname: string;
  /** port number per endpoint port name ('' for an unnamed port) and protocol, e.g. "http/TCP" */
  ports: ReadonlyMap<string, number>;
}

/** DnsService is what DNS needs of a service. */
export interface DnsService {
  /** '' or 'None' for headless */
  clusterIP: string;
  externalName: string;
  ports: ReadonlyArray<{ name: string; port: number; protocol: string }>;
  endpoints: readonly DnsEndpoint[];
}

/** DnsView looks services up (backed by the proxy's informer caches). */
export interface DnsView {
  service(namespace: string, name: string): DnsService | undefined;
  /** serviceByIP is the "namespace/name" of the service holding a ClusterIP */
  serviceByIP(ip: string): string | undefined;
  hasNamespace(namespace: string): boolean;
}

/** Resolution is the answer to one question; 'outside' means the name is not ours. */
export type Resolution = { rcode: 'NOERROR' | 'NXDOMAIN'; answers: Answer[]; additionals: Answer[]; authorities: Answer[] } | 'outside';

const a = (name: string, ip: string): Answer => ({ name, type: 'A', class: 'IN', ttl: TTL, data: ip });

/** soa is the cluster domain's SOA record, put in the authority section of negative answers. */
export function soa(domain: string): Answer {
  return { name: domain, type: 'SOA', class: 'IN', ttl: TTL, data: { mname: `ns.dns.${domain}`, rname: `hostmaster.${domain}`, serial: 1, refresh: 7200, retry: 1800, expire: 86400, minimum: TTL } };
}

const dashed = (ip: string): string => ip.replace(/\./g, '-');
const isHeadless = (s: DnsService): boolean => s.clusterIP === '' || s.clusterIP === 'None';

/** resolve answers one question for the cluster domain (e.g. "cluster.local"), given the cluster's services. */
export function resolve(q: Question, view: DnsView, domain: string, ownCidrs: ReadonlyArray<(ip: string) => boolean> = []): Resolution {
  const name = q.name.toLowerCase().replace(/\.$/, '');
  const qtype: string = q.type; // 'ANY' is decoded but missing from the RecordType union
  const d = domain.toLowerCase();
  const answers: Answer[] = [];
  const additionals: Answer[] = [];
  const found = (): Resolution => ({ rcode: 'NOERROR', answers, additionals, authorities: answers.length === 0 ? [soa(d)] : [] });
  const missing = (): Resolution => ({ rcode: 'NXDOMAIN', answers: [], additionals: [], authorities: [soa(d)] });

  if (name.endsWith('.in-addr.arpa')) {
    const ip = name.slice(0, -'.in-addr.arpa'.length).split('.').reverse().join('.');
    if (parseIPv4(ip) === undefined) return 'outside';
    const key = view.serviceByIP(ip);
    if (key) {
      const [ns, svc] = key.split('/') as [string, string];
      if (qtype === 'PTR' || qtype === 'ANY') answers.push({ name: q.name, type: 'PTR', class: 'IN', ttl: TTL, data: `${svc}.${ns}.svc.${d}` });
      return found();
    }
    return ownCidrs.some((inside) => inside(ip)) ? missing() : 'outside';
  }
  if (name !== d && !name.endsWith(`.${d}`)) return 'outside';
  const labels = name === d ? [] : name.slice(0, -(d.length + 1)).split('.');
  const wantA = qtype === 'A' || qtype === 'ANY';

  if (labels.length === 0) {
    if (qtype === 'SOA' || qtype === 'ANY') answers.push(soa(d));
    return found();
  }
  const zone = labels[labels.length - 1];
  if (zone === 'pod') {
    if (labels.length === 1) return found();
    if (labels.length === 2) return view.hasNamespace(labels[0] as string) ? found() : missing();
    if (labels.length !== 3) return missing();
    const ip = (labels[0] as string).replace(/-/g, '.');
    if (parseIPv4(ip) === undefined) return missing();
    if (wantA) answers.push(a(q.name, ip));
    return found();
  }
  if (zone !== 'svc') return missing();
  if (labels.length === 1) return found();
  if (labels.length === 2) return view.hasNamespace(labels[0] as string) ? found() : missing();
  const ns = labels[labels.length - 2] as string;
  const svcName = labels[labels.length - 3] as string;
  const svc = view.service(ns, svcName);
  if (!svc) return missing();
  const fqdn = `${svcName}.${ns}.svc.${d}`;
  const rest = labels.slice(0, -3);

  if (rest.length === 0) {
    if (svc.externalName) {
      if (q.type !== 'SRV') answers.push({ name: q.name, type: 'CNAME', class: 'IN', ttl: TTL, data: svc.externalName });
      return found();
    }
    if (q.type === 'SRV') {
      for (const p of svc.ports) if (p.name) answers.push(...srv(q.name, svc, p, fqdn, additionals));
      return found();
    }
    if (wantA) {
      if (isHeadless(svc)) for (const e of svc.endpoints) answers.push(a(q.name, e.ip));
      else answers.push(a(q.name, svc.clusterIP));
    }
    return found();
  }
  if (rest.length === 2 && rest[0]?.startsWith('_') && rest[1]?.startsWith('_')) {
    const portName = rest[0].slice(1);
    const protocol = rest[1].slice(1).toUpperCase();
    const p = svc.ports.find((x) => x.name === portName && x.protocol === protocol);
    if (!p) return missing();
    if (qtype === 'SRV' || qtype === 'ANY') answers.push(...srv(q.name, svc, p, fqdn, additionals));
    return found();
  }
  if (rest.length === 1 && isHeadless(svc)) {
    const host = rest[0] as string;
    const hits = svc.endpoints.filter((e) => e.hostname === host || dashed(e.ip) === host);
    if (hits.length === 0) return missing();
    if (wantA) for (const e of hits) answers.push(a(q.name, e.ip));
    return found();
  }
  return missing();
}

// SRV for one port: the service itself (port = service port) or, headless, each endpoint by its
// hostname (or dashed IP) with the endpoint's port, their A records as additionals.
function srv(qname: string, svc: DnsService, p: { name: string; port: number; protocol: string }, fqdn: string, additionals: Answer[]): SrvAnswer[] {
  const mk = (target: string, port: number, weight: number): SrvAnswer => ({ name: qname, type: 'SRV', class: 'IN', ttl: TTL, data: { priority: 0, weight, port, target } });
  if (!isHeadless(svc)) {
    additionals.push(a(fqdn, svc.clusterIP));
    return [mk(fqdn, p.port, 100)];
  }
  const out: SrvAnswer[] = [];
  const eps = svc.endpoints.filter((e) => e.ports.has(`${p.name}/${p.protocol}`));
  for (const e of eps) {
    const target = `${e.hostname || dashed(e.ip)}.${fqdn}`;
    out.push(mk(target, e.ports.get(`${p.name}/${p.protocol}`) as number, Math.max(1, Math.floor(100 / eps.length))));
    additionals.push(a(target, e.ip));
  }
  return out;
}
