// `run(opts, signal, ctx)`: the kubelet role. One kubelet on this machine's runtime (cri, process
// or fake), or with --hollow-nodes N that many hollow kubelets on fake runtimes sharing one pod
// informer. Either way the role returns once signal aborts, leaving containers running.
import type { SharedInformer } from '../client/cache/shared-informer.js';
import type { RoleContext } from '../client/role-context.js';
import { UserFacingError } from '../util/command.js';
import type { Logger } from '../util/log.js';
import { feedKubelets } from './feed.js';
import { runHollow } from './hollow.js';
import { kubeletConfig } from './config.js';
import { Kubelet } from './kubelet.js';
import { KubeletMetrics } from './metrics.js';
import type { KubeletOptions } from './options.js';
import { FakeRuntime } from './runtime/fake/runtime.js';
import type { Runtime } from './runtime/interface.js';
import { openRuntime, type RuntimeKind } from './runtime/open.js';
import type { Pod } from './types.js';

/** run runs the kubelet role until signal aborts. */
export async function run(opts: KubeletOptions, signal: AbortSignal, ctx: RoleContext): Promise<void> {
  const metrics = KubeletMetrics.for(ctx.metrics);
  if (opts.hollowNodes > 0) {
    if (opts.runtime !== 'fake') throw new UserFacingError(`--hollow-nodes runs fake runtimes: add --runtime fake (not ${opts.runtime})`);
    await runHollow(opts, signal, ctx, metrics);
    return;
  }
  if (!['cri', 'process', 'fake'].includes(opts.runtime)) throw new UserFacingError(`unknown --runtime "${opts.runtime}": use cri, process or fake`);
  const opened: { close?: () => Promise<void> } = {};
  const kubelet = new Kubelet(kubeletConfig(opts), {
    clientset: ctx.clientset, logger: ctx.logger, metrics,
    openRuntime: async (podCidr) => {
      const o = await openNodeRuntime(opts, podCidr, ctx.logger, signal);
      opened.close = o.close;
      return o.runtime;
    },
  });
  const informer = ctx.informers.informerFor<Pod>('', 'pods', { fieldSelector: `spec.nodeName=${opts.nodeName}` });
  const feed = feedKubelets(informer as SharedInformer<Pod>, (name) => (name === opts.nodeName ? kubelet : undefined), () => [kubelet], signal);
  ctx.informers.start(signal);
  try {
    await kubelet.run(signal);
  } finally {
    feed.remove();
    await opened.close?.();
  }
}

/** openNodeRuntime opens the runtime the flags name; close releases it without stopping containers. */
export async function openNodeRuntime(opts: KubeletOptions, podCidr: string | undefined, logger: Logger, signal: AbortSignal): Promise<{ runtime: Runtime; close: () => Promise<void> }> {
  if (opts.runtime === 'fake') {
    const runtime = new FakeRuntime({ ...(podCidr ? { podCidr } : {}), startDelayMs: opts.fakeStartDelay });
    // The hollow runtime's containers live in this process; they end with it, not with the kubelet.
    return { runtime, close: async () => undefined };
  }
  if (opts.runtime === 'cri' && !opts.containerRuntimeEndpoint && !podCidr) {
    throw new UserFacingError(`node ${opts.nodeName} has no spec.podCIDR: the API server allocates one from --cluster-cidr when a node registers`);
  }
  const o = await openRuntime({
    kind: opts.runtime as RuntimeKind, dataDir: opts.dataDir, logger: logger.child({ component: 'runtime' }), endpoint: opts.containerRuntimeEndpoint,
    ...(podCidr ? { podCidr } : {}), clusterCidrs: [opts.clusterCidr, opts.serviceClusterIpRange].filter(Boolean), plainHttpRegistries: opts.insecureRegistry,
  }, signal);
  return {
    runtime: o.runtime,
    close: async () => {
      // The process runtime's close would stop its containers; the CRI client's only hangs up.
      if (opts.runtime === 'cri') await o.runtime.close();
      await o.supervisor?.stop();
    },
  };
}
