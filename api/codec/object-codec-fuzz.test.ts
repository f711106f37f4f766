// Property tests: randomly mutated corpus objects (wrong types in typed metadata fields especially)
// must round-trip exactly, and random or damaged bytes must either decode or throw CodecError.
// Seeded, so a failure names the seed and case that reproduce it: CODEC_FUZZ_SEED=n, CODEC_FUZZ_N=n.
import { isDeepStrictEqual } from 'node:util';
import t from 'tap';
import { loadCorpus } from '../../test/fixtures/objects/corpus.js';
import { CodecError, decodeObject, encodeObject } from './object-codec.js';

type Obj = Record<string, unknown>;
const SEED = Number(process.env.CODEC_FUZZ_SEED ?? 20241103);
const N = Number(process.env.CODEC_FUZZ_N ?? 4000);
const corpus = loadCorpus().map((c) => c.object);

// mulberry32: tiny and deterministic, unlike Math.random.
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let x = Math.imul(a ^ (a >>> 15), 1 | a);
    x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}

let rand = rng(SEED);
const int = (n: number): number => Math.floor(rand() * n);
const pick = <T>(xs: readonly T[]): T => xs[int(xs.length)]!;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

// JSON.parse makes an own "__proto__" property; plain assignment would set the prototype instead.
function put(o: Obj, k: string, v: unknown): void {
  Object.defineProperty(o, k, { value: v, enumerable: true, writable: true, configurable: true });
}

const KEYS = ['', 'a', '0', '10', '__proto__', 'constructor', 'toString', 'resourceVersion', 'extra', 'managedFields',
  'name', 'labels', 'ownerReferences', 'metadata', 'kind', 'ünï ✓'] as const;
const STRINGS = ['', 'x', 'web-1', 'ünïcode ✓', '日本語', '👋🏽', '\ud800', 'a\udc00b', '"q"\\\n\t', '\u0000', 'x'.repeat(3000),
  '2024-11-03T08:31:05Z'] as const;
const NUMBERS = [0, -0, 1, -1, 7, 2 ** 31, 2 ** 32, 2 ** 53 - 1, -(2 ** 53 - 1), 2 ** 53, 2 ** 64, 0.5, -2.25, 1e-7, 1e21,
  Number.MAX_VALUE] as const;

function value(depth = 0): unknown {
  switch (int(depth > 2 ? 4 : 7)) {
    case 0: return null;
    case 1: return rand() < 0.5;
    case 2: return pick(NUMBERS);
    case 3: return pick(STRINGS);
    case 4: return Array.from({ length: int(4) }, () => value(depth + 1));
    case 5: return stringMap();
    default: {
      const o: Obj = {};
      for (let i = int(4); i > 0; i--) put(o, pick(KEYS), value(depth + 1));
      return o;
    }
  }
}

// Nearly-right values for typed fields: the shapes where a too-lenient check would lose data.
function stringMap(): Obj {
  const o: Obj = {};
  for (let i = int(4); i > 0; i--) put(o, pick(KEYS), rand() < 0.85 ? pick(STRINGS) : value(3));
  return o;
}

function ownerRef(): Obj {
  const r: Obj = { apiVersion: 'apps/v1', kind: 'ReplicaSet', name: pick(STRINGS), uid: 'u-1' };
  if (rand() < 0.5) r.controller = rand() < 0.5;
  if (rand() < 0.5) r.blockOwnerDeletion = rand() < 0.5;
  if (rand() < 0.3) put(r, pick([...KEYS, 'apiVersion', 'controller', 'uid']), value(2));
  if (rand() < 0.1) delete r[pick(['apiVersion', 'kind', 'name', 'uid'])];
  return r;
}

function metaValue(field: string): unknown {
  if (rand() < 0.3) return value(1);
  switch (field) {
    case 'generation':
    case 'deletionGracePeriodSeconds': return rand() < 0.3 ? String(pick(NUMBERS)) : pick(NUMBERS);
    case 'labels':
    case 'annotations': return stringMap();
    case 'ownerReferences': return Array.from({ length: int(3) }, ownerRef);
    case 'finalizers': return Array.from({ length: int(3) }, () => (rand() < 0.9 ? pick(STRINGS) : value(2)));
    default: return pick(STRINGS);
  }
}

const META_FIELDS = ['name', 'generateName', 'namespace', 'uid', 'generation', 'creationTimestamp', 'deletionTimestamp',
  'deletionGracePeriodSeconds', 'labels', 'annotations', 'ownerReferences', 'finalizers', 'resourceVersion',
  'managedFields', 'extra', 'selfLink', '__proto__'] as const;

/** containers lists every object and array inside v, to pick a random place to mutate. */
function containers(v: unknown, out: (Obj | unknown[])[] = []): (Obj | unknown[])[] {
  if (Array.isArray(v)) {
    out.push(v);
    for (const x of v) containers(x, out);
  } else if (isObj(v)) {
    out.push(v);
    for (const k of Object.keys(v)) containers(v[k], out);
  }
  return out;
}

function mutate(obj: Obj): void {
  const r = rand();
  if (r < 0.45) {
    if (!isObj(obj.metadata) || rand() < 0.05) obj.metadata = rand() < 0.5 ? {} : value(1);
    if (!isObj(obj.metadata)) return;
    const field = pick(META_FIELDS);
    if (rand() < 0.15) delete obj.metadata[field];
    else put(obj.metadata, field, metaValue(field));
  } else if (r < 0.55) {
    put(obj, pick(['apiVersion', 'kind', 'metadata', ...KEYS]), rand() < 0.5 ? pick(STRINGS) : value(1));
  } else {
    const c = pick(containers(obj));
    if (Array.isArray(c)) {
      if (rand() < 0.3 && c.length > 0) c.splice(int(c.length), 1);
      else c[int(c.length + 1)] = value(1);
    } else if (rand() < 0.2) {
      const keys = Object.keys(c);
      if (keys.length > 0) delete c[pick(keys)];
    } else {
      put(c, rand() < 0.5 && Object.keys(c).length > 0 ? pick(Object.keys(c)) : pick(KEYS), value(1));
    }
  }
}

const TRICKY = /"(constructor|__proto__)":/;

/** expected is the JSON reading of the object, less metadata.resourceVersion (never stored). */
function expected(obj: Obj): Obj {
  const e = JSON.parse(JSON.stringify(obj)) as Obj;
  if (isObj(e.metadata)) delete e.metadata.resourceVersion;
  return e;
}

t.test(`${N} mutated corpus objects round-trip exactly (seed ${SEED})`, async (t) => {
  rand = rng(SEED);
  let failures = 0;
  for (let i = 0; i < N && failures < 5; i++) {
    const obj = structuredClone(pick(corpus));
    for (let m = 1 + int(4); m > 0; m--) mutate(obj);
    const want = expected(obj);
    let got: unknown;
    try {
      got = decodeObject(encodeObject(obj));
    } catch (err) {
      got = err;
    }
    const json = JSON.stringify(obj);
    const extra = { object: json.slice(0, 2000) };
    // tap's strictSame compares `.constructor`, so an own "constructor" or "__proto__" key makes
    // equal objects differ; node's isDeepStrictEqual checks prototypes and own keys exactly.
    const ok = TRICKY.test(json)
      ? t.ok(isDeepStrictEqual(got, want), `case ${i}`, { ...extra, got: JSON.stringify(got), want: JSON.stringify(want) })
      : t.strictSame(got, want, `case ${i}`, extra);
    if (!ok) failures++;
  }
});

t.test('random and damaged bytes decode or throw CodecError, nothing else', async (t) => {
  rand = rng(SEED + 1);
  const wrong: string[] = [];
  let codecErrors = 0;
  let decoded = 0;
  const attempt = (bytes: Uint8Array, what: string): void => {
    try {
      const out = decodeObject(bytes, int(3) === 0 ? undefined : int(1000));
      if (!isObj(out)) wrong.push(`${what}: decoded to ${typeof out}`);
      decoded++;
    } catch (err) {
      if (err instanceof CodecError) codecErrors++;
      else wrong.push(`${what}: ${String(err)}`);
    }
  };
  for (let i = 0; i < 3000; i++) {
    attempt(Uint8Array.from({ length: int(64) }, () => int(256)), `random ${i}`);
  }
  for (const obj of corpus.slice(0, 12)) {
    const good = encodeObject(obj);
    for (let n = 0; n < good.length; n += 1 + int(8)) attempt(good.subarray(0, n), `truncated at ${n}`);
    for (let i = 0; i < 200; i++) {
      const bad = Uint8Array.from(good);
      for (let f = 1 + int(3); f > 0; f--) bad[int(bad.length)] ^= 1 << int(8);
      attempt(bad, `bit flips ${i}`);
    }
  }
  t.strictSame(wrong.slice(0, 10), [], 'no crash, no other error type');
  t.ok(codecErrors > 1000, `${codecErrors} CodecErrors, ${decoded} decoded`);
});
