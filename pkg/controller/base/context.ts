// What every controller is built with: the role's shared client, informers, logger and metrics,
// the controller manager's flags, and one event recorder per reporting component.
import type { Registry } from 'prom-client';
import type { SharedInformerFactory } from '../../client/cache/informer-factory.js';
import type { Clientset } from '../../client/clientset.js';
import type { FlagValues } from '../../util/flags.js';
import type { Logger } from '../../util/log.js';
import type { controllerManagerFlags } from '../options.js';
import { EventRecorder } from './events.js';

/** ControllerManagerOptions are the parsed controller-manager flags. */
export type ControllerManagerOptions = FlagValues<typeof controllerManagerFlags>;

/** ControllerContext is handed to every controller's constructor. */
export interface ControllerContext {
  clientset: Clientset;
  informers: SharedInformerFactory;
  logger: Logger;
  metrics: Registry;
  options: ControllerManagerOptions;
  /** recorder returns the event recorder of a component (e.g. `replicaset-controller`). */
  recorder(component: string): EventRecorder;
}

/** controllerContext builds a ControllerContext whose recorders share one de-duplication cache per component. */
export function controllerContext(base: Omit<ControllerContext, 'recorder' | 'options'>, options: ControllerManagerOptions): ControllerContext {
  const recorders = new Map<string, EventRecorder>();
  return {
    ...base,
    options,
    recorder(component) {
      let r = recorders.get(component);
      if (!r) recorders.set(component, (r = new EventRecorder(base.clientset, component, base.logger)));
      return r;
    },
  };
}
