// `kubelite apiserver` on its own: the store and the API server, nothing else.
import { startApiServer } from '../apiserver/server.js';
import { apiserverFlags } from '../apiserver/options.js';
import { LevelStore } from '../storage/level/store.js';
import { commonFlags } from '../util/common-flags.js';
import type { FlagValues } from '../util/flags.js';
import type { Logger } from '../util/log.js';
import { untilAborted } from '../util/signals.js';
import { storeDir } from './run.js';

/** standaloneApiserverFlags are the flags of `kubelite apiserver`. */
export const standaloneApiserverFlags = { ...commonFlags, ...apiserverFlags };

/** runApiserver opens the store under --data-dir and serves the API until signal aborts. */
export async function runApiserver(opts: FlagValues<typeof standaloneApiserverFlags>, signal: AbortSignal, logger: Logger): Promise<void> {
  const store = await LevelStore.open(storeDir(opts.dataDir), { watchBuffer: opts.storageWatchBuffer, compactionInterval: opts.storageCompactionInterval });
  const apiserver = await startApiServer(opts, store, logger.child({ role: 'apiserver' }));
  logger.info({ role: 'apiserver' }, 'apiserver ready');
  await untilAborted(signal);
  await apiserver.close();
  await store.close();
}
