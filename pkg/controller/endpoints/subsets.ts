// The subsets of a Service's Endpoints, as the endpoints controller computes them: every pod the
// selector picks that has an IP, under addresses when ready and notReadyAddresses when not (or
// all ready with publishNotReadyAddresses), with each service port's target resolved against the
// pod (a named targetPort is looked up among its container ports), then repacked so ports with
// the same addresses share one subset.
import { isPodReady } from '../base/pods.js';
import type { Pod, Service, ServicePort } from '../base/types.js';

/** EndpointAddress is core/v1 EndpointAddress. */
export interface EndpointAddress {
  ip: string;
  hostname?: string;
  nodeName?: string;
  targetRef?: { kind: string; namespace: string; name: string; uid: string };
}

/** EndpointPort is core/v1 EndpointPort. */
export interface EndpointPort {
  name?: string;
  port: number;
  protocol: string;
  appProtocol?: string;
}

/** EndpointSubset is core/v1 EndpointSubset. */
export interface EndpointSubset {
  addresses?: EndpointAddress[];
  notReadyAddresses?: EndpointAddress[];
  ports?: EndpointPort[];
}

/** findPort is podutil.FindPort: the container port a service port targets on pod, if any. */
export function findPort(pod: Pod, sp: ServicePort): number | undefined {
  const target = sp.targetPort ?? sp.port;
  if (typeof target === 'number') return target === 0 ? sp.port : target;
  const protocol = sp.protocol ?? 'TCP';
  for (const c of pod.spec.containers ?? []) {
    for (const p of c.ports ?? []) if (p.name === target && (p.protocol ?? 'TCP') === protocol) return p.containerPort;
  }
  return undefined;
}

function addressOf(svc: Service, pod: Pod): EndpointAddress {
  const m = pod.metadata ?? {};
  const a: EndpointAddress = { ip: pod.status?.podIP ?? '' };
  // ShouldSetHostname: the pod asked for a hostname under this (same-namespace) service's domain.
  if (pod.spec.hostname && pod.spec.subdomain === svc.metadata?.name && m.namespace === svc.metadata?.namespace) a.hostname = pod.spec.hostname;
  if (pod.spec.nodeName) a.nodeName = pod.spec.nodeName;
  a.targetRef = { kind: 'Pod', namespace: m.namespace ?? '', name: m.name ?? '', uid: m.uid ?? '' };
  return a;
}

const addrKey = (a: EndpointAddress): string => `${a.ip}/${a.targetRef?.uid ?? ''}`;
const portKey = (p: EndpointPort): string => JSON.stringify([p.name ?? '', p.port, p.protocol, p.appProtocol ?? '']);
const byAddress = (a: EndpointAddress, b: EndpointAddress): number => a.ip.localeCompare(b.ip) || (a.targetRef?.uid ?? '').localeCompare(b.targetRef?.uid ?? '');

/** endpointSubsets computes the subsets of svc from the pods its selector picks. */
export function endpointSubsets(svc: Service, pods: readonly Pod[]): EndpointSubset[] {
  const publishNotReady = svc.spec?.publishNotReadyAddresses === true;
  const ports = svc.spec?.ports ?? [];
  const headless = svc.spec?.clusterIP === 'None';
  const addrs = new Map<string, EndpointAddress>();
  // per port: the ready and not-ready address keys
  const perPort = new Map<string, { port: EndpointPort | undefined; ready: Set<string>; notReady: Set<string> }>();
  const add = (port: EndpointPort | undefined, a: EndpointAddress, ready: boolean): void => {
    const k = port ? portKey(port) : '';
    let entry = perPort.get(k);
    if (!entry) perPort.set(k, (entry = { port, ready: new Set(), notReady: new Set() }));
    addrs.set(addrKey(a), a);
    (ready ? entry.ready : entry.notReady).add(addrKey(a));
  };
  for (const pod of pods) {
    const phase = pod.status?.phase;
    if (!pod.status?.podIP || phase === 'Succeeded' || phase === 'Failed') continue;
    if (!publishNotReady && pod.metadata?.deletionTimestamp) continue;
    const ready = publishNotReady || isPodReady(pod);
    const a = addressOf(svc, pod);
    if (ports.length === 0) {
      if (headless) add(undefined, a, ready);
      continue;
    }
    for (const sp of ports) {
      const n = findPort(pod, sp);
      if (n === undefined) continue;
      const ep: EndpointPort = { port: n, protocol: sp.protocol ?? 'TCP' };
      if (sp.name) ep.name = sp.name;
      if (sp.appProtocol) ep.appProtocol = sp.appProtocol;
      add(ep, a, ready);
    }
  }
  // RepackSubsets: ports sharing exactly the same addresses go in one subset.
  const groups = new Map<string, EndpointSubset>();
  for (const { port, ready, notReady } of perPort.values()) {
    const sig = JSON.stringify([[...ready].sort(), [...notReady].sort()]);
    let s = groups.get(sig);
    if (!s) {
      s = {};
      if (ready.size > 0) s.addresses = [...ready].map((k) => addrs.get(k) as EndpointAddress).sort(byAddress);
      if (notReady.size > 0) s.notReadyAddresses = [...notReady].map((k) => addrs.get(k) as EndpointAddress).sort(byAddress);
      groups.set(sig, s);
    }
    if (port) s.ports = [...(s.ports ?? []), port].sort((a, b) => (a.name ?? '').localeCompare(b.name ?? '') || a.port - b.port);
  }
  const first = (s: EndpointSubset): string => (s.addresses ?? s.notReadyAddresses ?? [])[0]?.ip ?? '';
  return [...groups.values()].sort((a, b) => first(a).localeCompare(first(b)) || JSON.stringify(a.ports).localeCompare(JSON.stringify(b.ports)));
}
