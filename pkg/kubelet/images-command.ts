// `kubelite images import FILE.tar | list | remove NAME`: the node runtime's images, for nodes
// without a registry. It talks to the containerd the kubelet started under --data-dir (or the one
// --container-runtime-endpoint names), which must be running.
import { existsSync } from 'node:fs';
import { UserFacingError } from '../util/command.js';
import { normalizeImage } from './images.js';
import { runtimeNames } from './runtime/cri/config.js';
import { importArchive } from './runtime/cri/local-images.js';
import { CriRuntime } from './runtime/cri/runtime.js';
import type { Image } from './runtime/interface.js';

/** ImagesOptions say which containerd to use. */
export interface ImagesOptions {
  dataDir: string;
  containerRuntimeEndpoint: string;
}

/** USAGE is the command's usage line. */
export const IMAGES_USAGE = 'kubelite images import FILE.tar | list | remove NAME';

const size = (n: number): string => {
  const units = ['B', 'kB', 'MB', 'GB', 'TB'];
  let v = n;
  let i = 0;
  while (v >= 1000 && i < units.length - 1) {
    v /= 1000;
    i++;
  }
  return `${i === 0 ? v : v.toFixed(v < 10 ? 2 : 1)}${units[i]}`;
};

/** formatImages prints images as `crictl images` does: one line per tag. */
export function formatImages(images: Image[]): string {
  const rows = [['IMAGE', 'TAG', 'IMAGE ID', 'SIZE']];
  for (const img of images) {
    const id = img.id.replace(/^sha256:/, '').slice(0, 13);
    const tags = img.repoTags.length > 0 ? img.repoTags : img.repoDigests.map((d) => `${d.split('@')[0]}:<none>`);
    for (const t of tags.length > 0 ? tags : ['<none>:<none>']) {
      const i = t.lastIndexOf(':');
      rows.push([t.slice(0, i), t.slice(i + 1), id, size(img.size)]);
    }
  }
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => r[c]!.length)));
  return rows.map((r) => r.map((cell, c) => (c === r.length - 1 ? cell : cell.padEnd(widths[c]! + 3))).join('')).join('\n') + '\n';
}

const tagsOf = (images: Image[]): Set<string> => new Set(images.flatMap((i) => i.repoTags));

/** runImagesCommand runs one images subcommand and returns what to print. */
export async function runImagesCommand(opts: ImagesOptions, args: string[]): Promise<string> {
  const [verb, arg, ...rest] = args;
  if (!verb || rest.length > 0 || (verb === 'list' ? arg !== undefined : arg === undefined) || !['import', 'list', 'remove'].includes(verb)) {
    throw new UserFacingError(`usage: ${IMAGES_USAGE}`);
  }
  const socket = opts.containerRuntimeEndpoint || runtimeNames(opts.dataDir).socket;
  const rt = new CriRuntime({ endpoint: socket, requestTimeoutMs: 10_000 });
  try {
    const before = await rt.listImages().catch((err: Error) => {
      throw new UserFacingError(`no container runtime answers on ${socket} (is the kubelet running with --data-dir ${opts.dataDir}?): ${err.message}`);
    });
    if (verb === 'list') return formatImages(before.sort((a, b) => (a.repoTags[0] ?? a.id).localeCompare(b.repoTags[0] ?? b.id)));
    const target = arg as string;
    if (verb === 'import') {
      if (!existsSync(target)) throw new UserFacingError(`${target}: no such file`);
      await importArchive(socket.replace(/^unix:\/\//, ''), target).catch((err: Error) => {
        throw new UserFacingError(`importing ${target} failed: ${err.message}`);
      });
      const had = tagsOf(before);
      const added = [...tagsOf(await rt.listImages())].filter((t) => !had.has(t));
      return added.length > 0 ? added.map((t) => `imported ${t}\n`).join('') : `imported ${target} (its images were present already)\n`;
    }
    const want = normalizeImage(target);
    const found = before.find((i) => i.id === target || i.id === `sha256:${target}` || [...i.repoTags, ...i.repoDigests].some((t) => normalizeImage(t) === want));
    if (!found) throw new UserFacingError(`image "${target}" not found`);
    const ref = found.repoTags.find((t) => normalizeImage(t) === want) ?? found.id;
    await rt.removeImage(ref);
    return `removed ${ref}\n`;
  } finally {
    await rt.close();
  }
}
