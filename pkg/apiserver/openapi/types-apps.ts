// apps/v1 (ReplicaSet, Deployment, DaemonSet), batch/v1 (Job) and coordination.k8s.io/v1 (Lease),
// written from k8s.io/api (1.32); descriptions shortened.
import type { Package, TypeDecl } from './dsl.js';
import { STANDARD_FIELDS } from './types-meta.js';

const { apiVersion, kind, metadata } = STANDARD_FIELDS;

const condition = (what: string, extra: Record<string, string> = {}): TypeDecl => [`${what} describes the state of the object at a certain point.`, {
  lastTransitionTime: 'Time Last time the condition transitioned from one status to another.',
  message: 'string A human readable message indicating details about the transition.',
  reason: "string The reason for the condition's last transition.",
  status: 'string! Status of the condition, one of True, False, Unknown.',
  type: 'string! Type of the condition.',
  ...extra,
}];

const kindOf = (what: string, spec: string, status: string): TypeDecl => [what, {
  apiVersion, kind, metadata,
  spec: `${spec} Specification of the desired behavior.`,
  status: `${status} Most recently observed status. Populated by the system. Read-only.`,
}];

const minReadySeconds = 'int32 Minimum number of seconds for which a newly created pod should be ready without any of its container crashing, for it to be considered available. Defaults to 0.';
const revisionHistoryLimit = 'int32 The number of old history to retain to allow rollback.';
const selector = 'LabelSelector! Label selector for pods. It must match the pod template\'s labels.';
const maxSurge = 'IntOrString The maximum number of pods that can be scheduled above the desired number of pods. Value can be an absolute number (ex: 5) or a percentage of desired pods (ex: 10%).';
const maxUnavailable = 'IntOrString The maximum number of pods that can be unavailable during the update. Value can be an absolute number (ex: 5) or a percentage of desired pods (ex: 10%).';

/** APPS_TYPES are apps/v1's workload kinds and their parts. */
export const APPS_TYPES: Package = {
  prefix: 'io.k8s.api.apps.v1',
  types: {
    ReplicaSet: kindOf('ReplicaSet ensures that a specified number of pod replicas are running at any given time.', 'ReplicaSetSpec', 'ReplicaSetStatus'),
    ReplicaSetSpec: ['ReplicaSetSpec is the specification of a ReplicaSet.', {
      minReadySeconds,
      replicas: 'int32 Replicas is the number of desired pods. Defaults to 1.',
      selector,
      template: 'PodTemplateSpec Template is the object that describes the pod that will be created if insufficient replicas are detected.',
    }],
    ReplicaSetStatus: ['ReplicaSetStatus represents the current status of a ReplicaSet.', {
      availableReplicas: 'int32 The number of available non-terminating pods (ready for at least minReadySeconds) for this replica set.',
      conditions: "[]ReplicaSetCondition@map:type Represents the latest available observations of a replica set's current state.",
      fullyLabeledReplicas: 'int32 The number of non-terminating pods that have labels matching the labels of the pod template of the replicaset.',
      observedGeneration: 'int64 ObservedGeneration reflects the generation of the most recently observed ReplicaSet.',
      readyReplicas: 'int32 The number of non-terminating pods targeted by this ReplicaSet with a Ready Condition.',
      replicas: 'int32! Replicas is the most recently observed number of non-terminating pods.',
      terminatingReplicas: 'int32 The number of terminating pods for this replica set.',
    }],
    ReplicaSetCondition: condition('ReplicaSetCondition'),
    Deployment: kindOf('Deployment enables declarative updates for Pods and ReplicaSets.', 'DeploymentSpec', 'DeploymentStatus'),
    DeploymentSpec: ['DeploymentSpec is the specification of the desired behavior of the Deployment.', {
      minReadySeconds,
      paused: 'bool Indicates that the deployment is paused.',
      progressDeadlineSeconds: 'int32 The maximum time in seconds for a deployment to make progress before it is considered to be failed. Defaults to 600s.',
      replicas: 'int32 Number of desired pods. Defaults to 1.',
      revisionHistoryLimit: `${revisionHistoryLimit} Defaults to 10.`,
      selector,
      strategy: 'DeploymentStrategy The deployment strategy to use to replace existing pods with new ones.',
      template: 'PodTemplateSpec! Template describes the pods that will be created. The only allowed template.spec.restartPolicy value is "Always".',
    }],
    DeploymentStrategy: ['DeploymentStrategy describes how to replace existing pods with new ones.', {
      rollingUpdate: 'RollingUpdateDeployment Rolling update config params. Present only if DeploymentStrategyType = RollingUpdate.',
      type: 'string Type of deployment: "Recreate" or "RollingUpdate". Default is RollingUpdate.',
    }],
    RollingUpdateDeployment: ['Spec to control the desired behavior of rolling update.', { maxSurge, maxUnavailable }],
    DeploymentStatus: ['DeploymentStatus is the most recently observed status of the Deployment.', {
      availableReplicas: 'int32 Total number of available non-terminating pods (ready for at least minReadySeconds) targeted by this deployment.',
      collisionCount: 'int32 Count of hash collisions for the Deployment, used as a collision avoidance mechanism when it needs to create the name for the newest ReplicaSet.',
      conditions: "[]DeploymentCondition@map:type Represents the latest available observations of a deployment's current state.",
      observedGeneration: 'int64 The generation observed by the deployment controller.',
      readyReplicas: 'int32 Total number of non-terminating pods targeted by this Deployment with a Ready Condition.',
      replicas: 'int32 Total number of non-terminating pods targeted by this deployment (their labels match the selector).',
      terminatingReplicas: 'int32 Total number of terminating pods targeted by this deployment.',
      unavailableReplicas: 'int32 Total number of unavailable pods targeted by this deployment.',
      updatedReplicas: 'int32 Total number of non-terminating pods targeted by this deployment that have the desired template spec.',
    }],
    DeploymentCondition: condition('DeploymentCondition', { lastUpdateTime: 'Time The last time this condition was updated.' }),
    DaemonSet: kindOf('DaemonSet represents the configuration of a daemon set.', 'DaemonSetSpec', 'DaemonSetStatus'),
    DaemonSetSpec: ['DaemonSetSpec is the specification of a daemon set.', {
      minReadySeconds,
      revisionHistoryLimit: `${revisionHistoryLimit} Defaults to 10.`,
      selector,
      template: 'PodTemplateSpec! An object that describes the pod that will be created on every eligible node.',
      updateStrategy: 'DaemonSetUpdateStrategy An update strategy to replace existing DaemonSet pods with new pods.',
    }],
    DaemonSetUpdateStrategy: ['DaemonSetUpdateStrategy is a struct used to control the update strategy for a DaemonSet.', {
      rollingUpdate: 'RollingUpdateDaemonSet Rolling update config params. Present only if type = "RollingUpdate".',
      type: 'string Type of daemon set update. Can be "RollingUpdate" or "OnDelete". Default is RollingUpdate.',
    }],
    RollingUpdateDaemonSet: ['Spec to control the desired behavior of daemon set rolling update.', { maxSurge, maxUnavailable }],
    DaemonSetStatus: ['DaemonSetStatus represents the current status of a daemon set.', {
      collisionCount: 'int32 Count of hash collisions for the DaemonSet.',
      conditions: "[]DaemonSetCondition@map:type Represents the latest available observations of a DaemonSet's current state.",
      currentNumberScheduled: 'int32! The number of nodes that are running at least 1 daemon pod and are supposed to run the daemon pod.',
      desiredNumberScheduled: 'int32! The total number of nodes that should be running the daemon pod (including nodes correctly running the daemon pod).',
      numberAvailable: 'int32 The number of nodes that should be running the daemon pod and have one or more of the daemon pod running and available.',
      numberMisscheduled: 'int32! The number of nodes that are running the daemon pod, but are not supposed to run the daemon pod.',
      numberReady: 'int32! The number of nodes that should be running the daemon pod and have one or more of the daemon pod running with a Ready Condition.',
      numberUnavailable: 'int32 The number of nodes that should be running the daemon pod and have none of the daemon pod running and available.',
      observedGeneration: 'int64 The most recent generation observed by the daemon set controller.',
      updatedNumberScheduled: 'int32 The total number of nodes that are running updated daemon pod',
    }],
    DaemonSetCondition: condition('DaemonSetCondition'),
  },
};

/** BATCH_TYPES are batch/v1's Job and its parts. */
export const BATCH_TYPES: Package = {
  prefix: 'io.k8s.api.batch.v1',
  types: {
    Job: kindOf('Job represents the configuration of a single job.', 'JobSpec', 'JobStatus'),
    JobSpec: ['JobSpec describes how the job execution will look like.', {
      activeDeadlineSeconds: 'int64 Specifies the duration in seconds relative to the startTime that the job may be continuously active before the system tries to terminate it.',
      backoffLimit: 'int32 Specifies the number of retries before marking this job failed. Defaults to 6.',
      backoffLimitPerIndex: 'int32 Specifies the limit for the number of retries within an index before marking this index as failed.',
      completionMode: 'string completionMode specifies how Pod completions are tracked: NonIndexed (default) or Indexed.',
      completions: 'int32 Specifies the desired number of successfully finished pods the job should be run with.',
      managedBy: 'string ManagedBy field indicates the controller that manages a Job.',
      manualSelector: 'bool manualSelector controls generation of pod labels and pod selectors. Leave unset unless you are certain what you are doing.',
      maxFailedIndexes: 'int32 Specifies the maximal number of failed indexes before marking the Job as failed, when backoffLimitPerIndex is set.',
      parallelism: 'int32 Specifies the maximum desired number of pods the job should run at any given time.',
      podFailurePolicy: 'PodFailurePolicy Specifies the policy of handling failed pods.',
      podReplacementPolicy: 'string podReplacementPolicy specifies when to create replacement Pods: TerminatingOrFailed or Failed.',
      selector: 'LabelSelector A label query over pods that should match the pod count. Normally, the system sets this field for you.',
      successPolicy: 'SuccessPolicy successPolicy specifies the policy when the Job can be declared as succeeded.',
      suspend: 'bool suspend specifies whether the Job controller should create Pods or not.',
      template: 'PodTemplateSpec! Describes the pod that will be created when executing a job. The only allowed template.spec.restartPolicy values are "Never" or "OnFailure".',
      ttlSecondsAfterFinished: 'int32 ttlSecondsAfterFinished limits the lifetime of a Job that has finished execution (either Complete or Failed).',
    }],
    PodFailurePolicy: ['PodFailurePolicy describes how failed pods influence the backoffLimit.', {
      rules: '[]PodFailurePolicyRule@atomic! A list of pod failure policy rules. The rules are evaluated in order.',
    }],
    PodFailurePolicyRule: ['PodFailurePolicyRule describes how a pod failure is handled when the requirements are met.', {
      action: 'string! Specifies the action taken on a pod failure when the requirements are satisfied: FailJob, FailIndex, Ignore or Count.',
      onExitCodes: 'PodFailurePolicyOnExitCodesRequirement Represents the requirement on the container exit codes.',
      onPodConditions: '[]PodFailurePolicyOnPodConditionsPattern@atomic Represents the requirement on the pod conditions.',
    }],
    PodFailurePolicyOnExitCodesRequirement: ['PodFailurePolicyOnExitCodesRequirement describes the requirement for handling a failed pod based on its container exit codes.', {
      containerName: 'string Restricts the check for exit codes to the container with the specified name.',
      operator: "string! Represents the relationship between the container exit code(s) and the specified values: In or NotIn.",
      values: '[]int32@set! Specifies the set of values.',
    }],
    PodFailurePolicyOnPodConditionsPattern: ['PodFailurePolicyOnPodConditionsPattern describes a pattern for matching an actual pod condition type.', {
      status: 'string! Specifies the required Pod condition status.',
      type: 'string! Specifies the required Pod condition type.',
    }],
    SuccessPolicy: ['SuccessPolicy describes when a Job can be declared as succeeded based on the success of some indexes.', {
      rules: '[]SuccessPolicyRule@atomic! rules represents the list of alternative rules for the declaring the Jobs as successful before `.status.succeeded >= .spec.completions`.',
    }],
    SuccessPolicyRule: ['SuccessPolicyRule describes rule for declaring a Job as succeeded.', {
      succeededCount: 'int32 succeededCount specifies the minimal required size of the actual set of the succeeded indexes for the Job.',
      succeededIndexes: 'string succeededIndexes specifies the set of indexes which need to be contained in the actual set of the succeeded indexes for the Job.',
    }],
    JobStatus: ['JobStatus represents the current state of a Job.', {
      active: 'int32 The number of pending and running pods which are not terminating (without a deletionTimestamp).',
      completedIndexes: 'string completedIndexes holds the completed indexes when .spec.completionMode = "Indexed" in a text format.',
      completionTime: 'Time Represents time when the job was completed.',
      conditions: "[]JobCondition@atomic The latest available observations of an object's current state.",
      failed: 'int32 The number of pods which reached phase Failed.',
      failedIndexes: 'string FailedIndexes holds the failed indexes when spec.backoffLimitPerIndex is set.',
      ready: 'int32 The number of active pods which have a Ready condition and are not terminating (without a deletionTimestamp).',
      startTime: 'Time Represents time when the job controller started processing a job.',
      succeeded: 'int32 The number of pods which reached phase Succeeded.',
      terminating: 'int32 The number of pods which are terminating (in phase Pending or Running and have a deletionTimestamp).',
      uncountedTerminatedPods: 'UncountedTerminatedPods uncountedTerminatedPods holds the UIDs of Pods that have terminated but the job controller hasn\'t yet accounted for in the status counters.',
    }],
    JobCondition: condition('JobCondition', { lastProbeTime: 'Time Last time the condition was checked.' }),
    UncountedTerminatedPods: ["UncountedTerminatedPods holds UIDs of Pods that have terminated but haven't been accounted in Job status counters.", {
      failed: '[]string@set failed holds UIDs of failed Pods.',
      succeeded: '[]string@set succeeded holds UIDs of succeeded Pods.',
    }],
  },
};

/** COORDINATION_TYPES are coordination.k8s.io/v1's Lease. */
export const COORDINATION_TYPES: Package = {
  prefix: 'io.k8s.api.coordination.v1',
  types: {
    Lease: ['Lease defines a lease concept.', {
      apiVersion, kind, metadata,
      spec: 'LeaseSpec spec contains the specification of the Lease.',
    }],
    LeaseSpec: ['LeaseSpec is a specification of a Lease.', {
      acquireTime: 'MicroTime acquireTime is a time when the current lease was acquired.',
      holderIdentity: 'string holderIdentity contains the identity of the holder of a current lease.',
      leaseDurationSeconds: 'int32 leaseDurationSeconds is a duration that candidates for a lease need to wait to force acquire it.',
      leaseTransitions: 'int32 leaseTransitions is the number of transitions of a lease between holders.',
      preferredHolder: 'string PreferredHolder signals to a lease holder that the lease has a more optimal holder and should be given up.',
      renewTime: 'MicroTime renewTime is a time when the current holder of a lease has last updated the lease.',
      strategy: 'string Strategy indicates the strategy for picking the leader for coordinated leader election.',
    }],
  },
};
