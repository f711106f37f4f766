// Loads image archives into a containerd without a registry, with `ctr images import` (the CRI has
// no import call). containerd's sandbox_image must be present before the first pod: there is no
// registry to pull it from.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { sh } from './network.js';
import type { CriRuntime } from './runtime.js';

/** CRI_NAMESPACE is the containerd namespace the CRI plugin keeps its images and containers in. */
export const CRI_NAMESPACE = 'k8s.io';

/** importArchive loads a docker-save or OCI archive file into containerd's CRI namespace. */
export async function importArchive(socket: string, file: string, ctr = 'ctr'): Promise<void> {
  await sh(ctr, ['-a', socket, '-n', CRI_NAMESPACE, 'images', 'import', file]);
}

/** ensureImage imports ref from build() when containerd does not have it yet; it says whether it did. */
export async function ensureImage(runtime: CriRuntime, socket: string, workDir: string, ref: string, build: () => Buffer, ctr = 'ctr'): Promise<boolean> {
  if (await runtime.imagePresent(ref)) return false;
  mkdirSync(workDir, { recursive: true });
  const file = join(workDir, `import-${process.pid}-${Date.now()}.tar`);
  writeFileSync(file, build());
  try {
    await importArchive(socket, file, ctr);
  } finally {
    rmSync(file, { force: true });
  }
  if (!(await runtime.imagePresent(ref))) throw new Error(`imported ${ref} but containerd does not list it`);
  return true;
}
