// Printers for the core kinds with computed cells: Node, Namespace, Service, Endpoints, Event.
import { compareGo } from '../../../api/meta/label-selector-validation.js';
import type { KubeObject } from '../../../api/meta/object.js';
import { parseTime, translateTimestampSince } from './duration.js';
import { arr, formatLabels, int, joinHostPort, maybeObj, obj, str, stringMap, strs, type Obj } from './fields.js';
import { AGE_COLUMN, column, NAME_COLUMN, type Printer } from './types.js';

const name = (o: KubeObject): string => o.metadata?.name ?? '';
const age = (o: KubeObject, now: number): string => translateTimestampSince(o.metadata?.creationTimestamp, now);

// --- Node ----------------------------------------------------------------------------------------

const NODE_ROLE_PREFIX = 'node-role.kubernetes.io/';
const NODE_ROLE_LABEL = 'kubernetes.io/role';

/** findNodeRoles is the node's roles from node-role.kubernetes.io/<role> and kubernetes.io/role labels, sorted. */
export function findNodeRoles(labels: Record<string, string>): string[] {
  const roles = new Set<string>();
  for (const [k, v] of Object.entries(labels)) {
    if (k.startsWith(NODE_ROLE_PREFIX)) {
      const role = k.slice(NODE_ROLE_PREFIX.length);
      if (role !== '') roles.add(role);
    } else if (k === NODE_ROLE_LABEL && v !== '') roles.add(v);
  }
  return [...roles].sort(compareGo);
}

function nodeAddress(status: Obj, type: string): string {
  return str(arr(status['addresses']).find((a) => a['type'] === type)?.['address']) || '<none>';
}

/** nodePrinter is the Node TableHandler: only the Ready condition makes the STATUS. */
export const nodePrinter: Printer = {
  columns: [
    NAME_COLUMN,
    column('Status', 'string', 'The status of the node'),
    column('Roles', 'string', 'The roles of the node'),
    AGE_COLUMN,
    column('Version', 'string', 'Kubelet Version reported by the node.'),
    column('Internal-IP', 'string', 'List of addresses reachable to the node.', 1),
    column('External-IP', 'string', 'List of addresses reachable to the node.', 1),
    column('OS-Image', 'string', 'OS Image reported by the node from /etc/os-release (e.g. Debian GNU/Linux 7 (wheezy)).', 1),
    column('Kernel-Version', 'string', "Kernel Version reported by the node from 'uname -r' (e.g. 3.16.0-0.bpo.4-amd64).", 1),
    column('Container-Runtime', 'string', 'ContainerRuntime Version reported by the node through runtime remote API (e.g. containerd://1.4.2).', 1),
  ],
  print(node, now) {
    const spec = obj(node['spec']);
    const status = obj(node['status']);
    const info = obj(status['nodeInfo']);
    // The last Ready condition wins, as the printer's condition map keeps the last of each type.
    let ready: Obj | undefined;
    for (const c of arr(status['conditions'])) if (c['type'] === 'Ready') ready = c;
    const states = [ready === undefined ? 'Unknown' : ready['status'] === 'True' ? 'Ready' : 'NotReady'];
    if (spec['unschedulable'] === true) states.push('SchedulingDisabled');
    const roles = findNodeRoles(stringMap(node.metadata?.labels)).join(',') || '<none>';
    return {
      cells: [
        name(node),
        states.join(','),
        roles,
        age(node, now),
        str(info['kubeletVersion']),
        nodeAddress(status, 'InternalIP'),
        nodeAddress(status, 'ExternalIP'),
        str(info['osImage']) || '<unknown>',
        str(info['kernelVersion']) || '<unknown>',
        str(info['containerRuntimeVersion']) || '<unknown>',
      ],
    };
  },
};

// --- Namespace -----------------------------------------------------------------------------------

/** namespacePrinter is the Namespace TableHandler. */
export const namespacePrinter: Printer = {
  columns: [NAME_COLUMN, column('Status', 'string', 'The status of the namespace'), AGE_COLUMN],
  print: (ns, now) => ({ cells: [name(ns), str(obj(ns['status'])['phase']), age(ns, now)] }),
};

// --- Service -------------------------------------------------------------------------------------

/** serviceExternalIP is getServiceExternalIP for wide output (the server always prints wide). */
export function serviceExternalIP(svc: KubeObject): string {
  const spec = obj(svc['spec']);
  const externalIPs = strs(spec['externalIPs']);
  switch (spec['type']) {
    case 'ClusterIP':
    case 'NodePort':
      return externalIPs.length > 0 ? externalIPs.join(',') : '<none>';
    case 'LoadBalancer': {
      const lb = new Set<string>();
      for (const ing of arr(obj(obj(svc['status'])['loadBalancer'])['ingress'])) {
        const v = str(ing['ip']) || str(ing['hostname']);
        if (v !== '') lb.add(v);
      }
      if (externalIPs.length > 0) return [...lb, ...externalIPs].join(',');
      return lb.size > 0 ? [...lb].join(',') : '<pending>';
    }
    case 'ExternalName':
      return str(spec['externalName']);
    default:
      return '<unknown>';
  }
}

/** makePortString is the PORT(S) cell: `80/TCP`, or `80:30080/TCP` with a node port. */
export function makePortString(ports: unknown): string {
  return arr(ports)
    .map((p) => (int(p['nodePort']) > 0 ? `${int(p['port'])}:${int(p['nodePort'])}/${str(p['protocol'])}` : `${int(p['port'])}/${str(p['protocol'])}`))
    .join(',');
}

/** servicePrinter is the Service TableHandler. */
export const servicePrinter: Printer = {
  columns: [
    NAME_COLUMN,
    column('Type', 'string', 'type determines how the Service is exposed. Defaults to ClusterIP.'),
    column('Cluster-IP', 'string', 'clusterIP is the IP address of the service and is usually assigned randomly.'),
    column('External-IP', 'string', 'externalIPs is a list of IP addresses for which nodes in the cluster will also accept traffic for this service.'),
    column('Port(s)', 'string', 'The list of ports that are exposed by this service.'),
    AGE_COLUMN,
    column('Selector', 'string', 'Route service traffic to pods with label keys and values matching this selector.', 1),
  ],
  print(svc, now) {
    const spec = obj(svc['spec']);
    // The v1→internal conversion fills clusterIPs from clusterIP.
    const clusterIPs = strs(spec['clusterIPs']);
    const clusterIP = clusterIPs[0] ?? (str(spec['clusterIP']) || '<none>');
    return {
      cells: [name(svc), str(spec['type']), clusterIP, serviceExternalIP(svc), makePortString(spec['ports']) || '<none>', age(svc, now), formatLabels(spec['selector'])],
    };
  },
};

// --- Endpoints -----------------------------------------------------------------------------------

const MAX_ENDPOINTS = 3;

/** formatEndpoints is the ENDPOINTS cell: up to three host:port pairs, then "+ N more...". */
export function formatEndpoints(endpoints: KubeObject): string {
  const subsets = arr(endpoints['subsets']);
  if (subsets.length === 0) return '<none>';
  const list: string[] = [];
  let more = false;
  let total = 0;
  for (const ss of subsets) {
    const addresses = arr(ss['addresses']);
    const ports = arr(ss['ports']);
    // Headless services may have no ports: their endpoints are bare IPs.
    const targets: (number | undefined)[] = ports.length === 0 ? [undefined] : ports.map((p) => int(p['port']));
    for (const port of targets) {
      total += addresses.length;
      for (const a of addresses) {
        if (list.length === MAX_ENDPOINTS) {
          more = true;
          break;
        }
        list.push(port === undefined ? str(a['ip']) : joinHostPort(str(a['ip']), port));
      }
    }
  }
  const s = list.join(',');
  return more ? `${s} + ${total - MAX_ENDPOINTS} more...` : s;
}

/** endpointsPrinter is the Endpoints TableHandler. */
export const endpointsPrinter: Printer = {
  columns: [NAME_COLUMN, column('Endpoints', 'string', 'The set of all endpoints is the union of all subsets.'), AGE_COLUMN],
  print: (ep, now) => ({ cells: [name(ep), formatEndpoints(ep), age(ep, now)] }),
};

// --- Event ---------------------------------------------------------------------------------------

// formatEventSource is "component, host", falling back to the reporting controller and instance.
function formatEventSource(ev: KubeObject): string {
  const source = obj(ev['source']);
  const component = str(source['component']) || str(ev['reportingComponent']);
  const instance = str(source['host']) || str(ev['reportingInstance']);
  return instance === '' ? component : `${component}, ${instance}`;
}

/** eventPrinter is the Event TableHandler: the columns of `kubectl get events`. */
export const eventPrinter: Printer = {
  columns: [
    column('Last Seen', 'string', 'The time at which the most recent occurrence of this event was recorded.'),
    column('Type', 'string', 'Type of this event (Normal, Warning), new types could be added in the future'),
    column('Reason', 'string', "This should be a short, machine understandable string that gives the reason for the transition into the object's current status."),
    column('Object', 'string', 'The object that this event is about.'),
    column('Subobject', 'string', 'If referring to a piece of an object instead of an entire object, this string should contain a valid JSON/Go field access statement, such as desiredState.manifest.containers[2].', 1),
    column('Source', 'string', 'The component reporting this event. Should be a short machine understandable string.', 1),
    column('Message', 'string', 'A human-readable description of the status of this operation.'),
    column('First Seen', 'string', 'The time at which the event was first recorded. (Time of server receipt is in TypeMeta.)', 1),
    column('Count', 'string', 'The number of times this event has occurred.', 1),
    { ...NAME_COLUMN, priority: 1 },
  ],
  print(ev, now) {
    let first = translateTimestampSince(ev['firstTimestamp'], now);
    if (parseTime(ev['firstTimestamp']) === undefined) first = translateTimestampSince(ev['eventTime'], now);
    let last = parseTime(ev['lastTimestamp']) === undefined ? first : translateTimestampSince(ev['lastTimestamp'], now);
    let count = int(ev['count']);
    const series = maybeObj(ev['series']);
    if (series) {
      last = translateTimestampSince(series['lastObservedTime'], now);
      count = int(series['count']);
    } else if (count === 0) {
      count = 1; // singleton events of the events.k8s.io API carry no count
    }
    const involved = obj(ev['involvedObject']);
    const kind = str(involved['kind']).toLowerCase();
    const target = str(involved['name']) !== '' ? `${kind}/${str(involved['name'])}` : kind;
    return {
      cells: [last, str(ev['type']), str(ev['reason']), target, str(involved['fieldPath']), formatEventSource(ev), str(ev['message']).trim(), first, count, name(ev)],
    };
  },
};
