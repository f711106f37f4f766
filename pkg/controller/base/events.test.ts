// The event recorder against a real API server: events as the legacy recorder writes them,
// repeats de-duplicated by bumping count and lastTimestamp, and a repeat of an expired event
// starting a new one.
import { pino } from 'pino';
import t from 'tap';
import { Clientset } from '../../client/clientset.js';
import { startTestApi } from '../../../test/lib/api-server.js';
import { EventRecorder } from './events.js';

t.test('events are created, then bumped', async (t) => {
  const api = await startTestApi();
  const cs = new Clientset({ server: api.server.url, ca: api.server.caPem, token: api.server.adminToken, namespace: 'default' });
  t.teardown(async () => {
    cs.close();
    await api.close();
  });
  const rec = new EventRecorder(cs, 'replicaset-controller', pino({ level: 'silent' }));
  const rs = { apiVersion: 'apps/v1', kind: 'ReplicaSet', metadata: { name: 'web-5d4f8', namespace: 'default', uid: 'u-1', resourceVersion: '7' } };
  rec.event(rs, 'Normal', 'SuccessfulCreate', 'Created pod: web-5d4f8-abcde');
  await rec.flush();
  const events = () => cs.resource('', 'events').list('default').then((l) => l.items);
  let [e] = await events();
  t.match(e, {
    metadata: { name: /^web-5d4f8\.[0-9a-f]+$/, namespace: 'default' },
    involvedObject: { kind: 'ReplicaSet', apiVersion: 'apps/v1', name: 'web-5d4f8', namespace: 'default', uid: 'u-1' },
    reason: 'SuccessfulCreate',
    message: 'Created pod: web-5d4f8-abcde',
    type: 'Normal',
    count: 1,
    source: { component: 'replicaset-controller' },
    reportingComponent: 'replicaset-controller',
  });
  t.equal(e?.['firstTimestamp'], e?.['lastTimestamp']);
  rec.event(rs, 'Normal', 'SuccessfulCreate', 'Created pod: web-5d4f8-abcde');
  rec.event(rs, 'Normal', 'SuccessfulCreate', 'Created pod: web-5d4f8-abcde');
  await rec.flush();
  const all = await events();
  t.equal(all.length, 1, 'repeats do not create new events');
  [e] = all;
  t.equal(e?.['count'], 3, 'count bumped');
  rec.event(rs, 'Normal', 'SuccessfulCreate', 'Created pod: web-5d4f8-fghij');
  rec.event({ apiVersion: 'v1', kind: 'Node', metadata: { name: 'n1', uid: 'n-1' } }, 'Normal', 'NodeNotReady', 'Node n1 status is now: NodeNotReady');
  await rec.flush();
  t.equal((await events()).length, 3, 'another message, another event; node events land in default');
  await cs.resource('', 'events').delete('default', e!.metadata!.name!);
  rec.event(rs, 'Normal', 'SuccessfulCreate', 'Created pod: web-5d4f8-abcde');
  await rec.flush();
  const again = (await events()).filter((x) => x['message'] === 'Created pod: web-5d4f8-abcde');
  t.equal(again.length, 1, 'an expired event is started afresh');
  t.equal(again[0]?.['count'], 1);
});
