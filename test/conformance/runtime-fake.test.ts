// The runtime conformance suite against the hollow (fake) runtime, plus what only the fake has:
// injected delays and failures, and a cost low enough for thousands of hollow nodes.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import t from 'tap';
import { FakeRuntime } from '../../pkg/kubelet/runtime/fake/runtime.js';
import { runtimeConformance, SCRATCH_MOUNT, waitFor } from './runtime-suite.js';

const dir = mkdtempSync(join(tmpdir(), 'kubelite-rt-fake-'));
t.teardown(() => rmSync(dir, { recursive: true, force: true }));

const fake = new FakeRuntime({ pullFailures: [{ image: /does-not-exist/ }], podCidr: '10.77.0.0/24' });
t.teardown(() => fake.close());

t.test('conformance', async (t) => {
  runtimeConformance(t, {
    runtime: fake,
    image: 'localhost/kubelite/busybox:1',
    badImage: { ref: 'localhost/kubelite/does-not-exist:1', message: /not found/ },
    realProcesses: false,
    scratchDir: join(dir, 'scratch'),
    scratchInContainer: SCRATCH_MOUNT,
    logDir: join(dir, 'logs'),
    killFromOutside: async (s, signal) => fake.kill(s.id, signal),
  });
});

const pod = (name: string) => ({
  name, namespace: 'fake', uid: name, attempt: 0, hostname: name, logDirectory: join(dir, 'logs', name), labels: {}, annotations: {},
});
const container = (name: string, image = 'img') => ({ name, attempt: 0, image, command: ['nginx'], labels: {}, annotations: {}, logPath: `${name}.log` });

t.test('start delay: startContainer takes as long as configured', async (t) => {
  const rt = new FakeRuntime({ startDelayMs: 200 });
  const p = pod('delay');
  const sb = await rt.runPodSandbox(p);
  const id = await rt.createContainer(sb.id, container('c'), p);
  const start = Date.now();
  await rt.startContainer(id);
  t.ok(Date.now() - start >= 190, 'start waited for the delay');
  t.equal((await rt.containerStatus(id)).state, 'running');
  await rt.close();
});

t.test('injected pull failure, by image pattern', async (t) => {
  const rt = new FakeRuntime({ pullFailures: [{ image: /^bad\//, message: 'registry says no' }] });
  await t.rejects(rt.pullImage('bad/image:1'), { code: 'ImagePullFailed', message: 'registry says no' });
  t.ok(await rt.pullImage('good/image:1'), 'other images pull');
});

t.test('injected crash after N ms, by image pattern', async (t) => {
  const rt = new FakeRuntime({ crashes: [{ image: /crashy/, afterMs: 100, exitCode: 2 }] });
  const p = pod('crash');
  const sb = await rt.runPodSandbox(p);
  const crashy = await rt.createContainer(sb.id, container('a', 'crashy:1'), p);
  const stable = await rt.createContainer(sb.id, container('b', 'stable:1'), p);
  await rt.startContainer(crashy);
  await rt.startContainer(stable);
  const s = await waitFor('crash', async () => {
    const st = await rt.containerStatus(crashy);
    return st.state === 'exited' && st;
  }, 2000);
  t.match(s, { exitCode: 2, reason: 'Error' });
  t.equal((await rt.containerStatus(stable)).state, 'running', 'other images keep running');
  await rt.close();
});

t.test('pod IPs are unique within the pod CIDR and reused after the sandbox stops', async (t) => {
  const rt = new FakeRuntime({ podCidr: '10.9.8.0/29' });
  const ips = new Set<string>();
  const ids: string[] = [];
  for (let i = 0; i < 5; i++) {
    const sb = await rt.runPodSandbox(pod(`ip${i}`));
    ips.add(sb.ip);
    ids.push(sb.id);
  }
  t.equal(ips.size, 5, 'five distinct IPs');
  t.ok([...ips].every((ip) => /^10\.9\.8\.[2-6]$/.test(ip)), [...ips].join(' '));
  await t.rejects(rt.runPodSandbox(pod('full')), { code: 'Internal' }, 'the range is full');
  await rt.stopPodSandbox(ids[0] as string);
  t.ok(await rt.runPodSandbox(pod('again')), 'a freed IP is reused');
});

t.test('cheap enough for thousands of hollow pods', async (t) => {
  const rt = new FakeRuntime({ writeLogs: false, podCidr: '10.0.0.0/16' });
  const start = Date.now();
  const heapBefore = process.memoryUsage().heapUsed;
  for (let i = 0; i < 3000; i++) {
    const p = pod(`p${i}`);
    const sb = await rt.runPodSandbox(p);
    const id = await rt.createContainer(sb.id, container('c'), p);
    await rt.startContainer(id);
  }
  const ms = Date.now() - start;
  const mb = (process.memoryUsage().heapUsed - heapBefore) / 1e6;
  t.equal((await rt.listContainers()).filter((c) => c.state === 'running').length, 3000);
  t.ok(ms < 5000, `3000 pods started in ${ms}ms`);
  t.ok(mb < 100, `using about ${mb.toFixed(1)} MB of heap`);
  await rt.close();
});
