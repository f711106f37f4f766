// Hollow nodes (kubemark's idea): --hollow-nodes N runs N kubelets in this process, each with its
// own Node, Lease and fake runtime, to load the control plane like N real nodes. What can be shared
// is: one pod informer (one watch, one cache, indexed by spec.nodeName) routes every pod to its
// node's kubelet, and one client, one metrics set and one kubernetes-service lookup serve them all.
import { setMaxListeners } from 'node:events';
import type { SharedInformer } from '../client/cache/shared-informer.js';
import type { RoleContext } from '../client/role-context.js';
import { kubeletConfig } from './config.js';
import { feedKubelets } from './feed.js';
import { Kubelet, kubernetesServiceEnv } from './kubelet.js';
import type { KubeletMetrics } from './metrics.js';
import type { KubeletOptions } from './options.js';
import { FakeRuntime } from './runtime/fake/runtime.js';
import type { Pod } from './types.js';

/** HOLLOW_LABEL marks the nodes of hollow kubelets. */
export const HOLLOW_LABEL = 'kubelite.io/hollow';

/** hollowNodeName is the name of hollow node i. */
export const hollowNodeName = (base: string, i: number): string => `${base}-${i}`;

/** runHollow runs opts.hollowNodes hollow kubelets until signal aborts. */
export async function runHollow(opts: KubeletOptions, parent: AbortSignal, ctx: RoleContext, metrics: KubeletMetrics): Promise<void> {
  // Every hollow kubelet listens to this signal once.
  const stop = new AbortController();
  const signal = stop.signal;
  setMaxListeners(opts.hollowNodes + 64, signal);
  const onAbort = (): void => stop.abort();
  parent.addEventListener('abort', onAbort, { once: true });
  if (parent.aborted) stop.abort();
  const kubelets = new Map<string, Kubelet>();
  const serviceEnv = kubernetesServiceEnv(ctx.clientset);
  for (let i = 0; i < opts.hollowNodes; i++) {
    const name = hollowNodeName(opts.nodeName, i);
    kubelets.set(name, new Kubelet(kubeletConfig(opts, name, { [HOLLOW_LABEL]: 'true' }), {
      clientset: ctx.clientset, logger: ctx.logger.child({ node: name }), metrics, serviceEnv,
      // Nobody reads hollow containers' logs: writing them would cost a file per container.
      openRuntime: async (podCidr) => new FakeRuntime({ ...(podCidr ? { podCidr } : {}), startDelayMs: opts.fakeStartDelay, writeLogs: false }),
    }));
  }
  // Bound pods only; the cache's spec.nodeName index is what routing relies on.
  const informer = ctx.informers.informerFor<Pod>('', 'pods', { fieldSelector: 'spec.nodeName!=' });
  const feed = feedKubelets(informer as SharedInformer<Pod>, (name) => kubelets.get(name), () => kubelets.values(), signal);
  ctx.informers.start(signal);
  ctx.logger.info({ nodes: opts.hollowNodes, first: hollowNodeName(opts.nodeName, 0) }, 'starting hollow nodes');
  try {
    await Promise.all([...kubelets.values()].map((k) => k.run(signal).catch((err: unknown) => {
      if (!signal.aborted) ctx.logger.error({ err: (err as Error).message, node: k.cfg.nodeName }, 'hollow kubelet failed');
    })));
  } finally {
    feed.remove();
    parent.removeEventListener('abort', onAbort);
  }
}
