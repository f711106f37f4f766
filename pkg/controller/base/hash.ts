// Hashing and semantic equality of JSON specs: the pod-template-hash of a Deployment's ReplicaSets
// and a DaemonSet's pods must not depend on the order keys arrived in.

// The apiserver's generateName alphabet, which Kubernetes' SafeEncodeString also uses: no vowels
// (no words) and no look-alike characters.
const ALPHABET = 'bcdfghjklmnpqrstvwxz2456789';

/** stableStringify is JSON with object keys sorted, so equal values have equal text. */
export function stableStringify(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(stableStringify).join(',')}]`;
  if (v !== null && typeof v === 'object') {
    const o = v as Record<string, unknown>;
    return `{${Object.keys(o).filter((k) => o[k] !== undefined).sort().map((k) => `${JSON.stringify(k)}:${stableStringify(o[k])}`).join(',')}}`;
  }
  return JSON.stringify(v) ?? 'null';
}

/** semanticEqual compares two JSON values ignoring key order. */
export function semanticEqual(a: unknown, b: unknown): boolean {
  return stableStringify(a) === stableStringify(b);
}

/**
 * zeroless drops what a Go client cannot tell from absent once decoded into API structs: null,
 * "", {} and [] (recursively). kubectl sends `creationTimestamp: null` and `resources: {}` back in
 * the templates it patches; apiequality.Semantic sees them equal to the stored template, so must we.
 */
export function zeroless(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(zeroless);
  if (v === null || typeof v !== 'object') return v;
  const out: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(v)) {
    const z = zeroless(x);
    if (z === null || z === undefined || z === '' || (Array.isArray(z) && z.length === 0) || (typeof z === 'object' && !Array.isArray(z) && Object.keys(z as object).length === 0)) continue;
    out[k] = z;
  }
  return out;
}

/** semanticTemplateEqual compares two templates as apiequality.Semantic.DeepEqual would. */
export function semanticTemplateEqual(a: unknown, b: unknown): boolean {
  return stableStringify(zeroless(a)) === stableStringify(zeroless(b));
}

/** fnv32a is the 32-bit FNV-1a hash of text's UTF-8 bytes. */
export function fnv32a(text: string): number {
  let h = 0x811c9dc5;
  for (const byte of Buffer.from(text, 'utf8')) {
    h ^= byte;
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

/** safeEncode spells a number in the safe alphabet, as the pod-template-hash label is spelled. */
export function safeEncode(n: number): string {
  let out = '';
  let rest = n >>> 0;
  do {
    out = (ALPHABET[rest % ALPHABET.length] as string) + out;
    rest = Math.floor(rest / ALPHABET.length);
  } while (rest > 0);
  return out;
}

/** templateHash is ComputeHash: a short, stable, collision-count-salted hash of a pod template. */
export function templateHash(template: unknown, collisionCount = 0): string {
  return safeEncode(fnv32a(stableStringify(zeroless(template)) + (collisionCount > 0 ? `#${collisionCount}` : '')));
}
