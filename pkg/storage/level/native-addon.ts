// The LevelDB addon inside the single executable (dist/kubelite; docs/single-binary.md).
// There, no node_modules exists for node-gyp-build to search, and a native addon can only be
// loaded from a real file (dlopen), so the build embeds classic-level's prebuilt .node file as a
// SEA asset and replaces classic-level's binding.js with `binding` below. The file is written
// under the data dir because that is the one place kubelite may write to and that lives as long
// as the binary is used; /tmp may be noexec or cleaned. Outside the single executable all of this
// is a no-op and classic-level loads its addon from node_modules as usual.
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { constants } from 'node:os';
import { join } from 'node:path';
import { getAsset, isSea } from 'node:sea';

/** ADDON_ASSET is the SEA asset key the build stores the addon under (hack/sea/build-binary.mjs). */
export const ADDON_ASSET = 'classic-level.node';

let dataDir: string | undefined;
let loaded: object | undefined;

/**
 * prepareNativeAddon loads the addon from dir/lib, writing it there first if needed, so that a
 * failure shows up here, named, rather than deep inside classic-level. No-op outside the binary.
 */
export function prepareNativeAddon(dir: string): void {
  if (!isSea()) return;
  dataDir ??= dir;
  load();
}

/**
 * binding stands in for classic-level's binding.js in the single binary. It is a Proxy because
 * classic-level requires binding.js at import time, before any data dir is known (kctl never
 * has one); the addon is loaded on first use, which comes after prepareNativeAddon.
 */
export const binding: object = new Proxy({}, { get: (_target, name) => Reflect.get(load(), name) });

function load(): object {
  if (loaded !== undefined) return loaded;
  if (dataDir === undefined) throw new Error('LevelDB addon used before prepareNativeAddon(dataDir) was called');
  const bytes = Buffer.from(getAsset(ADDON_ASSET));
  const digest = sha256(bytes);
  const libDir = join(dataDir, 'lib');
  const file = join(libDir, `classic-level-${digest.slice(0, 16)}.node`);
  // Checking the content, not only the name, also catches a file truncated by a crash.
  if (readDigest(file) !== digest) {
    mkdirSync(libDir, { recursive: true });
    const tmp = `${file}.${process.pid}.tmp`; // rename is atomic: no process ever dlopens a half-written file
    writeFileSync(tmp, bytes, { mode: 0o755 });
    renameSync(tmp, file);
  }
  const mod = { exports: {} };
  try {
    process.dlopen(mod, file, constants.dlopen.RTLD_NOW);
  } catch (err) {
    throw new Error(`cannot load the LevelDB addon ${file}: ${(err as Error).message} (is the data dir mounted noexec?)`);
  }
  loaded = mod.exports;
  return loaded;
}

function readDigest(file: string): string | undefined {
  try {
    return sha256(readFileSync(file));
  } catch {
    return undefined;
  }
}

function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}
