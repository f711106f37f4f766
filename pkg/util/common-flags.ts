// Flags every subcommand takes.
import { homedir } from 'node:os';
import { join } from 'node:path';
import { flag } from './flags.js';

/** defaultDataDir is /var/lib/kubelite for root and ~/.kubelite for anyone else. */
export function defaultDataDir(): string {
  return process.getuid?.() === 0 ? '/var/lib/kubelite' : join(homedir(), '.kubelite');
}

/** commonFlags are accepted by every role and by `server`. */
export const commonFlags = {
  dataDir: flag('string', defaultDataDir(), 'directory holding everything this process keeps', '/var/lib/kubelite as root, ~/.kubelite otherwise'),
  logLevel: flag('string', 'info', 'log level: trace, debug, info, warn, error, fatal'),
};
