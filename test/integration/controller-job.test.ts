// The Job controller against a real API server and hollow kubelets that run pods to completion:
// completions with bounded parallelism, Complete with its times, and BackoffLimitExceeded.
import t from 'tap';
import type { Pod } from '../../pkg/controller/base/types.js';
import type { Job } from '../../pkg/controller/job/status.js';
import { startHollowCluster, waitFor, type HollowCluster } from '../lib/hollow-cluster.js';

let c: HollowCluster;
t.before(async () => {
  c = await startHollowCluster({
    controllers: ['job'],
    nodes: ['node-a', 'node-b'],
    hollow: {
      outcome: (p) => {
        const job = p.metadata?.labels?.['job-name'] ?? '';
        return job.startsWith('ok') ? { phase: 'Succeeded', afterMs: 150 } : job.startsWith('bad') ? { phase: 'Failed', afterMs: 50 } : undefined;
      },
    },
  });
});
t.teardown(() => c.close());

const jobs = () => c.cs.resource('batch', 'jobs');
const get = async (name: string): Promise<Job> => (await jobs().get('default', name)) as Job;
const job = (name: string, spec: Record<string, unknown>) => ({
  metadata: { name },
  spec: { template: { spec: { restartPolicy: 'Never', containers: [{ name: 'c', image: 'busybox' }] } }, ...spec },
});

t.test('a Job runs completions pods, parallelism at a time, and completes', async (t) => {
  const active = new Set<string>();
  let maxActive = 0;
  const watch = c.api.stream('/api/v1/namespaces/default/pods?watch=true&labelSelector=job-name%3Dok');
  const timer = setInterval(() => {
    for (const e of watch.events.splice(0)) {
      const p = e.object as Pod;
      const name = p.metadata?.name ?? '';
      if (e.type === 'DELETED' || p.metadata?.deletionTimestamp || p.status?.phase === 'Succeeded' || p.status?.phase === 'Failed') active.delete(name);
      else active.add(name);
      maxActive = Math.max(maxActive, active.size);
    }
  }, 1);
  try {
    await jobs().create('default', job('ok', { completions: 5, parallelism: 2 }));
    await waitFor(async () => (await get('ok')).status?.conditions?.some((x) => x.type === 'Complete') ?? false, 'Complete', 15_000);
  } finally {
    clearInterval(timer);
    watch.close();
  }
  const j = await get('ok');
  t.equal(maxActive, 2, 'never more than parallelism pods running');
  t.match(j.status, { succeeded: 5, conditions: [{ type: 'Complete', status: 'True' }] });
  t.notOk(j.status?.active, 'nothing active');
  t.ok(j.status?.startTime && j.status.completionTime && j.status.startTime <= j.status.completionTime, 'start and completion times');
  const pods = await c.list<Pod>('', 'pods', 'default', 'job-name=ok');
  t.equal(pods.length, 5, 'exactly completions pods were created');
  t.ok(pods.every((p) => p.metadata?.ownerReferences?.[0]?.kind === 'Job' && p.spec.restartPolicy === 'Never' && /^ok-\w{5}$/.test(p.metadata.name ?? '')));
});

t.test('a Job fails once more than backoffLimit pods failed', async (t) => {
  await jobs().create('default', job('bad', { completions: 1, backoffLimit: 2 }));
  await waitFor(async () => (await get('bad')).status?.conditions?.some((x) => x.type === 'Failed') ?? false, 'Failed', 15_000);
  const j = await get('bad');
  t.match(j.status?.conditions?.find((x) => x.type === 'Failed'), { status: 'True', reason: 'BackoffLimitExceeded', message: 'Job has reached the specified backoff limit' });
  t.equal(j.status?.failed, 3, 'backoffLimit + 1 failures');
  t.notOk(j.status?.succeeded);
  await new Promise((r) => setTimeout(r, 300));
  t.equal((await c.list<Pod>('', 'pods', 'default', 'job-name=bad')).length, 3, 'no more pods after failing');
});

t.test('a Job without completions finishes with its first success', async (t) => {
  await jobs().create('default', job('ok-open', { parallelism: 1, completions: null }));
  await waitFor(async () => (await get('ok-open')).status?.conditions?.some((x) => x.type === 'Complete') ?? false, 'Complete', 15_000);
  t.equal((await get('ok-open')).status?.succeeded, 1);
});
