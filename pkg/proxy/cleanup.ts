// `kubelite cleanup` for the proxy: the jumps from the built-in chains, every chain of its prefix
// in the nat and filter tables, and its interface (with the service range route and the /32s on
// it). The prefix comes from DATA_DIR/proxy/state.json, written before the proxy changes
// anything, or is derived from the data dir as the proxy derives it. pkg/proxy may not import
// pkg/cleanup, so this is a plain object of the Cleaner shape; cmd/cleanup puts it in CLEANERS.
import type { Logger } from '../util/log.js';
import { exec as hostExec, succeeds, type Exec } from './exec.js';
import { removeServiceInterface } from './host-net.js';
import { chainsWithPrefix, hooksInto } from './iptables/restore.js';
import { proxyNames, readState, removeState, unregister } from './names.js';

/** ProxyCleaner has the shape of pkg/cleanup's Cleaner. */
export interface ProxyCleaner {
  name: string;
  clean(dataDir: string, logger: Logger): Promise<string[]>;
}

// Hooks are deleted by their exact text from iptables-save ("-A CHAIN rule" → "-D CHAIN rule");
// the text is split on spaces outside double quotes, as the shell would.
function words(line: string): string[] {
  return (line.match(/"[^"]*"|\S+/g) ?? []).map((w) => w.replace(/^"(.*)"$/, '$1'));
}

/** removeProxyRules removes every hook and chain of a prefix; it reports what it removed. */
export async function removeProxyRules(run: Exec, prefix: string): Promise<string[]> {
  if (!(await succeeds(run, 'iptables-save', ['--version']))) return [];
  const removed: string[] = [];
  for (const table of ['nat', 'filter'] as const) {
    const save = await run('iptables-save', ['-t', table]);
    for (const hook of hooksInto(save, prefix)) {
      const [, chain, ...rule] = words(hook);
      await run('iptables', ['-w', '5', '-t', table, '-D', chain as string, ...rule]);
      removed.push(`iptables ${table} rule ${hook.slice(3)}`);
    }
    const chains = chainsWithPrefix(save, prefix);
    if (chains.length === 0) continue;
    const text = [`*${table}`, ...chains.map((c) => `:${c} - [0:0]`), ...chains.map((c) => `-X ${c}`), 'COMMIT', ''].join('\n');
    await run('iptables-restore', ['-w', '5', '--noflush'], text);
    removed.push(`iptables ${table} chains ${prefix}-* (${chains.length})`);
  }
  return removed;
}

/** cleanProxy removes what the proxy of dataDir added to the machine. */
export async function cleanProxy(dataDir: string, run: Exec = hostExec): Promise<string[]> {
  const state = readState(dataDir);
  const names = state ? { ...proxyNames(dataDir, state.prefix), iface: state.iface } : proxyNames(dataDir);
  const removed = [...(await removeProxyRules(run, names.prefix))];
  if (await succeeds(run, 'ip', ['-V'])) removed.push(...(await removeServiceInterface(run, names.iface)));
  removeState(dataDir);
  unregister(names.prefix);
  return removed;
}

/** proxyCleaner removes the proxy's rules, chains and interface. */
export const proxyCleaner: ProxyCleaner = {
  name: 'service proxy rules and interface',
  clean: (dataDir) => cleanProxy(dataDir),
};

/** PROXY_CLEANERS are the proxy's cleaners, for cmd/cleanup to add to CLEANERS. */
export const PROXY_CLEANERS: ProxyCleaner[] = [proxyCleaner];
