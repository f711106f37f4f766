// Events as Kubernetes writes them, with repeats aggregated into one event's count.
import t from 'tap';
import type { KubeObject } from '../../api/meta/object.js';
import type { ResourceClient } from '../client/resource-client.js';
import { ApiError } from '../client/rest.js';
import { EventRecorder } from './events.js';
import { testPod } from './testing.js';

function fakeEvents(): { client: ResourceClient; store: Map<string, KubeObject>; calls: string[] } {
  const store = new Map<string, KubeObject>();
  const calls: string[] = [];
  const client = {
    async create(ns: string, obj: KubeObject) {
      calls.push(`create ${obj.metadata?.name}`);
      store.set(`${ns}/${obj.metadata?.name}`, obj);
      return obj;
    },
    async patch(ns: string, name: string, patch: Record<string, unknown>) {
      calls.push(`patch ${name}`);
      const cur = store.get(`${ns}/${name}`);
      if (!cur) throw new ApiError(404, 'NotFound', 'gone');
      Object.assign(cur, patch);
      return cur;
    },
  } as unknown as ResourceClient;
  return { client, store, calls };
}

t.test('Scheduled and FailedScheduling events', async (t) => {
  const f = fakeEvents();
  const r = new EventRecorder(f.client, { component: 'default-scheduler', instance: 'default-scheduler-host' });
  const pod = testPod('web-1', { uid: 'u1' });
  r.scheduled(pod, 'node-2');
  await r.idle();
  const [ev] = [...f.store.values()];
  t.match(ev, {
    reason: 'Scheduled', type: 'Normal', message: 'Successfully assigned default/web-1 to node-2', count: 1,
    involvedObject: { kind: 'Pod', namespace: 'default', name: 'web-1', uid: 'u1' },
    source: { component: 'default-scheduler' }, reportingComponent: 'default-scheduler', reportingInstance: 'default-scheduler-host',
  });
  t.match(ev?.metadata?.name, /^web-1\.[0-9a-f]+$/);
});

t.test('a repeated failure updates count and lastTimestamp of one event', async (t) => {
  const f = fakeEvents();
  const r = new EventRecorder(f.client, { component: 'default-scheduler', instance: 'x' });
  const pod = testPod('p', { uid: 'u2' });
  r.failedScheduling(pod, '0/1 nodes are available: 1 Insufficient cpu.');
  await r.idle();
  r.failedScheduling(pod, '0/1 nodes are available: 1 Insufficient cpu.');
  r.failedScheduling(pod, '0/1 nodes are available: 1 Insufficient cpu.');
  await r.idle();
  t.equal(f.store.size, 1);
  t.equal([...f.store.values()][0]?.['count'], 3);
  t.equal(f.calls.filter((c) => c.startsWith('create')).length, 1);
  r.failedScheduling(pod, '0/2 nodes are available: 2 Insufficient cpu.');
  await r.idle();
  t.equal(f.store.size, 2, 'another message is another event');
  f.store.clear(); // expired
  r.failedScheduling(pod, '0/2 nodes are available: 2 Insufficient cpu.');
  await r.idle();
  t.equal(f.store.size, 1, 'an expired event is written anew');
});

t.test('a full queue drops events instead of growing', async (t) => {
  let release: () => void = () => undefined;
  const gate = new Promise<void>((r) => (release = r));
  const client = { create: async () => gate } as unknown as ResourceClient;
  const r = new EventRecorder(client, { component: 'c', instance: 'i', concurrency: 1, maxQueued: 2 });
  for (let i = 0; i < 5; i++) r.scheduled(testPod(`p${i}`), 'n');
  t.equal(r.dropped, 2, 'one writing, two queued, two dropped');
  release();
  await r.idle();
  t.equal(r.written, 3);
});
