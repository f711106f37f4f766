// Endpoints subsets without an API: ready and not-ready addresses, named target ports, repacking,
// headless services, publishNotReadyAddresses, hostnames.
import t from 'tap';
import type { Pod, Service } from '../base/types.js';
import { endpointSubsets, findPort } from './subsets.js';

const pod = (name: string, ip: string | undefined, opts: { ready?: boolean; phase?: string; ports?: Array<{ name: string; containerPort: number; protocol?: string }>; deleting?: boolean; hostname?: string; subdomain?: string } = {}): Pod => ({
  metadata: { name, namespace: 'ns', uid: `uid-${name}`, ...(opts.deleting ? { deletionTimestamp: 'x' } : {}) },
  spec: { nodeName: 'n1', containers: [{ name: 'c', ports: opts.ports ?? [{ name: 'http', containerPort: 8080 }] }], hostname: opts.hostname, subdomain: opts.subdomain },
  status: { phase: opts.phase ?? 'Running', ...(ip ? { podIP: ip } : {}), conditions: [{ type: 'Ready', status: opts.ready === false ? 'False' : 'True' }] },
});
const svc = (ports: Service['spec'] extends infer S ? (S extends { ports?: infer P } ? P : never) : never, extra: Record<string, unknown> = {}): Service => ({ metadata: { name: 'web', namespace: 'ns' }, spec: { selector: { app: 'web' }, ports, ...extra } });

t.test('named ports resolve per pod; ready and not-ready split', async (t) => {
  const s = svc([{ name: 'http', port: 80, targetPort: 'http' }]);
  const subsets = endpointSubsets(s, [pod('b', '10.0.0.2'), pod('a', '10.0.0.1'), pod('c', '10.0.0.3', { ready: false }), pod('noip', undefined), pod('done', '10.0.0.9', { phase: 'Succeeded' }), pod('going', '10.0.0.8', { deleting: true })]);
  t.same(subsets, [{
    addresses: [
      { ip: '10.0.0.1', nodeName: 'n1', targetRef: { kind: 'Pod', namespace: 'ns', name: 'a', uid: 'uid-a' } },
      { ip: '10.0.0.2', nodeName: 'n1', targetRef: { kind: 'Pod', namespace: 'ns', name: 'b', uid: 'uid-b' } },
    ],
    notReadyAddresses: [{ ip: '10.0.0.3', nodeName: 'n1', targetRef: { kind: 'Pod', namespace: 'ns', name: 'c', uid: 'uid-c' } }],
    ports: [{ name: 'http', port: 8080, protocol: 'TCP' }],
  }]);
});

t.test('pods with different container ports land in different subsets', async (t) => {
  const s = svc([{ name: 'http', port: 80, targetPort: 'http' }]);
  const subsets = endpointSubsets(s, [pod('a', '10.0.0.1'), pod('b', '10.0.0.2', { ports: [{ name: 'http', containerPort: 9000 }] }), pod('x', '10.0.0.3', { ports: [{ name: 'other', containerPort: 1 }] })]);
  t.same(subsets.map((ss) => [ss.addresses?.map((a) => a.ip), ss.ports?.map((p) => p.port)]), [[['10.0.0.1'], [8080]], [['10.0.0.2'], [9000]]], 'a pod without the named port is left out');
});

t.test('findPort', async (t) => {
  const p = pod('a', '1.1.1.1', { ports: [{ name: 'dns', containerPort: 53, protocol: 'UDP' }, { name: 'dns', containerPort: 5353 }] });
  t.equal(findPort(p, { port: 53, protocol: 'UDP', targetPort: 'dns' }), 53);
  t.equal(findPort(p, { port: 53, targetPort: 'dns' }), 5353, 'protocol must match (TCP by default)');
  t.equal(findPort(p, { port: 80 }), 80, 'no targetPort: the port itself');
  t.equal(findPort(p, { port: 80, targetPort: 8081 }), 8081);
  t.equal(findPort(p, { port: 80, targetPort: 'nope' }), undefined);
});

t.test('headless services without ports, publishNotReadyAddresses, hostnames', async (t) => {
  const headless = svc([], { clusterIP: 'None' });
  t.same(endpointSubsets(headless, [pod('a', '10.0.0.1', { hostname: 'a', subdomain: 'web' })]), [{ addresses: [{ ip: '10.0.0.1', hostname: 'a', nodeName: 'n1', targetRef: { kind: 'Pod', namespace: 'ns', name: 'a', uid: 'uid-a' } }] }]);
  t.same(endpointSubsets(svc([]), [pod('a', '10.0.0.1')]), [], 'a non-headless service without ports has no endpoints');
  const pub = svc([{ port: 80, targetPort: 8080 }], { publishNotReadyAddresses: true });
  t.same(endpointSubsets(pub, [pod('c', '10.0.0.3', { ready: false }), pod('d', '10.0.0.4', { deleting: true })])[0]?.addresses?.map((a) => a.ip), ['10.0.0.3', '10.0.0.4']);
});
