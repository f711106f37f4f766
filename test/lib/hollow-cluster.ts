// A cluster for controller tests: a real in-process API server, the named controllers running
// with fast tempo flags, and hollow nodes standing in for the scheduler and kubelets.
import { pino } from 'pino';
import { Registry } from 'prom-client';
import type { KubeObject } from '../../api/meta/object.js';
import { isApiError } from '../../pkg/client/rest.js';
import { SharedInformerFactory } from '../../pkg/client/cache/informer-factory.js';
import { Clientset } from '../../pkg/client/clientset.js';
import { controllerContext, type ControllerContext, type ControllerManagerOptions } from '../../pkg/controller/base/context.js';
import type { Controller } from '../../pkg/controller/base/controller.js';
import { controllerManagerFlags } from '../../pkg/controller/options.js';
import { runControllers, type ControllerName } from '../../pkg/controller/run.js';
import { startTestApi, type TestApi } from './api-server.js';
import { defaults } from './flag-defaults.js';
import { HollowNodes, type HollowOptions } from './hollow-nodes.js';

/** FAST_FLAGS are the controller-manager flags tests run with: seconds instead of minutes. */
export const FAST_FLAGS: Partial<ControllerManagerOptions> = {
  nodeMonitorGracePeriod: 2000,
  podEvictionTimeout: 1000,
  nodeMonitorPeriod: 500,
  concurrentSyncs: 5,
  leaderElect: false,
};

/** HollowCluster is what startHollowCluster returns. */
export interface HollowCluster {
  api: TestApi;
  /** cs is the test's own client (not the controllers'). */
  cs: Clientset;
  nodes: HollowNodes;
  ctx: ControllerContext;
  controllers: () => Controller[];
  /** list returns the objects of group/resource in namespace (all namespaces when omitted). */
  list<T extends KubeObject = KubeObject>(group: string, resource: string, namespace?: string, labelSelector?: string): Promise<T[]>;
  close(): Promise<void>;
}

/** HollowClusterOptions choose the controllers, flags, nodes and simulator behaviour. */
export interface HollowClusterOptions {
  controllers: ControllerName[];
  flags?: Partial<ControllerManagerOptions>;
  nodes?: string[];
  hollow?: HollowOptions;
}

/** clientsetFor builds an admin client for the test API server. */
export function clientsetFor(api: TestApi, agent = 'kubelite-test'): Clientset {
  return new Clientset({ server: api.server.url, ca: api.server.caPem, token: api.server.adminToken, namespace: 'default' }, agent);
}

/** startHollowCluster starts the API server, the hollow nodes and the controllers. */
export async function startHollowCluster(opts: HollowClusterOptions): Promise<HollowCluster> {
  const api = await startTestApi();
  const cs = clientsetFor(api);
  const nodes = new HollowNodes(cs, opts.hollow);
  await nodes.start();
  for (const n of opts.nodes ?? []) await nodes.addNode(n);
  const ccs = clientsetFor(api, 'kubelite-controller-manager');
  const stop = new AbortController();
  const informers = new SharedInformerFactory(ccs, { reflector: { backoffInitialMs: 20, backoffMaxMs: 200 } });
  const level = process.env['KUBELITE_TEST_LOG'] ?? 'silent';
  const ctx = controllerContext({ clientset: ccs, informers, logger: pino({ level }), metrics: new Registry() }, { ...defaults(controllerManagerFlags), ...FAST_FLAGS, ...opts.flags });
  informers.start(stop.signal);
  let controllers: Controller[] = [];
  const running = runControllers(ctx, opts.controllers, stop.signal, (built) => (controllers = built));
  await waitFor(() => controllers.length > 0 && controllers.every((c) => c.hasSynced()), 'controller caches to sync', 10_000);
  return {
    api,
    cs,
    nodes,
    ctx,
    controllers: () => controllers,
    async list<T extends KubeObject = KubeObject>(group: string, resource: string, namespace?: string, labelSelector?: string): Promise<T[]> {
      return (await cs.resource(group, resource).list(namespace, labelSelector ? { labelSelector } : {})).items as T[];
    },
    async close() {
      stop.abort();
      await running;
      await informers.shutdown();
      await nodes.close();
      ccs.close();
      cs.close();
      await api.close();
    },
  };
}

/** waitFor polls a condition of the test (never of the code under test) until it holds. */
export async function waitFor(cond: () => boolean | Promise<boolean>, what: string, ms = 10_000): Promise<void> {
  const end = Date.now() + ms;
  let lastErr: unknown;
  for (;;) {
    try {
      if (await cond()) return;
    } catch (err) {
      lastErr = err;
    }
    if (Date.now() > end) throw new Error(`timed out after ${ms} ms waiting for ${what}${lastErr ? `: ${String(lastErr)}` : ''}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

/**
 * retryConflicts repeats a write that lost an optimistic-concurrency race with the controllers
 * (the API server gives up a PATCH after a few conflicts in a row).
 */
export async function retryConflicts<T>(fn: () => Promise<T>, attempts = 20): Promise<T> {
  for (let i = 1; ; i++) {
    try {
      return await fn();
    } catch (err) {
      if (!isApiError(err, 'Conflict') || i >= attempts) throw err;
      await new Promise((r) => setTimeout(r, 5 * i));
    }
  }
}
