// `kubelite server`: every role in one process, started in order store → apiserver → the rest,
// each gated on what it needs. Roles not built yet are named at start, so nobody mistakes a
// partial cluster for a whole one.
import { join } from 'node:path';
import { startApiServer } from '../apiserver/server.js';
import { LevelStore } from '../storage/level/store.js';
import type { FlagValues } from '../util/flags.js';
import type { Logger } from '../util/log.js';
import { untilAborted } from '../util/signals.js';
import { serverFlags } from './flags.js';
import { ROLES } from './roles.js';

/** ServerOptions are the parsed flags of `kubelite server`. */
export type ServerOptions = FlagValues<typeof serverFlags>;

/** storeDir is where the server's store lives inside the data dir. */
export function storeDir(dataDir: string): string {
  return join(dataDir, 'store');
}

/** run starts the server and resolves once signal aborts and everything has stopped. */
export async function run(opts: ServerOptions, signal: AbortSignal, root: Logger): Promise<void> {
  const logger = root.child({ role: 'server' });
  const started = performance.now();
  const store = await LevelStore.open(storeDir(opts.dataDir), {
    watchBuffer: opts.storageWatchBuffer,
    compactionInterval: opts.storageCompactionInterval,
  });
  logger.info({ dataDir: opts.dataDir, revision: store.currentRevision(), ms: Math.round(performance.now() - started) }, 'store open');
  const apiserver = await startApiServer(opts, store, root.child({ role: 'apiserver' }));
  const missing = ROLES.filter((r) => !r.built);
  for (const role of ROLES.filter((r) => r.built)) logger.info({ role: role.name }, 'role started');
  if (missing.length > 0) {
    logger.warn({ notBuilt: missing.map((r) => `${r.name} (${r.issue})`) }, `not built yet: ${missing.map((r) => r.name).join(', ')}`);
  }
  logger.info('server ready');
  await untilAborted(signal);
  logger.info('shutting down');
  await apiserver.close();
  await store.close();
}
