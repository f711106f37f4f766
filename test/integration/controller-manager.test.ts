// The controller-manager role as `kubelite server` and `kubelite controller-manager` run it:
// leader election through kube-system/kube-controller-manager (only the holder acts; the other
// takes over when it stops), every controller running, and the workqueue_* metrics.
import { pino } from 'pino';
import { Registry } from 'prom-client';
import t from 'tap';
import { SharedInformerFactory } from '../../pkg/client/cache/informer-factory.js';
import type { RoleContext } from '../../pkg/client/role-context.js';
import { controllerManagerFlags } from '../../pkg/controller/options.js';
import { run } from '../../pkg/controller/run.js';
import { startTestApi, type TestApi } from '../lib/api-server.js';
import { defaults } from '../lib/flag-defaults.js';
import { clientsetFor, FAST_FLAGS, waitFor } from '../lib/hollow-cluster.js';
import { runCommand } from '../../pkg/util/command.js';
import { command } from '../../cmd/controller-manager/main.js';

let api: TestApi;
t.before(async () => {
  api = await startTestApi();
});
t.teardown(() => api.close());

const opts = { ...defaults(controllerManagerFlags), ...FAST_FLAGS, leaderElect: true, leaderElectLeaseDuration: 4000, leaderElectRenewDeadline: 3000, leaderElectRetryPeriod: 250 };

function manager(agent: string): { ctx: RoleContext; stop: () => Promise<void> } {
  const clientset = clientsetFor(api, agent);
  const stop = new AbortController();
  const ctx: RoleContext = { clientset, informers: new SharedInformerFactory(clientset), logger: pino({ level: 'silent' }), metrics: new Registry() };
  const done = run(opts, stop.signal, ctx);
  ctx.informers.start(stop.signal);
  return {
    ctx,
    stop: async () => {
      stop.abort();
      await done;
      await ctx.informers.shutdown();
      clientset.close();
    },
  };
}

const holder = async (): Promise<string | undefined> =>
  ((await clientsetFor(api).resource('coordination.k8s.io', 'leases').get('kube-system', 'kube-controller-manager').catch(() => undefined))?.spec as { holderIdentity?: string } | undefined)?.holderIdentity;
const podCount = async (app: string): Promise<number> => (await api.call('GET', `/api/v1/namespaces/default/pods?labelSelector=app%3D${app}`)).body.items.length;
const rc = (name: string) => ({ metadata: { name }, spec: { replicas: 2, selector: { app: name }, template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: 'c', image: 'nginx' }] } } } });

t.test('one leader acts; the other takes over when it stops', async (t) => {
  const a = manager('manager-a');
  await waitFor(async () => Boolean(await holder()), 'a leader');
  const first = await holder();
  const b = manager('manager-b');
  await api.call('POST', '/api/v1/namespaces/default/replicationcontrollers', rc('one'));
  await waitFor(async () => (await podCount('one')) === 2, 'the leader to create the pods');
  t.equal(await holder(), first, 'the first candidate still leads');
  const text = await a.ctx.metrics.metrics();
  for (const m of ['workqueue_depth', 'workqueue_adds_total', 'workqueue_retries_total', 'workqueue_work_duration_seconds_bucket']) {
    t.match(text, new RegExp(`^${m}\\{[^}]*name="replication-controller"`, 'm'), `${m} with name="replication-controller"`);
  }
  t.match(text, /^workqueue_adds_total\{name="deployment"\} \d+/m, 'every controller has its queue');
  t.notMatch(await b.ctx.metrics.metrics(), /workqueue_adds_total\{name="replication-controller"\} [1-9]/, 'the standby queued nothing');
  await a.stop();
  await waitFor(async () => (await holder()) !== undefined && (await holder()) !== first && (await holder()) !== '', 'hand-over', 5000);
  await api.call('POST', '/api/v1/namespaces/default/replicationcontrollers', rc('two'));
  await waitFor(async () => (await podCount('two')) === 2, 'the new leader to act');
  await b.stop();
});

t.test('the command says what is wrong with its kubeconfig in one line', async (t) => {
  const stderr: string[] = [];
  const write = process.stderr.write.bind(process.stderr);
  process.stderr.write = ((chunk: string) => (stderr.push(String(chunk)), true)) as typeof process.stderr.write;
  let code: number;
  try {
    code = await runCommand(command, ['--kubeconfig', '/nonexistent/kubeconfig', '--log-level', 'silent']);
  } finally {
    process.stderr.write = write;
  }
  t.equal(code, 1);
  t.match(stderr.join(''), /^kubelite controller-manager: .*kubeconfig/m);
  t.notMatch(stderr.join(''), /\n\s+at /, 'no stack trace');
});
