// The service proxy's flags.
import { clientFlags } from '../util/client-flags.js';
import { flag } from '../util/flags.js';

/** proxyFlags are the flags of `kubelite proxy`, also accepted by `server`. */
export const proxyFlags = {
  ...clientFlags,
  proxyMode: flag('string', '', 'iptables or userspace; empty picks iptables as root on Linux, userspace otherwise'),
  proxyMinSyncPeriod: flag('duration', 100, 'shortest interval between two rule syncs (changes are batched)'),
  proxySyncPeriod: flag('duration', 30_000, 'full resync of proxy rules, to repair rules changed from outside'),
};
