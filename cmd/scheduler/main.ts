// `kubelite scheduler`: the scheduler, which binds pending pods to nodes.
import { roleContext } from '../../pkg/client/role-context.js';
import { schedulerFlags } from '../../pkg/scheduler/options.js';
import { run } from '../../pkg/scheduler/run.js';
import { defineCommand } from '../../pkg/util/command.js';
import { commonFlags } from '../../pkg/util/common-flags.js';
import { serveMetrics } from '../../pkg/util/metrics-server.js';

/** command is `kubelite scheduler`. */
export const command = defineCommand({
  name: 'scheduler',
  usage: 'kubelite scheduler [flags]',
  description: 'Run the scheduler, which binds pending pods to nodes.\nWith --leader-elect (the default) only the holder of the kube-system/kube-scheduler Lease schedules.',
  flags: { ...commonFlags, ...schedulerFlags },
  async run(values, { signal, logger }) {
    const ctx = roleContext(values, logger, 'kubelite-scheduler');
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
