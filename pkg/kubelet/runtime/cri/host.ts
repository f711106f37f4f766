// What the kubelet's containerd needs from the host, and what it leaves there for later: the tools
// it runs, the record of its names and ranges (read by `kubelite cleanup`), and the containerd a
// crashed kubelet left running.
import { accessSync, constants, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { delimiter, isAbsolute, join } from 'node:path';
import type { Logger } from '../../../util/log.js';
import type { RuntimeNames } from './config.js';
import { BUSYBOX_PATH } from './image-archive.js';

/** RuntimeState is what DATA_DIR/containerd/kubelite-runtime.json records. */
export interface RuntimeState {
  prefix: string;
  socket: string;
  bridge: string;
  chain: string;
  podCidr: string;
  clusterCidrs: string[];
  /** net.ipv4.ip_forward before this data dir's first start, restored by cleanup */
  ipForwardBefore?: string;
}

const STATE_FILE = 'kubelite-runtime.json';

/** writeRuntimeState records a data dir's runtime names and ranges. */
export function writeRuntimeState(names: RuntimeNames, r: { podCidr: string; clusterCidrs: string[] }): void {
  // The value before the first start is kept across restarts: later starts see our own change.
  const ipForwardBefore = readRuntimeState(names.dir)?.ipForwardBefore ?? readIpForward();
  const state: RuntimeState = { prefix: names.prefix, socket: names.socket, bridge: names.bridge, chain: names.chain, ...r };
  if (ipForwardBefore !== undefined) state.ipForwardBefore = ipForwardBefore;
  writeFileSync(join(names.dir, STATE_FILE), `${JSON.stringify(state, null, 2)}\n`);
}

function readIpForward(): string | undefined {
  try {
    return readFileSync('/proc/sys/net/ipv4/ip_forward', 'utf8').trim();
  } catch {
    return undefined;
  }
}

/** readRuntimeState reads the record under a containerd dir, or null when there is none. */
export function readRuntimeState(containerdDir: string): RuntimeState | null {
  const file = join(containerdDir, STATE_FILE);
  if (!existsSync(file)) return null;
  return JSON.parse(readFileSync(file, 'utf8')) as RuntimeState;
}

/** which finds an executable on PATH (or checks an absolute path). */
export function which(cmd: string): string | null {
  const candidates = isAbsolute(cmd) ? [cmd] : (process.env.PATH ?? '').split(delimiter).concat(['/usr/sbin', '/sbin']).map((d) => join(d, cmd));
  for (const c of candidates) {
    try {
      accessSync(c, constants.X_OK);
      return c;
    } catch {
      // next
    }
  }
  return null;
}

/** missingTools lists what the kubelet's containerd needs and the host lacks. */
export function missingTools(opts: { containerdBinary?: string; ctrBinary?: string; cniBinDir?: string }): string[] {
  const missing: string[] = [];
  for (const tool of [opts.containerdBinary ?? 'containerd', opts.ctrBinary ?? 'ctr', 'containerd-shim-runc-v2', 'runc', 'iptables', 'ip']) {
    if (!which(tool)) missing.push(tool);
  }
  const cni = opts.cniBinDir ?? '/usr/lib/cni';
  for (const plugin of ['bridge', 'host-local', 'portmap', 'loopback']) {
    if (!existsSync(join(cni, plugin))) missing.push(`${cni}/${plugin}`);
  }
  if (!existsSync(BUSYBOX_PATH)) missing.push(`${BUSYBOX_PATH} (busybox-static, for the pause image)`);
  return missing;
}

/**
 * stopRecordedContainerd stops a containerd that an earlier kubelet started for this data dir and
 * did not stop (it crashed): two containerds on one root corrupt each other. The PID is trusted
 * only if that process is containerd running our config file.
 */
export async function stopRecordedContainerd(names: RuntimeNames, configPath: string, log: Logger): Promise<boolean> {
  const pidFile = join(names.dir, 'containerd.pid');
  if (!existsSync(pidFile)) return false;
  const pid = Number(readFileSync(pidFile, 'utf8'));
  if (!Number.isInteger(pid) || pid <= 1) return false;
  let cmdline: string;
  try {
    cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
  } catch {
    return false;
  }
  if (!cmdline.includes('containerd') || !cmdline.includes(configPath)) return false;
  log.warn({ pid }, 'stopping the containerd a previous kubelet left running');
  process.kill(pid, 'SIGTERM');
  for (let i = 0; i < 100 && existsSync(`/proc/${pid}`); i++) await new Promise((r) => setTimeout(r, 100));
  if (existsSync(`/proc/${pid}`)) process.kill(pid, 'SIGKILL');
  return true;
}
