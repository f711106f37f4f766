// How `kubelite server` starts each built role inside the process, on the shared RoleContext.
// A role's issue adds its line here when it lands.
import type { RoleContext } from '../client/role-context.js';
import type { ServerOptions } from './run.js';

/** RoleRunner runs one role until signal aborts. */
export type RoleRunner = (opts: ServerOptions, signal: AbortSignal, ctx: RoleContext) => Promise<void>;

/** ROLE_RUNNERS maps role names to their runners; roles without one are "not built yet". */
export const ROLE_RUNNERS: Partial<Record<'scheduler' | 'controller-manager' | 'kubelet' | 'proxy', () => Promise<RoleRunner>>> = {
  scheduler: async () => (await import('../scheduler/run.js')).run,
  'controller-manager': async () => (await import('../controller/run.js')).run,
  kubelet: async () => (await import('../kubelet/run.js')).run,
  proxy: async () => (await import('../proxy/run.js')).run,
};
