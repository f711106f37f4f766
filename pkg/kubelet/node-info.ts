// Facts about this machine a node reports: capacity, addresses and nodeInfo. Read once per
// process (hollow nodes share them): none of them changes while the kubelet runs.
import { existsSync, readFileSync, statfsSync } from 'node:fs';
import { arch, cpus, networkInterfaces, release, totalmem } from 'node:os';

/** MachineFacts are what the node reports about the machine it runs on. */
export interface MachineFacts {
  cpus: number;
  memoryBytes: number;
  /** bytes of the filesystem holding the data dir */
  ephemeralStorageBytes: number;
  machineID: string;
  systemUUID: string;
  bootID: string;
  kernelVersion: string;
  osImage: string;
  architecture: string;
}

const read = (path: string): string => {
  try {
    return existsSync(path) ? readFileSync(path, 'utf8').trim() : '';
  } catch {
    return ''; // unreadable (e.g. product_uuid without root): the field stays empty
  }
};

function osImage(): string {
  const m = /^PRETTY_NAME="?([^"\n]*)"?$/m.exec(read('/etc/os-release'));
  return m?.[1] ?? 'Linux';
}

const GOARCH: Record<string, string> = { x64: 'amd64', arm64: 'arm64', arm: 'arm', ia32: '386', ppc64: 'ppc64le', s390x: 's390x' };

let cached: MachineFacts | undefined;

/** machineFacts reads the machine's facts (once). */
export function machineFacts(dataDir: string): MachineFacts {
  if (cached) return cached;
  let storage = 0;
  try {
    const s = statfsSync(existsSync(dataDir) ? dataDir : '/');
    storage = s.blocks * s.bsize;
  } catch {
    storage = 0;
  }
  const machineID = read('/etc/machine-id');
  cached = {
    cpus: cpus().length,
    memoryBytes: totalmem(),
    ephemeralStorageBytes: storage,
    machineID,
    systemUUID: read('/sys/class/dmi/id/product_uuid') || machineID,
    bootID: read('/proc/sys/kernel/random/boot_id'),
    kernelVersion: release(),
    osImage: osImage(),
    architecture: GOARCH[arch()] ?? arch(),
  };
  return cached;
}

// Pod bridges and veths carry pod networks, not the node's address.
const POD_INTERFACES = /^(kl[0-9a-z]*-br|veth|cni|flannel|docker|br-)/;

/** defaultNodeIp is the first non-loopback IPv4 of this machine, or 127.0.0.1 on a machine without one. */
export function defaultNodeIp(): string {
  for (const [name, addrs] of Object.entries(networkInterfaces())) {
    if (POD_INTERFACES.test(name)) continue;
    for (const a of addrs ?? []) if (a.family === 'IPv4' && !a.internal) return a.address;
  }
  return '127.0.0.1';
}
