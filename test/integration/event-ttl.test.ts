// Events expire after --event-ttl; other objects are untouched by the sweep.
import t from 'tap';
import { startTestApi } from '../lib/api-server.js';

t.test('expired events are deleted by the sweep', async (t) => {
  const api = await startTestApi({ eventTtl: 1500 });
  t.teardown(() => api.close());
  const old = new Date(Date.now() - 60_000).toISOString().replace(/\.\d+Z$/, 'Z');
  const ev = (name: string, lastTimestamp?: string) => ({
    metadata: { name },
    involvedObject: { kind: 'Pod', name: 'p', namespace: 'default' },
    reason: 'Test',
    message: 'hello',
    type: 'Normal',
    count: 1,
    ...(lastTimestamp ? { firstTimestamp: lastTimestamp, lastTimestamp } : {}),
  });
  t.equal((await api.call('POST', '/api/v1/namespaces/default/events', ev('stale', old))).status, 201);
  t.equal((await api.call('POST', '/api/v1/namespaces/default/events', ev('fresh'))).status, 201);
  const deadline = Date.now() + 5000;
  while (Date.now() < deadline && (await api.call('GET', '/api/v1/namespaces/default/events/stale')).status === 200) await new Promise((r) => setTimeout(r, 100));
  t.equal((await api.call('GET', '/api/v1/namespaces/default/events/stale')).status, 404, 'the stale event expired within the sweep period');
  t.equal((await api.call('GET', '/api/v1/namespaces/default/events/fresh')).status, 200, 'a fresh event stays');
  await new Promise((r) => setTimeout(r, 2500));
  t.equal((await api.call('GET', '/api/v1/namespaces/default/events/fresh')).status, 404, 'and expires once older than the TTL');
});
