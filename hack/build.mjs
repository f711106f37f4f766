// Builds kubelite with esbuild: one CommonJS bundle, dist/kubelite.cjs, run by bin/kubelite.cjs.
// `--binary` additionally builds the self-contained executable dist/kubelite (hack/sea/).
// The LevelDB addon stays external here: node-gyp-build finds it in node_modules.
import { build } from 'esbuild';
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const started = Date.now();
mkdirSync(join(root, 'dist'), { recursive: true });
await build({
  entryPoints: [join(root, 'cmd/kubelite/main.ts')],
  outfile: join(root, 'dist/kubelite.cjs'),
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  sourcemap: 'linked',
  external: ['classic-level', 'level'],
  logLevel: 'warning',
});
console.log(`built dist/kubelite.cjs in ${Date.now() - started} ms`);

if (process.argv.includes('--binary')) {
  const { buildBinary } = await import('./sea/build-binary.mjs');
  await buildBinary(root);
}
