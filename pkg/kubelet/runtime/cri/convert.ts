// Runtime records ⇄ CRI messages (camelCase protobufjs objects of api/cri/runtime-v1.proto).
import type {
  ContainerConfig, ContainerState, ContainerStatus, Image, PodSandbox, PodSandboxConfig, PodSandboxStatus, SandboxState,
} from '../interface.js';
import type { CriMessage } from './grpc.js';

// CFS period the kubelet uses: quota = limit in cores × period.
const CPU_PERIOD_US = 100_000;
// cpu.shares per core, and the kernel's minimum.
const SHARES_PER_CPU = 1024;
const MIN_SHARES = 2;

/** SandboxExtras are settings of a sandbox that come from the node, not from the pod. */
export interface SandboxExtras {
  /** the cgroup all of this node's pods go under, e.g. "/kubelite-kl1a2b3c" */
  cgroupParent?: string;
}

const str = (v: unknown): string => (typeof v === 'string' ? v : '');
const num = (v: unknown): number => (typeof v === 'number' ? v : Number(v ?? 0));
const map = (v: unknown): Record<string, string> => ({ ...((v as Record<string, string> | null) ?? {}) });
const msg = (v: unknown): CriMessage => (v as CriMessage | null) ?? {};
const nsToMs = (v: unknown): number => Math.floor(num(v) / 1e6);

/** sandboxConfigToCri builds a CRI PodSandboxConfig. */
export function sandboxConfigToCri(c: PodSandboxConfig, extras: SandboxExtras = {}): CriMessage {
  const network = c.hostNetwork ? 'NODE' : 'POD';
  return {
    metadata: { name: c.name, uid: c.uid, namespace: c.namespace, attempt: c.attempt },
    hostname: c.hostname,
    logDirectory: c.logDirectory,
    dnsConfig: c.dns ? { servers: c.dns.servers, searches: c.dns.searches, options: c.dns.options } : undefined,
    portMappings: (c.portMappings ?? []).map((p) => ({ protocol: p.protocol, containerPort: p.containerPort, hostPort: p.hostPort, hostIp: p.hostIp ?? '' })),
    labels: c.labels,
    annotations: c.annotations,
    linux: {
      cgroupParent: extras.cgroupParent ? `${extras.cgroupParent}/pod${c.uid}` : '',
      securityContext: { namespaceOptions: { network, pid: 'CONTAINER', ipc: 'POD' } },
    },
  };
}

/** containerConfigToCri builds a CRI ContainerConfig. */
export function containerConfigToCri(c: ContainerConfig, sandbox: PodSandboxConfig): CriMessage {
  const r = c.resources ?? {};
  const resources: CriMessage = {};
  if (r.cpuLimitMillis) Object.assign(resources, { cpuPeriod: CPU_PERIOD_US, cpuQuota: Math.max(1000, Math.floor((r.cpuLimitMillis * CPU_PERIOD_US) / 1000)) });
  if (r.cpuRequestMillis) resources.cpuShares = Math.max(MIN_SHARES, Math.floor((r.cpuRequestMillis * SHARES_PER_CPU) / 1000));
  if (r.memoryLimitBytes) resources.memoryLimitInBytes = r.memoryLimitBytes;
  // Never a negative oom_score_adj: without CAP_SYS_RESOURCE runc cannot set one (runtime-recipes.md).
  const sec = c.security ?? {};
  const securityContext: CriMessage = {
    privileged: sec.privileged ?? false,
    readonlyRootfs: sec.readOnlyRootFilesystem ?? false,
    namespaceOptions: { network: sandbox.hostNetwork ? 'NODE' : 'POD', pid: 'CONTAINER', ipc: 'POD' },
    capabilities: { addCapabilities: sec.capabilities?.add ?? [], dropCapabilities: sec.capabilities?.drop ?? [] },
  };
  if (sec.runAsUser !== undefined) securityContext.runAsUser = { value: sec.runAsUser };
  if (sec.runAsGroup !== undefined) securityContext.runAsGroup = { value: sec.runAsGroup };
  return {
    metadata: { name: c.name, attempt: c.attempt },
    image: { image: c.image },
    command: c.command ?? [],
    args: c.args ?? [],
    workingDir: c.workingDir ?? '',
    envs: (c.env ?? []).map((e) => ({ key: e.name, value: e.value })),
    mounts: (c.mounts ?? []).map((m) => ({ containerPath: m.containerPath, hostPath: m.hostPath, readonly: m.readOnly ?? false })),
    labels: c.labels,
    annotations: c.annotations,
    logPath: c.logPath,
    linux: { resources, securityContext },
  };
}

const CONTAINER_STATES: Record<string, ContainerState> = {
  CONTAINER_CREATED: 'created', CONTAINER_RUNNING: 'running', CONTAINER_EXITED: 'exited', CONTAINER_UNKNOWN: 'unknown',
};
const SANDBOX_STATES: Record<string, SandboxState> = { SANDBOX_READY: 'ready', SANDBOX_NOTREADY: 'notready' };

/** containerStatusFromCri reads a CRI ContainerStatusResponse. */
export function containerStatusFromCri(res: CriMessage, sandboxId: string): ContainerStatus {
  const s = msg(res.status);
  const meta = msg(s.metadata);
  const state = CONTAINER_STATES[str(s.state)] ?? 'unknown';
  const out: ContainerStatus = {
    id: str(s.id), sandboxId, name: str(meta.name), attempt: num(meta.attempt),
    image: str(msg(s.image).image), imageRef: str(s.imageRef), state, createdAt: nsToMs(s.createdAt),
    reason: str(s.reason), message: str(s.message), labels: map(s.labels), annotations: map(s.annotations), logPath: str(s.logPath),
  };
  if (num(s.startedAt) > 0) out.startedAt = nsToMs(s.startedAt);
  if (num(s.finishedAt) > 0) {
    out.finishedAt = nsToMs(s.finishedAt);
    out.exitCode = num(s.exitCode);
  }
  // containerd puts the task's pid in the verbose info, as JSON.
  const info = map(res.info).info;
  if (state === 'running' && info) {
    try {
      const pid = (JSON.parse(info) as { pid?: number }).pid;
      if (pid) out.pid = pid;
    } catch {
      // not containerd, or a format we do not know: no pid
    }
  }
  return out;
}

/** sandboxFromCri reads a CRI PodSandbox (a list item) or PodSandboxStatus. */
export function sandboxFromCri(s: CriMessage): PodSandbox {
  const meta = msg(s.metadata);
  return {
    id: str(s.id), name: str(meta.name), namespace: str(meta.namespace), uid: str(meta.uid), attempt: num(meta.attempt),
    state: SANDBOX_STATES[str(s.state)] ?? 'notready', createdAt: nsToMs(s.createdAt), labels: map(s.labels), annotations: map(s.annotations),
  };
}

/** sandboxStatusFromCri reads a CRI PodSandboxStatusResponse. */
export function sandboxStatusFromCri(res: CriMessage): PodSandboxStatus {
  const s = msg(res.status);
  return { ...sandboxFromCri(s), ip: str(msg(s.network).ip) };
}

/** imageFromCri reads a CRI Image. */
export function imageFromCri(i: CriMessage): Image {
  return { id: str(i.id), repoTags: (i.repoTags as string[] | null) ?? [], repoDigests: (i.repoDigests as string[] | null) ?? [], size: num(i.size) };
}
