// Two candidates never lead at once; when the leader stops, the other takes over promptly.
import t from 'tap';
import { Clientset } from '../../pkg/client/clientset.js';
import { runLeaderElected } from '../../pkg/client/leader-election.js';
import { startTestApi } from '../lib/api-server.js';

t.test('one leader at a time, hand-over on stop', async (t) => {
  const api = await startTestApi();
  t.teardown(() => api.close());
  const config = { server: api.server.url, ca: api.server.caPem, token: api.server.adminToken, namespace: 'kube-system' };
  const opts = { namespace: 'kube-system', name: 'test-lock', leaseDurationMs: 1500, renewDeadlineMs: 1000, retryPeriodMs: 200 };
  let leaders = 0;
  let maxLeaders = 0;
  const led: string[] = [];
  const candidate = (id: string) => {
    const cs = new Clientset(config);
    const stop = new AbortController();
    const done = runLeaderElected(cs, { ...opts, identity: id }, stop.signal, async (leading) => {
      leaders++;
      maxLeaders = Math.max(maxLeaders, leaders);
      led.push(id);
      await new Promise<void>((r) => leading.addEventListener('abort', () => r(), { once: true }));
      leaders--;
    });
    return { stop: async () => { stop.abort(); await done; cs.close(); } };
  };
  const a = candidate('a');
  const b = candidate('b');
  await new Promise((r) => setTimeout(r, 1500));
  t.equal(led.length, 1, 'exactly one candidate became leader');
  const first = led[0];
  await (first === 'a' ? a : b).stop();
  const started = Date.now();
  while (led.length < 2 && Date.now() - started < 5000) await new Promise((r) => setTimeout(r, 50));
  t.equal(led.length, 2, 'the other took over');
  t.not(led[1], first);
  t.ok(Date.now() - started < 2000, `hand-over within a second or two (${Date.now() - started} ms)`);
  t.equal(maxLeaders, 1, 'never two leaders at once');
  await (first === 'a' ? b : a).stop();
});

t.test('a stop that arrives while the Lease is being taken ends the candidate and frees the Lease', async (t) => {
  const api = await startTestApi();
  t.teardown(() => api.close());
  const config = { server: api.server.url, ca: api.server.caPem, token: api.server.adminToken, namespace: 'kube-system' };
  const cs = new Clientset(config);
  t.teardown(() => cs.close());
  const opts = { namespace: 'kube-system', name: 'early-stop', leaseDurationMs: 15_000, renewDeadlineMs: 10_000, retryPeriodMs: 5_000, identity: 'early' };
  const stop = new AbortController();
  let led = false;
  // Abort as soon as the acquiring request is on its way: the candidate must not start leading.
  const done = runLeaderElected(cs, opts, stop.signal, async () => { led = true; });
  stop.abort();
  const outcome = await Promise.race([done.then(() => 'returned'), new Promise((r) => setTimeout(() => r('hung'), 5000))]);
  t.equal(outcome, 'returned', 'runLeaderElected returns');
  t.notOk(led, 'never led after the stop');
  const lease = await cs.resource('coordination.k8s.io', 'leases').get('kube-system', 'early-stop').catch(() => undefined);
  t.not((lease?.spec as { holderIdentity?: string } | undefined)?.holderIdentity, 'early', 'the Lease is not left held');
});
