// The pod worker state machine on the fake runtime: start-up and status, restart policies with the
// crash-loop backoff, init containers in order, images per pull policy, termination with its grace
// period, and a restarted kubelet adopting what runs.
import t from 'tap';
import { KUBELET_LABELS } from './runtime/interface.js';
import { Harness, pod, sh } from './testing/harness.js';
import type { Pod, PodStatus } from './types.js';

const SLEEP = 'sleep 2147483647 & wait';
const cs = (s: PodStatus | undefined, name: string) => [...(s?.initContainerStatuses ?? []), ...(s?.containerStatuses ?? [])].find((c) => c.name === name);
const cond = (s: PodStatus | undefined, type: string) => s?.conditions?.find((c) => c.type === type)?.status;

t.test('a pod starts: sandbox, containers, env, status and events', async (t) => {
  const h = new Harness();
  t.teardown(() => h.stop());
  const p = pod('web', [sh('app', SLEEP, {
    env: [
      { name: 'POD', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } },
      { name: 'NS', valueFrom: { fieldRef: { fieldPath: 'metadata.namespace' } } },
      { name: 'IP', valueFrom: { fieldRef: { fieldPath: 'status.podIP' } } },
      { name: 'NODE', valueFrom: { fieldRef: { fieldPath: 'spec.nodeName' } } },
      { name: 'GREETING', value: 'hello $(POD) $$(POD)' },
      { name: 'COLOR', valueFrom: { configMapKeyRef: { name: 'cfg', key: 'color' } } },
    ],
    ports: [{ containerPort: 80, hostPort: 8080 }],
    workingDir: '/tmp',
  }), sh('side', SLEEP)]);
  h.apply(p);
  const s = await h.until(p, 'Running', () => h.status(p)?.phase === 'Running' && h.status(p));
  t.equal(cond(s, 'Ready'), 'True');
  t.equal(cond(s, 'ContainersReady'), 'True');
  t.equal(cond(s, 'Initialized'), 'True');
  t.equal(cond(s, 'PodReadyToStartContainers'), 'True');
  t.match(s.podIP, /^10\.99\.0\.\d+$/, 'pod IP from the fake runtime\'s range');
  t.same(s.podIPs, [{ ip: s.podIP }]);
  t.equal(s.hostIP, '192.0.2.10');
  t.equal(s.qosClass, 'BestEffort', 'qosClass kept');
  t.ok(s.startTime);
  const app = cs(s, 'app');
  t.match(app, { ready: true, started: true, restartCount: 0, image: 'localhost/kubelite/busybox:1', containerID: /^fake:\/\/[0-9a-f]{64}$/, imageID: /^sha256:/ });
  t.ok(app?.state.running?.startedAt, 'running since');
  for (const c of ['app', 'side']) {
    const mine = h.events.filter((e) => e.obj.uid === p.metadata.uid && e.obj.fieldPath === `spec.containers{${c}}`);
    t.same(mine.map((e) => `${e.reason}: ${e.message}`), ['Pulled: Container image "localhost/kubelite/busybox:1" already present on machine', `Created: Created container ${c}`, `Started: Started container ${c}`], `${c}: Pulled, Created, Started`);
  }
  const id = app?.containerID?.replace('fake://', '') as string;
  const env = await h.runtime.execSync(id, ['sh', '-c', 'echo "$POD $NS $NODE $GREETING $COLOR $KUBERNETES_SERVICE_HOST"; echo $IP; pwd'], 5);
  t.equal(env.stdout, `web default n1 hello web $(POD) blue 10.96.0.1\n${s.podIP}\n/tmp\n`);
  const [sb] = await h.runtime.listPodSandboxes();
  t.match(sb?.labels, { [KUBELET_LABELS.podUid]: p.metadata.uid, [KUBELET_LABELS.podName]: 'web' });
  const writes = h.statuses.get('web')?.length ?? 0;
  h.kick(p);
  h.kick(p);
  await h.until(p, 'idle', () => true);
  t.equal(h.statuses.get('web')?.length, writes, 'nothing changed: no status write');
});

t.test('restartPolicy Always: immediate first restart, then CrashLoopBackOff doubling to the max', async (t) => {
  const h = new Harness({ crashInitialMs: 300, crashMaxMs: 1200 });
  t.teardown(() => h.stop());
  const p = pod('crash', [sh('app', 'echo dying; exit 3')]);
  h.apply(p);
  const first = await h.until(p, 'first restart', () => (cs(h.status(p), 'app')?.restartCount ?? 0) >= 1 && Date.now());
  const s1 = await h.until(p, 'CrashLoopBackOff', () => cs(h.status(p), 'app')?.state.waiting?.reason === 'CrashLoopBackOff' && h.status(p));
  const app = cs(s1, 'app');
  t.match(app?.state.waiting?.message, /^back-off 300ms restarting failed container=app pod=crash_default\(uid-crash-\d+\)$/);
  t.match(app?.lastState.terminated, { exitCode: 3, reason: 'Error' }, 'lastState is the exited attempt');
  t.equal(s1.phase, 'Running', 'a crash-looping pod with restartPolicy Always is Running');
  t.equal(cond(s1, 'Ready'), 'False');
  const second = await h.until(p, 'second restart', () => (cs(h.status(p), 'app')?.restartCount ?? 0) >= 2 && Date.now());
  t.ok(second - first >= 250, `second restart waited the 300ms backoff (${second - first}ms)`);
  await h.until(p, 'back-off 600ms', () => cs(h.status(p), 'app')?.state.waiting?.message?.startsWith('back-off 600ms'));
  const third = await h.until(p, 'third restart', () => (cs(h.status(p), 'app')?.restartCount ?? 0) >= 3 && Date.now());
  t.ok(third - second >= 550, `then 600ms (${third - second}ms)`);
  await h.until(p, 'capped', () => cs(h.status(p), 'app')?.state.waiting?.message?.startsWith('back-off 1.2s'), 8000);
  t.ok(h.reasons(p).includes('BackOff'), 'BackOff events');
  t.ok(h.events.filter((e) => e.reason === 'BackOff').every((e) => e.type === 'Warning' && /^Back-off restarting failed container app in pod crash_default/.test(e.message)));
  t.ok((await h.runtime.listContainers()).length <= 2, 'only the current and the previous instance are kept');
});

t.test('OnFailure and Never: success completes the pod, failure per policy', async (t) => {
  const h = new Harness();
  t.teardown(() => h.stop());
  const ok = pod('ok', [sh('app', 'exit 0')], { restartPolicy: 'OnFailure' });
  const never = pod('never', [sh('app', 'exit 2')], { restartPolicy: 'Never' });
  const onfail = pod('onfail', [sh('app', 'exit 1')], { restartPolicy: 'OnFailure' });
  for (const p of [ok, never, onfail]) h.apply(p);
  const s = await h.until(ok, 'Succeeded', () => h.status(ok)?.phase === 'Succeeded' && h.status(ok));
  t.match(cs(s, 'app')?.state.terminated, { exitCode: 0, reason: 'Completed' });
  t.equal(cond(s, 'Ready'), 'False');
  t.equal(s.conditions?.find((c) => c.type === 'Ready')?.reason, 'PodCompleted');
  const n = await h.until(never, 'Failed', () => h.status(never)?.phase === 'Failed' && h.status(never));
  t.equal(cs(n, 'app')?.restartCount, 0, 'Never does not restart');
  await h.until(onfail, 'restarted', () => (cs(h.status(onfail), 'app')?.restartCount ?? 0) >= 1);
  t.equal(h.status(onfail)?.phase, 'Running', 'OnFailure keeps a failing pod Running while it restarts');
  const sandboxes = await h.runtime.listPodSandboxes();
  await h.until(ok, 'finished pod\'s sandbox stopped', async () => (await h.runtime.listPodSandboxes()).find((x) => x.uid === ok.metadata.uid)?.state === 'notready' || undefined);
  t.ok(sandboxes.length >= 3);
  t.equal(h.status(ok)?.podIP, s.podIP, 'a finished pod keeps its podIP in status');
});

t.test('init containers run one at a time, in order, before the app', async (t) => {
  const h = new Harness();
  t.teardown(() => h.stop());
  const p = pod('init', [sh('app', SLEEP)], { initContainers: [sh('first', 'sleep 0.2; exit 0'), sh('second', 'exit 0')] });
  h.apply(p);
  const pending = await h.until(p, 'first init running', () => cs(h.status(p), 'first')?.state.running && h.status(p));
  t.equal(pending.phase, 'Pending');
  t.equal(cond(pending, 'Initialized'), 'False');
  t.match(pending.conditions?.find((c) => c.type === 'Initialized')?.message, 'containers with incomplete status: [first second]');
  t.equal(cs(pending, 'second')?.state.waiting?.reason, 'PodInitializing');
  t.equal(cs(pending, 'app')?.state.waiting?.reason, 'PodInitializing');
  const s = await h.until(p, 'Running', () => h.status(p)?.phase === 'Running' && h.status(p), 5000);
  t.equal(cond(s, 'Initialized'), 'True');
  t.match(cs(s, 'first')?.state.terminated, { exitCode: 0, reason: 'Completed' });
  t.match(cs(s, 'second')?.state.terminated, { exitCode: 0 });
  const started = h.events.filter((e) => e.obj.uid === p.metadata.uid && e.reason === 'Started').map((e) => e.obj.fieldPath);
  t.same(started, ['spec.initContainers{first}', 'spec.initContainers{second}', 'spec.containers{app}']);
  h.kick(p);
  await h.until(p, 'idle', () => true);
  t.equal((await h.runtime.listContainers()).filter((c) => c.name === 'first').length, 1, 'a finished init container is not run again');
});

t.test('a failing init container: retried with backoff, or the pod fails with restartPolicy Never', async (t) => {
  const h = new Harness({ crashInitialMs: 200 });
  t.teardown(() => h.stop());
  const retry = pod('init-retry', [sh('app', SLEEP)], { initContainers: [sh('setup', 'exit 1')] });
  const never = pod('init-never', [sh('app', SLEEP)], { initContainers: [sh('setup', 'exit 1')], restartPolicy: 'Never' });
  h.apply(retry);
  h.apply(never);
  const s = await h.until(retry, 'init CrashLoopBackOff', () => cs(h.status(retry), 'setup')?.state.waiting?.reason === 'CrashLoopBackOff' && h.status(retry));
  t.equal(s.phase, 'Pending');
  t.equal(cs(s, 'app')?.state.waiting?.reason, 'PodInitializing', 'the app waits');
  t.ok((cs(s, 'setup')?.restartCount ?? 0) >= 1);
  const n = await h.until(never, 'Failed', () => h.status(never)?.phase === 'Failed' && h.status(never));
  t.equal(cs(n, 'app')?.state.waiting?.reason, 'PodInitializing', 'the app never ran');
  t.notOk((await h.runtime.listContainers()).some((c) => c.labels[KUBELET_LABELS.podUid] === never.metadata.uid && c.name === 'app'));
});

t.test('images per pull policy: Never, a failed pull, ErrImagePull then ImagePullBackOff', async (t) => {
  const h = new Harness({ imageInitialMs: 400, fake: { pullFailures: [{ image: /nope/, message: 'failed to resolve reference "reg/nope:1": reg/nope:1: not found' }] } });
  t.teardown(() => h.stop());
  const never = pod('never-pull', [{ name: 'app', image: 'reg/absent:1', imagePullPolicy: 'Never' }]);
  const bad = pod('bad-image', [{ name: 'app', image: 'reg/nope:1' }]);
  const always = pod('always', [{ name: 'app', image: 'reg/fine:1', imagePullPolicy: 'Always', command: ['sh', '-c', SLEEP] }]);
  for (const p of [never, bad, always]) h.apply(p);
  const n = await h.until(never, 'ErrImageNeverPull', () => cs(h.status(never), 'app')?.state.waiting?.reason === 'ErrImageNeverPull' && h.status(never));
  t.equal(cs(n, 'app')?.state.waiting?.message, 'Container image "reg/absent:1" is not present with pull policy of Never');
  const first = await h.until(bad, 'ErrImagePull', () => cs(h.status(bad), 'app')?.state.waiting?.reason === 'ErrImagePull' && h.status(bad));
  t.match(cs(first, 'app')?.state.waiting?.message, /not found/);
  const back = await h.until(bad, 'ImagePullBackOff', () => cs(h.status(bad), 'app')?.state.waiting?.reason === 'ImagePullBackOff' && h.status(bad));
  t.equal(cs(back, 'app')?.state.waiting?.message, 'Back-off pulling image "reg/nope:1": ErrImagePull: failed to resolve reference "reg/nope:1": reg/nope:1: not found');
  t.equal(back.phase, 'Pending');
  const ev = h.events.filter((e) => e.obj.uid === bad.metadata.uid).map((e) => `${e.reason}: ${e.message}`);
  t.match(ev, ['Pulling: Pulling image "reg/nope:1"', /^Failed: Failed to pull image "reg\/nope:1": failed to resolve/, 'Failed: Error: ErrImagePull', 'BackOff: Back-off pulling image "reg/nope:1"', 'Failed: Error: ImagePullBackOff']);
  await h.until(bad, 'pulled again after the backoff', () => h.events.filter((e) => e.obj.uid === bad.metadata.uid && e.reason === 'Pulling').length >= 2);
  await h.until(always, 'Always pulls and runs', () => h.status(always)?.phase === 'Running');
  t.ok(h.reasons(always).includes('Pulling'), 'Always pulls even a present image');
});

t.test('termination: SIGTERM, the grace period, SIGKILL, sandbox removed, deletion confirmed', async (t) => {
  const h = new Harness();
  t.teardown(() => h.stop());
  const polite = pod('polite', [sh('app', `trap 'echo bye; exit 0' TERM; ${SLEEP}`)]);
  const stubborn = pod('stubborn', [sh('app', `trap '' TERM; ${SLEEP}`)]);
  h.apply(polite);
  h.apply(stubborn);
  await h.until(polite, 'running', () => h.status(polite)?.phase === 'Running');
  await h.until(stubborn, 'running', () => h.status(stubborn)?.phase === 'Running');
  const deleting = (p: Pod, grace: number): Pod => ({ ...p, metadata: { ...p.metadata, deletionTimestamp: new Date().toISOString(), deletionGracePeriodSeconds: grace } });
  const start = Date.now();
  h.apply(deleting(polite, 30));
  h.apply(deleting(stubborn, 1));
  await h.until(undefined, 'both confirmed', () => h.deleted.length === 2);
  const took = Date.now() - start;
  t.ok(took >= 900 && took < 5000, `the stubborn container was killed after its 1s grace period (${took}ms)`);
  t.same(h.deleted.map((d) => d.name).sort(), ['polite', 'stubborn']);
  t.match(h.deleted[0]?.opts, { gracePeriodSeconds: 0, preconditions: { uid: /^uid-/ } });
  t.equal((await h.runtime.listPodSandboxes()).length, 0, 'sandboxes removed');
  t.equal((await h.runtime.listContainers()).length, 0, 'containers removed');
  t.ok(h.reasons(polite).includes('Killing'));
  t.equal(h.events.find((e) => e.reason === 'Killing')?.message, 'Stopping container app');
  h.remove(polite);
  h.remove(stubborn);
  await h.until(undefined, 'forgotten', () => h.records.size === 0);
});

t.test('a restarted kubelet adopts running containers and removes those of deleted pods', async (t) => {
  const first = new Harness();
  const p = pod('keep', [sh('app', SLEEP)]);
  const gone = pod('gone', [sh('app', SLEEP)]);
  first.apply(p);
  first.apply(gone);
  const s = await first.until(p, 'Running', () => first.status(p)?.phase === 'Running' && first.status(p));
  await first.until(gone, 'Running', () => first.status(gone)?.phase === 'Running');
  first.stop(); // the kubelet stops; the runtime keeps everything
  const id = cs(s, 'app')?.containerID;
  const second = new Harness({ runtime: first.runtime });
  t.teardown(() => second.stop());
  second.apply({ ...p, status: s });
  second.remove(gone); // deleted while the kubelet was down: only its containers tell of it
  await second.until(p, 'synced', () => true);
  await second.until(undefined, 'orphan removed', async () => !(await second.runtime.listContainers()).some((c) => c.labels[KUBELET_LABELS.podUid] === gone.metadata.uid) || undefined);
  const after = (await second.runtime.listContainers()).filter((c) => c.labels[KUBELET_LABELS.podUid] === p.metadata.uid);
  t.equal(after.length, 1, 'no new container');
  t.equal(`fake://${after[0]?.id}`, id, 'the same container still runs');
  t.equal(second.statuses.get('keep'), undefined, 'status unchanged, so nothing written');
  t.same(second.reasons(p), [], 'no events: nothing was started');
});
