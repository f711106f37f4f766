// `kubelite kubelet`: the kubelet, which runs the pods bound to this node.
import { kubeletRoleContext } from '../../pkg/kubelet/client.js';
import { kubeletFlags } from '../../pkg/kubelet/options.js';
import { run } from '../../pkg/kubelet/run.js';
import { commonFlags } from '../../pkg/util/common-flags.js';
import { defineCommand } from '../../pkg/util/command.js';
import { serveMetrics } from '../../pkg/util/metrics-server.js';

/** command is `kubelite kubelet`. */
export const command = defineCommand({
  name: 'kubelet',
  usage: 'kubelite kubelet [flags]',
  description: 'Run the kubelet, which runs the pods bound to this node.\n' +
    'It reaches the API server with --kubeconfig (default DATA_DIR/kubeconfig), or joins a remote one with\n' +
    '--server URL --token NODE_TOKEN --certificate-authority CA_FILE. Stopping it leaves the pods running.',
  flags: { ...commonFlags, ...kubeletFlags },
  async run(values, { signal, logger }) {
    const log = logger.child({ role: 'kubelet' });
    const ctx = kubeletRoleContext(values, log);
    const metrics = await serveMetrics(values.metricsBindAddress, ctx.metrics, signal);
    log.info({ url: `${metrics.url}/metrics` }, 'metrics serving');
    try {
      await run(values, signal, ctx);
    } finally {
      ctx.clientset.close();
    }
  },
});
