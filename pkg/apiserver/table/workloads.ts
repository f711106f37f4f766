// Printers for the workload controllers: ReplicationController, ReplicaSet, Deployment, DaemonSet, Job.
import type { KubeObject } from '../../../api/meta/object.js';
import { humanDuration, parseTime, translateTimestampSince } from './duration.js';
import { formatLabels, formatLabelSelector, hasTrueCondition, int, labelSelectorString, layoutContainerCells, obj } from './fields.js';
import { AGE_COLUMN, column, CONTAINERS_COLUMN, IMAGES_COLUMN, NAME_COLUMN, type Printer } from './types.js';

const name = (o: KubeObject): string => o.metadata?.name ?? '';
const age = (o: KubeObject, now: number): string => translateTimestampSince(o.metadata?.creationTimestamp, now);
const templateContainers = (spec: Record<string, unknown>): [string, string] => layoutContainerCells(obj(obj(spec['template'])['spec'])['containers']);

const REPLICAS_COLUMNS = (selectorDoc: string) => [
  NAME_COLUMN,
  column('Desired', 'integer', 'Replicas is the number of desired replicas.'),
  column('Current', 'integer', 'Replicas is the most recently observed number of replicas.'),
  column('Ready', 'integer', 'The number of ready replicas for this replica set.'),
  AGE_COLUMN,
  CONTAINERS_COLUMN,
  IMAGES_COLUMN,
  column('Selector', 'string', selectorDoc, 1),
];

/** replicationControllerPrinter is the ReplicationController TableHandler; its selector is a plain label map. */
export const replicationControllerPrinter: Printer = {
  columns: REPLICAS_COLUMNS('Selector is a label query over pods that should match the Replicas count.'),
  print(rc, now) {
    const spec = obj(rc['spec']);
    const status = obj(rc['status']);
    return { cells: [name(rc), int(spec['replicas']), int(status['replicas']), int(status['readyReplicas']), age(rc, now), ...templateContainers(spec), formatLabels(spec['selector'])] };
  },
};

/** replicaSetPrinter is the ReplicaSet TableHandler. */
export const replicaSetPrinter: Printer = {
  columns: REPLICAS_COLUMNS('Selector is a label query over pods that should match the replica count.'),
  print(rs, now) {
    const spec = obj(rs['spec']);
    const status = obj(rs['status']);
    return { cells: [name(rs), int(spec['replicas']), int(status['replicas']), int(status['readyReplicas']), age(rs, now), ...templateContainers(spec), formatLabelSelector(spec['selector'])] };
  },
};

/** deploymentPrinter is the Deployment TableHandler: READY is "ready/desired". */
export const deploymentPrinter: Printer = {
  columns: [
    NAME_COLUMN,
    column('Ready', 'string', 'Number of the pod with ready state'),
    column('Up-to-date', 'string', 'Total number of non-terminated pods targeted by this deployment that have the desired template spec.'),
    column('Available', 'string', 'Total number of available pods (ready for at least minReadySeconds) targeted by this deployment.'),
    AGE_COLUMN,
    CONTAINERS_COLUMN,
    IMAGES_COLUMN,
    column('Selector', 'string', 'Label selector for pods.', 1),
  ],
  print(d, now) {
    const spec = obj(d['spec']);
    const status = obj(d['status']);
    return {
      cells: [
        name(d),
        `${int(status['readyReplicas'])}/${int(spec['replicas'])}`,
        int(status['updatedReplicas']),
        int(status['availableReplicas']),
        age(d, now),
        ...templateContainers(spec),
        labelSelectorString(spec['selector']),
      ],
    };
  },
};

/** daemonSetPrinter is the DaemonSet TableHandler. */
export const daemonSetPrinter: Printer = {
  columns: [
    NAME_COLUMN,
    column('Desired', 'integer', 'The total number of nodes that should be running the daemon pod (including nodes correctly running the daemon pod).'),
    column('Current', 'integer', 'The number of nodes that are running at least 1 daemon pod and are supposed to run the daemon pod.'),
    column('Ready', 'integer', 'numberReady is the number of nodes that should be running the daemon pod and have one or more of the daemon pod running with a Ready Condition.'),
    column('Up-to-date', 'integer', 'The total number of nodes that are running updated daemon pod'),
    column('Available', 'integer', 'The number of nodes that should be running the daemon pod and have one or more of the daemon pod running and available (ready for at least spec.minReadySeconds)'),
    column('Node Selector', 'string', "NodeSelector is a selector which must be true for the pod to fit on a node. Selector which must match a node's labels for the pod to be scheduled on that node."),
    AGE_COLUMN,
    CONTAINERS_COLUMN,
    IMAGES_COLUMN,
    column('Selector', 'string', 'A label query over pods that are managed by the daemon set.', 1),
  ],
  print(ds, now) {
    const spec = obj(ds['spec']);
    const status = obj(ds['status']);
    const podSpec = obj(obj(spec['template'])['spec']);
    return {
      cells: [
        name(ds),
        int(status['desiredNumberScheduled']),
        int(status['currentNumberScheduled']),
        int(status['numberReady']),
        int(status['updatedNumberScheduled']),
        int(status['numberAvailable']),
        formatLabels(podSpec['nodeSelector']),
        age(ds, now),
        ...templateContainers(spec),
        formatLabelSelector(spec['selector']),
      ],
    };
  },
};

// jobStatus is the STATUS cell: the first of these that holds, else Running.
function jobStatus(job: KubeObject): string {
  const conditions = obj(job['status'])['conditions'];
  if (hasTrueCondition(conditions, 'Complete')) return 'Complete';
  if (hasTrueCondition(conditions, 'Failed')) return 'Failed';
  if (parseTime(job.metadata?.deletionTimestamp) !== undefined) return 'Terminating';
  for (const c of ['Suspended', 'FailureTarget', 'SuccessCriteriaMet']) if (hasTrueCondition(conditions, c)) return c;
  return 'Running';
}

/** jobPrinter is the Job TableHandler: COMPLETIONS is "succeeded/completions", DURATION runs until completion. */
export const jobPrinter: Printer = {
  columns: [
    NAME_COLUMN,
    column('Status', 'string', 'Status of the job.'),
    column('Completions', 'string', 'The number of pods which reached phase Succeeded.'),
    column('Duration', 'string', 'Time required to complete the job.'),
    AGE_COLUMN,
    CONTAINERS_COLUMN,
    IMAGES_COLUMN,
    column('Selector', 'string', 'A label query over pods that should match the pod count.', 1),
  ],
  print(job, now) {
    const spec = obj(job['spec']);
    const status = obj(job['status']);
    const succeeded = int(status['succeeded']);
    let completions: string;
    if (typeof spec['completions'] === 'number') completions = `${succeeded}/${spec['completions']}`;
    else if (int(spec['parallelism']) > 1) completions = `${succeeded}/1 of ${int(spec['parallelism'])}`;
    else completions = `${succeeded}/1`;
    const start = parseTime(status['startTime']);
    const end = parseTime(status['completionTime']);
    const duration = start === undefined ? '' : humanDuration((end ?? now) - start);
    return { cells: [name(job), jobStatus(job), completions, duration, age(job, now), ...templateContainers(spec), formatLabelSelector(spec['selector'])] };
  },
};
