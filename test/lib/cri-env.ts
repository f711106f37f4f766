// What tests on real containerd need around it (as test/conformance/runtime-cri.test.ts sets it
// up): the runtime's Debian packages, free loopback ports and pod ranges, and a local plain-HTTP
// registry (Debian's docker-registry) holding the busybox image hack/images builds.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { get } from 'node:http';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { busyboxImageArchive } from '../../pkg/kubelet/runtime/cri/image-archive.js';
import { sh } from '../../pkg/kubelet/runtime/cri/network.js';

const repo = join(import.meta.dirname, '..', '..');

/** installRuntimeDeps installs containerd, runc, the CNI plugins, busybox-static, docker-registry and skopeo when missing. */
export function installRuntimeDeps(): void {
  if (process.getuid?.() !== 0) throw new Error('needs root: it starts containerd, creates a bridge and iptables rules');
  try {
    execFileSync('bash', [join(repo, 'hack/images/install-runtime-deps.sh')], { stdio: ['ignore', 'inherit', 'pipe'], timeout: 300_000 });
  } catch (err) {
    throw new Error(`installing the runtime's packages failed: ${(err as { stderr?: Buffer }).stderr?.toString().trim() || (err as Error).message}`);
  }
}

/** freePort is a TCP port free on 127.0.0.1 right now. */
export const freePort = (): Promise<number> => new Promise((resolve, reject) => {
  const s = createServer().listen(0, '127.0.0.1', () => {
    const port = (s.address() as { port: number }).port;
    s.close(() => resolve(port));
  }).on('error', reject);
});

/** httpGet fetches a URL (5 s timeout). */
export const httpGet = (url: string): Promise<{ status: number; body: string }> => new Promise((resolve, reject) => {
  get(url, { timeout: 5000 }, (res) => {
    let body = '';
    res.on('data', (c: Buffer) => { body += c.toString(); });
    res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
  }).on('error', reject).on('timeout', function (this: { destroy(e: Error): void }) { this.destroy(new Error('timeout')); });
});

/** freeCidr is a 10.200.0.0/13 block of prefix length bits (16-24) that no route on this machine mentions. */
export async function freeCidr(bits = 24): Promise<string> {
  const routes = await sh('ip', ['-4', 'route', 'show', 'table', 'all']);
  for (;;) {
    const second = 200 + Math.floor(Math.random() * 8);
    const size = 2 ** (24 - bits);
    const third = Math.floor(Math.random() * (256 / size)) * size;
    const blocks = Array.from({ length: size }, (_, i) => `10.${second}.${third + i}.`);
    if (!blocks.some((b) => routes.includes(b))) return `10.${second}.${third}.0/${bits}`;
  }
}

/** LocalRegistry is a running docker-registry on loopback. */
export interface LocalRegistry {
  host: string;
  child: ChildProcess;
  stop(): void;
}

/** startRegistry serves a registry from dir/registry on a free loopback port. */
export async function startRegistry(dir: string): Promise<LocalRegistry> {
  const host = `127.0.0.1:${await freePort()}`;
  mkdirSync(join(dir, 'registry'), { recursive: true });
  writeFileSync(join(dir, 'registry.yml'), `version: 0.1\nlog:\n  level: warn\nstorage:\n  filesystem:\n    rootdirectory: ${join(dir, 'registry')}\nhttp:\n  addr: ${host}\n`);
  const child = spawn('docker-registry', ['serve', join(dir, 'registry.yml')], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (c: Buffer) => { stderr += c.toString(); });
  const end = Date.now() + 15_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`docker-registry exited: ${stderr}`);
    if (await httpGet(`http://${host}/v2/`).then((r) => r.status === 200, () => false)) break;
    if (Date.now() > end) throw new Error(`docker-registry on ${host} did not answer: ${stderr}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return { host, child, stop: () => child.kill('SIGKILL') };
}

/** pushBusybox builds the busybox image and pushes it to the registry as NAME:TAG; it returns the reference. */
export async function pushBusybox(dir: string, registry: string, nameTag = 'kubelite/busybox:test'): Promise<string> {
  const file = join(dir, `busybox-${nameTag.replace(/[/:]/g, '_')}.tar`);
  writeFileSync(file, busyboxImageArchive(`localhost/${nameTag}`));
  await sh('skopeo', ['copy', '--insecure-policy', '--dest-tls-verify=false', `docker-archive:${file}`, `docker://${registry}/${nameTag}`]);
  return `${registry}/${nameTag}`;
}
