// client-go's (UID-tracking) ControllerExpectations. A controller that creates 5 pods sees them
// arrive in its cache one at a time; syncing in between would count 1, 2, 3 pods and create more.
// So before creating or deleting it records what it expects to observe, and it does not act on a
// key again until the informer has shown all of it (or the expectations expire, in case an event
// was lost). Deletions are tracked by pod key, so seeing one deletion twice (the graceful mark,
// then the removal) counts once.

/** EXPECTATIONS_TIMEOUT_MS is how long unmet expectations hold a controller back (client-go: 5 min). */
export const EXPECTATIONS_TIMEOUT_MS = 5 * 60_000;

interface Record {
  adds: number;
  dels: Set<string>;
  at: number;
}

/** Expectations tracks, per controller key, the creations and deletions still to be observed. */
export class Expectations {
  private readonly records = new Map<string, Record>();

  constructor(private readonly timeoutMs = EXPECTATIONS_TIMEOUT_MS, private readonly now: () => number = Date.now) {}

  /** satisfied: nothing outstanding (or it expired), so the controller may act on key. */
  satisfied(key: string): boolean {
    const r = this.records.get(key);
    if (!r) return true;
    if (r.adds <= 0 && r.dels.size === 0) return true;
    return this.now() - r.at > this.timeoutMs;
  }

  /** expectCreations records that n creations are about to be made (replacing older expectations). */
  expectCreations(key: string, n: number): void {
    this.records.set(key, { adds: n, dels: new Set(), at: this.now() });
  }

  /** expectDeletions records the keys of the objects about to be deleted (replacing older expectations). */
  expectDeletions(key: string, deleted: string[]): void {
    this.records.set(key, { adds: 0, dels: new Set(deleted), at: this.now() });
  }

  /** expect records creations and deletions about to be made at once (replacing older expectations). */
  expect(key: string, adds: number, deleted: string[]): void {
    this.records.set(key, { adds, dels: new Set(deleted), at: this.now() });
  }

  /** creationObserved: one expected object was seen, or its creation failed. */
  creationObserved(key: string): void {
    const r = this.records.get(key);
    if (r) r.adds--;
  }

  /** deletionObserved: the object under objKey was seen going, or its deletion failed. */
  deletionObserved(key: string, objKey: string): void {
    this.records.get(key)?.dels.delete(objKey);
  }

  /** pending reports what is still expected, for logs and tests. */
  pending(key: string): { adds: number; dels: number } | undefined {
    const r = this.records.get(key);
    return r ? { adds: Math.max(0, r.adds), dels: r.dels.size } : undefined;
  }

  /** delete forgets key (its controller object is gone). */
  delete(key: string): void {
    this.records.delete(key);
  }
}
