// `kubelite cleanup` for the container runtimes: stop and remove every sandbox and container under
// a data dir's containerd, then remove what the runtime added to the host (mounts, the bridge, the
// FORWARD guard, cgroups); and kill what the process runtime left running. Images are kept.
// pkg/kubelet may not import pkg/cleanup, so these are plain objects of the Cleaner shape; the
// composition root (cmd/cleanup) puts RUNTIME_CLEANERS into CLEANERS.
import { spawn } from 'node:child_process';
import { closeSync, existsSync, openSync, readdirSync, readFileSync, rmdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Logger } from '../../util/log.js';
import { containerdEnv, runtimeNames, type RuntimeNames } from './cri/config.js';
import { readRuntimeState, stopRecordedContainerd } from './cri/host.js';
import { removeBridge, removeForwardGuard, removeIdleHostportChains, restoreIpForward, sh } from './cri/network.js';
import { CriRuntime } from './cri/runtime.js';
import { processStateDir } from './open.js';
import { isSameProcess, readRecords, removeRecord } from './process/records.js';

/** RuntimeCleaner has the shape of pkg/cleanup's Cleaner. */
export interface RuntimeCleaner {
  name: string;
  clean(dataDir: string, logger: Logger): Promise<string[]>;
}

// connect returns a CRI client to the data dir's containerd, starting a temporary one from the
// generated config when none runs (containers outlive containerd; only it can tear them down).
async function connect(names: RuntimeNames, log: Logger): Promise<{ rt: CriRuntime; stop: () => Promise<void> }> {
  const probe = new CriRuntime({ endpoint: names.socket, requestTimeoutMs: 2000 });
  if (await probe.version().then(() => true, () => false)) return { rt: probe, stop: async () => probe.close() };
  await probe.close();
  const out = openSync(join(names.dir, 'containerd.log'), 'a');
  const child = spawn('containerd', ['--config', join(names.dir, 'config.toml')], { stdio: ['ignore', out, out], detached: true, env: containerdEnv(process.env, []) });
  closeSync(out);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  let spawnError: Error | null = null;
  child.once('error', (err) => { spawnError = err; });
  const stop = async (): Promise<void> => {
    await rt.close();
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))]);
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  };
  const rt = new CriRuntime({ endpoint: names.socket, requestTimeoutMs: 2000 });
  for (let i = 0; i < 150; i++) {
    if (await rt.version().then(() => true, () => false)) {
      log.info({ pid: child.pid }, 'started containerd to stop its containers');
      return { rt, stop };
    }
    if (child.exitCode !== null || spawnError) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  await stop();
  const why = spawnError ? (spawnError as Error).message : `see ${join(names.dir, 'containerd.log')}`;
  throw new Error(`containerd under ${names.dir} did not start to stop its containers: ${why}`);
}

// mountsUnder lists mount points below dir, deepest first (mountinfo escapes spaces as \040).
function mountsUnder(dir: string): string[] {
  const points = readFileSync('/proc/self/mountinfo', 'utf8').split('\n')
    .map((l) => (l.split(' ')[4] ?? '').replace(/\\(\d{3})/g, (_, o: string) => String.fromCharCode(parseInt(o, 8))))
    .filter((p) => p.startsWith(`${dir}/`));
  return [...new Set(points)].sort((a, b) => b.length - a.length);
}

// removeCgroups removes the (empty, once the containers are gone) cgroup tree of our pods.
function removeCgroups(names: RuntimeNames): string[] {
  const removed: string[] = [];
  const rmTree = (dir: string): void => {
    for (const e of readdirSync(dir, { withFileTypes: true })) if (e.isDirectory()) rmTree(join(dir, e.name));
    rmdirSync(dir);
  };
  const base = '/sys/fs/cgroup';
  if (!existsSync(base)) return removed;
  for (const ctrl of ['', ...readdirSync(base)]) {
    const dir = join(base, ctrl, names.cgroupParent);
    if (!existsSync(dir)) continue;
    try {
      rmTree(dir);
      removed.push(`cgroup ${dir}`);
    } catch {
      // still in use (a process we could not stop): left for the next cleanup
    }
  }
  return removed;
}

/** criCleaner stops the data dir's containers and removes the runtime's traces on the host. */
export const criCleaner: RuntimeCleaner = {
  name: 'containerd containers and pod network',
  async clean(dataDir, logger) {
    const dir = join(dataDir, 'containerd');
    const state = readRuntimeState(dir);
    if (!state) return [];
    const names = runtimeNames(dataDir, state.prefix);
    const log = logger.child({ cleaner: 'cri' });
    const removed: string[] = [];
    if (existsSync(join(names.dir, 'config.toml'))) {
      const { rt, stop } = await connect(names, log);
      try {
        for (const sb of await rt.listPodSandboxes()) {
          await rt.stopPodSandbox(sb.id);
          await rt.removePodSandbox(sb.id);
          removed.push(`pod sandbox ${sb.namespace}/${sb.name} (${sb.id.slice(0, 12)})`);
        }
        for (const c of await rt.listContainers()) {
          await rt.removeContainer(c.id);
          removed.push(`container ${c.name} (${c.id.slice(0, 12)})`);
        }
      } finally {
        await stop();
      }
      if (await stopRecordedContainerd(names, join(names.dir, 'config.toml'), log)) removed.push('containerd');
    }
    for (const m of mountsUnder(names.dir)) {
      await sh('umount', [m]).catch(() => sh('umount', ['-l', m]));
      removed.push(`mount ${m}`);
    }
    removed.push(...(await removeBridge(names)), ...(await removeForwardGuard(names)), ...(await removeIdleHostportChains()), ...removeCgroups(names));
    removed.push(...(await restoreIpForward(state.ipForwardBefore)));
    rmSync(join(names.dir, 'containerd.pid'), { force: true });
    if (names.socket.startsWith('/run/kubelite-')) rmSync(join(names.socket, '..'), { recursive: true, force: true });
    return removed;
  },
};

/** processCleaner kills the processes the process runtime of a data dir left running. */
export const processCleaner: RuntimeCleaner = {
  name: 'process runtime containers',
  async clean(dataDir) {
    const dir = join(processStateDir(dataDir), 'containers');
    const removed: string[] = [];
    for (const rec of readRecords(dir)) {
      if (isSameProcess(rec)) {
        try {
          process.kill(-rec.pid, 'SIGKILL');
          removed.push(`process ${rec.pid} (container ${rec.containerId.slice(0, 12)})`);
        } catch {
          // gone meanwhile
        }
      }
      removeRecord(dir, rec.containerId);
    }
    return removed;
  },
};

/** RUNTIME_CLEANERS are the runtime's cleaners, containers first. */
export const RUNTIME_CLEANERS: RuntimeCleaner[] = [criCleaner, processCleaner];
