// The Pod printer: printPod of kube's printers.go, whose STATUS column folds init containers,
// container states and deletion into the one word `kubectl get pods` shows.
import type { KubeObject } from '../../../api/meta/object.js';
import { parseTime, translateTimestampSince } from './duration.js';
import { arr, hasTrueCondition, int, maybeObj, obj, str, type Obj } from './fields.js';
import { AGE_COLUMN, column, NAME_COLUMN, type Printer, type PrintedRow, type TableRowCondition } from './types.js';

const POD_COLUMNS = [
  NAME_COLUMN,
  column('Ready', 'string', 'The aggregate readiness state of this pod for accepting traffic.'),
  column('Status', 'string', 'The aggregate status of the containers in this pod.'),
  column('Restarts', 'string', 'The number of times the containers in this pod have been restarted and when the last container in this pod has restarted.'),
  AGE_COLUMN,
  column('IP', 'string', 'podIP address allocated to the pod. Routable at least within the cluster. Empty if not yet allocated.', 1),
  column('Node', 'string', 'NodeName indicates in which node this pod is scheduled.', 1),
  column('Nominated Node', 'string', 'nominatedNodeName is set only when this pod preempts other pods on the node, but it cannot be scheduled right away as preemption victims receive their graceful termination periods.', 1),
  column('Readiness Gates', 'string', 'If specified, all readiness gates will be evaluated for pod readiness.', 1),
];

const SUCCEEDED: TableRowCondition[] = [{ type: 'Completed', status: 'True', reason: 'Succeeded', message: 'The pod has completed successfully.' }];
const FAILED: TableRowCondition[] = [{ type: 'Completed', status: 'True', reason: 'Failed', message: 'The pod failed.' }];

// Sidecars (restartPolicy Always init containers) count as containers of the running pod.
const isRestartable = (c: Obj | undefined): boolean => c !== undefined && c['restartPolicy'] === 'Always';

// The time a container last terminated, undefined when it never has (Go's zero time).
const lastTerminated = (status: Obj): number | undefined => parseTime(obj(maybeObj(obj(status['lastState'])['terminated']))['finishedAt']);

// Go's lastRestartDate.Before(&terminatedDate): the later of two times, zero losing to any.
const later = (a: number | undefined, b: number | undefined): number | undefined => (b !== undefined && (a === undefined || a < b) ? b : a);

/** printPod is the row of one pod, cell for cell as kube-apiserver prints it. */
export function printPod(pod: KubeObject, now: number): PrintedRow {
  const spec = obj(pod['spec']);
  const status = obj(pod['status']);
  const initContainers = arr(spec['initContainers']);
  let restarts = 0;
  let restartableInitRestarts = 0;
  let totalContainers = arr(spec['containers']).length;
  let readyContainers = 0;
  let lastRestart: number | undefined;
  let lastRestartableInitRestart: number | undefined;

  const phase = str(status['phase']);
  let reason = str(status['reason']) || phase;
  for (const c of arr(status['conditions'])) {
    if (c['type'] === 'PodScheduled' && c['reason'] === 'SchedulingGated') reason = 'SchedulingGated';
  }
  const conditions = phase === 'Succeeded' ? SUCCEEDED : phase === 'Failed' ? FAILED : undefined;

  const initByName = new Map<string, Obj>();
  for (const c of initContainers) {
    initByName.set(str(c['name']), c);
    if (isRestartable(c)) totalContainers++;
  }

  let initializing = false;
  const initStatuses = arr(status['initContainerStatuses']);
  for (let i = 0; i < initStatuses.length; i++) {
    const cs = initStatuses[i]!;
    const state = obj(cs['state']);
    const terminated = maybeObj(state['terminated']);
    const waiting = maybeObj(state['waiting']);
    const restartable = isRestartable(initByName.get(str(cs['name'])));
    restarts += int(cs['restartCount']);
    lastRestart = later(lastRestart, lastTerminated(cs));
    if (restartable) {
      restartableInitRestarts += int(cs['restartCount']);
      lastRestartableInitRestart = later(lastRestartableInitRestart, lastTerminated(cs));
    }
    if (terminated && int(terminated['exitCode']) === 0) continue;
    if (restartable && cs['started'] === true) {
      if (cs['ready'] === true) readyContainers++;
      continue;
    }
    if (terminated) {
      // The first init container that has not finished is where initialization stands.
      const r = str(terminated['reason']);
      if (r !== '') reason = `Init:${r}`;
      else reason = int(terminated['signal']) !== 0 ? `Init:Signal:${int(terminated['signal'])}` : `Init:ExitCode:${int(terminated['exitCode'])}`;
    } else if (waiting && str(waiting['reason']) !== '' && waiting['reason'] !== 'PodInitializing') {
      reason = `Init:${str(waiting['reason'])}`;
    } else {
      reason = `Init:${i}/${initContainers.length}`;
    }
    initializing = true;
    break;
  }

  if (!initializing || hasTrueCondition(status['conditions'], 'Initialized')) {
    restarts = restartableInitRestarts;
    lastRestart = lastRestartableInitRestart;
    let hasRunning = false;
    const statuses = arr(status['containerStatuses']);
    // Backwards, so the first container's state has the last word, as in kube.
    for (let i = statuses.length - 1; i >= 0; i--) {
      const cs = statuses[i]!;
      const state = obj(cs['state']);
      const terminated = maybeObj(state['terminated']);
      const waiting = maybeObj(state['waiting']);
      restarts += int(cs['restartCount']);
      lastRestart = later(lastRestart, lastTerminated(cs));
      if (waiting && str(waiting['reason']) !== '') reason = str(waiting['reason']);
      else if (terminated && str(terminated['reason']) !== '') reason = str(terminated['reason']);
      else if (terminated) reason = int(terminated['signal']) !== 0 ? `Signal:${int(terminated['signal'])}` : `ExitCode:${int(terminated['exitCode'])}`;
      else if (cs['ready'] === true && maybeObj(state['running'])) {
        hasRunning = true;
        readyContainers++;
      }
    }
    // A pod with one container done and another still running is not "Completed".
    if (reason === 'Completed' && hasRunning) reason = hasTrueCondition(status['conditions'], 'Ready') ? 'Running' : 'NotReady';
  }

  const deleting = parseTime(pod.metadata?.deletionTimestamp) !== undefined;
  if (deleting && status['reason'] === 'NodeLost') reason = 'Unknown';
  else if (deleting && phase !== 'Failed' && phase !== 'Succeeded') reason = 'Terminating';

  let restartsCell = String(restarts);
  if (restarts !== 0 && lastRestart !== undefined) restartsCell = `${restarts} (${translateTimestampSince(lastRestart, now)} ago)`;

  const cells = [
    pod.metadata?.name ?? '',
    `${readyContainers}/${totalContainers}`,
    reason,
    restartsCell,
    translateTimestampSince(pod.metadata?.creationTimestamp, now),
    podIP(status) || '<none>',
    str(spec['nodeName']) || '<none>',
    str(status['nominatedNodeName']) || '<none>',
    readinessGates(spec, status),
  ];
  return conditions ? { cells, conditions } : { cells };
}

// The v1→internal conversion fills podIPs from podIP, so either one names the pod's IP.
function podIP(status: Obj): string {
  const ips = arr(status['podIPs']);
  return ips.length > 0 ? str(ips[0]!['ip']) : str(status['podIP']);
}

function readinessGates(spec: Obj, status: Obj): string {
  const gates = arr(spec['readinessGates']);
  if (gates.length === 0) return '<none>';
  const conditions = arr(status['conditions']);
  let trueConditions = 0;
  for (const g of gates) {
    const c = conditions.find((x) => x['type'] === g['conditionType']);
    if (c && c['status'] === 'True') trueConditions++;
  }
  return `${trueConditions}/${gates.length}`;
}

/** podPrinter is the Pod TableHandler. */
export const podPrinter: Printer = { columns: POD_COLUMNS, print: printPod };
