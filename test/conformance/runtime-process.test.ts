// The runtime conformance suite against the process runtime (host processes, no root needed).
import { mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import t from 'tap';
import { processCleaner } from '../../pkg/kubelet/runtime/cleanup.js';
import { processStateDir } from '../../pkg/kubelet/runtime/open.js';
import { ProcessRuntime } from '../../pkg/kubelet/runtime/process/runtime.js';
import { createLogger } from '../../pkg/util/log.js';
import { runtimeConformance, waitFor } from './runtime-suite.js';

const dir = mkdtempSync(join(tmpdir(), 'kubelite-rt-process-'));
const scratch = join(dir, 'scratch');
mkdirSync(scratch);
t.teardown(() => rmSync(dir, { recursive: true, force: true }));

const rt = new ProcessRuntime({ stateDir: join(dir, 'state') });

t.test('conformance', async (t) => {
  runtimeConformance(t, {
    runtime: rt,
    image: 'process.invalid/no-images:1',
    realProcesses: true,
    scratchDir: scratch,
    scratchInContainer: scratch,
    logDir: join(dir, 'logs'),
    killFromOutside: async (s, signal) => {
      process.kill(s.pid as number, signal);
    },
  });
});

t.test('close stops every container and leaves no process records', async (t) => {
  await rt.close();
  t.same(readdirSync(join(dir, 'state', 'containers')), []);
});

t.test('a container needs a command: there is no image to supply one', async (t) => {
  const pr = new ProcessRuntime({ stateDir: join(dir, 'state2') });
  const pod = { name: 'p', namespace: 'n', uid: 'u', attempt: 0, hostname: 'p', logDirectory: join(dir, 'logs', 'p'), labels: {}, annotations: {} };
  const sb = await pr.runPodSandbox(pod);
  await t.rejects(pr.createContainer(sb.id, { name: 'c', attempt: 0, image: 'nginx', labels: {}, annotations: {}, logPath: 'c.log' }, pod), { code: 'InvalidArgument', message: /needs a command/ });
  t.match((await pr.version()).description, /no isolation|without isolation/, 'node info says plainly what this runtime is');
  t.equal(sb.ip, (await pr.podSandboxStatus(sb.id)).ip, 'the pod IP is the node IP');
});

t.test('kubelite cleanup kills what a crashed kubelet left running', async (t) => {
  const dataDir = join(dir, 'data');
  const pr = new ProcessRuntime({ stateDir: processStateDir(dataDir) });
  const pod = { name: 'left', namespace: 'n', uid: 'u', attempt: 0, hostname: 'left', logDirectory: join(dir, 'logs', 'left'), labels: {}, annotations: {} };
  const sb = await pr.runPodSandbox(pod);
  const id = await pr.createContainer(sb.id, { name: 'c', attempt: 0, image: 'x', command: ['sleep', '1000'], labels: {}, annotations: {}, logPath: 'c.log' }, pod);
  await pr.startContainer(id);
  const pid = (await pr.containerStatus(id)).pid;
  const removed = await processCleaner.clean(dataDir, createLogger('silent'));
  t.same(removed, [`process ${pid} (container ${id.slice(0, 12)})`]);
  t.match(await waitFor('killed', async () => {
    const s = await pr.containerStatus(id);
    return s.state === 'exited' && s;
  }), { exitCode: 137 });
  t.same(await processCleaner.clean(dataDir, createLogger('silent')), [], 'nothing left the second time');
});
