// `kubelite server`: all roles in one process, the default a newcomer runs.
import { run } from '../../pkg/server/run.js';
import { serverFlags } from '../../pkg/server/flags.js';
import { defineCommand } from '../../pkg/util/command.js';

/** command is `kubelite server`. */
export const command = defineCommand({
  name: 'server',
  usage: 'kubelite server [flags]',
  description: 'Run every role (apiserver, scheduler, controller-manager, kubelet, proxy) in one process.\nAccepts the flags of every role.',
  flags: serverFlags,
  async run(values, { signal, logger }) {
    await run(values, signal, logger);
  },
});
