// `kubelite controller-manager`: the controller manager (replication, deployments, daemon sets, endpoints, nodes, namespaces, GC).
import { SharedInformerFactory } from '../../pkg/client/cache/informer-factory.js';
import { KubeconfigError } from '../../pkg/client/kubeconfig.js';
import { roleContext, type RoleContext } from '../../pkg/client/role-context.js';
import { controllerManagerFlags } from '../../pkg/controller/options.js';
import { run } from '../../pkg/controller/run.js';
import { defineCommand, UserFacingError } from '../../pkg/util/command.js';
import { commonFlags } from '../../pkg/util/common-flags.js';
import { serveMetrics } from '../../pkg/util/metrics-server.js';

/** command is `kubelite controller-manager`. */
export const command = defineCommand({
  name: 'controller-manager',
  usage: 'kubelite controller-manager [flags]',
  description: 'Run the controller manager (replication, deployments, daemon sets, endpoints, nodes, namespaces, GC).\nIt acts only while it holds the Lease kube-system/kube-controller-manager (--leader-elect).',
  flags: { ...commonFlags, ...controllerManagerFlags },
  async run(values, { signal, logger }) {
    const log = logger.child({ role: 'controller-manager' });
    let ctx: RoleContext;
    try {
      ctx = roleContext(values, log, 'kubelite-controller-manager');
    } catch (err) {
      if (err instanceof KubeconfigError) throw new UserFacingError(err.message);
      throw err;
    }
    // Standalone, the role owns its informers, so --controller-resync applies to them.
    if (values.controllerResync > 0) ctx.informers = new SharedInformerFactory(ctx.clientset, { resyncMs: values.controllerResync });
    const { url } = await serveMetrics(values.metricsBindAddress, ctx.metrics, signal);
    log.info({ metrics: `${url}/metrics` }, 'serving metrics');
    ctx.informers.start(signal);
    await run(values, signal, ctx);
    await ctx.informers.shutdown();
    ctx.clientset.close();
  },
});
