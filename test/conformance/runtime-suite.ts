// The Runtime contract (pkg/kubelet/runtime/interface.ts) as tests. Every implementation runs this
// suite through a runner (runtime-<impl>.test.ts) that says how to reach it and what it can do.
// The containers run `sh -c` scripts simple enough for the fake runtime's tiny shell, so the same
// checks hold for containerd, host processes and the hollow runtime.
import { existsSync, readFileSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import type { Test } from 'tap';
import { KUBELET_LABELS, type ContainerConfig, type ContainerStatus, type PodSandboxConfig, type Runtime } from '../../pkg/kubelet/runtime/interface.js';

/** RuntimeHarness is one runtime under test and what the suite needs to know about it. */
export interface RuntimeHarness {
  runtime: Runtime;
  /** an image with sh, echo, sleep, touch and pwd (busybox) that pullImage can fetch */
  image: string;
  /** an image reference whose pull must fail quickly, and what its error says; absent when pulls cannot fail */
  badImage?: { ref: string; message: RegExp };
  /** commands really run, so files they write appear on the host */
  realProcesses: boolean;
  /** a host directory for marker files, mounted into containers at SCRATCH_MOUNT */
  scratchDir: string;
  /** where a container sees scratchDir (SCRATCH_MOUNT when the runtime honours mounts) */
  scratchInContainer: string;
  /** where pod log directories go */
  logDir: string;
  /** killFromOutside signals a running container's main process without the runtime's help */
  killFromOutside(status: ContainerStatus, signal: NodeJS.Signals): Promise<void>;
}

/** SCRATCH_MOUNT is where the suite mounts the scratch directory in its containers. */
export const SCRATCH_MOUNT = '/kubelite-test';

const LOG_LINE = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{1,9})?(Z|[+-]\d\d:\d\d) (stdout|stderr) [FP] .*$/;

// The main test container: greets on stdout and stderr, then sleeps until SIGTERM, which it
// acknowledges (a line and a marker file) before exiting 143.
const GREETER = `trap 'echo got-term; touch "$SCRATCH/term-$NAME"; exit 143' TERM; echo "hello $GREETING"; echo to-stderr >&2; sleep 2147483647 & wait`;
const IGNORES_TERM = `trap '' TERM; echo ignoring; sleep 2147483647 & wait`;
const SLEEPER = 'sleep 2147483647 & wait';

/** waitFor polls fn until it returns a value other than undefined/false, or fails after timeoutMs. */
export async function waitFor<T>(what: string, fn: () => Promise<T | undefined | false> | T | undefined | false, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const v = await fn();
      if (v !== undefined && v !== false) return v;
    } catch (err) {
      last = err;
    }
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}${last ? `: ${(last as Error).message}` : ''}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

const readLog = (path: string): string => (existsSync(path) ? readFileSync(path, 'utf8') : '');

/** runtimeConformance registers the whole suite on t; subtests share one runtime and run in order. */
export function runtimeConformance(t: Test, h: RuntimeHarness): void {
  const rt = h.runtime;

  const podConfig = (name: string): PodSandboxConfig => {
    const uid = randomUUID();
    return {
      name, namespace: 'conformance', uid, attempt: 0, hostname: name,
      logDirectory: join(h.logDir, `conformance_${name}_${uid}`),
      labels: { [KUBELET_LABELS.podName]: name, [KUBELET_LABELS.podNamespace]: 'conformance', [KUBELET_LABELS.podUid]: uid },
      annotations: { 'kubelite.test/pod': name },
      dns: { servers: ['10.96.0.10'], searches: ['conformance.svc.cluster.local'], options: ['ndots:5'] },
    };
  };
  const containerConfig = (pod: PodSandboxConfig, name: string, script: string, attempt = 0): ContainerConfig => ({
    name, attempt, image: h.image, command: ['sh', '-c'], args: [script],
    workingDir: h.scratchInContainer,
    env: [{ name: 'GREETING', value: 'world' }, { name: 'SCRATCH', value: h.scratchInContainer }, { name: 'NAME', value: `${pod.name}-${name}` }],
    mounts: [{ hostPath: h.scratchDir, containerPath: SCRATCH_MOUNT }],
    labels: { [KUBELET_LABELS.podUid]: pod.uid, [KUBELET_LABELS.containerName]: name },
    annotations: { [KUBELET_LABELS.restartCount]: String(attempt) },
    logPath: `${name}/${attempt}.log`,
    resources: { cpuLimitMillis: 500, cpuRequestMillis: 100, memoryLimitBytes: 64 * 1024 * 1024 },
  });
  const runContainer = async (pod: PodSandboxConfig, sandboxId: string, name: string, script: string): Promise<ContainerStatus> => {
    const id = await rt.createContainer(sandboxId, containerConfig(pod, name, script), pod);
    await rt.startContainer(id);
    return waitFor(`${name} running`, async () => {
      const s = await rt.containerStatus(id);
      return s.state === 'running' && s;
    });
  };
  const waitExited = (id: string, timeoutMs = 20_000): Promise<ContainerStatus> =>
    waitFor(`container ${id.slice(0, 12)} exited`, async () => {
      const s = await rt.containerStatus(id);
      return s.state === 'exited' && s;
    }, timeoutMs);

  t.test('version and status', async (t) => {
    const v = await rt.version();
    t.ok(v.runtimeName, `runtime name ${v.runtimeName}`);
    t.ok(v.runtimeVersion, `runtime version ${v.runtimeVersion}`);
    t.ok(v.description.length > 10, 'says plainly what kind of runtime it is');
    const st = await waitFor('runtime and network ready', async () => {
      const s = await rt.status();
      return s.runtimeReady && s.networkReady && s;
    });
    t.same(st, { runtimeReady: true, networkReady: true, reason: '', message: '' });
  });

  t.test('pulls an image and lists it', async (t) => {
    const phases: string[] = [];
    const ref = await rt.pullImage(h.image, (p) => phases.push(p.phase));
    t.ok(ref, `pulled as ${ref}`);
    t.equal(phases[phases.length - 1], 'done', 'progress ends with done');
    const images = await rt.listImages();
    const img = images.find((i) => i.repoTags.includes(h.image));
    t.ok(img, `${h.image} is listed`);
    t.ok(img?.id, 'with an ID');
  });

  const bad = h.badImage;
  t.test('a bad image reference fails fast with the registry\'s message', { skip: bad ? false : 'this runtime has no images to fail' }, async (t) => {
    if (!bad) return;
    const start = Date.now();
    const err = await rt.pullImage(bad.ref).then(() => null, (e: unknown) => e);
    t.match(err, { name: 'RuntimeError', code: 'ImagePullFailed' });
    t.match((err as Error).message, bad.message);
    t.ok(Date.now() - start < 15_000, `failed within 15s (${Date.now() - start}ms)`);
  });

  t.test('sandbox and container lifecycle: run, logs, exec, SIGTERM, remove', async (t) => {
    const pod = podConfig(`life-${randomUUID().slice(0, 6)}`);
    const sb = await rt.runPodSandbox(pod);
    t.ok(sb.id, 'sandbox has an ID');
    t.match(sb.ip, /^\d+\.\d+\.\d+\.\d+$/, `sandbox has an IPv4 address (${sb.ip})`);
    const sbs = await rt.podSandboxStatus(sb.id);
    t.match(sbs, { id: sb.id, name: pod.name, namespace: 'conformance', uid: pod.uid, state: 'ready', ip: sb.ip });
    t.same(sbs.labels, pod.labels, 'sandbox labels round-trip');
    t.match((await rt.listPodSandboxes()).find((s) => s.id === sb.id), { state: 'ready', uid: pod.uid });

    const cfg = containerConfig(pod, 'greeter', GREETER);
    const id = await rt.createContainer(sb.id, cfg, pod);
    const created = await rt.containerStatus(id);
    t.match(created, { id, sandboxId: sb.id, name: 'greeter', attempt: 0, state: 'created', image: h.image });
    t.ok(created.createdAt > 0, 'created time set');
    t.equal(created.startedAt, undefined, 'not started yet');

    await rt.startContainer(id);
    const running = await waitFor('greeter running', async () => {
      const s = await rt.containerStatus(id);
      return s.state === 'running' && s;
    });
    t.ok((running.startedAt ?? 0) >= created.createdAt, 'started after created');
    t.same(running.labels, cfg.labels, 'labels round-trip');
    t.same(running.annotations, cfg.annotations, 'annotations round-trip (restart count)');
    t.equal(running.exitCode, undefined, 'no exit code while running');

    const logPath = await rt.logPath(id);
    t.equal(logPath, join(pod.logDirectory, 'greeter/0.log'), 'log path is the sandbox log directory + the container log path');
    const log = await waitFor('greeting in the log', () => {
      const text = readLog(logPath);
      return text.includes('stdout F hello world') && text.includes('stderr F to-stderr') && text;
    });
    for (const line of log.trimEnd().split('\n')) t.match(line, LOG_LINE, `CRI log format: ${line.slice(0, 60)}`);

    const ex = await rt.execSync(id, ['sh', '-c', 'echo out-$GREETING; echo err >&2; pwd; exit 3'], 10);
    t.same(ex, { stdout: `out-world\n${h.scratchInContainer}\n`, stderr: 'err\n', exitCode: 3 }, 'exec: output, working directory and exit code');
    t.equal((await rt.execSync(id, ['sh', '-c', 'exit 0'], 10)).exitCode, 0, 'exec: exit 0');

    const stopStart = Date.now();
    await rt.stopContainer(id, 10);
    const exited = await rt.containerStatus(id);
    t.ok(Date.now() - stopStart < 8000, 'a container that handles SIGTERM stops before the grace period ends');
    t.match(exited, { state: 'exited', exitCode: 143, reason: 'Error' }, 'exited with the code the SIGTERM trap chose');
    t.ok((exited.finishedAt ?? 0) >= (exited.startedAt ?? Infinity), 'finished after started');
    t.equal(exited.pid, undefined, 'no pid once exited');
    await waitFor('SIGTERM acknowledged in the log', () => readLog(logPath).includes('stdout F got-term'));
    if (h.realProcesses) t.ok(existsSync(join(h.scratchDir, `term-${pod.name}-greeter`)), 'the SIGTERM trap ran in the container (marker file)');
    await rt.stopContainer(id, 10);
    t.pass('stopping an exited container is fine');

    t.match((await rt.listContainers()).find((c) => c.id === id), { state: 'exited', exitCode: 143 }, 'listed as exited with its code');
    await rt.removeContainer(id);
    await t.rejects(rt.containerStatus(id), { code: 'NotFound' }, 'removed container is gone');
    await rt.removeContainer(id);
    t.pass('removing twice is fine');

    await rt.stopPodSandbox(sb.id);
    t.equal((await rt.podSandboxStatus(sb.id)).state, 'notready', 'stopped sandbox is not ready');
    await rt.stopPodSandbox(sb.id);
    await rt.removePodSandbox(sb.id);
    t.notOk((await rt.listPodSandboxes()).some((s) => s.id === sb.id), 'removed sandbox is not listed');
    await t.rejects(rt.podSandboxStatus(sb.id), { code: 'NotFound' });
    await rt.removePodSandbox(sb.id);
    t.pass('removing a sandbox twice is fine');
  });

  t.test('stop sends SIGKILL after the grace period to a container that ignores SIGTERM', async (t) => {
    const pod = podConfig(`stubborn-${randomUUID().slice(0, 6)}`);
    const sb = await rt.runPodSandbox(pod);
    const c = await runContainer(pod, sb.id, 'stubborn', IGNORES_TERM);
    await waitFor('stubborn started', () => readLog(c.logPath).includes('ignoring'));
    const start = Date.now();
    await rt.stopContainer(c.id, 1);
    const took = Date.now() - start;
    t.ok(took >= 900, `waited for the grace period (${took}ms)`);
    t.ok(took < 10_000, 'then killed it');
    t.match(await rt.containerStatus(c.id), { state: 'exited', exitCode: 137 });
    await rt.removePodSandbox(sb.id);
  });

  t.test('a container killed from outside shows exited with its code', async (t) => {
    const pod = podConfig(`victim-${randomUUID().slice(0, 6)}`);
    const sb = await rt.runPodSandbox(pod);
    const c = await runContainer(pod, sb.id, 'victim', SLEEPER);
    if (h.realProcesses) t.ok(c.pid && c.pid > 1, `running container has a host pid (${c.pid})`);
    await h.killFromOutside(c, 'SIGKILL');
    const s = await waitExited(c.id);
    t.match(s, { state: 'exited', exitCode: 137, reason: 'Error' });
    await rt.removePodSandbox(sb.id);
  });

  t.test('a container that exits by itself reports its code and reason', async (t) => {
    const pod = podConfig(`quitter-${randomUUID().slice(0, 6)}`);
    const sb = await rt.runPodSandbox(pod);
    const ok = await rt.createContainer(sb.id, containerConfig(pod, 'ok', 'echo bye; exit 0'), pod);
    const bad = await rt.createContainer(sb.id, containerConfig(pod, 'bad', 'echo oops >&2; exit 7'), pod);
    await rt.startContainer(ok);
    await rt.startContainer(bad);
    t.match(await waitExited(ok), { exitCode: 0, reason: 'Completed' });
    const b = await waitExited(bad);
    t.match(b, { exitCode: 7, reason: 'Error' });
    t.match(readLog(b.logPath), /stderr F oops/, 'output of a short-lived container is in its log');
    await rt.removePodSandbox(sb.id);
  });

  t.test('restart attempts and adoption: containers are found by their labels', async (t) => {
    const pod = podConfig(`adopt-${randomUUID().slice(0, 6)}`);
    const sb = await rt.runPodSandbox(pod);
    const first = await rt.createContainer(sb.id, containerConfig(pod, 'app', 'exit 1', 0), pod);
    await rt.startContainer(first);
    await waitExited(first);
    await t.rejects(rt.createContainer(sb.id, containerConfig(pod, 'app', 'exit 1', 0), pod), 'the same name and attempt cannot be created twice');
    const second = await rt.createContainer(sb.id, containerConfig(pod, 'app', SLEEPER, 1), pod);
    const other = podConfig(`other-${randomUUID().slice(0, 6)}`);
    const sb2 = await rt.runPodSandbox(other);
    await rt.createContainer(sb2.id, containerConfig(other, 'app', SLEEPER), other);
    const mine = await rt.listContainers({ labels: { [KUBELET_LABELS.podUid]: pod.uid } });
    t.same(mine.map((c) => c.id).sort(), [first, second].sort(), 'label filter finds the pod\'s containers only');
    t.same(mine.find((c) => c.id === first)?.attempt, 0);
    t.same(mine.find((c) => c.id === second)?.attempt, 1, 'attempt is the restart count');
    t.same((await rt.listContainers({ sandboxId: sb2.id })).length, 1, 'sandbox filter');
    await rt.removePodSandbox(sb.id);
    t.same(await rt.listContainers({ sandboxId: sb.id }), [], 'removing a sandbox removes its containers');
    await rt.removePodSandbox(sb2.id);
  });

  t.test('operations on missing objects', async (t) => {
    const missing = 'f'.repeat(64);
    await t.rejects(rt.containerStatus(missing), { code: 'NotFound' });
    await t.rejects(rt.startContainer(missing), { code: 'NotFound' });
    await t.rejects(rt.podSandboxStatus(missing), { code: 'NotFound' });
    await rt.stopContainer(missing, 1);
    await rt.removeContainer(missing);
    await rt.stopPodSandbox(missing);
    await rt.removePodSandbox(missing);
    t.pass('stop and remove of missing objects succeed');
  });

  t.test('removes an image', async (t) => {
    await rt.removeImage(h.image);
    t.notOk((await rt.listImages()).some((i) => i.repoTags.includes(h.image)), 'no longer listed');
    await rt.removeImage(h.image);
    t.pass('removing twice is fine');
  });
}
