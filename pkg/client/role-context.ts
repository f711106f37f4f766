// RoleContext: what every role (scheduler, controller-manager, kubelet, proxy) runs with. In the
// all-in-one server the roles share one Clientset and one informer factory (one watch and one
// cache per resource, still fed only by the API); standalone, a role builds its own.
import { join } from 'node:path';
import { Registry } from 'prom-client';
import type { Logger } from '../util/log.js';
import { SharedInformerFactory } from './cache/informer-factory.js';
import { Clientset } from './clientset.js';
import { loadClientConfig } from './kubeconfig.js';

/** RoleContext is passed to every role's run(opts, signal, ctx). */
export interface RoleContext {
  clientset: Clientset;
  informers: SharedInformerFactory;
  logger: Logger;
  /** metrics is the role's Prometheus registry, served on its /metrics. */
  metrics: Registry;
}

/** roleContext builds a context from --kubeconfig (default DATA_DIR/kubeconfig). */
export function roleContext(flags: { kubeconfig: string; dataDir: string }, logger: Logger, userAgent: string): RoleContext {
  const config = loadClientConfig({ kubeconfig: flags.kubeconfig || join(flags.dataDir, 'kubeconfig') });
  const clientset = new Clientset(config, userAgent);
  return { clientset, informers: new SharedInformerFactory(clientset), logger, metrics: new Registry() };
}
