// The endpoints controller against a real API server and hollow nodes: ready pod addresses with
// named target ports resolved, notReadyAddresses, readiness changes reflected within a second,
// selector-less services and the `kubernetes` service left alone, endpoints removed with their service.
import t from 'tap';
import type { Endpoints } from '../../pkg/controller/endpoints/controller.js';
import { startHollowCluster, waitFor, type HollowCluster } from '../lib/hollow-cluster.js';

let c: HollowCluster;
t.before(async () => {
  c = await startHollowCluster({ controllers: ['endpoint'], nodes: ['node-a'] });
});
t.teardown(() => c.close());

const ep = async (name: string): Promise<Endpoints | undefined> => (await c.cs.resource('', 'endpoints').get('default', name).catch(() => undefined)) as Endpoints | undefined;
const pod = (name: string, labels: Record<string, string>) => ({
  metadata: { name, labels },
  spec: { containers: [{ name: 'c', image: 'nginx', ports: [{ name: 'http', containerPort: 8080 }, { name: 'metrics', containerPort: 9090 }] }] },
});

t.test('a service gets endpoints with ready pods and resolved named ports', async (t) => {
  await c.cs.resource('', 'services').create('default', {
    metadata: { name: 'web', labels: { team: 'a' } },
    spec: { selector: { app: 'web' }, ports: [{ name: 'http', port: 80, targetPort: 'http' }, { name: 'raw', port: 81, targetPort: 7000 }] },
  });
  for (const n of ['web-1', 'web-2']) await c.cs.resource('', 'pods').create('default', pod(n, { app: 'web' }));
  await c.cs.resource('', 'pods').create('default', pod('other', { app: 'other' }));
  await waitFor(async () => ((await ep('web'))?.subsets?.[0]?.addresses?.length ?? 0) === 2, 'two ready addresses');
  const e = (await ep('web'))!;
  t.equal(e.metadata?.labels?.['team'], 'a', 'labels from the service');
  t.equal(e.subsets?.length, 1, 'one subset: both ports reach the same pods');
  t.same(e.subsets?.[0]?.ports, [{ name: 'http', port: 8080, protocol: 'TCP' }, { name: 'raw', port: 7000, protocol: 'TCP' }]);
  const addr = e.subsets?.[0]?.addresses?.[0];
  t.match(addr, { ip: /^10\.200\./, nodeName: 'node-a', targetRef: { kind: 'Pod', namespace: 'default', name: /^web-\d$/ } });
  t.notOk(e.subsets?.[0]?.notReadyAddresses, 'nothing not ready');
});

t.test('readiness changes show within a second', async (t) => {
  const watch = c.api.stream('/api/v1/namespaces/default/endpoints?watch=true&fieldSelector=metadata.name%3Dweb');
  try {
    await watch.waitFor(1);
    const started = Date.now();
    await c.nodes.setReady('default', 'web-1', false);
    await waitFor(() => watch.events.some((e) => (e.object?.subsets?.[0]?.notReadyAddresses ?? []).some((a: { targetRef?: { name: string } }) => a.targetRef?.name === 'web-1')), 'web-1 not ready', 1000);
    t.ok(Date.now() - started < 1000, `not-ready in ${Date.now() - started} ms`);
    const e = (await ep('web'))!;
    t.same(e.subsets?.map((s) => [s.addresses?.map((a) => a.targetRef?.name), s.notReadyAddresses?.map((a) => a.targetRef?.name)]), [[['web-2'], ['web-1']]]);
    const back = Date.now();
    await c.nodes.setReady('default', 'web-1', true);
    await waitFor(async () => ((await ep('web'))?.subsets?.[0]?.addresses?.length ?? 0) === 2, 'ready again', 1000);
    t.ok(Date.now() - back < 1000, `ready again in ${Date.now() - back} ms`);
  } finally {
    watch.close();
  }
});

t.test('deleted and relabelled pods leave the endpoints', async (t) => {
  await c.cs.resource('', 'pods').patch('default', 'web-2', { metadata: { labels: { app: 'moved' } } });
  await waitFor(async () => (await ep('web'))?.subsets?.[0]?.addresses?.map((a) => a.targetRef?.name).join() === 'web-1', 'relabelled pod out');
  await c.cs.resource('', 'pods').delete('default', 'web-1');
  await waitFor(async () => (await ep('web'))?.subsets === undefined, 'no subsets left');
  t.pass();
});

t.test('selector-less services and the kubernetes service are not managed; endpoints go with their service', async (t) => {
  const kube = (await ep('kubernetes'))!;
  await c.cs.resource('', 'services').create('default', { metadata: { name: 'manual' }, spec: { ports: [{ port: 80 }] } });
  await c.cs.resource('', 'endpoints').create('default', { metadata: { name: 'manual' }, subsets: [{ addresses: [{ ip: '10.9.9.9' }], ports: [{ port: 80 }] }] });
  await new Promise((r) => setTimeout(r, 300));
  t.equal((await ep('manual'))?.subsets?.[0]?.addresses?.[0]?.ip, '10.9.9.9', 'manual endpoints untouched');
  t.equal((await ep('kubernetes'))?.metadata?.resourceVersion, kube?.metadata?.resourceVersion, 'the kubernetes endpoints untouched');
  await c.cs.resource('', 'services').delete('default', 'web');
  await waitFor(async () => (await ep('web')) === undefined, 'endpoints deleted with the service');
});
