// One strategy per served kind: its defaulting, the kind-specific preparation kube-apiserver's
// strategies do before validating, and create/update validation. The generic registry calls these
// in kube-apiserver's order: defaults on decode; on create assign name/uid, allocate (cluster IP,
// node ports), prepareForCreate, validateCreate; on update prepareForUpdate, then validateUpdate.
import type { FieldError } from './meta/field-error.js';
import type { JsonObject } from './meta/validation-json.js';
import { RESOURCES, groupVersion } from './resources.js';
import { defaultDaemonSet, prepareDaemonSetForCreate, prepareDaemonSetForUpdate, validateDaemonSet, validateDaemonSetUpdate } from './apps/v1/daemon-set.js';
import { defaultDeployment, validateDeployment, validateDeploymentUpdate } from './apps/v1/deployment.js';
import { defaultReplicaSet, validateReplicaSet, validateReplicaSetUpdate } from './apps/v1/replica-set.js';
import { defaultJob, prepareJobForCreate, validateJob, validateJobUpdate } from './batch/v1/job.js';
import { defaultLease, validateLease, validateLeaseUpdate } from './coordination/v1/lease.js';
import { defaultConfigMap, validateConfigMap, validateConfigMapUpdate } from './core/v1/config-map.js';
import { defaultEndpoints, validateEndpoints, validateEndpointsUpdate } from './core/v1/endpoints.js';
import { defaultEvent, validateEvent, validateEventUpdate } from './core/v1/event.js';
import { defaultNamespace, prepareNamespaceForCreate, prepareNamespaceForUpdate, validateNamespace, validateNamespaceUpdate } from './core/v1/namespace.js';
import { defaultNode, validateNode, validateNodeUpdate } from './core/v1/node.js';
import { defaultPod, podInitialStatus, validatePod, validatePodUpdate } from './core/v1/pod.js';
import { defaultReplicationController, validateReplicationController, validateReplicationControllerUpdate } from './core/v1/replication-controller.js';
import { defaultSecret, validateSecret, validateSecretUpdate } from './core/v1/secret.js';
import { defaultService, prepareServiceForUpdate, validateService, validateServiceUpdate } from './core/v1/service.js';
import { defaultServiceAccount, validateServiceAccount, validateServiceAccountUpdate } from './core/v1/service-account.js';

/** KindStrategy is what differs between kinds in defaulting, preparation and validation. */
export interface KindStrategy {
  /** defaults applies the kind's SetDefaults_* in place (what decoding a request does). */
  defaults(obj: JsonObject): void;
  /** prepareForCreate does the kind's strategy work that needs server-set metadata (a Job's selector needs its uid). */
  prepareForCreate(obj: JsonObject): void;
  /** prepareForUpdate carries over what an update may not set or may leave out (allocated service values, template generation). */
  prepareForUpdate(obj: JsonObject, old: JsonObject): void;
  validateCreate(obj: JsonObject): FieldError[];
  validateUpdate(obj: JsonObject, old: JsonObject): FieldError[];
  /** allowUnconditionalUpdate: a PUT without resourceVersion overwrites (the server fills in the current one); false for Lease. */
  allowUnconditionalUpdate: boolean;
  /** initialStatus is the status a new object starts with, where the strategy sets one (pods). */
  initialStatus?(obj: JsonObject): JsonObject;
}

type UpdateValidator = (obj: JsonObject, old: JsonObject, opts: { allowUnconditionalUpdate?: boolean }) => FieldError[];

const noop = (): void => {};

function strategy(
  defaults: (obj: JsonObject) => void,
  validateCreate: (obj: JsonObject) => FieldError[],
  validateUpdate: UpdateValidator,
  extra: Partial<Pick<KindStrategy, 'prepareForCreate' | 'prepareForUpdate' | 'initialStatus' | 'allowUnconditionalUpdate'>> = {},
): KindStrategy {
  const allowUnconditionalUpdate = extra.allowUnconditionalUpdate ?? true;
  return {
    defaults,
    prepareForCreate: extra.prepareForCreate ?? noop,
    prepareForUpdate: extra.prepareForUpdate ?? noop,
    validateCreate,
    validateUpdate: (obj, old) => validateUpdate(obj, old, { allowUnconditionalUpdate }),
    allowUnconditionalUpdate,
    ...(extra.initialStatus ? { initialStatus: extra.initialStatus } : {}),
  };
}

const STRATEGIES: Record<string, KindStrategy> = {
  'v1/Namespace': strategy(defaultNamespace, validateNamespace, validateNamespaceUpdate, {
    prepareForCreate: prepareNamespaceForCreate, prepareForUpdate: prepareNamespaceForUpdate,
  }),
  'v1/Node': strategy(defaultNode, validateNode, validateNodeUpdate),
  'v1/Pod': strategy(defaultPod, validatePod, validatePodUpdate, { initialStatus: podInitialStatus }),
  'v1/Service': strategy(defaultService, validateService, validateServiceUpdate, { prepareForUpdate: prepareServiceForUpdate }),
  'v1/Endpoints': strategy(defaultEndpoints, validateEndpoints, validateEndpointsUpdate),
  'v1/ReplicationController': strategy(defaultReplicationController, validateReplicationController, validateReplicationControllerUpdate),
  'v1/Event': strategy(defaultEvent, validateEvent, validateEventUpdate),
  'v1/ConfigMap': strategy(defaultConfigMap, validateConfigMap, validateConfigMapUpdate),
  'v1/Secret': strategy(defaultSecret, validateSecret, validateSecretUpdate),
  'v1/ServiceAccount': strategy(defaultServiceAccount, validateServiceAccount, validateServiceAccountUpdate),
  'apps/v1/ReplicaSet': strategy(defaultReplicaSet, validateReplicaSet, validateReplicaSetUpdate),
  'apps/v1/Deployment': strategy(defaultDeployment, validateDeployment, validateDeploymentUpdate),
  'apps/v1/DaemonSet': strategy(defaultDaemonSet, validateDaemonSet, validateDaemonSetUpdate, {
    prepareForCreate: prepareDaemonSetForCreate, prepareForUpdate: prepareDaemonSetForUpdate,
  }),
  'batch/v1/Job': strategy(defaultJob, validateJob, validateJobUpdate, { prepareForCreate: prepareJobForCreate }),
  'coordination.k8s.io/v1/Lease': strategy(defaultLease, validateLease, (obj, old) => validateLeaseUpdate(obj, old), { allowUnconditionalUpdate: false }),
};

/** strategyFor returns the strategy of a served kind, or undefined for a kind that is not served. */
export function strategyFor(apiVersion: string, kind: string): KindStrategy | undefined {
  if (!RESOURCES.some((r) => r.kind === kind && groupVersion(r) === apiVersion)) return undefined;
  return STRATEGIES[`${apiVersion}/${kind}`];
}
