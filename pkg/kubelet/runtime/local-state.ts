// The bookkeeping shared by the runtimes that keep their state in memory (process and fake):
// sandboxes, containers and images, with the same not-found errors, filters and status records,
// so the two differ only in how a container runs.
import { createHash, randomBytes } from 'node:crypto';
import { isAbsolute, join } from 'node:path';
import {
  RuntimeError, matchesLabels,
  type ContainerConfig, type ContainerFilter, type ContainerState, type ContainerStatus, type Image,
  type PodSandbox, type PodSandboxConfig, type PodSandboxStatus, type SandboxState,
} from './interface.js';

/** SandboxRecord is one sandbox of an in-memory runtime. */
export interface SandboxRecord {
  id: string;
  config: PodSandboxConfig;
  state: SandboxState;
  createdAt: number;
  ip: string;
}

/** ContainerRecord is one container of an in-memory runtime; the runtime updates it as the container lives. */
export interface ContainerRecord {
  id: string;
  sandboxId: string;
  config: ContainerConfig;
  sandboxConfig: PodSandboxConfig;
  state: ContainerState;
  createdAt: number;
  startedAt?: number;
  finishedAt?: number;
  exitCode?: number;
  reason: string;
  message: string;
  logPath: string;
  imageRef: string;
}

/** newId makes a 64-hex-digit ID, the shape containerd uses, so logs and tools look the same. */
export function newId(): string {
  return randomBytes(32).toString('hex');
}

/** imageId is the stand-in image ID of a runtime that has no real images. */
export function imageId(ref: string): string {
  return `sha256:${createHash('sha256').update(ref).digest('hex')}`;
}

/** LocalState holds an in-memory runtime's objects. */
export class LocalState {
  readonly sandboxes = new Map<string, SandboxRecord>();
  readonly containers = new Map<string, ContainerRecord>();
  readonly images = new Map<string, Image>();
  // sandbox/name/attempt of every container: a name is reserved until its container is removed, as in containerd.
  private readonly names = new Set<string>();

  constructor(private readonly now: () => number = Date.now) {}

  /** addSandbox records a new ready sandbox. */
  addSandbox(config: PodSandboxConfig, ip: string): SandboxRecord {
    const rec: SandboxRecord = { id: newId(), config, state: 'ready', createdAt: this.now(), ip };
    this.sandboxes.set(rec.id, rec);
    return rec;
  }

  /** sandbox returns a sandbox or rejects with NotFound. */
  sandbox(id: string): SandboxRecord {
    const s = this.sandboxes.get(id);
    if (!s) throw new RuntimeError('NotFound', `pod sandbox ${id} not found`);
    return s;
  }

  /** addContainer records a new created container in a ready sandbox. */
  addContainer(sandboxId: string, config: ContainerConfig, sandboxConfig: PodSandboxConfig): ContainerRecord {
    const sb = this.sandbox(sandboxId);
    if (sb.state !== 'ready') throw new RuntimeError('InvalidArgument', `pod sandbox ${sandboxId} is not ready`);
    if (!config.name) throw new RuntimeError('InvalidArgument', 'container name is empty');
    const key = `${sandboxId}/${config.name}/${config.attempt}`;
    if (this.names.has(key)) throw new RuntimeError('InvalidArgument', `container ${config.name} attempt ${config.attempt} already exists in pod sandbox ${sandboxId}`);
    this.names.add(key);
    const logPath = config.logPath === '' ? '' : isAbsolute(config.logPath) ? config.logPath : join(sb.config.logDirectory, config.logPath);
    const rec: ContainerRecord = {
      id: newId(), sandboxId, config, sandboxConfig, state: 'created', createdAt: this.now(),
      reason: '', message: '', logPath, imageRef: this.images.get(config.image)?.id ?? imageId(config.image),
    };
    this.containers.set(rec.id, rec);
    return rec;
  }

  /** container returns a container or rejects with NotFound. */
  container(id: string): ContainerRecord {
    const c = this.containers.get(id);
    if (!c) throw new RuntimeError('NotFound', `container ${id} not found`);
    return c;
  }

  /** deleteContainer forgets a container and frees its name. */
  deleteContainer(id: string): void {
    const c = this.containers.get(id);
    if (!c) return;
    this.names.delete(`${c.sandboxId}/${c.config.name}/${c.config.attempt}`);
    this.containers.delete(id);
  }

  /** markExited records a container's end. */
  markExited(c: ContainerRecord, exitCode: number, reason: string, message = '', finishedAt = this.now()): void {
    if (c.state === 'exited') return;
    Object.assign(c, { state: 'exited', exitCode, reason, message, finishedAt });
  }

  /** containersOf lists a sandbox's containers. */
  containersOf(sandboxId: string): ContainerRecord[] {
    return [...this.containers.values()].filter((c) => c.sandboxId === sandboxId);
  }

  /** status is a container's public record. */
  status(c: ContainerRecord, pid?: number): ContainerStatus {
    const s: ContainerStatus = {
      id: c.id, sandboxId: c.sandboxId, name: c.config.name, attempt: c.config.attempt, image: c.config.image,
      imageRef: c.imageRef, state: c.state, createdAt: c.createdAt, reason: c.reason, message: c.message,
      labels: { ...c.config.labels }, annotations: { ...c.config.annotations }, logPath: c.logPath,
    };
    if (c.startedAt !== undefined) s.startedAt = c.startedAt;
    if (c.finishedAt !== undefined) s.finishedAt = c.finishedAt;
    if (c.exitCode !== undefined) s.exitCode = c.exitCode;
    if (pid !== undefined && c.state === 'running') s.pid = pid;
    return s;
  }

  /** list is the containers matching filter, as status records. */
  list(filter: ContainerFilter | undefined, pidOf: (c: ContainerRecord) => number | undefined = () => undefined): ContainerStatus[] {
    const out: ContainerStatus[] = [];
    for (const c of this.containers.values()) {
      if (filter?.sandboxId !== undefined && c.sandboxId !== filter.sandboxId) continue;
      if (!matchesLabels(c.config.labels, filter?.labels)) continue;
      out.push(this.status(c, pidOf(c)));
    }
    return out;
  }

  /** sandboxStatus is a sandbox's public record with its IP. */
  sandboxStatus(s: SandboxRecord): PodSandboxStatus {
    return { ...this.sandboxInfo(s), ip: s.ip };
  }

  /** listSandboxes lists every sandbox. */
  listSandboxes(): PodSandbox[] {
    return [...this.sandboxes.values()].map((s) => this.sandboxInfo(s));
  }

  /** recordImage notes an image as present. */
  recordImage(ref: string, size = 0): string {
    const existing = this.images.get(ref);
    if (existing) return existing.id;
    const img: Image = { id: imageId(ref), repoTags: [ref], repoDigests: [], size };
    this.images.set(ref, img);
    return img.id;
  }

  /** removeImage forgets an image by reference or ID; unknown ones are fine (idempotent). */
  removeImage(ref: string): void {
    for (const [k, img] of this.images) if (k === ref || img.id === ref) this.images.delete(k);
  }

  private sandboxInfo(s: SandboxRecord): PodSandbox {
    const c = s.config;
    return {
      id: s.id, name: c.name, namespace: c.namespace, uid: c.uid, attempt: c.attempt, state: s.state,
      createdAt: s.createdAt, labels: { ...c.labels }, annotations: { ...c.annotations },
    };
  }
}
