// `kubelite cleanup`: undo everything kubelite did to the machine. Each part that changes the
// machine (the kubelet's containers and mounts, the proxy's NAT rules, the CNI bridge) registers
// a Cleaner here when it is built, so cleanup never forgets a part.
import type { Logger } from '../util/log.js';

/** Cleaner removes one kind of leftover and says what it removed. */
export interface Cleaner {
  name: string;
  clean(dataDir: string, logger: Logger): Promise<string[]>;
}

/** CLEANERS are run in order: containers first, then what they used (mounts, rules, bridges). */
export const CLEANERS: Cleaner[] = [];

/** run runs every cleaner and reports what each removed; it goes on past a failing one. */
export async function run(dataDir: string, logger: Logger): Promise<{ removed: string[]; failed: string[] }> {
  const removed: string[] = [];
  const failed: string[] = [];
  for (const c of CLEANERS) {
    try {
      removed.push(...(await c.clean(dataDir, logger)));
    } catch (err) {
      failed.push(`${c.name}: ${(err as Error).message}`);
    }
  }
  return { removed, failed };
}
