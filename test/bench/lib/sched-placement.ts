// After a scheduler benchmark run: read every node and pod back from the API and check the
// placement — every pod bound, no node over its allocatable cpu, memory or pod count, and one
// RC's pods spread evenly.
import type { KubeObject } from '../../../api/meta/object.js';
import type { Clientset } from '../../../pkg/client/clientset.js';
import { quantity } from '../../../pkg/scheduler/resources.js';

/** Placement is what the check found. */
export interface Placement {
  pods: number;
  unbound: number;
  /** overcommitted lists nodes whose pods ask for more than the node has. */
  overcommitted: string[];
  /** skew is max − min of one RC's pods per node, over all nodes. */
  skew: number;
  /** maxPerNode is the most pods on one node. */
  maxPerNode: number;
}

async function listAll(cs: Clientset, resource: string): Promise<KubeObject[]> {
  const out: KubeObject[] = [];
  let cont: string | undefined;
  do {
    const page = await cs.resource('', resource).list(undefined, { limit: 2000, continue: cont });
    out.push(...page.items);
    cont = page.metadata.continue || undefined;
  } while (cont);
  return out;
}

type Requests = Record<string, string> | undefined;

/** checkPlacement checks the pods of the cluster; rcUid names the RC whose spread is measured. */
export async function checkPlacement(cs: Clientset, rcUid: string): Promise<Placement> {
  const [nodes, pods] = [await listAll(cs, 'nodes'), await listAll(cs, 'pods')];
  const used = new Map<string, { cpu: number; memory: number; pods: number; rc: number }>();
  for (const n of nodes) used.set(n.metadata?.name ?? '', { cpu: 0, memory: 0, pods: 0, rc: 0 });
  let unbound = 0;
  for (const p of pods) {
    const spec = p.spec as { nodeName?: string; containers?: Array<{ resources?: { requests?: Requests } }> };
    const u = spec.nodeName ? used.get(spec.nodeName) : undefined;
    if (!u) {
      unbound++;
      continue;
    }
    u.pods++;
    for (const c of spec.containers ?? []) {
      u.cpu += quantity('cpu', c.resources?.requests?.['cpu']);
      u.memory += quantity('memory', c.resources?.requests?.['memory']);
    }
    if (p.metadata?.ownerReferences?.some((o) => o.uid === rcUid)) u.rc++;
  }
  const overcommitted: string[] = [];
  for (const n of nodes) {
    const alloc = ((n.status as { allocatable?: Record<string, string> }).allocatable ?? {}) as Record<string, string>;
    const u = used.get(n.metadata?.name ?? '');
    if (!u) continue;
    if (u.cpu > quantity('cpu', alloc['cpu']) || u.memory > quantity('memory', alloc['memory']) || u.pods > quantity('pods', alloc['pods'])) overcommitted.push(n.metadata?.name ?? '');
  }
  const rc = [...used.values()].map((u) => u.rc);
  return { pods: pods.length, unbound, overcommitted, skew: Math.max(...rc) - Math.min(...rc), maxPerNode: Math.max(...[...used.values()].map((u) => u.pods)) };
}
