// The Runtime over the CRI: any CRI runtime on a unix socket (in practice containerd, started by
// containerd-supervisor.ts or given with --container-runtime-endpoint). The runtime applies image
// ENTRYPOINT/CMD semantics, writes logs and runs CNI; this side only translates.
import { mkdirSync } from 'node:fs';
import { dirname, isAbsolute, join } from 'node:path';
import {
  RuntimeError,
  type ContainerConfig, type ContainerFilter, type ContainerStatus, type ExecResult, type Image, type PodSandbox,
  type PodSandboxConfig, type PodSandboxStatus, type PullProgress, type Runtime, type RuntimeStatus, type VersionInfo,
} from '../interface.js';
import {
  containerConfigToCri, containerStatusFromCri, imageFromCri, sandboxConfigToCri, sandboxFromCri, sandboxStatusFromCri,
  type SandboxExtras,
} from './convert.js';
import { isSinkError, PUBLIC_REGISTRY_HINT } from './config.js';
import { CriConnection, type CriMessage } from './grpc.js';

/** CriRuntimeOptions configure the CRI client. */
export interface CriRuntimeOptions extends SandboxExtras {
  /** unix socket path or unix:// URL of the CRI runtime */
  endpoint: string;
  /** deadline of ordinary calls (the real kubelet's is 2 minutes) */
  requestTimeoutMs?: number;
  /** deadline of an image pull; 0: none */
  pullTimeoutMs?: number;
  /** how often pull progress is reported while a pull runs */
  pullProgressIntervalMs?: number;
}

const list = <T>(v: unknown): T[] => (v as T[] | null) ?? [];

/** CriRuntime is the kubelet's Runtime over a CRI socket. */
export class CriRuntime implements Runtime {
  private readonly conn: CriConnection;
  // Exited containers never change: their status is kept so a relist does not ask again.
  private readonly exitedCache = new Map<string, ContainerStatus>();
  // Nor does a running container's status while it keeps running: a relist that lists it as
  // running again reuses it, so relisting costs one call however many containers run.
  private readonly runningCache = new Map<string, ContainerStatus>();

  constructor(private readonly opts: CriRuntimeOptions) {
    this.conn = new CriConnection(opts.endpoint, opts.requestTimeoutMs ?? 120_000);
  }

  async version(): Promise<VersionInfo> {
    const v = await this.rt('Version', { version: 'v1' });
    const name = String(v.runtimeName);
    return {
      runtimeName: name, runtimeVersion: String(v.runtimeVersion), runtimeApiVersion: String(v.runtimeApiVersion),
      description: `${name} ${String(v.runtimeVersion)} over CRI ${String(v.runtimeApiVersion)} at ${this.opts.endpoint}`,
    };
  }

  async status(): Promise<RuntimeStatus> {
    const res = await this.rt('Status', {});
    const conds = list<CriMessage>((res.status as CriMessage | null)?.conditions);
    const cond = (type: string): CriMessage | undefined => conds.find((c) => c.type === type);
    const runtime = cond('RuntimeReady');
    const network = cond('NetworkReady');
    const failing = [runtime, network].find((c) => c?.status !== true);
    return {
      runtimeReady: runtime?.status === true,
      networkReady: network?.status === true,
      reason: failing ? String(failing.reason || `${String(failing?.type ?? 'Runtime')}NotReported`) : '',
      message: failing ? String(failing.message ?? '') : '',
    };
  }

  async runPodSandbox(config: PodSandboxConfig): Promise<{ id: string; ip: string }> {
    mkdirSync(config.logDirectory, { recursive: true });
    const res = await this.rt('RunPodSandbox', { config: sandboxConfigToCri(config, this.opts) });
    const id = String(res.podSandboxId);
    const status = await this.podSandboxStatus(id);
    return { id, ip: status.ip };
  }

  async stopPodSandbox(id: string): Promise<void> {
    await this.idempotent(this.rt('StopPodSandbox', { podSandboxId: id }));
  }

  async removePodSandbox(id: string): Promise<void> {
    await this.idempotent(this.rt('RemovePodSandbox', { podSandboxId: id }));
  }

  async podSandboxStatus(id: string): Promise<PodSandboxStatus> {
    return sandboxStatusFromCri(await this.rt('PodSandboxStatus', { podSandboxId: id }));
  }

  async listPodSandboxes(): Promise<PodSandbox[]> {
    const res = await this.rt('ListPodSandbox', {});
    return list<CriMessage>(res.items).map(sandboxFromCri);
  }

  async createContainer(sandboxId: string, config: ContainerConfig, sandboxConfig: PodSandboxConfig): Promise<string> {
    // containerd opens the log file but does not create its directory (the kubelet does).
    if (config.logPath) mkdirSync(dirname(isAbsolute(config.logPath) ? config.logPath : join(sandboxConfig.logDirectory, config.logPath)), { recursive: true });
    const res = await this.rt('CreateContainer', {
      podSandboxId: sandboxId, config: containerConfigToCri(config, sandboxConfig), sandboxConfig: sandboxConfigToCri(sandboxConfig, this.opts),
    });
    return String(res.containerId);
  }

  async startContainer(id: string): Promise<void> {
    await this.rt('StartContainer', { containerId: id });
  }

  async stopContainer(id: string, timeoutSeconds: number): Promise<void> {
    // The runtime waits out the grace period itself; our deadline must outlast it.
    await this.idempotent(this.rt('StopContainer', { containerId: id, timeout: timeoutSeconds }, (timeoutSeconds + 60) * 1000));
  }

  async removeContainer(id: string): Promise<void> {
    this.exitedCache.delete(id);
    this.runningCache.delete(id);
    await this.idempotent(this.rt('RemoveContainer', { containerId: id }));
  }

  async listContainers(filter?: ContainerFilter): Promise<ContainerStatus[]> {
    const res = await this.rt('ListContainers', {
      filter: { podSandboxId: filter?.sandboxId ?? '', labelSelector: filter?.labels ?? {} },
    });
    const items = list<CriMessage>(res.containers);
    const seen = new Set(items.map((c) => String(c.id)));
    if (!filter) {
      for (const id of this.exitedCache.keys()) if (!seen.has(id)) this.exitedCache.delete(id);
      for (const id of this.runningCache.keys()) if (!seen.has(id)) this.runningCache.delete(id);
    }
    const out = await Promise.all(items.map(async (c) => {
      const id = String(c.id);
      const cached = this.exitedCache.get(id) ?? (c.state === 'CONTAINER_RUNNING' ? this.runningCache.get(id) : undefined);
      if (cached) return cached;
      try {
        return await this.containerStatus(id, String(c.podSandboxId));
      } catch (err) {
        if ((err as RuntimeError).code === 'NotFound') return null; // removed between list and status
        throw err;
      }
    }));
    return out.filter((s): s is ContainerStatus => s !== null);
  }

  async containerStatus(id: string, sandboxId?: string): Promise<ContainerStatus> {
    const cached = this.exitedCache.get(id);
    if (cached) return cached;
    const res = await this.rt('ContainerStatus', { containerId: id, verbose: true });
    // The status has no sandbox ID; the verbose info has it (containerd), else a list by ID does.
    const sb = sandboxId ?? sandboxIdFromInfo(res) ?? (await this.sandboxOf(id));
    const s = containerStatusFromCri(res, sb);
    if (s.state === 'exited') {
      this.exitedCache.set(id, s);
      this.runningCache.delete(id);
    } else if (s.state === 'running') {
      this.runningCache.set(id, s);
    }
    return s;
  }

  async execSync(id: string, cmd: string[], timeoutSeconds: number): Promise<ExecResult> {
    const deadline = timeoutSeconds > 0 ? (timeoutSeconds + 30) * 1000 : 0;
    const res = await this.rt('ExecSync', { containerId: id, cmd, timeout: timeoutSeconds }, deadline);
    return { stdout: Buffer.from(res.stdout as Uint8Array).toString(), stderr: Buffer.from(res.stderr as Uint8Array).toString(), exitCode: Number(res.exitCode) };
  }

  async logPath(id: string): Promise<string> {
    return (await this.containerStatus(id)).logPath;
  }

  async pullImage(image: string, onProgress?: (p: PullProgress) => void): Promise<string> {
    const started = Date.now();
    onProgress?.({ image, phase: 'started', elapsedMs: 0 });
    // CRI's PullImage is one unary call with no progress of its own: report that it is still going.
    const ticker = onProgress ? setInterval(() => onProgress({ image, phase: 'pulling', elapsedMs: Date.now() - started }), this.opts.pullProgressIntervalMs ?? 5000) : undefined;
    try {
      const res = await this.conn.call('ImageService', 'PullImage', { image: { image } }, this.opts.pullTimeoutMs ?? 0);
      onProgress?.({ image, phase: 'done', elapsedMs: Date.now() - started });
      return String(res.imageRef);
    } catch (err) {
      const message = (err as Error).message;
      throw new RuntimeError('ImagePullFailed', isSinkError(message) ? `${message} (${PUBLIC_REGISTRY_HINT})` : message);
    } finally {
      clearInterval(ticker);
    }
  }

  async listImages(): Promise<Image[]> {
    const res = await this.conn.call('ImageService', 'ListImages', {});
    return list<CriMessage>(res.images).map(imageFromCri);
  }

  async removeImage(image: string): Promise<void> {
    await this.idempotent(this.conn.call('ImageService', 'RemoveImage', { image: { image } }));
  }

  /** imagePresent tells whether the runtime has an image, without pulling it. */
  async imagePresent(image: string): Promise<boolean> {
    const res = await this.conn.call('ImageService', 'ImageStatus', { image: { image } });
    return res.image !== null && res.image !== undefined && String((res.image as CriMessage).id ?? '') !== '';
  }

  async close(): Promise<void> {
    this.conn.close();
  }

  private rt(method: string, req: CriMessage, timeoutMs?: number): Promise<CriMessage> {
    return this.conn.call('RuntimeService', method, req, timeoutMs);
  }

  // Stop and remove must not fail for what is already gone (CRI says so; containerd returns NotFound).
  private async idempotent(p: Promise<unknown>): Promise<void> {
    try {
      await p;
    } catch (err) {
      if ((err as RuntimeError).code !== 'NotFound') throw err;
    }
  }

  private async sandboxOf(id: string): Promise<string> {
    const res = await this.rt('ListContainers', { filter: { id } });
    return String(list<CriMessage>(res.containers)[0]?.podSandboxId ?? '');
  }
}

/** sandboxIdFromInfo reads the sandbox ID from containerd's verbose container info. */
function sandboxIdFromInfo(res: CriMessage): string | undefined {
  const info = (res.info as Record<string, string> | null)?.info;
  if (!info) return undefined;
  try {
    const id = (JSON.parse(info) as { sandboxID?: string }).sandboxID;
    return id || undefined;
  } catch {
    return undefined;
  }
}
