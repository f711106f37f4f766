// Node selectors and node affinity, compiled once per pod so that checking thousands of nodes is
// plain label look-ups. Semantics are k8s.io/component-helpers' nodeaffinity: terms are ORed,
// the requirements inside a term ANDed, an empty or malformed term matches nothing.
import type { NodeAffinity, NodeSelectorRequirement, NodeSelectorTerm } from './types.js';

/** NodeView is what selectors read of a node. */
export interface NodeView {
  name: string;
  labels: Record<string, string>;
}

type Matcher = (node: NodeView) => boolean;

const INT = /^-?\d+$/;

function labelRequirement(r: NodeSelectorRequirement): Matcher | undefined {
  const key = r.key;
  const values = r.values ?? [];
  switch (r.operator) {
    case 'In': {
      if (values.length === 0) return undefined;
      const set = new Set(values);
      return (n) => {
        const v = n.labels[key];
        return v !== undefined && set.has(v);
      };
    }
    case 'NotIn': {
      if (values.length === 0) return undefined;
      const set = new Set(values);
      return (n) => {
        const v = n.labels[key];
        return v === undefined || !set.has(v);
      };
    }
    case 'Exists':
      return values.length === 0 ? (n) => n.labels[key] !== undefined : undefined;
    case 'DoesNotExist':
      return values.length === 0 ? (n) => n.labels[key] === undefined : undefined;
    case 'Gt':
    case 'Lt': {
      if (values.length !== 1 || !INT.test(values[0] as string)) return undefined;
      const bound = Number(values[0]);
      const gt = r.operator === 'Gt';
      return (n) => {
        const v = n.labels[key];
        if (v === undefined || !INT.test(v)) return false;
        return gt ? Number(v) > bound : Number(v) < bound;
      };
    }
    default:
      return undefined;
  }
}

// Only metadata.name may be selected by field, and only with In or NotIn of a single name.
function fieldRequirement(r: NodeSelectorRequirement): Matcher | undefined {
  const values = r.values ?? [];
  if (r.key !== 'metadata.name' || values.length !== 1) return undefined;
  const name = values[0];
  if (r.operator === 'In') return (n) => n.name === name;
  if (r.operator === 'NotIn') return (n) => n.name !== name;
  return undefined;
}

/** compileTerm turns a term into a matcher; undefined when the term is empty or malformed (it matches nothing). */
export function compileTerm(term: NodeSelectorTerm | undefined): Matcher | undefined {
  const exprs = term?.matchExpressions ?? [];
  const fields = term?.matchFields ?? [];
  if (exprs.length === 0 && fields.length === 0) return undefined;
  const parts: Matcher[] = [];
  for (const r of exprs) {
    const m = labelRequirement(r);
    if (!m) return undefined;
    parts.push(m);
  }
  for (const r of fields) {
    const m = fieldRequirement(r);
    if (!m) return undefined;
    parts.push(m);
  }
  return parts.length === 1 ? (parts[0] as Matcher) : (n) => parts.every((p) => p(n));
}

/** RequiredNodeAffinity is a pod's nodeSelector plus its required node affinity. */
export interface RequiredNodeAffinity {
  /** matches tells whether the pod may run on the node. */
  matches(node: NodeView): boolean;
  /** trivial is true when the pod constrains nothing, so the filter can be skipped. */
  trivial: boolean;
}

/** requiredNodeAffinity compiles spec.nodeSelector and requiredDuringSchedulingIgnoredDuringExecution. */
export function requiredNodeAffinity(nodeSelector: Record<string, string> | undefined, affinity: NodeAffinity | undefined): RequiredNodeAffinity {
  const selector = Object.entries(nodeSelector ?? {});
  const required = affinity?.requiredDuringSchedulingIgnoredDuringExecution;
  // A required affinity with no usable term admits no node at all, as in Kubernetes.
  const terms = required ? (required.nodeSelectorTerms ?? []).map(compileTerm).filter((m): m is Matcher => m !== undefined) : undefined;
  const trivial = selector.length === 0 && terms === undefined;
  return {
    trivial,
    matches(node) {
      for (const [k, v] of selector) if (node.labels[k] !== v) return false;
      if (terms === undefined) return true;
      for (const t of terms) if (t(node)) return true;
      return false;
    },
  };
}

/** PreferredNodeAffinity scores nodes by the weights of the preferred terms they match. */
export interface PreferredNodeAffinity {
  score(node: NodeView): number;
  trivial: boolean;
}

/** preferredNodeAffinity compiles preferredDuringSchedulingIgnoredDuringExecution (zero weights and empty terms are skipped). */
export function preferredNodeAffinity(affinity: NodeAffinity | undefined): PreferredNodeAffinity {
  const terms: Array<{ weight: number; match: Matcher }> = [];
  for (const p of affinity?.preferredDuringSchedulingIgnoredDuringExecution ?? []) {
    const match = compileTerm(p.preference);
    if (match && p.weight) terms.push({ weight: p.weight, match });
  }
  return {
    trivial: terms.length === 0,
    score(node) {
      let s = 0;
      for (const t of terms) if (t.match(node)) s += t.weight;
      return s;
    },
  };
}
