// The service table both modes program: which service ports appear, with which ready endpoints.
import t from 'tap';
import type { KubeObject } from '../../api/meta/object.js';
import { buildServiceTable, endpointCount } from './service-table.js';

const svc = (name: string, spec: Record<string, unknown>, ns = 'default'): KubeObject => ({ metadata: { name, namespace: ns }, spec });
const eps = (name: string, subsets: unknown[], ns = 'default'): KubeObject => ({ metadata: { name, namespace: ns }, subsets });

t.test('ports matched by name and protocol; only ready addresses; sorted and deduplicated', async (t) => {
  const services = [
    svc('web', { clusterIP: '10.96.0.5', ports: [{ name: 'http', port: 80, protocol: 'TCP' }, { name: 'dns', port: 53, protocol: 'UDP', nodePort: 30053 }], sessionAffinity: 'ClientIP', sessionAffinityConfig: { clientIP: { timeoutSeconds: 60 } } }),
  ];
  const endpoints = new Map([['default/web', eps('web', [
    { addresses: [{ ip: '10.244.0.9' }, { ip: '10.244.0.10' }], notReadyAddresses: [{ ip: '10.244.0.11' }], ports: [{ name: 'http', port: 8080, protocol: 'TCP' }, { name: 'dns', port: 5353, protocol: 'UDP' }] },
    { addresses: [{ ip: '10.244.0.9' }], ports: [{ name: 'http', port: 8080, protocol: 'TCP' }] },
    { addresses: [{ ip: '10.244.0.12' }], ports: [{ name: 'http', port: 8080, protocol: 'UDP' }] },
  ])]]);
  const table = buildServiceTable(services, (k) => endpoints.get(k));
  t.same(table.map((e) => [e.key, e.protocol, e.port, e.nodePort, e.affinitySeconds]), [['default/web:dns', 'UDP', 53, 30053, 60], ['default/web:http', 'TCP', 80, 0, 60]]);
  t.same(table[1]?.endpoints, [{ ip: '10.244.0.9', port: 8080 }, { ip: '10.244.0.10', port: 8080 }], 'numeric IP order, no duplicate, no not-ready, no other protocol');
  t.same(table[0]?.endpoints, [{ ip: '10.244.0.9', port: 5353 }, { ip: '10.244.0.10', port: 5353 }]);
  t.equal(endpointCount(table), 4);
});

t.test('headless, ExternalName, IPv6, SCTP and skipped IPs are not proxied; unnamed ports keyed as kube-proxy does', async (t) => {
  const services = [
    svc('headless', { clusterIP: 'None', ports: [{ port: 80 }] }),
    svc('ext', { type: 'ExternalName', externalName: 'example.org', ports: [{ port: 80 }] }),
    svc('v6', { clusterIP: 'fd00::1', ports: [{ port: 80 }] }),
    svc('sctp', { clusterIP: '10.96.0.7', ports: [{ port: 80, protocol: 'SCTP' }] }),
    svc('dns', { clusterIP: '10.96.0.10', ports: [{ port: 53, protocol: 'UDP' }] }, 'kube-system'),
    svc('plain', { clusterIP: '10.96.0.8', ports: [{ port: 80 }] }),
  ];
  const table = buildServiceTable(services, () => undefined, new Set(['10.96.0.10']));
  t.same(table.map((e) => e.key), ['default/plain']);
  t.equal(table[0]?.affinitySeconds, 0);
  t.same(table[0]?.endpoints, [], 'no Endpoints object: no endpoints');
});
