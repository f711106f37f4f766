// The scheduler against a real API server: placement by nodeSelector, spreading of an RC's pods,
// a pod that fits nowhere (FailedScheduling, PodScheduled=False) placed as soon as a node that
// fits appears, cordoned nodes left alone, and two leader-elected schedulers never both binding.
import t, { type Test } from 'tap';
import { pino } from 'pino';
import { Registry } from 'prom-client';
import type { KubeObject } from '../../api/meta/object.js';
import { SharedInformerFactory } from '../../pkg/client/cache/informer-factory.js';
import { Clientset } from '../../pkg/client/clientset.js';
import type { RoleContext } from '../../pkg/client/role-context.js';
import { schedulerFlags } from '../../pkg/scheduler/options.js';
import { run, type RunExtras, type SchedulerOptions } from '../../pkg/scheduler/run.js';
import { startTestApi, type TestApi } from '../lib/api-server.js';
import { defaults } from '../lib/flag-defaults.js';
import { createNode, createPod, nodeStatus } from '../lib/scheduler-fixtures.js';

interface Cluster {
  api: TestApi;
  cs: Clientset;
  startScheduler(opts?: Partial<SchedulerOptions>, extras?: RunExtras): { ctx: RoleContext; stop: () => Promise<void> };
}

async function cluster(t: Test): Promise<Cluster> {
  const api = await startTestApi();
  const config = { server: api.server.url, ca: api.server.caPem, token: api.server.adminToken, namespace: 'default' };
  const cs = new Clientset(config);
  const stops: Array<() => Promise<void>> = [];
  t.teardown(async () => {
    for (const s of stops) await s();
    cs.close();
    await api.close();
  });
  return {
    api,
    cs,
    startScheduler(opts = {}, extras = {}) {
      const client = new Clientset(config, 'scheduler-test');
      const ctx: RoleContext = { clientset: client, informers: new SharedInformerFactory(client), logger: pino({ level: 'silent' }), metrics: new Registry() };
      const ctrl = new AbortController();
      const done = run({ ...defaults(schedulerFlags), leaderElect: false, ...opts }, ctrl.signal, ctx, extras);
      let stopped = false;
      const stop = async (): Promise<void> => {
        if (stopped) return;
        stopped = true;
        ctrl.abort();
        await done;
        await ctx.informers.shutdown();
        client.close();
      };
      stops.push(stop);
      return { ctx, stop };
    },
  };
}

async function eventually<T>(what: string, get: () => Promise<T | undefined | false>, ms = 10_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await get();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

const nodeOf = async (cs: Clientset, name: string, ns = 'default'): Promise<string | undefined> => ((await cs.resource('', 'pods').get(ns, name)).spec as { nodeName?: string } | undefined)?.nodeName;

const eventsFor = async (cs: Clientset, pod: string, reason: string): Promise<KubeObject[]> =>
  (await cs.resource('', 'events').list('default')).items.filter((e) => (e['involvedObject'] as { name?: string }).name === pod && e['reason'] === reason);

const counter = async (reg: Registry, name: string, labels: Record<string, string>): Promise<number> => {
  const m = (await reg.getMetricsAsJSON()).find((x) => x.name === name);
  const v = (m?.values as Array<{ labels: Record<string, string>; value: number }> | undefined)?.find((x) => Object.entries(labels).every(([k, val]) => x.labels[k] === val));
  return v?.value ?? 0;
};

t.test('nodeSelector picks the labelled node; Scheduled event and metrics', async (t) => {
  const c = await cluster(t);
  for (const name of ['node-1', 'node-2', 'node-3']) await createNode(c.cs, { name, labels: name === 'node-2' ? { heavy_db_server: 'true' } : {} });
  const { ctx } = c.startScheduler();
  await createPod(c.cs, { name: 'db', cpu: '500m', memory: '1Gi', nodeSelector: { heavy_db_server: 'true' } });
  t.equal(await eventually('db bound', () => nodeOf(c.cs, 'db')), 'node-2');
  const [ev] = await eventually('Scheduled event', async () => ((await eventsFor(c.cs, 'db', 'Scheduled')).length > 0 ? eventsFor(c.cs, 'db', 'Scheduled') : undefined));
  t.equal(ev?.['message'], 'Successfully assigned default/db to node-2');
  t.equal(ev?.['type'], 'Normal');
  t.equal((ev?.['source'] as { component?: string }).component, 'default-scheduler');
  t.equal(ev?.['reportingComponent'], 'default-scheduler');
  const pod = await c.cs.resource('', 'pods').get('default', 'db');
  const cond = ((pod.status as { conditions?: Array<{ type: string; status: string }> }).conditions ?? []).find((x) => x.type === 'PodScheduled');
  t.equal(cond?.status, 'True', 'the binding set PodScheduled=True');
  t.equal(await counter(ctx.metrics, 'scheduler_schedule_attempts_total', { result: 'scheduled', profile: 'default-scheduler' }), 1);
  const text = await ctx.metrics.metrics();
  for (const name of ['scheduler_scheduling_attempt_duration_seconds_bucket', 'scheduler_pending_pods{queue="active"}', 'scheduler_pod_scheduling_duration_seconds_bucket']) t.match(text, name);
  // A pod with spec.nodeName set is never touched, even one naming a node that does not exist.
  await createPod(c.cs, { name: 'pinned', nodeName: 'elsewhere' });
  await new Promise((r) => setTimeout(r, 300));
  t.equal(await nodeOf(c.cs, 'pinned'), 'elsewhere');
  t.equal((await eventsFor(c.cs, 'pinned', 'Scheduled')).length, 0);
  // Another scheduler's pods are left alone.
  await createPod(c.cs, { name: 'other', schedulerName: 'my-scheduler' });
  await new Promise((r) => setTimeout(r, 300));
  t.equal(await nodeOf(c.cs, 'other'), undefined);
});

t.test('pods of one RC spread across the nodes', async (t) => {
  const c = await cluster(t);
  for (const name of ['node-1', 'node-2', 'node-3']) await createNode(c.cs, { name });
  const rc = await c.cs.resource('', 'replicationcontrollers').create('default', {
    metadata: { name: 'web' },
    spec: { replicas: 0, selector: { app: 'web' }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'app', image: 'nginx' }] } } },
  });
  c.startScheduler();
  const owner = { kind: 'ReplicationController', name: 'web', uid: rc.metadata?.uid ?? '' };
  for (let i = 0; i < 6; i++) await createPod(c.cs, { name: `web-${i}`, labels: { app: 'web' }, cpu: '100m', owner });
  const placed = await eventually('all web pods bound', async () => {
    const nodes = await Promise.all(Array.from({ length: 6 }, (_, i) => nodeOf(c.cs, `web-${i}`)));
    return nodes.every(Boolean) ? (nodes as string[]) : undefined;
  });
  const perNode = new Map<string, number>();
  for (const n of placed) perNode.set(n, (perNode.get(n) ?? 0) + 1);
  t.strictSame([...perNode.values()].sort(), [2, 2, 2], `two per node: ${JSON.stringify([...perNode])}`);
});

t.test('a pod that fits nowhere waits, says why, and is placed as soon as a node fits', async (t) => {
  const c = await cluster(t);
  await createNode(c.cs, { name: 'small-1', cpu: '2', labels: { zone: 'a' } });
  await createNode(c.cs, { name: 'small-2', cpu: '2', labels: { zone: 'a' } });
  await createNode(c.cs, { name: 'labelled', cpu: '64', labels: { zone: 'b' } });
  c.startScheduler();
  await createPod(c.cs, { name: 'big', cpu: '16', nodeSelector: { zone: 'a' } });
  const [ev] = await eventually('FailedScheduling', async () => ((await eventsFor(c.cs, 'big', 'FailedScheduling')).length > 0 ? eventsFor(c.cs, 'big', 'FailedScheduling') : undefined));
  t.equal(ev?.['type'], 'Warning');
  t.equal(ev?.['message'], "0/3 nodes are available: 2 Insufficient cpu, 1 node(s) didn't match Pod's node affinity/selector. preemption: 0/3 nodes are available: 2 No preemption victims found for incoming pod, 1 Preemption is not helpful for scheduling.");
  const cond = await eventually('PodScheduled=False', async () => {
    const pod = await c.cs.resource('', 'pods').get('default', 'big');
    return ((pod.status as { conditions?: Array<Record<string, string>> }).conditions ?? []).find((x) => x['type'] === 'PodScheduled');
  });
  t.match(cond, { status: 'False', reason: 'Unschedulable', message: ev?.['message'] });
  // No blind retry: changes that cannot help (a label elsewhere, a node that is not ready) and
  // the passing of time (the backoff is long over) leave the pod where it is.
  const nodes = c.cs.resource('', 'nodes');
  const small = await nodes.get(undefined, 'small-1');
  await nodes.update(undefined, { ...small, metadata: { ...small.metadata, labels: { ...small.metadata?.labels, touched: 'yes' } } });
  await nodes.create(undefined, { metadata: { name: 'big-a', labels: { zone: 'a' } } });
  await new Promise((r) => setTimeout(r, 1500));
  const evs = await eventsFor(c.cs, 'big', 'FailedScheduling');
  t.equal(evs.length, 1);
  t.equal(evs[0]?.['count'], 1, 'no retry without a change that helps');
  // The node becomes ready with room: that event alone places the pod, at once.
  const notReady = await nodes.get(undefined, 'big-a');
  const ready = Date.now();
  await nodes.updateStatus(undefined, { ...notReady, status: nodeStatus({ name: 'big-a', cpu: '32' }) });
  t.equal(await eventually('big bound', () => nodeOf(c.cs, 'big'), 5000), 'big-a');
  const took = Date.now() - ready;
  t.ok(took < 1000, `placed ${took} ms after the node became ready`);
});

t.test('repeated FailedScheduling updates one event', async (t) => {
  const c = await cluster(t);
  await createNode(c.cs, { name: 'small', cpu: '1' });
  // Only the safety flush retries a pod no change helps; make it quick here.
  c.startScheduler({ podMaxInUnschedulablePodsDuration: 200, podInitialBackoff: 10 });
  await createPod(c.cs, { name: 'big', cpu: '8' });
  const evs = await eventually('event count 3', async () => {
    const list = await eventsFor(c.cs, 'big', 'FailedScheduling');
    return list.length === 1 && (list[0]?.['count'] as number) >= 3 ? list : undefined;
  });
  t.equal(evs[0]?.['message'], '0/1 nodes are available: 1 Insufficient cpu. preemption: 0/1 nodes are available: 1 No preemption victims found for incoming pod.');
  t.ok(Date.parse(evs[0]?.['lastTimestamp'] as string) >= Date.parse(evs[0]?.['firstTimestamp'] as string));
});

t.test('cordoned and not-ready nodes get nothing; taints, tolerations and host ports hold', async (t) => {
  const c = await cluster(t);
  await createNode(c.cs, { name: 'cordoned', unschedulable: true });
  await createNode(c.cs, { name: 'sick', ready: false });
  await createNode(c.cs, { name: 'tainted', taints: [{ key: 'dedicated', value: 'gpu', effect: 'NoSchedule' }] });
  await createNode(c.cs, { name: 'open' });
  c.startScheduler();
  for (let i = 0; i < 5; i++) await createPod(c.cs, { name: `p-${i}`, cpu: '100m' });
  await createPod(c.cs, { name: 'gpu', cpu: '100m', tolerations: [{ key: 'dedicated', operator: 'Equal', value: 'gpu', effect: 'NoSchedule' }], nodeSelector: { 'kubernetes.io/hostname': 'tainted' } });
  await createPod(c.cs, { name: 'port-a', hostPort: 8080 });
  await createPod(c.cs, { name: 'port-b', hostPort: 8080 });
  const placed = await eventually('p-* bound', async () => {
    const nodes = await Promise.all(Array.from({ length: 5 }, (_, i) => nodeOf(c.cs, `p-${i}`)));
    return nodes.every(Boolean) ? nodes : undefined;
  });
  t.strictSame(new Set(placed), new Set(['open']), 'only the ready, uncordoned, untainted node');
  t.equal(await eventually('gpu bound', () => nodeOf(c.cs, 'gpu')), 'tainted');
  t.equal(await eventually('port-a bound', () => nodeOf(c.cs, 'port-a')), 'open');
  const [ev] = await eventually('port-b FailedScheduling', async () => ((await eventsFor(c.cs, 'port-b', 'FailedScheduling')).length > 0 ? eventsFor(c.cs, 'port-b', 'FailedScheduling') : undefined));
  t.match(ev?.['message'], "1 node(s) didn't have free ports for the requested pod ports");
  t.match(ev?.['message'], '1 node(s) had untolerated taint {dedicated: gpu}');
  t.match(ev?.['message'], '1 node(s) had untolerated taint {node.kubernetes.io/not-ready: }');
  t.match(ev?.['message'], '1 node(s) were unschedulable');
  t.equal(await nodeOf(c.cs, 'port-b'), undefined);
  // Deleting the pod holding the port frees it: port-b is placed, driven by the delete event.
  await c.cs.resource('', 'pods').delete('default', 'port-a', { gracePeriodSeconds: 0 });
  t.equal(await eventually('port-b bound', () => nodeOf(c.cs, 'port-b'), 15_000), 'open');
});

t.test('two leader-elected schedulers: one binds, the other takes over, nothing is bound twice', async (t) => {
  const c = await cluster(t);
  for (const name of ['node-1', 'node-2']) await createNode(c.cs, { name });
  const bound: Array<{ by: string; key: string }> = [];
  const election = { leaderElect: true, leaderElectLeaseDuration: 1500, leaderElectRenewDeadline: 1000, leaderElectRetryPeriod: 200 };
  const start = (id: string): ReturnType<Cluster['startScheduler']> => c.startScheduler(election, { identity: id, hooks: { onBound: (b) => bound.push({ by: id, key: b.key }) } });
  const a = start('a');
  const b = start('b');
  for (let i = 0; i < 30; i++) await createPod(c.cs, { name: `first-${i}`, cpu: '10m' });
  await eventually('first batch bound', async () => bound.length >= 30);
  const leaders = new Set(bound.map((x) => x.by));
  t.equal(leaders.size, 1, 'only the leader bound pods');
  const leader = [...leaders][0] as string;
  const lease = await c.cs.resource('coordination.k8s.io', 'leases').get('kube-system', 'kube-scheduler');
  t.equal((lease.spec as { holderIdentity?: string }).holderIdentity, leader, 'the Lease names the leader');
  const standby = leader === 'a' ? b : a;
  t.equal(await counter(standby.ctx.metrics, 'scheduler_schedule_attempts_total', { result: 'scheduled' }), 0, 'the standby made no attempt');
  await (leader === 'a' ? a : b).stop();
  for (let i = 0; i < 30; i++) await createPod(c.cs, { name: `second-${i}`, cpu: '10m' });
  await eventually('second batch bound', async () => bound.length >= 60, 15_000);
  t.equal(new Set(bound.filter((x) => x.key.includes('second')).map((x) => x.by)).size, 1);
  t.not(bound.find((x) => x.key.includes('second'))?.by, leader, 'the standby took over');
  const keys = bound.map((x) => x.key);
  t.equal(new Set(keys).size, keys.length, 'no pod was bound twice');
  const pods = (await c.cs.resource('', 'pods').list('default')).items;
  t.equal(pods.filter((p) => (p.spec as { nodeName?: string }).nodeName).length, 60);
});
