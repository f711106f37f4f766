// `kubelite server`: every role in one process, started in order store → apiserver → the rest,
// each gated on what it needs. Roles not built yet are named at start, so nobody mistakes a
// partial cluster for a whole one.
import { join } from 'node:path';
import { startApiServer } from '../apiserver/server.js';
import { roleContext } from '../client/role-context.js';
import { LevelStore } from '../storage/level/store.js';
import type { FlagValues } from '../util/flags.js';
import type { Logger } from '../util/log.js';
import { untilAborted } from '../util/signals.js';
import { serverFlags } from './flags.js';
import { ROLE_RUNNERS } from './role-runners.js';
import { ROLES } from './roles.js';
import { UsageError } from '../util/flags.js';

/** ServerOptions are the parsed flags of `kubelite server`. */
export type ServerOptions = FlagValues<typeof serverFlags>;

/** storeDir is where the server's store lives inside the data dir. */
export function storeDir(dataDir: string): string {
  return join(dataDir, 'store');
}

/** checkDisabled validates --disable before anything starts: a typo must not silently run a role. */
export function checkDisabled(names: readonly string[]): Set<string> {
  const known: string[] = ROLES.filter((r) => r.name !== 'apiserver').map((r) => r.name);
  for (const n of names) {
    if (!known.includes(n)) throw new UsageError(`--disable: unknown role "${n}" (known: ${known.join(', ')})`);
  }
  return new Set(names);
}

/** run starts the server and resolves once signal aborts and everything has stopped. */
export async function run(opts: ServerOptions, signal: AbortSignal, root: Logger): Promise<void> {
  const logger = root.child({ role: 'server' });
  const disabled = checkDisabled(opts.disable);
  const started = performance.now();
  const store = await LevelStore.open(storeDir(opts.dataDir), {
    watchBuffer: opts.storageWatchBuffer,
    compactionInterval: opts.storageCompactionInterval,
  });
  logger.info({ dataDir: opts.dataDir, revision: store.currentRevision(), ms: Math.round(performance.now() - started) }, 'store open');
  const apiserver = await startApiServer(opts, store, root.child({ role: 'apiserver' }));
  logger.info({ role: 'apiserver' }, 'role started');
  // The other roles share one client and one informer factory, fed only by the API.
  const ctx = roleContext({ kubeconfig: apiserver.kubeconfigPath, dataDir: opts.dataDir }, root.child({ role: 'server' }), 'kubelite-server');
  const roles = new AbortController();
  const running: Array<Promise<void>> = [];
  for (const role of ROLES) {
    if (role.name === 'apiserver' || !role.built || disabled.has(role.name)) continue;
    const load = ROLE_RUNNERS[role.name];
    if (!load) continue;
    const runner = await load();
    const roleCtx = { ...ctx, logger: root.child({ role: role.name }) };
    running.push(
      runner(opts, roles.signal, roleCtx).catch((err: unknown) => {
        // A role that dies takes the process down loudly; a supervisor restarts it.
        root.fatal({ err, role: role.name }, 'role failed');
        process.exit(1);
      }),
    );
    logger.info({ role: role.name }, 'role started');
  }
  ctx.informers.start(roles.signal);
  if (disabled.size > 0) logger.info({ disabled: [...disabled] }, 'roles disabled');
  const missing = ROLES.filter((r) => !r.built && !disabled.has(r.name));
  if (missing.length > 0) {
    logger.warn({ notBuilt: missing.map((r) => `${r.name} (${r.issue})`) }, `not built yet: ${missing.map((r) => r.name).join(', ')}`);
  }
  logger.info('server ready');
  await untilAborted(signal);
  logger.info('shutting down');
  roles.abort();
  await Promise.all(running);
  ctx.clientset.close();
  await apiserver.close();
  await store.close();
}
