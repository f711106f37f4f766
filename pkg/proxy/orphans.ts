// Proxies that changed the machine register in /run/kubelite/proxies, one file per prefix. A
// proxy whose process is gone and whose data dir no longer exists (a test's temp dir, removed
// without `kubelite cleanup`) can never be cleaned up by name again, so the next proxy started in
// the same network namespace removes its chains and interface. A live process, a data dir still
// present, or another network namespace keeps an entry untouched.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { removeProxyRules } from './cleanup.js';
import type { Exec } from './exec.js';
import { removeServiceInterface } from './host-net.js';
import { netnsId, REGISTRY, unregister, type RegistryEntry } from './names.js';

const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
};

/** sweepOrphans removes what dead proxies of deleted data dirs left in this network namespace; it reports what it removed. */
export async function sweepOrphans(sh: Exec, self: string, dir = REGISTRY): Promise<string[]> {
  let files: string[];
  try {
    files = readdirSync(dir).filter((f) => f.endsWith('.json'));
  } catch {
    return [];
  }
  const here = netnsId();
  const removed: string[] = [];
  for (const f of files) {
    let e: RegistryEntry;
    try {
      e = JSON.parse(readFileSync(join(dir, f), 'utf8')) as RegistryEntry;
    } catch {
      continue;
    }
    if (e.prefix === self || e.netns !== here || alive(e.pid) || existsSync(e.dataDir)) continue;
    removed.push(...(await removeProxyRules(sh, e.prefix)), ...(await removeServiceInterface(sh, e.iface)));
    unregister(e.prefix, dir);
  }
  return removed;
}
