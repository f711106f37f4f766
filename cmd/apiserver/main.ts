// `kubelite apiserver`: the API server, REST and watch over the store.
import { runApiserver, standaloneApiserverFlags } from '../../pkg/server/apiserver-role.js';
import { defineCommand } from '../../pkg/util/command.js';

/** command is `kubelite apiserver`. */
export const command = defineCommand({
  name: 'apiserver',
  usage: 'kubelite apiserver [flags]',
  description: 'Run the API server: the Kubernetes REST and watch API over the store in --data-dir.\nWrites DATA_DIR/kubeconfig (admin) and DATA_DIR/node-token (for joining nodes).',
  flags: standaloneApiserverFlags,
  async run(values, { signal, logger }) {
    await runApiserver(values, signal, logger);
  },
});
