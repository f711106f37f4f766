// The controller manager: every controller on one shared set of informers, started only while
// this process holds the kube-controller-manager Lease.
import { setMaxListeners } from 'node:events';
import type { RoleContext } from '../client/role-context.js';
import { controllerContext, type ControllerContext, type ControllerManagerOptions } from './base/context.js';
import type { Controller } from './base/controller.js';
import { runMaybeLeaderElected } from './base/leader.js';
import { newDaemonSetController } from './daemonset/controller.js';
import { newDeploymentController } from './deployment/controller.js';
import { newEndpointsController } from './endpoints/controller.js';
import { newGarbageCollector } from './garbagecollector/controller.js';
import { newPodGarbageCollector } from './garbagecollector/pod-gc.js';
import { newJobController } from './job/controller.js';
import { newNamespaceController } from './namespace/controller.js';
import { newNodeLifecycleController } from './nodelifecycle/controller.js';
import { newReplicaSetController } from './replicaset/controller.js';
import { newReplicationController } from './replication/controller.js';

/** CONTROLLERS maps each controller's name (kube-controller-manager's --controllers names) to its constructor. */
export const CONTROLLERS = {
  replicationcontroller: newReplicationController,
  replicaset: newReplicaSetController,
  deployment: newDeploymentController,
  daemonset: newDaemonSetController,
  endpoint: newEndpointsController,
  nodelifecycle: newNodeLifecycleController,
  namespace: newNamespaceController,
  garbagecollector: newGarbageCollector,
  podgc: newPodGarbageCollector,
  job: newJobController,
} satisfies Record<string, (ctx: ControllerContext) => Controller>;

/** ControllerName names one controller. */
export type ControllerName = keyof typeof CONTROLLERS;

/** runControllers builds the named controllers, hands them to onBuilt, and runs them until signal aborts. */
export async function runControllers(ctx: ControllerContext, names: readonly ControllerName[], signal: AbortSignal, onBuilt: (controllers: Controller[]) => void = () => undefined): Promise<void> {
  const controllers = names.map((n) => CONTROLLERS[n](ctx));
  // Each controller (and each informer it waits for) listens on the one signal: that is by design.
  setMaxListeners(Math.max(20, controllers.length * 4), signal);
  onBuilt(controllers);
  await Promise.all(controllers.map((c) => c.run(signal)));
}

/** run is the controller-manager role: leader election, then every controller, until signal aborts. */
export async function run(opts: ControllerManagerOptions, signal: AbortSignal, role: RoleContext): Promise<void> {
  const ctx = controllerContext(role, opts);
  const names = Object.keys(CONTROLLERS) as ControllerName[];
  // The informers the controllers ask for (one per resource for the garbage collector) usually
  // run on this same signal, each listening for its abort.
  setMaxListeners(100, signal);
  await runMaybeLeaderElected(role.clientset, opts, role.logger, signal, async (leading) => {
    role.logger.info({ controllers: names }, 'starting controllers');
    await runControllers(ctx, names, leading);
  });
}
