// The proxy's Prometheus metrics, named as kube-proxy names them where kube-proxy has them. In
// `kubelite server` every role shares one registry, and tests run the role more than once on one
// registry, so a metric already registered is reused rather than registered twice.
import { Counter, Gauge, Histogram, type Registry } from 'prom-client';

/** ProxyMetrics are the proxy's metrics on one registry. */
export interface ProxyMetrics {
  syncDuration: Histogram;
  lastSync: Gauge;
  servicesProgrammed: Gauge;
  endpointsProgrammed: Gauge;
  /** userspace mode: TCP connections and UDP sessions, by service port */
  connections: Counter<'service' | 'protocol'>;
  /** userspace mode: bytes forwarded, by service port and direction (in: client → endpoint) */
  bytes: Counter<'service' | 'direction'>;
  dnsRequests: Counter<'rcode' | 'transport'>;
}

function once<T>(registry: Registry, name: string, make: () => T): T {
  return (registry.getSingleMetric(name) as T | undefined) ?? make();
}

/** proxyMetrics registers (or finds) the proxy's metrics on registry. */
export function proxyMetrics(registry: Registry): ProxyMetrics {
  const registers = [registry];
  return {
    syncDuration: once(registry, 'kubeproxy_sync_proxy_rules_duration_seconds', () => new Histogram({
      name: 'kubeproxy_sync_proxy_rules_duration_seconds', help: 'SyncProxyRules latency in seconds', registers,
      buckets: [0.001, 0.002, 0.004, 0.008, 0.016, 0.032, 0.064, 0.128, 0.256, 0.512, 1.024, 2.048, 4.096, 8.192, 16.384],
    })),
    lastSync: once(registry, 'kubeproxy_sync_proxy_rules_last_timestamp_seconds', () => new Gauge({
      name: 'kubeproxy_sync_proxy_rules_last_timestamp_seconds', help: 'The last time proxy rules were successfully synced', registers,
    })),
    servicesProgrammed: once(registry, 'kubeproxy_programmed_service_ports', () => new Gauge({
      name: 'kubeproxy_programmed_service_ports', help: 'Service ports (ClusterIP and NodePort) programmed by the last sync', registers,
    })),
    endpointsProgrammed: once(registry, 'kubeproxy_programmed_endpoints', () => new Gauge({
      name: 'kubeproxy_programmed_endpoints', help: 'Ready endpoints (summed over service ports) programmed by the last sync', registers,
    })),
    connections: once(registry, 'kubeproxy_userspace_connections_total', () => new Counter({
      name: 'kubeproxy_userspace_connections_total', help: 'Connections (TCP) and sessions (UDP) the userspace proxy forwarded', labelNames: ['service', 'protocol'] as const, registers,
    })),
    bytes: once(registry, 'kubeproxy_userspace_bytes_total', () => new Counter({
      name: 'kubeproxy_userspace_bytes_total', help: 'Bytes the userspace proxy forwarded (in: client to endpoint, out: endpoint to client)', labelNames: ['service', 'direction'] as const, registers,
    })),
    dnsRequests: once(registry, 'kubeproxy_dns_requests_total', () => new Counter({
      name: 'kubeproxy_dns_requests_total', help: 'Cluster DNS queries answered, by response code and transport', labelNames: ['rcode', 'transport'] as const, registers,
    })),
  };
}
