// The ReplicaSet controller (apps/v1): the replica manager with matchLabels/matchExpressions selectors.
import type { ControllerContext } from '../base/context.js';
import { REPLICA_SET } from './kinds.js';
import { ReplicaManager } from './replica-manager.js';

/** newReplicaSetController builds the ReplicaSet controller. */
export function newReplicaSetController(ctx: ControllerContext): ReplicaManager {
  return new ReplicaManager(ctx, REPLICA_SET);
}
