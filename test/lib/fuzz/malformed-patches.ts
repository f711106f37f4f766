// Malformed PATCH requests of all three patch types, against an existing object.
import type { Rng } from '../prng.js';
import { deep } from './malformed-bodies.js';
import { KINDS } from './objects.js';
import { objectPath, type Expectation, type FuzzContext, type FuzzRequest } from './request.js';

const JSON_PATCH = 'application/json-patch+json';
const MERGE = 'application/merge-patch+json';
const STRATEGIC = 'application/strategic-merge-patch+json';

const BAD_JSON_PATCHES: ReadonlyArray<[string, Expectation, unknown]> = [
  ['not a list', 'reject', { op: 'add', path: '/a', value: 1 }],
  ['list of scalars', 'reject', [1, 'two']],
  ['unknown op', 'reject', [{ op: 'frobnicate', path: '/metadata/labels/x', value: 'y' }]],
  ['missing op', 'reject', [{ path: '/metadata/labels/x', value: 'y' }]],
  ['missing path', 'reject', [{ op: 'add', value: 'y' }]],
  ['path without slash', 'reject', [{ op: 'add', path: 'metadata', value: {} }]],
  ['path to nowhere', 'reject', [{ op: 'replace', path: '/spec/nowhere/deep/er', value: 1 }]],
  ['remove missing', 'reject', [{ op: 'remove', path: '/metadata/labels/does-not-exist' }]],
  ['index out of range', 'reject', [{ op: 'add', path: '/spec/containers/99/name', value: 'x' }]],
  ['bad index', 'reject', [{ op: 'replace', path: '/spec/containers/-1', value: {} }]],
  ['index into object', 'reject', [{ op: 'add', path: '/metadata/name/0', value: 'x' }]],
  ['failing test', 'reject', [{ op: 'test', path: '/metadata/name', value: 'not-the-name' }]],
  ['move from missing', 'reject', [{ op: 'move', from: '/nope', path: '/metadata/labels/x' }]],
  ['copy without from', 'reject', [{ op: 'copy', path: '/metadata/labels/x' }]],
  ['move into itself', 'reject', [{ op: 'move', from: '/metadata', path: '/metadata/labels/m' }]],
  ['replace root with scalar', 'reject', [{ op: 'replace', path: '', value: 42 }]],
  ['remove root', 'reject', [{ op: 'remove', path: '' }]],
  ['add without value', 'either', [{ op: 'add', path: '/metadata/labels/x' }]],
  ['op of wrong type', 'reject', [{ op: 7, path: '/metadata/labels/x', value: 'y' }]],
  ['path of wrong type', 'reject', [{ op: 'add', path: ['metadata'], value: 'y' }]],
  ['bad escape', 'either', [{ op: 'add', path: '/metadata/labels/a~2b', value: 'y' }]],
  ['rename', 'reject', [{ op: 'replace', path: '/metadata/name', value: 'renamed' }]],
  ['change kind', 'reject', [{ op: 'replace', path: '/kind', value: 'Bogus' }]],
  ['kind with toString', 'reject', [{ op: 'replace', path: '/kind', value: { toString: 1 } }]],
  ['name with toString', 'reject', [{ op: 'replace', path: '/metadata/name', value: { toString: 1 } }]],
  ['bad resourceVersion', 'reject', [{ op: 'replace', path: '/metadata/resourceVersion', value: 'abc' }]],
  ['metadata to string', 'reject', [{ op: 'replace', path: '/metadata', value: 'x' }]],
];
const BAD_MERGE_PATCHES = ['[1,2]', '"str"', '42', 'null', 'true', '{', '{"metadata":{"name":"renamed"}}', '{"kind":"Other"}', '{"apiVersion":"v9"}', '{"metadata":"x"}', '{"metadata":{"resourceVersion":"abc"}}', '{"metadata":{"resourceVersion":"1"}}'];
// Most directives are only wrong for some kinds (an unknown field merges as a plain map), so only
// the ones wrong everywhere must be refused.
const BAD_STRATEGIC_PATCHES: ReadonlyArray<[string, Expectation]> = [
  ['{"$patch":"frobnicate"}', 'reject'],
  ['{"metadata":{"labels":{"$patch":"bogus"}}}', 'reject'],
  ['{"metadata":{"$patch":7}}', 'reject'],
  ['{"spec":{"containers":[{"$patch":"delete"}]}}', 'either'],
  ['{"spec":{"containers":[{"image":"no-merge-key"}]}}', 'either'],
  ['{"spec":{"containers":[{"name":"main","$patch":"merge-ish"}]}}', 'either'],
  ['{"spec":{"containers":"notalist"}}', 'either'],
  ['{"spec":{"containers":[1,2]}}', 'either'],
  ['{"spec":{"$retainKeys":"containers"}}', 'either'],
  ['{"spec":{"$retainKeys":["nope"],"containers":[]}}', 'either'],
  ['{"spec":{"$setElementOrder/containers":"x"}}', 'either'],
  ['{"spec":{"$setElementOrder/containers":[{"name":"zzz"}]}}', 'either'],
  ['{"metadata":{"$deleteFromPrimitiveList/finalizers":5}}', 'either'],
  ['{"metadata":{"$setElementOrder/finalizers":{"a":1}}}', 'either'],
  ['{"$patch":"replace"}', 'either'],
  ['{"$patch":"delete"}', 'either'],
  ['{"spec":{"ports":[{"$patch":"delete"}]}}', 'either'],
  ['{"data":{"$patch":"replace","x":1}}', 'either'],
  ['[{"op":"add"}]', 'reject'],
  ['"str"', 'reject'],
  ['{', 'reject'],
  ['{"metadata":{"name":"renamed"}}', 'reject'],
  ['{"kind":5}', 'reject'],
];

/** malformedPatch draws one malformed PATCH. */
export function malformedPatch(ctx: FuzzContext): FuzzRequest {
  const { rng } = ctx;
  const kind = rng.pick(KINDS);
  const path = objectPath(kind, ctx.ns, ctx.victim(kind));
  const patch = (category: string, contentType: string | undefined, body: string, codes?: number[]): FuzzRequest => ({ category, method: 'PATCH', path, contentType, body, expect: 'reject', ...(codes ? { codes } : {}) });
  switch (rng.int(6)) {
    case 0:
    case 1: {
      const [what, expect, body] = rng.pick(BAD_JSON_PATCHES);
      return { ...patch(`json patch: ${what}`, JSON_PATCH, JSON.stringify(body)), expect };
    }
    case 2: {
      const body = rng.pick(BAD_MERGE_PATCHES);
      return patch(`merge patch ${body}`, MERGE, body);
    }
    case 3:
    case 4: {
      const [body, expect] = rng.pick(BAD_STRATEGIC_PATCHES);
      return { ...patch(`strategic patch ${body}`, STRATEGIC, body), expect };
    }
    default:
      return rng.chance(0.3) ? deepPatch(rng, path) : wrongPatchType(ctx, rng, path);
  }
}

// A deep value patched into the victim stays there (when accepted), so the patches that follow
// run over a deep stored object too.
function deepPatch(rng: Rng, path: string): FuzzRequest {
  const depth = rng.pick([100, 500, 997, 1001, 3000, 20000]);
  const value = deep(depth, rng.chance(0.5));
  const [contentType, body] = rng.pick([
    [MERGE, `{"metadata":{"labels":{"deep":"${depth}"}},"deep":${value}}`],
    [STRATEGIC, `{"deep":${value}}`],
    [JSON_PATCH, `[{"op":"add","path":"/deep","value":${value}}]`],
  ]);
  return { category: `deep patch ${depth}`, method: 'PATCH', path, body, contentType, expect: depth > 10000 ? 'reject' : 'either' };
}

// Patch types the server does not apply, and patches of objects that are not there.
function wrongPatchType(ctx: FuzzContext, rng: Rng, path: string): FuzzRequest {
  const body = '{"metadata":{"labels":{"x":"y"}}}';
  switch (rng.int(4)) {
    case 0:
      return { category: 'patch: wrong content type', method: 'PATCH', path, body, contentType: rng.pick(['application/json', 'text/plain', 'application/yaml', 'application/xml', 'application/json-patch', '']), expect: 'reject', codes: [415] };
    case 1:
      return { category: 'patch: server-side apply', method: 'PATCH', path, body: 'metadata:\n  labels: {x: y}\n', contentType: 'application/apply-patch+yaml', expect: 'reject' };
    case 2:
      return { category: 'patch: no such object', method: 'PATCH', path: `${path}-missing-${ctx.fresh('m')}`, body, contentType: MERGE, expect: 'reject', codes: [404] };
    default:
      return { category: 'patch: no body', method: 'PATCH', path, contentType: rng.pick([MERGE, STRATEGIC, JSON_PATCH]), body: '', expect: 'reject', codes: [400] };
  }
}
