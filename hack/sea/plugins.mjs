// esbuild plugins for the single-executable bundle only (the plain build leaves these modules alone).
import { dirname } from 'node:path';

/**
 * nativeAddonShim swaps classic-level's binding.js (node-gyp-build searching node_modules, which
 * the binary does not have) for the loader in pkg/storage/level/native-addon.ts.
 */
export function nativeAddonShim(shimPath) {
  return {
    name: 'classic-level-native-addon',
    setup(build) {
      build.onLoad({ filter: /[\\/]classic-level[\\/]binding\.js$/ }, () => ({
        contents: `module.exports = require(${JSON.stringify(shimPath)}).binding;\n`,
        loader: 'js',
        resolveDir: dirname(shimPath),
      }));
    },
  };
}

/**
 * noPinoTransports stubs pino's transport module: transports run in worker threads started from
 * files (pino/lib/worker.js, thread-stream) that do not exist inside the binary. kubelite never
 * uses them (pkg/util/log.ts pretty-prints in-thread), so a use fails loudly instead of at a distance.
 */
export function noPinoTransports() {
  return {
    name: 'no-pino-transports',
    setup(build) {
      build.onLoad({ filter: /[\\/]pino[\\/]lib[\\/]transport\.js$/ }, () => ({
        contents: "module.exports = function transport() { throw new Error('pino transports are not available in the kubelite binary'); };\n",
        loader: 'js',
      }));
    },
  };
}
