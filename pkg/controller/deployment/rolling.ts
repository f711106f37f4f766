// The arithmetic of a rolling update, kept free of I/O so it can be tested on its own: how far the
// new ReplicaSet may grow (replicas + maxSurge in total) and how far the old ones may shrink
// (never below replicas - maxUnavailable available pods). Each function returns the scale
// operations to make; the controller makes them and waits for the next event.
import { byCreation, availableCount, desiredReplicas, maxSurge, maxUnavailable, specCount, specReplicas, type Deployment, type ReplicaSet } from './util.js';

/** ScaleOp sets one ReplicaSet's spec.replicas. */
export interface ScaleOp {
  rs: ReplicaSet;
  replicas: number;
}

/** newReplicaSetReplicas is NewRSNewReplicas: the size the new ReplicaSet may have now. */
export function newReplicaSetReplicas(d: Deployment, all: readonly ReplicaSet[], newRS: ReplicaSet): number {
  const desired = desiredReplicas(d);
  const current = specReplicas(newRS);
  const maxTotal = desired + maxSurge(d);
  const total = specCount(all);
  if (total >= maxTotal) return current;
  return current + Math.max(0, Math.min(maxTotal - total, desired - current));
}

/** reconcileNewReplicaSet returns the scaling of the new ReplicaSet, if any is due. */
export function reconcileNewReplicaSet(d: Deployment, all: readonly ReplicaSet[], newRS: ReplicaSet): ScaleOp | undefined {
  const desired = desiredReplicas(d);
  const current = specReplicas(newRS);
  if (current === desired) return undefined;
  if (current > desired) return { rs: newRS, replicas: desired };
  const next = newReplicaSetReplicas(d, all, newRS);
  return next === current ? undefined : { rs: newRS, replicas: next };
}

/**
 * reconcileOldReplicaSets returns the scale-downs of old ReplicaSets: first their unavailable
 * pods (which cost no availability), then available ones down to the minimum available.
 */
export function reconcileOldReplicaSets(d: Deployment, oldRSs: readonly ReplicaSet[], newRS: ReplicaSet | undefined): ScaleOp[] {
  const active = oldRSs.filter((rs) => specReplicas(rs) > 0);
  if (specCount(active) === 0) return [];
  const all = newRS ? [...oldRSs, newRS] : [...oldRSs];
  const minAvailable = desiredReplicas(d) - maxUnavailable(d);
  const newUnavailable = newRS ? Math.max(0, specReplicas(newRS) - (newRS.status?.availableReplicas ?? 0)) : 0;
  const maxScaledDown = specCount(all) - minAvailable - newUnavailable;
  if (maxScaledDown <= 0) return [];
  // Scaled copies stand for the ReplicaSets after the first pass, as the second pass must see them.
  const after = new Map<ReplicaSet, number>(oldRSs.map((rs) => [rs, specReplicas(rs)]));
  let cleaned = 0;
  for (const rs of [...active].sort(byCreation)) {
    if (cleaned >= maxScaledDown) break;
    const unhealthy = specReplicas(rs) - Math.min(rs.status?.availableReplicas ?? 0, specReplicas(rs));
    if (unhealthy <= 0) continue;
    const n = Math.min(maxScaledDown - cleaned, unhealthy);
    after.set(rs, specReplicas(rs) - n);
    cleaned += n;
  }
  const view = (rs: ReplicaSet): ReplicaSet => ({ ...rs, spec: { ...rs.spec, replicas: after.get(rs) ?? specReplicas(rs) } });
  const scaledAll = [...oldRSs.map(view), ...(newRS ? [newRS] : [])];
  const available = availableCount(scaledAll);
  let budget = available - minAvailable;
  if (budget > 0) {
    for (const rs of [...active].sort(byCreation)) {
      if (budget <= 0) break;
      const cur = after.get(rs) ?? 0;
      if (cur === 0) continue;
      const n = Math.min(cur, budget);
      after.set(rs, cur - n);
      budget -= n;
    }
  }
  return active.filter((rs) => after.get(rs) !== specReplicas(rs)).map((rs) => ({ rs, replicas: after.get(rs) ?? 0 }));
}
