// ownerReferences: who controls an object, and client-go's ControllerRefManager claim: a
// controller owns the objects whose controllerRef names it and still match its selector, adopts
// matching orphans, and releases owned objects that stopped matching. Adopt and release are
// strategic merge patches keyed by the owner's uid, so other owners' references are untouched.
import type { KubeObject, OwnerReference } from '../../../api/meta/object.js';
import type { ResourceClient } from '../../client/resource-client.js';
import { isApiError } from '../../client/rest.js';

/** controllerRefOf returns the ownerReference with controller: true, if any. */
export function controllerRefOf(obj: KubeObject): OwnerReference | undefined {
  return obj.metadata?.ownerReferences?.find((r) => r.controller === true);
}

/** isControlledBy tells whether obj's controllerRef names owner's uid. */
export function isControlledBy(obj: KubeObject, owner: KubeObject): boolean {
  const ref = controllerRefOf(obj);
  return ref !== undefined && ref.uid === owner.metadata?.uid;
}

/** newControllerRef is the ownerReference a controller puts on what it creates. */
export function newControllerRef(owner: KubeObject, apiVersion: string, kind: string): OwnerReference {
  return { apiVersion, kind, name: owner.metadata?.name ?? '', uid: owner.metadata?.uid ?? '', controller: true, blockOwnerDeletion: true };
}

/** adoptPatch is the strategic merge patch that makes ref obj's controller. */
export function adoptPatch(ref: OwnerReference, objUid: string): Record<string, unknown> {
  return { metadata: { ownerReferences: [ref], uid: objUid } };
}

/** releasePatch is the strategic merge patch that drops the reference to ownerUid. */
export function releasePatch(ownerUid: string, objUid: string): Record<string, unknown> {
  return { metadata: { ownerReferences: [{ $patch: 'delete', uid: ownerUid }], uid: objUid } };
}

/** ClaimOptions describe one claim pass. */
export interface ClaimOptions<T extends KubeObject> {
  /** owner is the controller object as cached. */
  owner: KubeObject;
  /** ref is the controllerRef owned objects carry. */
  ref: OwnerReference;
  /** client writes the claimed kind (pods, replicasets). */
  client: ResourceClient<T>;
  matches(obj: T): boolean;
  /** canAdopt re-reads the owner from the API and throws if it changed or is being deleted (client-go's RecheckDeletionTimestamp). */
  canAdopt(): Promise<void>;
}

/** claimObjects returns the candidates owner controls after adopting and releasing as needed. */
export async function claimObjects<T extends KubeObject>(candidates: T[], opts: ClaimOptions<T>): Promise<T[]> {
  const uid = opts.owner.metadata?.uid ?? '';
  const deleting = Boolean(opts.owner.metadata?.deletionTimestamp);
  const claimed: T[] = [];
  let adoptable: Promise<void> | undefined;
  const errs: unknown[] = [];
  for (const obj of candidates) {
    const ref = controllerRefOf(obj);
    const ns = obj.metadata?.namespace;
    const name = obj.metadata?.name ?? '';
    if (ref) {
      if (ref.uid !== uid) continue;
      if (opts.matches(obj)) claimed.push(obj);
      else if (!deleting) {
        await opts.client.patch(ns, name, releasePatch(uid, obj.metadata?.uid ?? ''), 'strategic').catch((err: unknown) => {
          if (!isApiError(err, 'NotFound')) errs.push(err);
        });
      }
      continue;
    }
    if (deleting || obj.metadata?.deletionTimestamp || !opts.matches(obj)) continue;
    adoptable ??= opts.canAdopt();
    try {
      await adoptable;
      claimed.push(await opts.client.patch(ns, name, adoptPatch(opts.ref, obj.metadata?.uid ?? ''), 'strategic'));
    } catch (err) {
      if (!isApiError(err, 'NotFound')) errs.push(err);
    }
  }
  if (errs.length > 0) throw errs[0];
  return claimed;
}

/** recheckOwner is the usual canAdopt: a live read of the owner must show the same uid, not being deleted. */
export async function recheckOwner(client: ResourceClient, owner: KubeObject): Promise<void> {
  const m = owner.metadata ?? {};
  const fresh = await client.get(m.namespace, m.name ?? '');
  if (fresh.metadata?.uid !== m.uid) throw new Error(`original ${owner.kind ?? 'owner'} ${m.namespace}/${m.name} is gone: got uid ${fresh.metadata?.uid}, wanted ${m.uid}`);
  if (fresh.metadata?.deletionTimestamp) throw new Error(`${owner.kind ?? 'owner'} ${m.namespace}/${m.name} has just been deleted at ${fresh.metadata.deletionTimestamp}`);
}
