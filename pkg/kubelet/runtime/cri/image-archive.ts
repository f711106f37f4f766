// Builds the images a node needs without any registry: the pause image (every pod's sandbox) and
// a busybox image (tests, debugging), both from Debian's static busybox, written as docker-save
// archives that `ctr images import` and `skopeo copy docker-archive:` read. Written in TypeScript,
// not with umoci, so the kubelet can build its pause image on any node with busybox-static alone.
import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

/** PAUSE_IMAGE is the sandbox image containerd is configured with; it only ever exists locally. */
export const PAUSE_IMAGE = 'localhost/kubelite/pause:1';
/** BUSYBOX_IMAGE is a small image with a shell and the busybox applets (httpd included). */
export const BUSYBOX_IMAGE = 'localhost/kubelite/busybox:1';
/** BUSYBOX_PATH is where Debian's busybox-static installs its binary. */
export const BUSYBOX_PATH = '/bin/busybox';

/** TarEntry is one member of a tar archive. */
export interface TarEntry {
  name: string;
  type: 'file' | 'dir' | 'symlink';
  mode: number;
  data?: Buffer;
  linkname?: string;
}

const octal = (n: number, width: number): string => `${n.toString(8).padStart(width - 1, '0')}\0`;

function tarHeader(e: TarEntry, size: number): Buffer {
  const h = Buffer.alloc(512);
  let name = e.name;
  let prefix = '';
  if (Buffer.byteLength(name) > 100) {
    const cut = name.lastIndexOf('/', 155);
    prefix = name.slice(0, cut);
    name = name.slice(cut + 1);
  }
  h.write(name, 0, 100);
  h.write(octal(e.mode, 8), 100);
  h.write(octal(0, 8), 108); // uid
  h.write(octal(0, 8), 116); // gid
  h.write(octal(size, 12), 124);
  h.write(octal(0, 12), 136); // mtime: fixed, so the same input gives the same digests
  h.write('        ', 148); // checksum placeholder, counted as spaces
  h.write(e.type === 'dir' ? '5' : e.type === 'symlink' ? '2' : '0', 156);
  if (e.linkname) h.write(e.linkname, 157, 100);
  h.write('ustar\0', 257);
  h.write('00', 263);
  h.write('root', 265, 32);
  h.write('root', 297, 32);
  h.write(prefix, 345, 155);
  let sum = 0;
  for (const b of h) sum += b;
  h.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148);
  return h;
}

/** tar packs entries into a ustar archive. */
export function tar(entries: TarEntry[]): Buffer {
  const parts: Buffer[] = [];
  for (const e of entries) {
    const data = e.type === 'file' ? (e.data ?? Buffer.alloc(0)) : Buffer.alloc(0);
    parts.push(tarHeader(e, data.length), data);
    if (data.length % 512) parts.push(Buffer.alloc(512 - (data.length % 512)));
  }
  parts.push(Buffer.alloc(1024));
  return Buffer.concat(parts);
}

/** assertStatic fails unless file is an ELF executable without a dynamic loader (it must run in an empty rootfs). */
export function assertStatic(file: string, binary: Buffer): void {
  if (binary.readUInt32BE(0) !== 0x7f454c46 || binary[4] !== 2) throw new Error(`${file} is not a 64-bit ELF executable`);
  const phoff = Number(binary.readBigUInt64LE(0x20));
  const phentsize = binary.readUInt16LE(0x36);
  const phnum = binary.readUInt16LE(0x38);
  for (let i = 0; i < phnum; i++) {
    if (binary.readUInt32LE(phoff + i * phentsize) === 3 /* PT_INTERP */) {
      throw new Error(`${file} is dynamically linked; install Debian's busybox-static (apt-get install busybox-static)`);
    }
  }
}

/** ImageSpec describes an image built from the host's static busybox. */
export interface BusyboxImageSpec {
  ref: string;
  entrypoint: string[];
  cmd: string[];
  /** link every applet into /bin (a usable shell image) or ship the bare binary (pause) */
  applets: boolean;
  busybox?: string;
}

function rootfs(spec: BusyboxImageSpec): TarEntry[] {
  const path = spec.busybox ?? BUSYBOX_PATH;
  const binary = readFileSync(path);
  assertStatic(path, binary);
  const entries: TarEntry[] = [
    ...['bin', 'dev', 'etc', 'proc', 'root', 'sys', 'tmp', 'var', 'var/www'].map((d): TarEntry => ({ name: `${d}/`, type: 'dir', mode: d === 'tmp' ? 0o1777 : d === 'root' ? 0o700 : 0o755 })),
    { name: 'bin/busybox', type: 'file', mode: 0o755, data: binary },
    { name: 'etc/passwd', type: 'file', mode: 0o644, data: Buffer.from('root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/nonexistent:/bin/false\n') },
    { name: 'etc/group', type: 'file', mode: 0o644, data: Buffer.from('root:x:0:\nnogroup:x:65534:\n') },
  ];
  if (spec.applets) {
    const applets = execFileSync(path, ['--list'], { encoding: 'utf8' }).split('\n').filter((a) => /^[\w.[-]+$/.test(a) && a !== 'busybox');
    for (const a of applets) entries.push({ name: `bin/${a}`, type: 'symlink', mode: 0o777, linkname: 'busybox' });
  }
  return entries;
}

const sha256 = (b: Buffer | string): string => createHash('sha256').update(b).digest('hex');
const goArch = (): string => ({ x64: 'amd64', arm64: 'arm64', arm: 'arm', ia32: '386', ppc64: 'ppc64le', s390x: 's390x' } as Record<string, string>)[process.arch] ?? process.arch;

/** dockerArchive builds a one-layer docker-save archive of an image made from busybox. */
export function dockerArchive(spec: BusyboxImageSpec): Buffer {
  const layer = tar(rootfs(spec));
  const layerHex = sha256(layer);
  const config = JSON.stringify({
    architecture: goArch(),
    os: 'linux',
    created: '1970-01-01T00:00:00Z',
    // PATH must be set in the image: without it CRI fails with `exec: "sh": executable file not found in $PATH`.
    config: { Env: ['PATH=/usr/sbin:/usr/bin:/sbin:/bin'], Entrypoint: spec.entrypoint, Cmd: spec.cmd, WorkingDir: '/' },
    rootfs: { type: 'layers', diff_ids: [`sha256:${layerHex}`] },
    history: [{ created: '1970-01-01T00:00:00Z', created_by: 'kubelite: busybox-static rootfs' }],
  });
  const configHex = sha256(config);
  const manifest = JSON.stringify([{ Config: `${configHex}.json`, RepoTags: [spec.ref], Layers: [`${layerHex}/layer.tar`] }]);
  return tar([
    { name: `${layerHex}/`, type: 'dir', mode: 0o755 },
    { name: `${layerHex}/layer.tar`, type: 'file', mode: 0o644, data: layer },
    { name: `${configHex}.json`, type: 'file', mode: 0o644, data: Buffer.from(config) },
    { name: 'manifest.json', type: 'file', mode: 0o644, data: Buffer.from(manifest) },
  ]);
}

/** pauseImageArchive is the sandbox image: busybox sleeping forever as PID 1. */
export function pauseImageArchive(ref = PAUSE_IMAGE): Buffer {
  return dockerArchive({ ref, entrypoint: ['/bin/busybox', 'sleep', '2147483647'], cmd: [], applets: false });
}

/** busyboxImageArchive is a shell image; with no command it runs `sh`. */
export function busyboxImageArchive(ref = BUSYBOX_IMAGE): Buffer {
  return dockerArchive({ ref, entrypoint: [], cmd: ['sh'], applets: true });
}
