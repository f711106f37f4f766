// What a fuzz request is and what a correct answer to it looks like.
import type { Rng } from '../prng.js';
import type { FuzzKind, JsonObject } from './objects.js';

/**
 * Expectation: 'reject' must be a 4xx Status; 'either' is well-formed but semantically dubious
 * (per-kind validation may not be wired yet), so 2xx or a 4xx Status; 'accept' must be 2xx.
 */
export type Expectation = 'reject' | 'either' | 'accept';

/** FuzzRequest is one request and the answer it deserves. */
export interface FuzzRequest {
  category: string;
  method: string;
  path: string;
  body?: string | Buffer;
  contentType?: string;
  /** token null sends no credentials; a string replaces the admin token. */
  token?: string | null;
  expect: Expectation;
  /** codes narrows a 'reject' to the status codes Kubernetes gives for it. */
  codes?: readonly number[];
  /** after sees the reply of an accepted request (valid operations keep their model with it). */
  after?: (text: string) => void;
}

/** FuzzContext is what a worker's generators may refer to. */
export interface FuzzContext {
  rng: Rng;
  ns: string;
  /** victim is the name of this worker's existing object of kind, the target of bad patches. */
  victim(kind: FuzzKind): string;
  /** fresh returns a name no other request uses. */
  fresh(prefix: string): string;
  /** leftovers are the URLs of odd objects the server accepted, for follow-up requests. */
  leftovers: string[];
}

const RAW = '"__raw__:';

/** raw marks a value to be spliced into the JSON text verbatim (1e400, NaN, ...). */
export function raw(text: string): string {
  return `__raw__:${text}`;
}

/** toJson renders obj, splicing in raw() values. */
export function toJson(obj: unknown): string {
  let s = JSON.stringify(obj);
  for (let i = s.indexOf(RAW); i >= 0; i = s.indexOf(RAW)) {
    const end = s.indexOf('"', i + RAW.length);
    s = s.slice(0, i) + s.slice(i + RAW.length, end) + s.slice(end + 1);
  }
  return s;
}

/** setPath returns a copy of obj with the value at path replaced (objects created on the way). */
export function setPath(obj: JsonObject, path: readonly string[], value: unknown): JsonObject {
  const out = structuredClone(obj);
  let at: JsonObject = out;
  for (const key of path.slice(0, -1)) {
    const next = at[key];
    if (Array.isArray(next) && next.length > 0 && typeof next[0] === 'object') at = next[0] as JsonObject;
    else if (typeof next === 'object' && next !== null && !Array.isArray(next)) at = next as JsonObject;
    else at = at[key] = {};
  }
  at[path[path.length - 1] as string] = value;
  return out;
}

/** objectPath is the URL of one object of kind. */
export function objectPath(kind: FuzzKind, ns: string, name: string, subresource?: string): string {
  return `${kind.collection(ns)}/${encodeURIComponent(name)}${subresource ? `/${subresource}` : ''}`;
}
