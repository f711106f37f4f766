// The ReplicationController controller (core/v1): the replica manager with equality-map selectors.
import type { ControllerContext } from '../base/context.js';
import { REPLICATION_CONTROLLER } from '../replicaset/kinds.js';
import { ReplicaManager } from '../replicaset/replica-manager.js';

/** newReplicationController builds the ReplicationController controller. */
export function newReplicationController(ctx: ControllerContext): ReplicaManager {
  return new ReplicaManager(ctx, REPLICATION_CONTROLLER);
}
