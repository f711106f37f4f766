// Where a DaemonSet's pods belong (NodeShouldRunDaemonPod): the node must match the template's
// nodeSelector and required node affinity, and its taints must be tolerated — with the
// tolerations every daemon pod gets by default, so that daemons keep running on nodes that are
// not ready, unreachable, under pressure or cordoned. The pod for a node names it through a
// matchFields node affinity term, and the scheduler binds it there.
import type { KubeObject } from '../../../api/meta/object.js';
import { TAINT_NOT_READY, TAINT_UNREACHABLE, TAINT_UNSCHEDULABLE, untoleratedTaint } from '../base/taints.js';
import type { Node, NodeSelectorRequirement, NodeSelectorTerm, Pod, PodSpec, PodTemplateSpec, Toleration } from '../base/types.js';

/** defaultDaemonTolerations are the tolerations the DaemonSet controller adds to every daemon pod. */
export function defaultDaemonTolerations(hostNetwork: boolean): Toleration[] {
  const t: Toleration[] = [
    { key: TAINT_NOT_READY, operator: 'Exists', effect: 'NoExecute' },
    { key: TAINT_UNREACHABLE, operator: 'Exists', effect: 'NoExecute' },
    { key: 'node.kubernetes.io/disk-pressure', operator: 'Exists', effect: 'NoSchedule' },
    { key: 'node.kubernetes.io/memory-pressure', operator: 'Exists', effect: 'NoSchedule' },
    { key: 'node.kubernetes.io/pid-pressure', operator: 'Exists', effect: 'NoSchedule' },
    { key: TAINT_UNSCHEDULABLE, operator: 'Exists', effect: 'NoSchedule' },
  ];
  if (hostNetwork) t.push({ key: 'node.kubernetes.io/network-unavailable', operator: 'Exists', effect: 'NoSchedule' });
  return t;
}

/** withDaemonTolerations is AddOrUpdateDaemonPodTolerations: the spec's tolerations plus the defaults it lacks. */
export function withDaemonTolerations(spec: PodSpec): Toleration[] {
  const out = [...(spec.tolerations ?? [])];
  for (const d of defaultDaemonTolerations(spec.hostNetwork === true)) {
    const same = (t: Toleration): boolean => t.key === d.key && (t.operator || 'Equal') === d.operator && (t.value ?? '') === (d.value ?? '') && t.effect === d.effect;
    if (!out.some(same)) out.push(d);
  }
  return out;
}

/** requirementMatches evaluates one node selector requirement against a value (undefined: absent). */
export function requirementMatches(r: NodeSelectorRequirement, value: string | undefined): boolean {
  const values = r.values ?? [];
  switch (r.operator) {
    case 'In':
      return value !== undefined && values.includes(value);
    case 'NotIn':
      return value === undefined || !values.includes(value);
    case 'Exists':
      return value !== undefined;
    case 'DoesNotExist':
      return value === undefined;
    case 'Gt':
    case 'Lt': {
      const n = Number(value);
      const bound = Number(values[0]);
      if (value === undefined || !Number.isInteger(n) || !Number.isInteger(bound)) return false;
      return r.operator === 'Gt' ? n > bound : n < bound;
    }
    default:
      return false;
  }
}

function termMatches(term: NodeSelectorTerm, node: KubeObject): boolean {
  const exprs = term.matchExpressions ?? [];
  const fields = term.matchFields ?? [];
  if (exprs.length === 0 && fields.length === 0) return false; // an empty term matches nothing
  const labels = node.metadata?.labels ?? {};
  return exprs.every((r) => requirementMatches(r, labels[r.key])) && fields.every((r) => r.key === 'metadata.name' && requirementMatches(r, node.metadata?.name));
}

/** nodeMatchesPod: the node satisfies the pod's nodeName, nodeSelector and required node affinity. */
export function nodeMatchesPod(spec: PodSpec, node: KubeObject): boolean {
  if (spec.nodeName && spec.nodeName !== node.metadata?.name) return false;
  const labels = node.metadata?.labels ?? {};
  if (!Object.entries(spec.nodeSelector ?? {}).every(([k, v]) => labels[k] === v)) return false;
  const terms = spec.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms;
  return terms === undefined || terms.some((t) => termMatches(t, node));
}

/** Placement says whether a node should get a daemon pod, and whether one there may stay. */
export interface Placement {
  shouldRun: boolean;
  shouldContinueRunning: boolean;
}

/** nodeShouldRunDaemonPod is NodeShouldRunDaemonPod. */
export function nodeShouldRunDaemonPod(template: PodTemplateSpec | undefined, node: Node): Placement {
  if (!template) return { shouldRun: false, shouldContinueRunning: false };
  const spec = template.spec;
  if (!nodeMatchesPod(spec, node)) return { shouldRun: false, shouldContinueRunning: false };
  const tolerations = withDaemonTolerations(spec);
  const taints = node.spec?.taints;
  if (untoleratedTaint(taints, tolerations, ['NoExecute'])) return { shouldRun: false, shouldContinueRunning: false };
  if (untoleratedTaint(taints, tolerations, ['NoSchedule'])) return { shouldRun: false, shouldContinueRunning: true };
  return { shouldRun: true, shouldContinueRunning: true };
}

/** targetNodeOf is the node a daemon pod is for: its nodeName, or the node its matchFields term names. */
export function targetNodeOf(pod: Pod): string | undefined {
  if (pod.spec.nodeName) return pod.spec.nodeName;
  for (const term of pod.spec.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms ?? []) {
    for (const f of term.matchFields ?? []) if (f.key === 'metadata.name' && f.operator === 'In' && f.values?.length === 1) return f.values[0];
  }
  return undefined;
}

/**
 * daemonPodSpec is the spec of the daemon pod for nodeName: the template's, with the default
 * tolerations and its required node affinity replaced by one term naming the node
 * (ReplaceDaemonSetPodNodeNameNodeAffinity; the rest of the affinity was already checked).
 */
export function daemonPodSpec(template: PodTemplateSpec, nodeName: string): PodSpec {
  const spec: PodSpec = structuredClone(template.spec);
  spec.tolerations = withDaemonTolerations(spec);
  const affinity = spec.affinity ?? {};
  spec.affinity = {
    ...affinity,
    nodeAffinity: {
      ...(affinity.nodeAffinity ?? {}),
      requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchFields: [{ key: 'metadata.name', operator: 'In', values: [nodeName] }] }] },
    },
  };
  return spec;
}
