// The Deployment controller (with the ReplicaSet controller under it) against a real API server
// and hollow nodes: rollout, a rolling update that never has more than maxUnavailable pods
// missing nor more than maxSurge extra, rollback the way kubectl 1.32 does it (client-side: the
// old ReplicaSet's template patched back in), history cleanup, Recreate and the progress deadline.
import { execFile, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import t from 'tap';
import type { KubeObject } from '../../api/meta/object.js';
import type { Pod } from '../../pkg/controller/base/types.js';
import type { Deployment, ReplicaSet } from '../../pkg/controller/deployment/util.js';
import { retryConflicts, startHollowCluster, waitFor, type HollowCluster } from '../lib/hollow-cluster.js';

let c: HollowCluster;
t.before(async () => {
  c = await startHollowCluster({
    controllers: ['deployment', 'replicaset'],
    nodes: ['node-a', 'node-b'],
    hollow: {
      // New images take a moment to become ready, as real containers do; "never" ones never do.
      readyAfterMs: (pod) => {
        const image = pod.spec.containers[0]?.image ?? '';
        return image.includes('never') ? undefined : image.endsWith(':a') ? 0 : 250;
      },
    },
  });
});
t.teardown(() => c.close());

const deployments = () => c.cs.resource('apps', 'deployments');
const get = async (name: string): Promise<Deployment> => (await deployments().get('default', name)) as Deployment;
const rsesOf = async (app: string): Promise<ReplicaSet[]> => c.list<ReplicaSet>('apps', 'replicasets', 'default', `app=${app}`);
const activePods = async (app: string): Promise<Pod[]> => (await c.list<Pod>('', 'pods', 'default', `app=${app}`)).filter((p) => !p.metadata?.deletionTimestamp);
const image = (p: Pod): string => p.spec.containers[0]?.image ?? '';
const done = (d: Deployment): boolean => {
  const s = d.status ?? {};
  const want = d.spec.replicas ?? 1;
  return s.observedGeneration === d.metadata?.generation && s.updatedReplicas === want && s.availableReplicas === want && s.replicas === want;
};

function deployment(name: string, img: string, extra: Record<string, unknown> = {}): KubeObject {
  return {
    metadata: { name },
    spec: {
      replicas: 3,
      selector: { matchLabels: { app: name } },
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 1, maxUnavailable: 1 } },
      template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: 'c', image: img }] } },
      ...extra,
    },
  };
}

t.test('a Deployment rolls out a hashed ReplicaSet and reports itself available', async (t) => {
  await deployments().create('default', deployment('web', 'nginx:a'));
  await waitFor(async () => done(await get('web')), 'rollout to finish');
  const d = await get('web');
  const [rs] = await rsesOf('web');
  const hash = rs!.metadata?.labels?.['pod-template-hash'];
  t.match(rs!.metadata?.name, new RegExp(`^web-${hash}$`), 'the ReplicaSet is named <deployment>-<hash>');
  t.equal(rs!.spec.selector?.matchLabels?.['pod-template-hash'], hash, 'the hash is in the selector');
  t.equal(rs!.spec.template?.metadata?.labels?.['pod-template-hash'], hash, 'and in the template');
  t.equal(rs!.metadata?.ownerReferences?.[0]?.uid, d.metadata?.uid);
  t.equal(d.metadata?.annotations?.['deployment.kubernetes.io/revision'], '1');
  t.equal(rs!.metadata?.annotations?.['deployment.kubernetes.io/revision'], '1');
  t.ok((await activePods('web')).every((p) => p.metadata?.labels?.['pod-template-hash'] === hash), 'pods carry the hash');
  const conds = Object.fromEntries((d.status?.conditions ?? []).map((c) => [c.type, c]));
  t.match(conds['Available'], { status: 'True', reason: 'MinimumReplicasAvailable' });
  t.match(conds['Progressing'], { status: 'True', reason: 'NewReplicaSetAvailable', message: `ReplicaSet "web-${hash}" has successfully progressed.` });
  t.match(d.status, { replicas: 3, updatedReplicas: 3, readyReplicas: 3, availableReplicas: 3, observedGeneration: 1 });
  t.notOk(d.status?.unavailableReplicas, 'no unavailable replicas');
  await waitFor(async () => (await c.list('', 'events', 'default')).some((e) => e['reason'] === 'ScalingReplicaSet' && e['message'] === `Scaled up replica set web-${hash} to 3`), 'the ScalingReplicaSet event');
});

t.test('a rolling update from image A to B never has more than maxUnavailable missing', async (t) => {
  const ready = new Map<string, boolean>();
  let minReady = Infinity;
  let maxActive = 0;
  let armed = false;
  const watch = c.api.stream('/api/v1/namespaces/default/pods?watch=true&labelSelector=app%3Dweb');
  const timer = setInterval(() => {
    for (const e of watch.events.splice(0)) {
      const p = e.object as Pod;
      const name = p.metadata?.name ?? '';
      if (e.type === 'DELETED' || p.metadata?.deletionTimestamp) ready.delete(name);
      else ready.set(name, p.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') ?? false);
      const n = [...ready.values()].filter(Boolean).length;
      if (armed) minReady = Math.min(minReady, n);
      maxActive = Math.max(maxActive, ready.size);
    }
  }, 1);
  try {
    await waitFor(() => [...ready.values()].filter(Boolean).length === 3, 'the watch to see the 3 ready pods');
    armed = true;
    await retryConflicts(() => deployments().patch('default', 'web', { spec: { template: { spec: { containers: [{ name: 'c', image: 'nginx:b' }] } } } }, 'strategic'));
    await waitFor(async () => done(await get('web')) && (await activePods('web')).every((p) => image(p) === 'nginx:b'), 'the rollout to B', 15_000);
  } finally {
    clearInterval(timer);
    watch.close();
  }
  t.ok(minReady >= 2, `ready pods never fell below replicas - maxUnavailable (min seen ${minReady})`);
  t.ok(maxActive <= 4, `never more than replicas + maxSurge pods (max seen ${maxActive})`);
  const rses = await rsesOf('web');
  t.equal(rses.length, 2);
  const byRev = Object.fromEntries(rses.map((rs) => [rs.metadata?.annotations?.['deployment.kubernetes.io/revision'], rs]));
  t.equal(byRev['1']?.spec.replicas, 0, 'the old ReplicaSet is scaled to 0');
  t.equal(byRev['2']?.spec.replicas, 3, 'the new one has every replica');
  t.equal((await get('web')).metadata?.annotations?.['deployment.kubernetes.io/revision'], '2');
});

t.test('kubectl rollout undo reuses the old ReplicaSet under a new revision', async (t) => {
  const old = (await rsesOf('web')).find((rs) => rs.metadata?.annotations?.['deployment.kubernetes.io/revision'] === '1')!;
  const kubectl = spawnSync('kubectl', ['version', '--client'], { encoding: 'utf8' });
  if (kubectl.status === 0) {
    // kubectl 1.32 undoes client-side: it patches the old ReplicaSet's template (and annotations) in.
    // Run asynchronously: the API server lives in this process.
    const cacheDir = join(c.api.dataDir, 'kubectl-cache');
    const r = await promisify(execFile)('kubectl', ['--kubeconfig', c.api.server.kubeconfigPath, '--cache-dir', cacheDir, '-n', 'default', 'rollout', 'undo', 'deployment/web'], { encoding: 'utf8', timeout: 30_000 });
    t.match(r.stdout, /deployment.apps\/web rolled back/, 'kubectl rollout undo');
  } else {
    // The same JSON patch kubectl sends: the template without its hash label, and the annotations.
    const template = structuredClone(old.spec.template!);
    delete template.metadata!.labels!['pod-template-hash'];
    const d = await get('web');
    const annotations = { 'deployment.kubernetes.io/revision': d.metadata?.annotations?.['deployment.kubernetes.io/revision'] ?? '' };
    await retryConflicts(() => deployments().patch('default', 'web', [{ op: 'replace', path: '/spec/template', value: template }, { op: 'replace', path: '/metadata/annotations', value: annotations }], 'json'));
  }
  await waitFor(async () => done(await get('web')) && (await activePods('web')).every((p) => image(p) === 'nginx:a'), 'the rollback', 15_000);
  const rses = await rsesOf('web');
  t.equal(rses.length, 2, 'no third ReplicaSet');
  const reused = rses.find((rs) => rs.metadata?.uid === old.metadata?.uid)!;
  t.equal(reused.metadata?.annotations?.['deployment.kubernetes.io/revision'], '3');
  t.equal(reused.metadata?.annotations?.['deployment.kubernetes.io/revision-history'], '1');
  t.equal(reused.spec.replicas, 3);
  await waitFor(async () => (await get('web')).metadata?.annotations?.['deployment.kubernetes.io/revision'] === '3', 'the Deployment at revision 3');
});

t.test('revisionHistoryLimit removes the oldest scaled-down ReplicaSets', async (t) => {
  await retryConflicts(() => deployments().patch('default', 'web', { spec: { revisionHistoryLimit: 1, template: { spec: { containers: [{ name: 'c', image: 'nginx:c' }] } } } }, 'strategic'));
  await waitFor(async () => done(await get('web')) && (await rsesOf('web')).length === 2, 'one old ReplicaSet kept', 15_000);
  const revisions = (await rsesOf('web')).map((rs) => rs.metadata?.annotations?.['deployment.kubernetes.io/revision']).sort();
  t.same(revisions, ['3', '4'], 'revision 2 was cleaned up');
});

t.test('scaling follows spec.replicas', async (t) => {
  await retryConflicts(() => deployments().patch('default', 'web', { spec: { replicas: 5 } }));
  await waitFor(async () => done(await get('web')) && (await activePods('web')).length === 5, '5 pods');
  await retryConflicts(() => deployments().patch('default', 'web', { spec: { replicas: 1 } }));
  await waitFor(async () => done(await get('web')) && (await activePods('web')).length === 1, '1 pod');
  t.pass('scaled 3 → 5 → 1');
});

t.test('Recreate removes every old pod before starting new ones', async (t) => {
  await deployments().create('default', deployment('batch', 'nginx:a', { strategy: { type: 'Recreate' }, replicas: 2 }));
  await waitFor(async () => done(await get('batch')), 'first rollout');
  let mixed = false;
  const watch = c.api.stream('/api/v1/namespaces/default/pods?watch=true&labelSelector=app%3Dbatch');
  const live = new Map<string, string>();
  const timer = setInterval(() => {
    for (const e of watch.events.splice(0)) {
      const p = e.object as Pod;
      if (e.type === 'DELETED') live.delete(p.metadata?.name ?? '');
      else live.set(p.metadata?.name ?? '', image(p));
      if (new Set(live.values()).size > 1) mixed = true;
    }
  }, 1);
  try {
    await retryConflicts(() => deployments().patch('default', 'batch', { spec: { template: { spec: { containers: [{ name: 'c', image: 'nginx:b' }] } } } }, 'strategic'));
    await waitFor(async () => done(await get('batch')) && (await activePods('batch')).every((p) => image(p) === 'nginx:b'), 'the recreate', 15_000);
  } finally {
    clearInterval(timer);
    watch.close();
  }
  t.notOk(mixed, 'old and new pods never existed together');
});

t.test('a rollout that makes no progress times out', async (t) => {
  await deployments().create('default', deployment('stuck', 'nginx:never', { progressDeadlineSeconds: 1, replicas: 2 }));
  await waitFor(async () => (await get('stuck')).status?.conditions?.some((c) => c.type === 'Progressing' && c.status === 'False') ?? false, 'ProgressDeadlineExceeded', 8000);
  const d = await get('stuck');
  const p = d.status?.conditions?.find((c) => c.type === 'Progressing');
  t.match(p, { reason: 'ProgressDeadlineExceeded', message: /^ReplicaSet "stuck-\w+" has timed out progressing\.$/ });
  t.match(d.status?.conditions?.find((c) => c.type === 'Available'), { status: 'False', reason: 'MinimumReplicasUnavailable' });
  t.equal(d.status?.unavailableReplicas, 2);
});

t.test('minReadySeconds holds availability back until pods have been ready that long', async (t) => {
  await deployments().create('default', deployment('slow', 'nginx:a', { replicas: 1, minReadySeconds: 1 }));
  await waitFor(async () => ((await get('slow')).status?.readyReplicas ?? 0) === 1, 'a ready pod');
  const readyAt = Date.now();
  t.notOk((await get('slow')).status?.availableReplicas, 'ready is not yet available');
  await waitFor(async () => ((await get('slow')).status?.availableReplicas ?? 0) === 1, 'available after minReadySeconds', 5000);
  t.ok(Date.now() - readyAt >= 700, `available ${Date.now() - readyAt} ms after the deployment saw it ready`);
});
