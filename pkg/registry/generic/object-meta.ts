// Metadata the server owns: set on create, carried over on update, exactly as kube-apiserver does.
import { randomUUID } from 'node:crypto';
import type { KubeObject, ObjectMeta } from '../../../api/meta/object.js';
import { isObject, rfc3339 } from '../../../api/meta/object.js';
import { errors } from '../../../api/status.js';

// generateName suffixes use the apiserver's alphabet (no vowels, no look-alike digits).
const ALPHABET = 'bcdfghjklmnpqrstvwxz2456789';

/** randomSuffix is the 5-character suffix of a generated name. */
export function randomSuffix(): string {
  let s = '';
  for (let i = 0; i < 5; i++) s += ALPHABET[Math.floor(Math.random() * ALPHABET.length)];
  return s;
}

/** metaOf returns obj.metadata, creating it when absent and refusing one that is not an object. */
export function metaOf(obj: KubeObject): ObjectMeta {
  if (obj.metadata === undefined || obj.metadata === null) obj.metadata = {};
  if (!isObject(obj.metadata)) throw errors.badRequest('metadata must be an object');
  return obj.metadata;
}

/** prepareCreate sets name (from generateName), namespace, uid, timestamps and generation. */
export function prepareCreate(obj: KubeObject, namespace: string | undefined, withGeneration: boolean): void {
  const meta = metaOf(obj);
  if (namespace !== undefined) {
    if (meta.namespace && meta.namespace !== namespace) {
      throw errors.badRequest('the namespace of the provided object does not match the namespace sent on the request');
    }
    meta.namespace = namespace;
  } else {
    delete meta.namespace;
  }
  if (!meta.name && typeof meta.generateName === 'string' && meta.generateName !== '') meta.name = meta.generateName + randomSuffix();
  meta.uid = randomUUID();
  meta.creationTimestamp = rfc3339();
  delete meta.resourceVersion;
  delete meta.deletionTimestamp;
  delete meta.deletionGracePeriodSeconds;
  delete meta.selfLink;
  if (withGeneration) meta.generation = 1;
  else delete meta.generation;
}

/** prepareUpdate keeps what a client may not change and bumps generation when the spec changed. */
export function prepareUpdate(obj: KubeObject, old: KubeObject, withGeneration: boolean): void {
  const meta = metaOf(obj);
  const oldMeta = old.metadata ?? {};
  for (const field of ['uid', 'creationTimestamp', 'deletionTimestamp', 'deletionGracePeriodSeconds', 'namespace'] as const) {
    if (oldMeta[field] === undefined) delete meta[field];
    else meta[field] = oldMeta[field] as never;
  }
  delete meta.selfLink;
  if (withGeneration) {
    const changed = JSON.stringify(specOf(obj)) !== JSON.stringify(specOf(old));
    meta.generation = (oldMeta.generation ?? 1) + (changed ? 1 : 0);
  } else if (oldMeta.generation === undefined) delete meta.generation;
  else meta.generation = oldMeta.generation;
}

/** specOf is everything but metadata and status: what `generation` tracks. */
function specOf(obj: KubeObject): unknown {
  const { metadata: _m, status: _s, ...rest } = obj;
  return rest;
}
