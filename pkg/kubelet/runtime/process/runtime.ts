// The process runtime: for machines without root or containerd. Each container's command runs as
// a plain host process: no isolation, no images (a "pull" only records the name), no mounts, and
// the pod IP is the node IP. It exists so a kubelet can run real workloads on a developer laptop;
// version() says so in plain words, and the kubelet reports it on the Node.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { networkInterfaces } from 'node:os';
import { join } from 'node:path';
import { VERSION } from '../../../util/version.js';
import {
  RuntimeError,
  type ContainerConfig, type ContainerFilter, type ContainerStatus, type ExecResult, type Image, type PodSandbox,
  type PodSandboxConfig, type PodSandboxStatus, type PullProgress, type Runtime, type RuntimeStatus, type VersionInfo,
} from '../interface.js';
import { LocalState, type ContainerRecord } from '../local-state.js';
import { ContainerProcess, signalExitCode } from './container-process.js';
import { processStartTicks, removeRecord, writeRecord } from './records.js';

/** ProcessRuntimeOptions configure the process runtime. */
export interface ProcessRuntimeOptions {
  /** where records of running processes are kept (for `kubelite cleanup`), e.g. DATA_DIR/process-runtime */
  stateDir: string;
  /** the address reported as every pod's IP; default: the node's first non-loopback IPv4 address */
  nodeIp?: string;
  /** environment every container starts from (its own env is added on top); default: PATH and HOME of the kubelet */
  baseEnv?: Record<string, string>;
}

// ExecSync output is capped like containerd's (CVE-2022-1708): a runaway command must not exhaust memory.
const EXEC_OUTPUT_CAP = 16 * 1024 * 1024;

/** nodeIPv4 is the first non-internal IPv4 address of this machine, or 127.0.0.1. */
export function nodeIPv4(): string {
  for (const addrs of Object.values(networkInterfaces())) {
    for (const a of addrs ?? []) if (a.family === 'IPv4' && !a.internal) return a.address;
  }
  return '127.0.0.1';
}

/** ProcessRuntime runs containers as supervised host processes. */
export class ProcessRuntime implements Runtime {
  private readonly state = new LocalState();
  private readonly procs = new Map<string, ContainerProcess>();
  private readonly nodeIp: string;
  private readonly baseEnv: Record<string, string>;
  private readonly recordDir: string;

  constructor(opts: ProcessRuntimeOptions) {
    this.nodeIp = opts.nodeIp ?? nodeIPv4();
    this.baseEnv = opts.baseEnv ?? { PATH: process.env.PATH ?? '/usr/sbin:/usr/bin:/sbin:/bin', HOME: process.env.HOME ?? '/' };
    this.recordDir = join(opts.stateDir, 'containers');
  }

  async version(): Promise<VersionInfo> {
    return {
      runtimeName: 'process', runtimeVersion: VERSION.version, runtimeApiVersion: 'v1',
      description: 'process runtime: containers are plain host processes without isolation; images are not pulled; the pod IP is the node IP',
    };
  }

  async status(): Promise<RuntimeStatus> {
    return { runtimeReady: true, networkReady: true, reason: '', message: '' };
  }

  async runPodSandbox(config: PodSandboxConfig): Promise<{ id: string; ip: string }> {
    const s = this.state.addSandbox(config, this.nodeIp);
    return { id: s.id, ip: s.ip };
  }

  async stopPodSandbox(id: string): Promise<void> {
    const s = this.state.sandboxes.get(id);
    if (!s) return;
    await Promise.all(this.state.containersOf(id).map((c) => this.stopContainer(c.id, 0)));
    s.state = 'notready';
  }

  async removePodSandbox(id: string): Promise<void> {
    if (!this.state.sandboxes.has(id)) return;
    await this.stopPodSandbox(id);
    for (const c of this.state.containersOf(id)) await this.removeContainer(c.id);
    this.state.sandboxes.delete(id);
  }

  async podSandboxStatus(id: string): Promise<PodSandboxStatus> {
    return this.state.sandboxStatus(this.state.sandbox(id));
  }

  async listPodSandboxes(): Promise<PodSandbox[]> {
    return this.state.listSandboxes();
  }

  async createContainer(sandboxId: string, config: ContainerConfig, sandboxConfig: PodSandboxConfig): Promise<string> {
    // No image supplies an ENTRYPOINT or CMD here, so the pod spec must name the program.
    if ((config.command ?? []).length === 0 && (config.args ?? []).length === 0) {
      throw new RuntimeError('InvalidArgument', `container ${config.name}: the process runtime has no images, so the container needs a command`);
    }
    if (config.workingDir && !existsSync(config.workingDir)) {
      throw new RuntimeError('InvalidArgument', `container ${config.name}: working directory ${config.workingDir} does not exist on this node`);
    }
    return this.state.addContainer(sandboxId, config, sandboxConfig).id;
  }

  async startContainer(id: string): Promise<void> {
    const c = this.state.container(id);
    if (c.state !== 'created') throw new RuntimeError('InvalidArgument', `container ${id} is ${c.state}, not created`);
    const proc = new ContainerProcess({
      argv: [...(c.config.command ?? []), ...(c.config.args ?? [])],
      env: this.envOf(c),
      cwd: c.config.workingDir || undefined,
      logPath: c.logPath || join(c.sandboxConfig.logDirectory, `${c.config.name}-${c.id.slice(0, 12)}.log`),
    });
    this.procs.set(id, proc);
    try {
      await proc.start();
    } catch (err) {
      this.state.markExited(c, 128, 'StartError', (err as Error).message);
      throw new RuntimeError('Internal', `container ${c.config.name}: cannot start ${c.config.command?.[0] ?? ''}: ${(err as Error).message}`);
    }
    Object.assign(c, { state: 'running', startedAt: Date.now() });
    const pid = proc.pid as number;
    writeRecord(this.recordDir, { containerId: id, pid, startTicks: processStartTicks(pid) ?? '' });
    void proc.waitExit().then((e) => {
      removeRecord(this.recordDir, id);
      this.state.markExited(c, e.exitCode, e.reason, e.message, e.finishedAt);
    });
  }

  async stopContainer(id: string, timeoutSeconds: number): Promise<void> {
    const c = this.state.containers.get(id);
    if (!c || c.state !== 'running') return;
    const e = await (this.procs.get(id) as ContainerProcess).stop(timeoutSeconds * 1000);
    this.state.markExited(c, e.exitCode, e.reason, e.message, e.finishedAt);
  }

  async removeContainer(id: string): Promise<void> {
    if (!this.state.containers.has(id)) return;
    await this.stopContainer(id, 0);
    this.procs.delete(id);
    this.state.deleteContainer(id);
    removeRecord(this.recordDir, id);
  }

  async listContainers(filter?: ContainerFilter): Promise<ContainerStatus[]> {
    return this.state.list(filter, (c) => this.procs.get(c.id)?.pid);
  }

  async containerStatus(id: string): Promise<ContainerStatus> {
    const c = this.state.container(id);
    return this.state.status(c, this.procs.get(id)?.pid);
  }

  async execSync(id: string, cmd: string[], timeoutSeconds: number): Promise<ExecResult> {
    const c = this.state.container(id);
    if (c.state !== 'running') throw new RuntimeError('InvalidArgument', `container ${id} is not running`);
    const [file, ...args] = cmd;
    if (file === undefined) throw new RuntimeError('InvalidArgument', 'exec: empty command');
    return runToCompletion(file, args, this.envOf(c), c.config.workingDir || undefined, timeoutSeconds);
  }

  async logPath(id: string): Promise<string> {
    return this.state.container(id).logPath;
  }

  async pullImage(image: string, onProgress?: (p: PullProgress) => void): Promise<string> {
    onProgress?.({ image, phase: 'done', elapsedMs: 0 });
    return this.state.recordImage(image);
  }

  async listImages(): Promise<Image[]> {
    return [...this.state.images.values()];
  }

  async removeImage(image: string): Promise<void> {
    this.state.removeImage(image);
  }

  /** close stops every container: its processes cannot outlive the pipes to this process. */
  async close(): Promise<void> {
    await Promise.all([...this.state.containers.keys()].map((id) => this.stopContainer(id, 0)));
  }

  private envOf(c: ContainerRecord): Record<string, string> {
    const env: Record<string, string> = { ...this.baseEnv, HOSTNAME: c.sandboxConfig.hostname };
    for (const e of c.config.env ?? []) env[e.name] = e.value;
    return env;
  }
}

/** runToCompletion runs a command and collects its output, killing it after timeoutSeconds (0: no limit). */
function runToCompletion(file: string, args: string[], env: Record<string, string>, cwd: string | undefined, timeoutSeconds: number): Promise<ExecResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(file, args, { env, cwd, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    const out = { stdout: [] as Buffer[], stderr: [] as Buffer[], size: 0 };
    const collect = (which: 'stdout' | 'stderr') => (b: Buffer): void => {
      if (out.size >= EXEC_OUTPUT_CAP) return;
      out[which].push(b.subarray(0, EXEC_OUTPUT_CAP - out.size));
      out.size += b.length;
    };
    child.stdout.on('data', collect('stdout'));
    child.stderr.on('data', collect('stderr'));
    let timedOut = false;
    const timer = timeoutSeconds > 0 ? setTimeout(() => {
      timedOut = true;
      try { process.kill(-(child.pid as number), 'SIGKILL'); } catch { /* gone */ }
    }, timeoutSeconds * 1000) : undefined;
    child.once('error', (err) => {
      clearTimeout(timer);
      reject(new RuntimeError('Internal', `exec ${file}: ${err.message}`));
    });
    child.once('close', (code, signal) => {
      clearTimeout(timer);
      if (timedOut) return reject(new RuntimeError('Timeout', `exec ${file}: timed out after ${timeoutSeconds}s`));
      resolve({
        stdout: Buffer.concat(out.stdout).toString(), stderr: Buffer.concat(out.stderr).toString(),
        exitCode: code ?? signalExitCode(signal ?? 'SIGKILL'),
      });
    });
  });
}
