// Starts and supervises the kubelet's own containerd when no --container-runtime-endpoint is given:
// a generated config under DATA_DIR/containerd, the CNI bridge on the node's pod CIDR, the FORWARD
// guard, the local pause image; containerd is restarted when it dies and stopped on abort.
// Containers outlive a containerd restart (their shims keep running), as with systemd's containerd.
import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Logger } from '../../../util/log.js';
import { bridgeConflist, containerdConfig, containerdEnv, registryHostsFiles, runtimeNames, type RuntimeNames } from './config.js';
import { PAUSE_IMAGE, pauseImageArchive } from './image-archive.js';
import { ensureImage } from './local-images.js';
import { ensureForwardGuard } from './network.js';
import { CriRuntime } from './runtime.js';
import { missingTools, stopRecordedContainerd, writeRuntimeState } from './host.js';

/** ContainerdSupervisorOptions configure the kubelet's own containerd. */
export interface ContainerdSupervisorOptions {
  dataDir: string;
  /** the node's pod CIDR: the bridge's subnet */
  podCidr: string;
  /** ranges pod traffic may reach besides the pod CIDR (the cluster CIDR, the service CIDR) */
  clusterCidrs?: string[];
  /** name prefix of the bridge, chain, network and cgroup; default from a hash of dataDir */
  prefix?: string;
  /** host:port of plain-HTTP registries (local ones; public registries are never contacted) */
  plainHttpRegistries?: string[];
  logger: Logger;
  containerdBinary?: string;
  ctrBinary?: string;
  cniBinDir?: string;
  /** how long containerd may take to answer after a start */
  startTimeoutMs?: number;
  /** first delay before a restart; doubles up to 30s while containerd keeps dying */
  restartBackoffMs?: number;
}

const MAX_BACKOFF_MS = 30_000;
const STOP_GRACE_MS = 10_000;

/** ContainerdSupervisor owns one containerd process. */
export class ContainerdSupervisor {
  readonly names: RuntimeNames;
  private child: ChildProcess | null = null;
  private stopping = false;
  private backoff: number;
  private restartTimer: NodeJS.Timeout | null = null;
  private readonly log: Logger;
  private readonly registries: string[];

  constructor(private readonly opts: ContainerdSupervisorOptions) {
    this.names = runtimeNames(opts.dataDir, opts.prefix);
    this.backoff = opts.restartBackoffMs ?? 1000;
    this.log = opts.logger.child({ component: 'containerd' });
    this.registries = [...(opts.plainHttpRegistries ?? [])];
  }

  /** endpoint is the socket the CRI client connects to. */
  get endpoint(): string {
    return this.names.socket;
  }

  /** pid of the running containerd, if any. */
  get pid(): number | undefined {
    const c = this.child;
    return c && c.exitCode === null && c.signalCode === null ? c.pid : undefined;
  }

  private get configPath(): string {
    return join(this.names.dir, 'config.toml');
  }

  /**
   * start prepares the host, starts containerd and resolves once it answers and has the pause
   * image. From then on containerd is restarted whenever it dies, until signal aborts.
   */
  async start(signal: AbortSignal): Promise<void> {
    if (process.getuid?.() !== 0) throw new Error('the cri runtime starts containerd, which needs root; run as root, or use --runtime process');
    const missing = missingTools(this.opts);
    if (missing.length > 0) {
      throw new Error(`cannot start containerd: missing ${missing.join(', ')}; install them with hack/images/install-runtime-deps.sh ` +
        '(apt-get install --no-install-recommends containerd runc containernetworking-plugins busybox-static iptables iproute2)');
    }
    this.prepare();
    await ensureForwardGuard(this.names, this.opts.podCidr, this.opts.clusterCidrs ?? []);
    await stopRecordedContainerd(this.names, this.configPath, this.log);
    if (signal.aborted) throw new Error('aborted before containerd started');
    signal.addEventListener('abort', () => void this.stop(), { once: true });
    await this.spawnAndWait();
    const rt = new CriRuntime({ endpoint: this.endpoint });
    try {
      if (await ensureImage(rt, this.endpoint, join(this.names.dir, 'images'), PAUSE_IMAGE, () => pauseImageArchive(), this.opts.ctrBinary)) {
        this.log.info({ image: PAUSE_IMAGE }, 'imported the pause image');
      }
    } finally {
      await rt.close();
    }
  }

  /**
   * addPlainHttpRegistry lets pulls from host:port use plain HTTP. containerd reads it on the next
   * pull for a loopback registry; any other host bypasses the registry sink only from containerd's
   * next start (the proxy exception is part of its environment).
   */
  addPlainHttpRegistry(host: string): void {
    if (!this.registries.includes(host)) this.registries.push(host);
    for (const [path, text] of registryHostsFiles(this.names, [host])) {
      if (path.includes('_default')) continue;
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, text);
    }
  }

  /** stop stops containerd (SIGTERM, then SIGKILL) and supervises no more; containers keep running. */
  async stop(): Promise<void> {
    this.stopping = true;
    if (this.restartTimer) clearTimeout(this.restartTimer);
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), STOP_GRACE_MS);
    await exited;
    clearTimeout(timer);
    rmSync(join(this.names.dir, 'containerd.pid'), { force: true });
  }

  // prepare writes every generated file; they are rewritten on each start so upgrades apply.
  private prepare(): void {
    const d = this.names.dir;
    for (const sub of ['root', 'state', 'cni/net.d', 'cni/ipam', 'certs.d', 'images']) mkdirSync(join(d, sub), { recursive: true });
    mkdirSync(dirname(this.names.socket), { recursive: true });
    const cniBinDir = this.opts.cniBinDir ?? '/usr/lib/cni';
    writeFileSync(this.configPath, containerdConfig({ names: this.names, sandboxImage: PAUSE_IMAGE, cniBinDir }));
    writeFileSync(join(d, 'cni', 'net.d', '10-kubelite.conflist'), bridgeConflist({ names: this.names, podCidr: this.opts.podCidr }));
    for (const [path, text] of registryHostsFiles(this.names, this.registries)) {
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, text);
    }
    writeRuntimeState(this.names, { podCidr: this.opts.podCidr, clusterCidrs: this.opts.clusterCidrs ?? [] });
  }

  private async spawnAndWait(): Promise<void> {
    const logFile = join(this.names.dir, 'containerd.log');
    const out = openSync(logFile, 'a');
    // Own process group: a Ctrl-C meant for the kubelet must not kill containerd before the kubelet stops it.
    const child = spawn(this.opts.containerdBinary ?? 'containerd', ['--config', this.configPath], {
      stdio: ['ignore', out, out], detached: true, env: containerdEnv(process.env, this.registries.map((r) => r.replace(/:\d+$/, ''))),
    });
    closeSync(out);
    this.child = child;
    const spawned = await new Promise<Error | null>((resolve) => {
      child.once('spawn', () => resolve(null));
      child.once('error', resolve);
    });
    if (spawned) throw new Error(`cannot run containerd: ${spawned.message}`);
    writeFileSync(join(this.names.dir, 'containerd.pid'), String(child.pid));
    child.once('exit', (code, sig) => this.onExit(child, code, sig));
    const rt = new CriRuntime({ endpoint: this.endpoint, requestTimeoutMs: 2000 });
    const deadline = Date.now() + (this.opts.startTimeoutMs ?? 30_000);
    try {
      for (;;) {
        if (child.exitCode !== null || child.signalCode !== null) throw new Error(`containerd exited at start (${child.exitCode ?? child.signalCode}): ${tail(logFile)}`);
        try {
          await rt.version();
          this.log.info({ pid: child.pid, socket: this.endpoint }, 'containerd is up');
          return;
        } catch {
          if (Date.now() > deadline) throw new Error(`containerd did not answer on ${this.endpoint} within ${this.opts.startTimeoutMs ?? 30_000}ms: ${tail(logFile)}`);
          await new Promise((r) => setTimeout(r, 100));
        }
      }
    } finally {
      await rt.close();
    }
  }

  private onExit(child: ChildProcess, code: number | null, sig: NodeJS.Signals | null): void {
    if (this.stopping || child !== this.child) return;
    this.log.warn({ code, signal: sig, restartInMs: this.backoff }, 'containerd exited; restarting it');
    this.scheduleRestart();
  }

  private scheduleRestart(): void {
    if (this.stopping || this.restartTimer) return;
    this.restartTimer = setTimeout(() => {
      this.restartTimer = null;
      if (this.stopping) return;
      this.spawnAndWait().then(
        () => { this.backoff = this.opts.restartBackoffMs ?? 1000; },
        (err: Error) => {
          this.log.error({ err: err.message }, 'containerd restart failed');
          this.backoff = Math.min(this.backoff * 2, MAX_BACKOFF_MS);
          const c = this.child;
          // A containerd that runs but does not answer is killed; its exit schedules the next try.
          if (c && c.pid !== undefined && c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
          else this.scheduleRestart();
        },
      );
    }, this.backoff);
  }
}

/** tail is the last lines of a log file, for error messages that must say why. */
function tail(file: string, lines = 8): string {
  if (!existsSync(file)) return '(no log)';
  return readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
}
