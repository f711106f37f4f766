// Resource arithmetic as kube-scheduler does it: cpu in millicores, everything else in base units;
// a pod requests max(sum of containers + sidecars, largest init container) plus its overhead.
import { parseQuantity, QuantityError } from '../../api/meta/quantity.js';
import type { Container, Pod, ResourceList } from './types.js';

/** Resources are amounts by resource name; cpu is in millicores. */
export type Resources = Map<string, number>;

/** DEFAULT_MILLI_CPU_REQUEST is what scoring assumes for a container that requests no cpu. */
export const DEFAULT_MILLI_CPU_REQUEST = 100;
/** DEFAULT_MEMORY_REQUEST is what scoring assumes for a container that requests no memory (200 MiB). */
export const DEFAULT_MEMORY_REQUEST = 200 * 1024 * 1024;

// The same few strings ("100m", "128Mi") recur across thousands of pods, and parsing is exact
// (BigInt), so values are remembered; the bound keeps a stream of odd values from growing it.
const cpuMemo = new Map<string | number, number>();
const memo = new Map<string | number, number>();
const MEMO_LIMIT = 10_000;

/** quantity is a quantity in the scheduler's unit for its resource (millicores for cpu); 0 when malformed. */
export function quantity(name: string, v: string | number | undefined): number {
  if (v === undefined || v === null) return 0;
  const table = name === 'cpu' ? cpuMemo : memo;
  let n = table.get(v);
  if (n !== undefined) return n;
  try {
    const base = parseQuantity(v);
    // Millicores round up, as Quantity.MilliValue does: a sliver of a core still takes one milli.
    n = name === 'cpu' ? Math.ceil(base * 1000 - 1e-9) : Math.ceil(base);
  } catch (err) {
    if (!(err instanceof QuantityError)) throw err;
    n = 0; // the API server validates quantities; a bad one here requests nothing rather than crashing the loop
  }
  if (table.size >= MEMO_LIMIT) table.clear();
  table.set(v, n);
  return n;
}

/** resourceList converts a ResourceList to scheduler units. */
export function resourceList(list: ResourceList | undefined): Resources {
  const out: Resources = new Map();
  if (!list) return out;
  for (const [name, v] of Object.entries(list)) out.set(name, quantity(name, v));
  return out;
}

function addInto(into: Resources, from: Resources): void {
  for (const [k, v] of from) into.set(k, (into.get(k) ?? 0) + v);
}

function maxInto(into: Resources, from: Resources): void {
  for (const [k, v] of from) if (v > (into.get(k) ?? 0)) into.set(k, v);
}

function requestsOf(c: Container): Resources {
  return resourceList(c.resources?.requests);
}

/** PodRequests are what a pod takes from a node: exact requests, and cpu/memory with the scoring defaults. */
export interface PodRequests {
  requests: Resources;
  /** milliCpu and memory repeat requests' cpu and memory as plain fields: the fit check reads them for every node. */
  milliCpu: number;
  memory: number;
  /** scalars are the other requested resources (extended resources, ephemeral storage, hugepages). */
  scalars: Array<[string, number]>;
  nonZeroMilliCpu: number;
  nonZeroMemory: number;
}

function nonZero(c: Container): [number, number] {
  const req = c.resources?.requests;
  const cpu = req?.['cpu'] !== undefined ? quantity('cpu', req['cpu']) : DEFAULT_MILLI_CPU_REQUEST;
  const mem = req?.['memory'] !== undefined ? quantity('memory', req['memory']) : DEFAULT_MEMORY_REQUEST;
  return [cpu, mem];
}

/** podRequests is kube-scheduler's computePodResourceRequest, plus the non-zero cpu/memory scoring uses. */
export function podRequests(pod: Pod): PodRequests {
  const spec = pod.spec ?? {};
  const requests: Resources = new Map();
  let nzCpu = 0;
  let nzMem = 0;
  for (const c of spec.containers ?? []) {
    addInto(requests, requestsOf(c));
    const [cpu, mem] = nonZero(c);
    nzCpu += cpu;
    nzMem += mem;
  }
  // Sidecars (restartable init containers) run beside the app containers, so they add up; a
  // plain init container runs alone, next to the sidecars started before it.
  const sidecars: Resources = new Map();
  const initPeak: Resources = new Map();
  let sideCpu = 0;
  let sideMem = 0;
  let initCpu = 0;
  let initMem = 0;
  for (const c of spec.initContainers ?? []) {
    const r = requestsOf(c);
    const [cpu, mem] = nonZero(c);
    if (c.restartPolicy === 'Always') {
      addInto(sidecars, r);
      maxInto(initPeak, sidecars);
      sideCpu += cpu;
      sideMem += mem;
      initCpu = Math.max(initCpu, sideCpu);
      initMem = Math.max(initMem, sideMem);
    } else {
      const alone = new Map(sidecars);
      addInto(alone, r);
      maxInto(initPeak, alone);
      initCpu = Math.max(initCpu, sideCpu + cpu);
      initMem = Math.max(initMem, sideMem + mem);
    }
  }
  addInto(requests, sidecars);
  maxInto(requests, initPeak);
  nzCpu = Math.max(nzCpu + sideCpu, initCpu);
  nzMem = Math.max(nzMem + sideMem, initMem);
  const overhead = resourceList(spec.overhead);
  addInto(requests, overhead);
  nzCpu += overhead.get('cpu') ?? 0;
  nzMem += overhead.get('memory') ?? 0;
  for (const [k, v] of requests) if (v === 0) requests.delete(k);
  const scalars = [...requests].filter(([k]) => k !== 'cpu' && k !== 'memory');
  return { requests, milliCpu: requests.get('cpu') ?? 0, memory: requests.get('memory') ?? 0, scalars, nonZeroMilliCpu: nzCpu, nonZeroMemory: nzMem };
}
