// The single binary's JavaScript: one CommonJS file with every dependency inside, because the
// code embedded in a SEA can require() only Node's built-in modules.
import { build } from 'esbuild';
import { isBuiltin } from 'node:module';
import { join } from 'node:path';
import { nativeAddonShim, noPinoTransports } from './plugins.mjs';

/** bundleForSea writes outfile and fails if the result would need anything from disk at run time. */
export async function bundleForSea(root, outfile) {
  const result = await build({
    entryPoints: [join(root, 'cmd/kubelite/main.ts')],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    metafile: true,
    logLevel: 'warning',
    plugins: [nativeAddonShim(join(root, 'pkg/storage/level/native-addon.ts')), noPinoTransports()],
  });
  const inputs = Object.keys(result.metafile.inputs);
  const banned = inputs.filter((p) => /node-gyp-build|thread-stream|pino[\\/](lib[\\/]worker|file)\.js/.test(p));
  if (banned.length > 0) throw new Error(`SEA bundle still includes modules that load files at run time: ${banned.join(', ')}`);
  const { imports } = Object.values(result.metafile.outputs)[0];
  const external = imports.filter((i) => i.external && !isBuiltin(i.path)).map((i) => i.path);
  if (external.length > 0) throw new Error(`SEA bundle requires non-built-in modules: ${external.join(', ')}`);
}
