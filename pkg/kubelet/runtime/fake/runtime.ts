// The hollow runtime: containers "run" without processes, so one kubelite process can host
// thousands of hollow nodes to load the control plane. A container is an object and at most one
// timer; `sh -c` scripts are emulated by a tiny shell (script.ts) so simple commands print, exit
// and handle SIGTERM like real ones. Delays and failures can be injected to test the kubelet.
import { appendFileSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { VERSION } from '../../../util/version.js';
import {
  RuntimeError,
  type ContainerConfig, type ContainerFilter, type ContainerStatus, type ExecResult, type Image, type PodSandbox,
  type PodSandboxConfig, type PodSandboxStatus, type PullProgress, type Runtime, type RuntimeStatus, type VersionInfo,
} from '../interface.js';
import { LocalState, type ContainerRecord } from '../local-state.js';
import { formatLogLine } from '../log-writer.js';
import { execProgram, ProgramRun } from './program.js';
import { normalizeSignal, programOf } from './script.js';

/** InjectedCrash makes matching containers exit with exitCode afterMs after they start. */
export interface InjectedCrash {
  /** matched against the container's image; absent: every container */
  image?: RegExp;
  afterMs: number;
  exitCode?: number;
}

/** FakeRuntimeOptions tune the hollow runtime. */
export interface FakeRuntimeOptions {
  /** how long startContainer takes */
  startDelayMs?: number;
  /** how long a pull takes */
  pullDelayMs?: number;
  /** pulls of images matching a pattern fail with the message given (or a registry-like "not found") */
  pullFailures?: Array<{ image: RegExp; message?: string }>;
  crashes?: InjectedCrash[];
  /** pod IPs come from this range (network address + 2 upwards) */
  podCidr?: string;
  /** the IP of host-network pods */
  nodeIp?: string;
  /** write container output to log files (default true); hollow nodes without log readers can skip it */
  writeLogs?: boolean;
  /** images present without a pull */
  images?: string[];
}

interface FakeContainer {
  run: ProgramRun | null;
  crashTimer: NodeJS.Timeout | null;
}

const sleep = (ms: number): Promise<void> => (ms > 0 ? new Promise((r) => setTimeout(r, ms)) : Promise.resolve());

/** FakeRuntime is the hollow node's runtime. */
export class FakeRuntime implements Runtime {
  private readonly state = new LocalState();
  private readonly live = new Map<string, FakeContainer>();
  private readonly ipBase: number;
  private readonly ipCount: number;
  private readonly usedIps = new Set<number>();
  private nextIp = 0;

  constructor(private readonly opts: FakeRuntimeOptions = {}) {
    const [addr, bits] = (opts.podCidr ?? '10.88.0.0/16').split('/');
    const octets = (addr ?? '').split('.').map(Number);
    this.ipBase = (((octets[0] ?? 0) << 24) | ((octets[1] ?? 0) << 16) | ((octets[2] ?? 0) << 8) | (octets[3] ?? 0)) >>> 0;
    this.ipCount = Math.max(1, 2 ** (32 - Number(bits ?? 16)) - 3);
    for (const img of opts.images ?? []) this.state.recordImage(img);
  }

  async version(): Promise<VersionInfo> {
    return { runtimeName: 'fake', runtimeVersion: VERSION.version, runtimeApiVersion: 'v1', description: 'fake runtime (hollow node): containers do not run' };
  }

  async status(): Promise<RuntimeStatus> {
    return { runtimeReady: true, networkReady: true, reason: '', message: '' };
  }

  async runPodSandbox(config: PodSandboxConfig): Promise<{ id: string; ip: string }> {
    const ip = config.hostNetwork ? (this.opts.nodeIp ?? '127.0.0.1') : this.allocateIp();
    const s = this.state.addSandbox(config, ip);
    return { id: s.id, ip };
  }

  async stopPodSandbox(id: string): Promise<void> {
    const s = this.state.sandboxes.get(id);
    if (!s) return;
    for (const c of this.state.containersOf(id)) this.kill(c.id, 'SIGKILL');
    if (s.state === 'ready' && !s.config.hostNetwork) this.releaseIp(s.ip);
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
    return this.state.addContainer(sandboxId, config, sandboxConfig).id;
  }

  async startContainer(id: string): Promise<void> {
    const c = this.state.container(id);
    if (c.state !== 'created') throw new RuntimeError('InvalidArgument', `container ${id} is ${c.state}, not created`);
    await sleep(this.opts.startDelayMs ?? 0);
    if (!this.state.containers.has(id) || c.state !== 'created') throw new RuntimeError('NotFound', `container ${id} was removed while starting`);
    Object.assign(c, { state: 'running', startedAt: Date.now() });
    const program = programOf([...(c.config.command ?? []), ...(c.config.args ?? [])], this.envOf(c));
    const fc: FakeContainer = { run: null, crashTimer: null };
    this.live.set(id, fc);
    const crash = (this.opts.crashes ?? []).find((k) => !k.image || k.image.test(c.config.image));
    if (crash) {
      fc.crashTimer = setTimeout(() => this.exited(c, crash.exitCode ?? 1), crash.afterMs);
      fc.crashTimer.unref?.();
    }
    if (program) {
      fc.run = new ProgramRun(program, {
        output: (stream, text) => this.output(c, stream, text),
        exit: (code) => this.exited(c, code),
        workingDir: c.config.workingDir || '/',
      });
      fc.run.start();
    }
  }

  async stopContainer(id: string, timeoutSeconds: number): Promise<void> {
    const c = this.state.containers.get(id);
    if (!c || c.state !== 'running') return;
    this.kill(id, 'SIGTERM');
    if (c.state !== 'running') return;
    await sleep(timeoutSeconds * 1000);
    this.kill(id, 'SIGKILL');
  }

  async removeContainer(id: string): Promise<void> {
    const fc = this.live.get(id);
    fc?.run?.cancel();
    if (fc?.crashTimer) clearTimeout(fc.crashTimer);
    this.live.delete(id);
    this.state.deleteContainer(id);
  }

  async listContainers(filter?: ContainerFilter): Promise<ContainerStatus[]> {
    return this.state.list(filter);
  }

  async containerStatus(id: string): Promise<ContainerStatus> {
    return this.state.status(this.state.container(id));
  }

  async execSync(id: string, cmd: string[], _timeoutSeconds: number): Promise<ExecResult> {
    const c = this.state.container(id);
    if (c.state !== 'running') throw new RuntimeError('InvalidArgument', `container ${id} is not running`);
    const program = programOf(cmd, this.envOf(c));
    return program ? execProgram(program, c.config.workingDir || '/') : { stdout: '', stderr: '', exitCode: 0 };
  }

  async logPath(id: string): Promise<string> {
    return this.state.container(id).logPath;
  }

  async pullImage(image: string, onProgress?: (p: PullProgress) => void): Promise<string> {
    const started = Date.now();
    onProgress?.({ image, phase: 'started', elapsedMs: 0 });
    await sleep(this.opts.pullDelayMs ?? 0);
    const failure = (this.opts.pullFailures ?? []).find((f) => f.image.test(image));
    if (failure) {
      throw new RuntimeError('ImagePullFailed', failure.message ?? `failed to pull and unpack image "${image}": failed to resolve reference "${image}": not found`);
    }
    onProgress?.({ image, phase: 'done', elapsedMs: Date.now() - started });
    return this.state.recordImage(image);
  }

  async listImages(): Promise<Image[]> {
    return [...this.state.images.values()];
  }

  async removeImage(image: string): Promise<void> {
    this.state.removeImage(image);
  }

  async close(): Promise<void> {
    for (const id of [...this.live.keys()]) await this.removeContainer(id);
  }

  /** kill delivers a signal to a container as if from outside the runtime (tests, chaos). */
  kill(id: string, signal: string): void {
    const c = this.state.containers.get(id);
    if (!c || c.state !== 'running') return;
    const sig = normalizeSignal(signal);
    const run = this.live.get(id)?.run;
    if (run) run.signal(sig);
    else if (sig === 'SIGTERM' || sig === 'SIGKILL' || sig === 'SIGINT') this.exited(c, sig === 'SIGKILL' ? 137 : sig === 'SIGINT' ? 130 : 143);
  }

  private exited(c: ContainerRecord, code: number): void {
    const fc = this.live.get(c.id);
    fc?.run?.cancel();
    if (fc?.crashTimer) clearTimeout(fc.crashTimer);
    this.live.delete(c.id);
    this.state.markExited(c, code, code === 0 ? 'Completed' : 'Error');
  }

  private output(c: ContainerRecord, stream: 'stdout' | 'stderr', text: string): void {
    if (this.opts.writeLogs === false || c.logPath === '') return;
    const lines = text.replace(/\n$/, '').split('\n').map((l) => formatLogLine(stream, l)).join('');
    mkdirSync(dirname(c.logPath), { recursive: true });
    appendFileSync(c.logPath, lines);
  }

  private envOf(c: ContainerRecord): Record<string, string> {
    const env: Record<string, string> = { HOSTNAME: c.sandboxConfig.hostname };
    for (const e of c.config.env ?? []) env[e.name] = e.value;
    return env;
  }

  private allocateIp(): string {
    for (let tries = 0; tries < this.ipCount; tries++) {
      const n = this.nextIp;
      this.nextIp = (this.nextIp + 1) % this.ipCount;
      if (this.usedIps.has(n)) continue;
      this.usedIps.add(n);
      const v = (this.ipBase + 2 + n) >>> 0;
      return [v >>> 24, (v >>> 16) & 255, (v >>> 8) & 255, v & 255].join('.');
    }
    throw new RuntimeError('Internal', `no free pod IP in ${this.opts.podCidr ?? '10.88.0.0/16'}`);
  }

  private releaseIp(ip: string): void {
    const o = ip.split('.').map(Number);
    const v = ((((o[0] ?? 0) << 24) | ((o[1] ?? 0) << 16) | ((o[2] ?? 0) << 8) | (o[3] ?? 0)) >>> 0) - this.ipBase - 2;
    this.usedIps.delete(v);
  }
}
