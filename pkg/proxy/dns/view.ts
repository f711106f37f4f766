// The DNS view over the proxy's service and endpoints caches. Lookups by name read the caches
// directly; the ClusterIP → service index (for PTR) is rebuilt lazily after a service change.
import type { KubeObject } from '../../../api/meta/object.js';
import type { DnsEndpoint, DnsService, DnsView } from './resolve.js';

/** Caches are the two lookups the view needs. */
export interface Caches {
  service(key: string): KubeObject | undefined;
  endpoints(key: string): KubeObject | undefined;
  services(): KubeObject[];
}

type Json = Record<string, unknown>;
const rec = (v: unknown): Json => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Json) : {});
const list = (v: unknown): Json[] => (Array.isArray(v) ? v.map(rec) : []);
const str = (v: unknown): string => (typeof v === 'string' ? v : '');

/** CacheDnsView answers DnsView from caches; call invalidate() when services change. */
export class CacheDnsView implements DnsView {
  private byIP: Map<string, string> | undefined;
  private namespaces: Set<string> | undefined;

  constructor(private readonly caches: Caches) {}

  /** invalidate drops the derived indexes after a service event. */
  invalidate(): void {
    this.byIP = undefined;
    this.namespaces = undefined;
  }

  service(namespace: string, name: string): DnsService | undefined {
    const svc = this.caches.service(`${namespace}/${name}`);
    if (!svc) return undefined;
    const spec = rec(svc['spec']);
    const externalName = spec['type'] === 'ExternalName' ? str(spec['externalName']) : '';
    const ports = list(spec['ports']).map((p) => ({ name: str(p['name']), port: Number(p['port']) || 0, protocol: str(p['protocol']) || 'TCP' }));
    const endpoints: DnsEndpoint[] = [];
    for (const subset of list(this.caches.endpoints(`${namespace}/${name}`)?.['subsets'])) {
      const epPorts = new Map(list(subset['ports']).map((p) => [`${str(p['name'])}/${str(p['protocol']) || 'TCP'}`, Number(p['port']) || 0]));
      for (const addr of list(subset['addresses'])) endpoints.push({ ip: str(addr['ip']), hostname: str(addr['hostname']), ports: epPorts });
    }
    return { clusterIP: str(spec['clusterIP']), externalName, ports, endpoints };
  }

  serviceByIP(ip: string): string | undefined {
    if (!this.byIP) {
      this.byIP = new Map();
      for (const s of this.caches.services()) {
        const clusterIP = str(rec(s['spec'])['clusterIP']);
        if (clusterIP && clusterIP !== 'None') this.byIP.set(clusterIP, `${s.metadata?.namespace ?? ''}/${s.metadata?.name ?? ''}`);
      }
    }
    return this.byIP.get(ip);
  }

  hasNamespace(namespace: string): boolean {
    this.namespaces ??= new Set(this.caches.services().map((s) => s.metadata?.namespace ?? ''));
    return this.namespaces.has(namespace);
  }
}
