// `kctl describe` for services, nodes (with the requests and limits of their pods) and namespaces.
import type { KubeObject } from '../../api/meta/object.js';
import { formatQuantity, parseQuantityExact, type Quantity } from '../../api/meta/quantity.js';
import { describeEvents, printAnnotationsMultiline, printLabelsMultiline, printTaints, type PrefixWriter } from './describe-writer.js';
import { ageSince, asArray, asRecord, formatLabels, rfc1123z, str, stringMap } from './format.js';

type Obj = Record<string, unknown>;

/** describeService writes a service's description; endpoints is its Endpoints object, if any. */
export function describeService(w: PrefixWriter, svc: KubeObject, endpoints: KubeObject | undefined, events: Obj[] | undefined, now: number): void {
  const spec = asRecord(svc['spec']);
  const status = asRecord(svc['status']);
  w.write(0, `Name:\t${svc.metadata?.name ?? ''}\n`);
  w.write(0, `Namespace:\t${svc.metadata?.namespace ?? ''}\n`);
  printLabelsMultiline(w, 'Labels', svc.metadata?.labels);
  printAnnotationsMultiline(w, 'Annotations', svc.metadata?.annotations);
  w.write(0, `Selector:\t${formatLabels(stringMap(spec['selector']))}\n`);
  w.write(0, `Type:\t${str(spec['type'])}\n`);
  if (str(spec['ipFamilyPolicy'])) w.write(0, `IP Family Policy:\t${str(spec['ipFamilyPolicy'])}\n`);
  const families = Array.isArray(spec['ipFamilies']) ? (spec['ipFamilies'] as unknown[]).map(str) : [];
  w.write(0, `IP Families:\t${families.length > 0 ? families.join(',') : '<none>'}\n`);
  w.write(0, `IP:\t${str(spec['clusterIP'])}\n`);
  const ips = Array.isArray(spec['clusterIPs']) ? (spec['clusterIPs'] as unknown[]).map(str) : [];
  w.write(0, `IPs:\t${ips.length > 0 ? ips.join(',') : '<none>'}\n`);
  const external = Array.isArray(spec['externalIPs']) ? (spec['externalIPs'] as unknown[]).map(str) : [];
  if (external.length > 0) w.write(0, `External IPs:\t${external.join(',')}\n`);
  if (str(spec['loadBalancerIP'])) w.write(0, `Desired LoadBalancer IP:\t${str(spec['loadBalancerIP'])}\n`);
  if (str(spec['externalName'])) w.write(0, `External Name:\t${str(spec['externalName'])}\n`);
  const ingress = asArray(asRecord(status['loadBalancer'])['ingress']);
  if (ingress.length > 0) w.write(0, `LoadBalancer Ingress:\t${ingress.map((i) => str(i['ip']) || str(i['hostname'])).join(', ')}\n`);
  for (const p of asArray(spec['ports'])) {
    const name = str(p['name']) || '<unset>';
    const proto = str(p['protocol']);
    w.write(0, `Port:\t${name}\t${Number(p['port'] ?? 0)}/${proto}\n`);
    w.write(0, `TargetPort:\t${str(p['targetPort'])}/${proto}\n`);
    if (Number(p['nodePort'] ?? 0) !== 0) w.write(0, `NodePort:\t${name}\t${Number(p['nodePort'])}/${proto}\n`);
    w.write(0, `Endpoints:\t${formatEndpoints(endpoints, str(p['name']))}\n`);
  }
  w.write(0, `Session Affinity:\t${str(spec['sessionAffinity'])}\n`);
  if (str(spec['externalTrafficPolicy'])) w.write(0, `External Traffic Policy:\t${str(spec['externalTrafficPolicy'])}\n`);
  if (str(spec['internalTrafficPolicy'])) w.write(0, `Internal Traffic Policy:\t${str(spec['internalTrafficPolicy'])}\n`);
  if (Number(spec['healthCheckNodePort'] ?? 0) !== 0) w.write(0, `HealthCheck NodePort:\t${Number(spec['healthCheckNodePort'])}\n`);
  if (events) describeEvents(w, events, now);
}

// formatEndpoints: up to three ip:port pairs of the named port, then "+ N more...".
function formatEndpoints(ep: KubeObject | undefined, portName: string): string {
  const subsets = asArray(ep?.['subsets']);
  if (subsets.length === 0) return '<none>';
  const list: string[] = [];
  let count = 0;
  const add = (s: string): void => {
    if (list.length < 3) list.push(s);
    count++;
  };
  for (const ss of subsets) {
    const addresses = asArray(ss['addresses']);
    const ports = asArray(ss['ports']);
    if (ports.length === 0) for (const a of addresses) add(str(a['ip']));
    for (const port of ports) {
      if (str(port['name']) !== portName) continue;
      for (const a of addresses) add(str(a['ip']).includes(':') ? `[${str(a['ip'])}]:${Number(port['port'])}` : `${str(a['ip'])}:${Number(port['port'])}`);
    }
  }
  return count > 3 ? `${list.join(',')} + ${count - 3} more...` : list.join(',');
}

/** describeNamespace writes a namespace's description. */
export function describeNamespace(w: PrefixWriter, ns: KubeObject): void {
  const status = asRecord(ns['status']);
  w.write(0, `Name:\t${ns.metadata?.name ?? ''}\n`);
  printLabelsMultiline(w, 'Labels', ns.metadata?.labels);
  printAnnotationsMultiline(w, 'Annotations', ns.metadata?.annotations);
  w.write(0, `Status:\t${str(status['phase'])}\n`);
  const conditions = asArray(status['conditions']);
  if (conditions.length > 0) {
    w.write(0, 'Conditions:\n');
    w.write(1, 'Type\tStatus\tLastTransitionTime\tReason\tMessage\n');
    w.write(1, '----\t------\t------------------\t------\t-------\n');
    for (const c of conditions) w.write(1, `${str(c['type'])}\t${str(c['status'])}\t${rfc1123z(c['lastTransitionTime'])}\t${str(c['reason'])}\t${str(c['message'])}\n`);
  }
}

const zero = (): Quantity => parseQuantityExact('0');
function add(a: Quantity, b: Quantity): Quantity {
  const scale = Math.min(a.scale, b.scale);
  const v = (q: Quantity): bigint => (q.negative ? -1n : 1n) * q.unscaled * 10n ** BigInt(q.scale - scale);
  const sum = v(a) + v(b);
  return { negative: sum < 0n, unscaled: sum < 0n ? -sum : sum, scale, format: a.unscaled === 0n ? b.format : a.format };
}
const milli = (q: Quantity): number => (q.negative ? -1 : 1) * Number(q.unscaled) * 10 ** (q.scale + 3);
const qty = (v: unknown): Quantity | undefined => {
  try {
    return v === undefined ? undefined : parseQuantityExact(str(v));
  } catch {
    return undefined;
  }
};

// resourcehelper.PodRequestsAndLimits: the containers' sum, or the largest init container if larger.
function podTotals(pod: KubeObject, field: 'requests' | 'limits'): Record<string, Quantity> {
  const spec = asRecord(pod['spec']);
  const total: Record<string, Quantity> = {};
  for (const c of asArray(spec['containers'])) for (const [k, v] of Object.entries(asRecord(asRecord(c['resources'])[field]))) {
    const q = qty(v);
    if (q) total[k] = add(total[k] ?? zero(), q);
  }
  for (const c of asArray(spec['initContainers'])) for (const [k, v] of Object.entries(asRecord(asRecord(c['resources'])[field]))) {
    const q = qty(v);
    if (q && milli(q) > milli(total[k] ?? zero())) total[k] = q;
  }
  return total;
}

/** describeNode writes a node's description; pods are its non-terminated pods. */
export function describeNode(w: PrefixWriter, node: KubeObject, pods: KubeObject[], lease: KubeObject | string, events: Obj[] | undefined, now: number): void {
  const spec = asRecord(node['spec']);
  const status = asRecord(node['status']);
  const labels = stringMap(node.metadata?.labels);
  const roles = [...new Set(Object.entries(labels).flatMap(([k, v]) => (k.startsWith('node-role.kubernetes.io/') && k.length > 24 ? [k.slice(24)] : k === 'kubernetes.io/role' && v ? [v] : [])))].sort();
  w.write(0, `Name:\t${node.metadata?.name ?? ''}\n`);
  w.write(0, `Roles:\t${roles.length > 0 ? roles.join(',') : '<none>'}\n`);
  printLabelsMultiline(w, 'Labels', node.metadata?.labels);
  printAnnotationsMultiline(w, 'Annotations', node.metadata?.annotations);
  w.write(0, `CreationTimestamp:\t${rfc1123z(node.metadata?.creationTimestamp)}\n`);
  printTaints(w, 'Taints', spec['taints']);
  w.write(0, `Unschedulable:\t${spec['unschedulable'] === true}\n`);
  if (typeof lease === 'string') w.write(0, `Lease:\tFailed to get lease: ${lease}\n`);
  else {
    const ls = asRecord(lease['spec']);
    w.write(0, 'Lease:\n');
    w.write(1, `HolderIdentity:\t${str(ls['holderIdentity']) || '<unset>'}\n`);
    w.write(1, `AcquireTime:\t${ls['acquireTime'] ? rfc1123z(ls['acquireTime']) : '<unset>'}\n`);
    w.write(1, `RenewTime:\t${ls['renewTime'] ? rfc1123z(ls['renewTime']) : '<unset>'}\n`);
  }
  const conditions = asArray(status['conditions']);
  if (conditions.length > 0) {
    w.write(0, 'Conditions:\n  Type\tStatus\tLastHeartbeatTime\tLastTransitionTime\tReason\tMessage\n');
    w.write(1, '----\t------\t-----------------\t------------------\t------\t-------\n');
    for (const c of conditions) w.write(1, `${str(c['type'])} \t${str(c['status'])} \t${rfc1123z(c['lastHeartbeatTime'])} \t${rfc1123z(c['lastTransitionTime'])} \t${str(c['reason'])} \t${str(c['message'])}\n`);
  }
  w.write(0, 'Addresses:\n');
  for (const a of asArray(status['addresses'])) w.write(1, `${str(a['type'])}:\t${str(a['address'])}\n`);
  for (const [field, title] of [['capacity', 'Capacity'], ['allocatable', 'Allocatable']] as const) {
    const list = stringMap(status[field]);
    if (Object.keys(list).length === 0) continue;
    w.write(0, `${title}:\n`);
    for (const k of Object.keys(list).sort()) w.write(0, `  ${k}:\t${list[k]}\n`);
  }
  const info = asRecord(status['nodeInfo']);
  w.write(0, 'System Info:\n');
  for (const [title, k] of [['Machine ID', 'machineID'], ['System UUID', 'systemUUID'], ['Boot ID', 'bootID'], ['Kernel Version', 'kernelVersion'], ['OS Image', 'osImage'], ['Operating System', 'operatingSystem'], ['Architecture', 'architecture'], ['Container Runtime Version', 'containerRuntimeVersion'], ['Kubelet Version', 'kubeletVersion'], ['Kube-Proxy Version', 'kubeProxyVersion']]) {
    w.write(0, `  ${title}:\t${str(info[k as string])}\n`);
  }
  if (str(spec['podCIDR'])) w.write(0, `PodCIDR:\t${str(spec['podCIDR'])}\n`);
  const cidrs = Array.isArray(spec['podCIDRs']) ? (spec['podCIDRs'] as unknown[]).map(str) : [];
  if (cidrs.length > 0) w.write(0, `PodCIDRs:\t${cidrs.join(',')}\n`);
  if (str(spec['providerID'])) w.write(0, `ProviderID:\t${str(spec['providerID'])}\n`);
  describeNodeResources(w, node, pods, now);
  if (events) describeEvents(w, events, now);
}

function describeNodeResources(w: PrefixWriter, node: KubeObject, pods: KubeObject[], now: number): void {
  const status = asRecord(node['status']);
  const alloc = Object.keys(asRecord(status['allocatable'])).length > 0 ? asRecord(status['allocatable']) : asRecord(status['capacity']);
  const allocOf = (k: string): Quantity => qty(alloc[k]) ?? zero();
  const pct = (q: Quantity, k: string): number => {
    const total = k === 'cpu' ? milli(allocOf(k)) : milli(allocOf(k)) / 1000;
    const part = k === 'cpu' ? milli(q) : milli(q) / 1000;
    return total === 0 ? 0 : Math.trunc((part / total) * 100);
  };
  const cell = (q: Quantity | undefined, k: string): string => `${formatQuantity(q ?? zero())} (${pct(q ?? zero(), k)}%)`;
  w.write(0, `Non-terminated Pods:\t(${pods.length} in total)\n`);
  w.write(1, 'Namespace\tName\t\tCPU Requests\tCPU Limits\tMemory Requests\tMemory Limits\tAge\n');
  w.write(1, '---------\t----\t\t------------\t----------\t---------------\t-------------\t---\n');
  const reqs: Record<string, Quantity> = {};
  const lims: Record<string, Quantity> = {};
  for (const p of pods) {
    const r = podTotals(p, 'requests');
    const l = podTotals(p, 'limits');
    for (const [k, v] of Object.entries(r)) reqs[k] = add(reqs[k] ?? zero(), v);
    for (const [k, v] of Object.entries(l)) lims[k] = add(lims[k] ?? zero(), v);
    w.write(1, `${p.metadata?.namespace ?? ''}\t${p.metadata?.name ?? ''}\t\t${cell(r['cpu'], 'cpu')}\t${cell(l['cpu'], 'cpu')}\t${cell(r['memory'], 'memory')}\t${cell(l['memory'], 'memory')}\t${ageSince(p.metadata?.creationTimestamp, now)}\n`);
  }
  w.write(0, 'Allocated resources:\n  (Total limits may be over 100 percent, i.e., overcommitted.)\n');
  w.write(1, 'Resource\tRequests\tLimits\n');
  w.write(1, '--------\t--------\t------\n');
  for (const k of ['cpu', 'memory', 'ephemeral-storage']) w.write(1, `${k}\t${cell(reqs[k], k)}\t${cell(lims[k], k)}\n`);
}
