// Service environment variables for containers, exactly as the kubelet builds them
// (getServiceEnvVarMap + envvars.FromServices): for every service with a ClusterIP in the pod's
// namespace (when enableServiceLinks, the default) and always for default/kubernetes:
//   {SVC}_SERVICE_HOST=10.96.0.5  {SVC}_SERVICE_PORT=80  {SVC}_SERVICE_PORT_{PORTNAME}=80
// and the Docker-links family:
//   {SVC}_PORT=tcp://10.96.0.5:80  {SVC}_PORT_80_TCP=tcp://10.96.0.5:80
//   {SVC}_PORT_80_TCP_PROTO=tcp  {SVC}_PORT_80_TCP_PORT=80  {SVC}_PORT_80_TCP_ADDR=10.96.0.5
// SVC is the service name upper-cased with '-' as '_'. The container's own env overrides these
// (the caller's job, as is expanding $(VAR) references).
import type { KubeObject } from '../../meta/object.js';

/** EnvVar is one name/value pair of a container's environment. */
export interface EnvVar {
  name: string;
  value: string;
}

/** ServiceEnvOptions say whose environment is built. */
export interface ServiceEnvOptions {
  /** the pod's namespace */
  namespace: string;
  /** pod.spec.enableServiceLinks; absent means true, as in the API */
  enableServiceLinks?: boolean;
}

// The kubelet adds these master services from the default namespace whatever enableServiceLinks says.
const MASTER_NAMESPACE = 'default';
const MASTER_SERVICES = new Set(['kubernetes']);

type Json = Record<string, unknown>;
const rec = (v: unknown): Json => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Json) : {});
const str = (v: unknown): string => (typeof v === 'string' ? v : '');

/** envName is makeEnvVariableName: upper case, '-' → '_'. */
export function envName(name: string): string {
  return name.toUpperCase().replace(/-/g, '_');
}

// IsServiceIPSet: a ClusterIP that is neither empty nor "None" (headless and ExternalName have none).
const clusterIPOf = (svc: KubeObject): string => {
  const ip = str(rec(svc['spec'])['clusterIP']);
  return ip === '' || ip === 'None' ? '' : ip;
};

/**
 * serviceEnvVars returns the service variables of a pod in opts.namespace, given every service
 * of the cluster (or at least those of the pod's namespace and default/kubernetes), sorted by name.
 */
export function serviceEnvVars(services: readonly KubeObject[], opts: ServiceEnvOptions): EnvVar[] {
  const links = opts.enableServiceLinks !== false;
  const chosen = new Map<string, KubeObject>();
  for (const svc of services) {
    if (clusterIPOf(svc) === '') continue;
    const name = svc.metadata?.name ?? '';
    const ns = svc.metadata?.namespace ?? '';
    if (ns === MASTER_NAMESPACE && MASTER_SERVICES.has(name)) {
      if (!chosen.has(name)) chosen.set(name, svc);
    } else if (ns === opts.namespace && links) {
      chosen.set(name, svc);
    }
  }
  const out = new Map<string, string>();
  for (const [name, svc] of chosen) {
    const ip = clusterIPOf(svc);
    const ports = (Array.isArray(rec(svc['spec'])['ports']) ? (rec(svc['spec'])['ports'] as unknown[]) : []).map(rec);
    const prefix = envName(name);
    out.set(`${prefix}_SERVICE_HOST`, ip);
    if (ports.length > 0) out.set(`${prefix}_SERVICE_PORT`, String(ports[0]?.['port'] ?? ''));
    for (const p of ports) {
      const portName = str(p['name']);
      if (portName) out.set(`${prefix}_SERVICE_PORT_${envName(portName)}`, String(p['port'] ?? ''));
    }
    ports.forEach((p, i) => {
      const protocol = str(p['protocol']) || 'TCP';
      const port = String(p['port'] ?? '');
      const url = `${protocol.toLowerCase()}://${ip.includes(':') ? `[${ip}]` : ip}:${port}`;
      const base = `${prefix}_PORT_${port}_${protocol.toUpperCase()}`;
      if (i === 0) out.set(`${prefix}_PORT`, url);
      out.set(base, url);
      out.set(`${base}_PROTO`, protocol.toLowerCase());
      out.set(`${base}_PORT`, port);
      out.set(`${base}_ADDR`, ip);
    });
  }
  return [...out].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([name, value]) => ({ name, value }));
}
