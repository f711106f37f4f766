// Builds dist/kubelite, one executable that needs neither Node.js nor node_modules, with Node's
// single executable application support (https://nodejs.org/api/single-executable-applications.html):
// bundle → SEA blob (code + the LevelDB addon as an asset) → copy of this node → inject the blob.
// Run by `npm run build:binary`, or directly: node hack/sea/build-binary.mjs.
import { execFileSync } from 'node:child_process';
import { chmodSync, copyFileSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { bundleForSea } from './bundle.mjs';

// Must match ADDON_ASSET in pkg/storage/level/native-addon.ts.
const ADDON_ASSET = 'classic-level.node';
// Node's documented fuse; postject flips it so node runs the blob instead of its usual CLI.
const SEA_FUSE = 'NODE_SEA_FUSE_fce680ab2cc467b6e072b8b5df1996b2';

/** buildBinary writes root/dist/kubelite; it replaces an older one only when complete. */
export async function buildBinary(root) {
  const started = Date.now();
  const work = join(root, 'dist/sea');
  mkdirSync(work, { recursive: true });
  const main = join(work, 'kubelite.cjs');
  await bundleForSea(root, main);

  const blob = join(work, 'kubelite.blob');
  const config = join(work, 'sea-config.json');
  writeFileSync(config, JSON.stringify({
    main,
    output: blob,
    disableExperimentalSEAWarning: true,
    // V8's compiled code for the bundle, so a start need not compile it; valid only because the
    // blob goes into the very node binary that made it.
    useCodeCache: true,
    assets: { [ADDON_ASSET]: glibcAddon(root) },
  }, null, 2));
  execFileSync(process.execPath, ['--experimental-sea-config', config], { stdio: ['ignore', 'ignore', 'inherit'] });

  const out = join(root, 'dist/kubelite');
  const tmp = `${out}.${process.pid}.tmp`;
  try {
    copyFileSync(process.execPath, tmp);
    chmodSync(tmp, 0o755);
    strip(tmp);
    await inject(root, tmp, readFileSync(blob));
    smokeTest(tmp);
    // Dated when the sources were read, so a file edited during the build still looks newer.
    utimesSync(tmp, new Date(started), new Date(started));
    renameSync(tmp, out);
  } finally {
    rmSync(tmp, { force: true });
  }
  const mb = (statSync(out).size / 2 ** 20).toFixed(1);
  console.log(`built dist/kubelite (${mb} MiB, node ${process.version}) in ${Date.now() - started} ms`);
}

/** glibcAddon is classic-level's prebuilt addon for this platform, the glibc one (not *.musl.node). */
function glibcAddon(root) {
  const dir = join(root, `node_modules/classic-level/prebuilds/${process.platform}-${process.arch}`);
  const files = readdirSync(dir).filter((f) => f.endsWith('.node') && !f.includes('musl'));
  if (files.length !== 1) throw new Error(`expected one glibc addon in ${dir}, found: ${files.join(', ') || 'none'}`);
  return join(dir, files[0]);
}

/** strip drops node's debug symbols (about 12 MiB); the dynamic symbols addons link against stay. */
function strip(file) {
  try {
    execFileSync('strip', [file], { stdio: 'inherit' });
  } catch (err) {
    if (err.code !== 'ENOENT') throw err;
    console.warn('strip not found (Debian: binutils); the binary keeps its debug symbols');
  }
}

async function inject(root, file, blob) {
  // postject's API rather than `npx postject`: the same code, without a shell or a registry lookup.
  const { inject: postject } = createRequire(join(root, 'package.json'))('postject');
  await postject(file, 'NODE_SEA_BLOB', blob, { sentinelFuse: SEA_FUSE });
}

/** smokeTest runs the new binary once, so a broken blob never replaces a working dist/kubelite. */
function smokeTest(file) {
  const out = execFileSync(file, ['version'], { encoding: 'utf8', env: { PATH: process.env.PATH ?? '' } });
  if (!out.startsWith('kubelite v')) throw new Error(`dist/kubelite smoke test: unexpected output ${JSON.stringify(out)}`);
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await buildBinary(join(dirname(fileURLToPath(import.meta.url)), '../..'));
}
