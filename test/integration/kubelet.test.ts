// Kubelets on the fake runtime against a real API server, joined with the node token: two nodes
// register and turn Ready, a bound pod runs and reports its status, a deletion is confirmed by the
// kubelet, an idle node writes nothing but its Lease, a restarted kubelet adopts what runs, and
// hollow nodes share one pod watch.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { Registry } from 'prom-client';
import t from 'tap';
import { SharedInformerFactory } from '../../pkg/client/cache/informer-factory.js';
import type { SharedInformer } from '../../pkg/client/cache/shared-informer.js';
import { Clientset } from '../../pkg/client/clientset.js';
import type { RoleContext } from '../../pkg/client/role-context.js';
import { kubeletConfig } from '../../pkg/kubelet/config.js';
import { feedKubelets } from '../../pkg/kubelet/feed.js';
import { Kubelet } from '../../pkg/kubelet/kubelet.js';
import { KubeletMetrics } from '../../pkg/kubelet/metrics.js';
import { kubeletFlags, type KubeletOptions } from '../../pkg/kubelet/options.js';
import { run } from '../../pkg/kubelet/run.js';
import { FakeRuntime } from '../../pkg/kubelet/runtime/fake/runtime.js';
import { KUBELET_LABELS } from '../../pkg/kubelet/runtime/interface.js';
import type { Pod } from '../../pkg/kubelet/types.js';
import { commonFlags } from '../../pkg/util/common-flags.js';
import { startTestApi, type TestApi } from '../lib/api-server.js';
import { defaults } from '../lib/flag-defaults.js';

const dataDir = mkdtempSync(join(tmpdir(), 'kubelite-kubelet-it-'));
const stops: AbortController[] = [];
let api: TestApi;
t.before(async () => {
  api = await startTestApi({ advertiseAddress: '127.0.0.1' });
});
t.teardown(async () => {
  stops.forEach((c) => c.abort());
  await new Promise((r) => setTimeout(r, 100));
  await api.close();
  rmSync(dataDir, { recursive: true, force: true });
});

const opts = (o: Partial<KubeletOptions> = {}): KubeletOptions => ({
  ...defaults(commonFlags), ...defaults(kubeletFlags), dataDir, logLevel: 'silent', runtime: 'fake',
  nodeLeaseRenewInterval: 300, nodeStatusUpdateFrequency: 200, podRelistPeriod: 100, crashLoopBackoffInitial: 200, podSyncRetryPeriod: 200, ...o,
});

// Each kubelet joins as a node would: with the node token, not the admin's.
const nodeContext = (): RoleContext => {
  const clientset = new Clientset({ server: api.server.url, ca: api.server.caPem, token: readFileSync(join(api.dataDir, 'node-token'), 'utf8').trim(), namespace: 'default' }, 'kubelet-test');
  return { clientset, informers: new SharedInformerFactory(clientset), logger: pino({ level: process.env.KUBELITE_TEST_LOG ?? 'silent' }), metrics: new Registry() };
};

const start = (o: Partial<KubeletOptions>, ctx = nodeContext()): { ctx: RoleContext; stop: AbortController; done: Promise<void> } => {
  const stop = new AbortController();
  stops.push(stop);
  return { ctx, stop, done: run(opts(o), stop.signal, ctx) };
};

async function eventually<T>(what: string, fn: () => Promise<T | undefined | false> | T | undefined | false, ms = 15_000): Promise<T> {
  const end = Date.now() + ms;
  let last: unknown;
  for (;;) {
    try {
      const v = await fn();
      if (v !== undefined && v !== false) return v;
    } catch (err) {
      last = err;
    }
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}${last ? `: ${(last as Error).message}` : ''}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

const get = async (path: string): Promise<any> => (await api.call('GET', path)).body;
const ready = (node: any): boolean => node?.status?.conditions?.some((c: any) => c.type === 'Ready' && c.status === 'True');

async function bindPod(name: string, node: string, spec: Record<string, unknown> = {}): Promise<any> {
  const created = await api.call('POST', '/api/v1/namespaces/default/pods', {
    metadata: { name }, spec: { containers: [{ name: 'app', image: 'localhost/kubelite/busybox:1', command: ['sh', '-c', 'sleep 2147483647 & wait'] }], terminationGracePeriodSeconds: 5, ...spec },
  });
  if (created.status !== 201) throw new Error(`create ${name}: ${created.text}`);
  const bound = await api.call('POST', `/api/v1/namespaces/default/pods/${name}/binding`, { metadata: { name }, target: { kind: 'Node', name: node } });
  if (bound.status !== 201) throw new Error(`bind ${name}: ${bound.text}`);
  return created.body;
}

t.test('two kubelets register, turn Ready and heartbeat', async (t) => {
  const a = start({ nodeName: 'node-a', nodeLabels: ['tier=a'] });
  const b = start({ nodeName: 'node-b' });
  const na = await eventually('node-a Ready', async () => { const n = await get('/api/v1/nodes/node-a'); return ready(n) && n; });
  const nb = await eventually('node-b Ready', async () => { const n = await get('/api/v1/nodes/node-b'); return ready(n) && n; });
  t.not(na.spec.podCIDR, nb.spec.podCIDR, `distinct pod CIDRs ${na.spec.podCIDR} ${nb.spec.podCIDR}`);
  t.match(na.metadata.labels, { 'kubernetes.io/hostname': 'node-a', 'kubernetes.io/os': 'linux', tier: 'a' });
  t.match(na.status.nodeInfo, { containerRuntimeVersion: /^fake:\/\//, kubeletVersion: 'v1.32.0-kubelite', operatingSystem: 'linux' });
  t.match(na.status.capacity, { cpu: /^\d+$/, memory: /^\d+Ki$/, pods: '110' });
  t.same(na.status.allocatable, na.status.capacity);
  t.match(na.status.addresses, [{ type: 'InternalIP' }, { type: 'Hostname', address: 'node-a' }]);
  t.match(na.status.conditions.find((c: any) => c.type === 'Ready'), { status: 'True', reason: 'KubeletReady' });
  const lease = await eventually('lease', () => get('/apis/coordination.k8s.io/v1/namespaces/kube-node-lease/leases/node-a').then((l) => l?.spec?.renewTime && l));
  t.match(lease.spec, { holderIdentity: 'node-a', leaseDurationSeconds: 2 });
  t.match(lease.metadata.ownerReferences, [{ kind: 'Node', name: 'node-a', uid: na.metadata.uid }]);
  const renewed = await eventually('lease renewed', () => get('/apis/coordination.k8s.io/v1/namespaces/kube-node-lease/leases/node-a').then((l) => l.spec.renewTime !== lease.spec.renewTime && l));
  t.ok(renewed, 'renewTime moves on');

  t.test('an idle node writes its Lease, not its status', async (t) => {
    const before = (await get('/api/v1/nodes/node-a')).metadata.resourceVersion;
    await new Promise((r) => setTimeout(r, 1500));
    t.equal((await get('/api/v1/nodes/node-a')).metadata.resourceVersion, before, 'node-a unchanged for 1.5s (7 status checks)');
  });

  t.test('a bound pod runs on its node, and its deletion is confirmed by the kubelet', async (t) => {
    await bindPod('web', 'node-b', { containers: [{ name: 'app', image: 'localhost/kubelite/busybox:1', command: ['sh', '-c', 'sleep 2147483647 & wait'], env: [{ name: 'ME', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } }] }] });
    const pod = await eventually('web Running', async () => { const p = await get('/api/v1/namespaces/default/pods/web'); return p.status?.phase === 'Running' && p; });
    const prefix = String(nb.spec.podCIDR).split('.').slice(0, 3).join('.');
    t.ok(pod.status.podIP.startsWith(`${prefix}.`), `pod IP ${pod.status.podIP} is in node-b's ${nb.spec.podCIDR}`);
    t.equal(pod.status.hostIP, nb.status.addresses[0].address);
    t.match(pod.status.conditions.map((c: any) => `${c.type}=${c.status}`).sort(), ['ContainersReady=True', 'Initialized=True', 'PodReadyToStartContainers=True', 'PodScheduled=True', 'Ready=True']);
    t.equal(pod.status.qosClass, 'BestEffort', 'qosClass kept');
    t.match(pod.status.containerStatuses, [{ name: 'app', ready: true, started: true, restartCount: 0, state: { running: {} }, containerID: /^fake:\/\// }]);
    const events = await eventually('events', async () => {
      const list = (await get('/api/v1/namespaces/default/events')).items.filter((e: any) => e.involvedObject.name === 'web');
      return list.length >= 4 && list;
    });
    t.match(events.map((e: any) => e.reason).sort(), ['Created', 'Pulled', 'Pulling', 'Started'], 'the new node pulls the image first');
    t.match(events.find((e: any) => e.reason === 'Started'), { source: { component: 'kubelet', host: 'node-b' }, involvedObject: { kind: 'Pod', uid: pod.metadata.uid, fieldPath: 'spec.containers{app}' } });
    const del = await api.call('DELETE', '/api/v1/namespaces/default/pods/web');
    t.equal(del.status, 200);
    t.ok(del.body.metadata.deletionTimestamp, 'graceful: the API server only marks the pod');
    await eventually('web gone', async () => (await api.call('GET', '/api/v1/namespaces/default/pods/web')).status === 404);
    const killing = (await get('/api/v1/namespaces/default/events')).items.find((e: any) => e.involvedObject.name === 'web' && e.reason === 'Killing');
    t.equal(killing?.message, 'Stopping container app');
  });

  t.test('metrics', async (t) => {
    // The gauges follow the relist, which sees the deleted pod's sandbox go within a period.
    const text = await eventually('kubelet_running_pods 0', async () => { const m = await b.ctx.metrics.metrics(); return /kubelet_running_pods 0/.test(m) && m; });
    t.match(text, /kubelet_pod_start_duration_seconds_count 1/);
    t.match(text, /kubelet_started_containers_total\{container_type="container"\} 1/);
    t.match(text, /kubelet_node_name\{node="node-b"\} 1/);
  });

  t.teardown(async () => {
    a.stop.abort();
    b.stop.abort();
    await Promise.all([a.done, b.done]);
  });
});

t.test('a restarted kubelet adopts running pods and removes those deleted meanwhile', async (t) => {
  const runtime = new FakeRuntime({ podCidr: '10.244.200.0/24' });
  const admin = new Clientset({ server: api.server.url, ca: api.server.caPem, token: api.server.adminToken, namespace: 'default' }, 'kubelet-test');
  const startKubelet = (): { stop: AbortController; done: Promise<void>; kubelet: Kubelet } => {
    const stop = new AbortController();
    stops.push(stop);
    const informers = new SharedInformerFactory(admin);
    const kubelet = new Kubelet(kubeletConfig(opts({ nodeName: 'node-r' })), { clientset: admin, logger: pino({ level: 'silent' }), metrics: KubeletMetrics.for(new Registry()), openRuntime: async () => runtime });
    const informer = informers.informerFor<Pod>('', 'pods', { fieldSelector: 'spec.nodeName=node-r' });
    feedKubelets(informer as SharedInformer<Pod>, (n) => (n === 'node-r' ? kubelet : undefined), () => [kubelet], stop.signal);
    informers.start(stop.signal);
    return { stop, kubelet, done: kubelet.run(stop.signal) };
  };
  const first = startKubelet();
  await bindPod('stay', 'node-r');
  await bindPod('leave', 'node-r');
  const stay = await eventually('stay Running', async () => { const p = await get('/api/v1/namespaces/default/pods/stay'); return p.status?.phase === 'Running' && p; });
  await eventually('leave Running', async () => (await get('/api/v1/namespaces/default/pods/leave')).status?.phase === 'Running');
  first.stop.abort();
  await first.done;
  t.equal((await runtime.listContainers()).filter((c) => c.state === 'running').length, 2, 'stopping the kubelet leaves its containers running');
  const forced = await api.call('DELETE', '/api/v1/namespaces/default/pods/leave', { kind: 'DeleteOptions', apiVersion: 'v1', gracePeriodSeconds: 0 });
  t.equal(forced.status, 200, 'leave force-deleted while the kubelet is down');
  const second = startKubelet();
  await eventually('leave\'s containers removed', async () => !(await runtime.listContainers()).some((c) => c.labels[KUBELET_LABELS.podName] === 'leave'));
  const now = await get('/api/v1/namespaces/default/pods/stay');
  t.equal(now.status.containerStatuses[0].containerID, stay.status.containerStatuses[0].containerID, 'the same container');
  t.equal(now.status.containerStatuses[0].restartCount, 0, 'not restarted');
  t.equal(now.metadata.resourceVersion, stay.metadata.resourceVersion, 'nothing changed, nothing written');
  t.same((await runtime.listContainers()).map((c) => c.labels[KUBELET_LABELS.podName]), ['stay']);
  await api.call('DELETE', '/api/v1/namespaces/default/pods/stay');
  await eventually('stay gone', async () => (await api.call('GET', '/api/v1/namespaces/default/pods/stay')).status === 404);
  second.stop.abort();
  await second.done;
  admin.close();
});

t.test('a runtime that cannot be reached: the node registers NotReady and says why', async (t) => {
  const k = start({ nodeName: 'node-down', runtime: 'cri', containerRuntimeEndpoint: join(dataDir, 'no-such.sock'), podSyncRetryPeriod: 300 });
  const ready = await eventually('NotReady with a reason', async () => {
    const n = await get('/api/v1/nodes/node-down');
    const c = n?.status?.conditions?.find((x: any) => x.type === 'Ready');
    return c?.status === 'False' && /container runtime is down/.test(c.message) && c;
  });
  t.match(ready, { reason: 'KubeletNotReady', message: /no-such\.sock/ });
  await eventually('its lease', () => get('/apis/coordination.k8s.io/v1/namespaces/kube-node-lease/leases/node-down').then((l) => l?.spec?.renewTime));
  k.stop.abort();
  await k.done;
  t.pass('stops cleanly while retrying');
});

t.test('hollow nodes: many kubelets in one process on one pod watch', async (t) => {
  const n = 25;
  const h = start({ nodeName: 'hollow', hollowNodes: n });
  const nodes = await eventually(`${n} hollow nodes Ready`, async () => {
    const list = (await get('/api/v1/nodes?labelSelector=kubelite.io%2Fhollow%3Dtrue')).items;
    return list.length === n && list.every(ready) && list;
  });
  t.same(nodes.map((x: any) => x.metadata.name).sort(), Array.from({ length: n }, (_, i) => `hollow-${i}`).sort());
  for (let i = 0; i < 10; i++) await bindPod(`h${i}`, `hollow-${i % n}`);
  for (let i = 0; i < 10; i++) {
    const p = await eventually(`h${i} Running`, async () => { const x = await get(`/api/v1/namespaces/default/pods/h${i}`); return x.status?.phase === 'Running' && x; });
    const node = nodes.find((x: any) => x.metadata.name === `hollow-${i % n}`);
    t.ok(p.status.podIP.startsWith(String(node.spec.podCIDR).split('.').slice(0, 3).join('.')), `h${i} on hollow-${i % n}`);
  }
  t.equal(h.ctx.informers.size, 1, 'one pod informer (one watch) for every hollow node');
  for (let i = 0; i < 10; i++) await api.call('DELETE', `/api/v1/namespaces/default/pods/h${i}`);
  await eventually('hollow pods gone', async () => (await get('/api/v1/namespaces/default/pods')).items.filter((p: any) => p.metadata.name.startsWith('h')).length === 0);
  h.stop.abort();
  await h.done;
});
