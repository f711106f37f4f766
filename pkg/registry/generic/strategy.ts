// Strategy: what differs between resources (defaults, validation, allocation, status rules).
// The generic registry does everything else the same way for every kind.
import type { FieldError } from '../../../api/meta/field-error.js';
import type { KubeObject } from '../../../api/meta/object.js';

/** Strategy customises the generic registry for one resource. Every hook is optional. */
export interface Strategy {
  /** defaults fills in defaults, in place (SetDefaults_*). */
  defaults?(obj: KubeObject): void;
  /** prepareForCreate is the kind's own work once metadata and allocations are set (a Job's selector from its uid). */
  prepareForCreate?(obj: KubeObject): void;
  /** prepareForUpdate carries over what an update may leave out (allocated service fields). */
  prepareForUpdate?(obj: KubeObject, old: KubeObject): void;
  validateCreate?(obj: KubeObject): FieldError[];
  validateUpdate?(obj: KubeObject, old: KubeObject): FieldError[];
  /** beforeCreate allocates what the object needs (ClusterIP, NodePort, pod CIDR); may throw a StatusError. */
  beforeCreate?(obj: KubeObject, dryRun: boolean): Promise<void> | void;
  /** afterCreate follows up a create (a new namespace gets its default ServiceAccount). */
  afterCreate?(obj: KubeObject): Promise<void> | void;
  /** beforeUpdate checks or allocates on update. */
  beforeUpdate?(obj: KubeObject, old: KubeObject, dryRun: boolean): Promise<void> | void;
  /** afterUpdate releases what an update gave up (a NodePort no longer used). */
  afterUpdate?(obj: KubeObject, old: KubeObject): void;
  /** beforeDelete may refuse a delete (a protected namespace) by throwing a StatusError. */
  beforeDelete?(obj: KubeObject): void;
  /** afterDelete releases what beforeCreate allocated. */
  afterDelete?(obj: KubeObject): void;
  /** gracefulDeletion returns the grace period to wait for (pods), or 0 to delete at once. */
  gracePeriod?(obj: KubeObject, requested: number | undefined): number;
  /** generation: true when spec changes bump metadata.generation (workload controllers read it). */
  generation?: boolean;
  /** resetStatusOnCreate: the status a new object starts with (status belongs to controllers). */
  initialStatus?(obj: KubeObject): unknown;
  /** allowCreateOnUpdate: PUT of a missing object creates it (events, leases as in Kubernetes). */
  allowCreateOnUpdate?: boolean;
}
