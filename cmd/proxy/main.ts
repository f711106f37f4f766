// `kubelite proxy`: the service proxy, which makes ClusterIPs and NodePorts reach endpoints.
import { roleContext } from '../../pkg/client/role-context.js';
import { proxyFlags } from '../../pkg/proxy/options.js';
import { run } from '../../pkg/proxy/run.js';
import { defineCommand } from '../../pkg/util/command.js';
import { commonFlags } from '../../pkg/util/common-flags.js';
import { serveMetrics } from '../../pkg/util/metrics-server.js';

/** command is `kubelite proxy`. */
export const command = defineCommand({
  name: 'proxy',
  usage: 'kubelite proxy [flags]',
  description: 'Run the service proxy, which makes ClusterIPs and NodePorts reach endpoints, and the cluster DNS.\nMode iptables (root on Linux) programs NAT rules; mode userspace forwards connections itself.\nRules stay in place when it stops; `kubelite cleanup` removes them.',
  flags: { ...commonFlags, ...proxyFlags },
  async run(values, { signal, logger }) {
    const ctx = roleContext(values, logger, 'kubelite-proxy');
    const metrics = await serveMetrics(values.metricsBindAddress, ctx.metrics, signal);
    logger.info({ metrics: `${metrics.url}/metrics` }, 'serving metrics');
    ctx.informers.start(signal);
    try {
      await run(values, signal, ctx);
    } finally {
      if (signal.aborted) await ctx.informers.shutdown();
      ctx.clientset.close();
    }
  },
});
