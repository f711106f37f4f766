// Malformed bodies for creates and updates: unreadable JSON and YAML, bodies of the wrong shape,
// fields of the wrong type, oversized and deeply nested bodies, bad names.
import type { Rng } from '../prng.js';
import { KINDS, type FuzzKind, type JsonObject } from './objects.js';
import { objectPath, raw, setPath, toJson, type FuzzContext, type FuzzRequest } from './request.js';

const BROKEN_JSON = ['{', '{"apiVersion":', '{"metadata":{"name":"x"}', '{"a":}', "{'a':1}", '{"a":1,}', '{"a":NaN}', '{}x', '[1,2', '\u00ff\u00fe{}', '{"a":"\\u12"}', '/* c */{}', '{"a" 1}', 'nul', '\x00\x01\x02', '\ufeff{"kind":"ConfigMap"}'];
const BROKEN_YAML = ['a: b: c', 'metadata: {name: x', '- a\n b: c', 'key: [unclosed', '\tmetadata:\n\t\tname: x', 'a: &x [*x]', 'metadata:\n  name: x\n name: y', '"unterminated', '{a: 1, a: 2}'];
// YAML that JSON cannot say (cycles, binary, sets, infinities), with a name so it gets past that check.
const ODD_YAML = ['a: &x [*x]', 'a: &x {b: *x}', 'b: !!binary aGVsbG8=', 'b: !!binary "@@@"', 'c: !!set {a, b}', 'd: .inf', 'e: .nan', 'f: 0x1F', 'g: !!timestamp 2001-12-14', 'base: &b {x: 1}\nh: {<<: *b, y: 2}', 'i: 123456789012345678901234567890', 'j: !custom tag', 'k: ~'];
const NOT_OBJECTS = ['[]', '[{"kind":"ConfigMap"}]', '"ConfigMap"', 'null', '42', 'true', '-0.5e3'];
const WRONG_TYPES: ReadonlyArray<{ path: string[]; value: unknown; strict?: boolean }> = [
  { path: ['metadata'], value: 'a string', strict: true },
  { path: ['metadata'], value: [1, 2], strict: true },
  { path: ['metadata'], value: 42, strict: true },
  { path: ['kind'], value: 'Bogus', strict: true },
  { path: ['kind'], value: 7, strict: true },
  { path: ['apiVersion'], value: 'v9', strict: true },
  { path: ['apiVersion'], value: ['v1'], strict: true },
  { path: ['metadata', 'namespace'], value: 'some-other-namespace', strict: true },
  { path: ['metadata', 'labels'], value: { app: 5, on: true } },
  { path: ['metadata', 'labels'], value: { app: null } },
  { path: ['metadata', 'labels'], value: 'app=fuzz' },
  { path: ['metadata', 'labels'], value: [['app', 'fuzz']] },
  { path: ['metadata', 'annotations'], value: { a: { nested: 1 } } },
  { path: ['metadata', 'finalizers'], value: 'kubernetes' },
  { path: ['metadata', 'finalizers'], value: [1, null] },
  { path: ['metadata', 'ownerReferences'], value: [{ kind: 5 }] },
  { path: ['metadata', 'ownerReferences'], value: 'me' },
  { path: ['metadata', 'creationTimestamp'], value: 12 },
  { path: ['metadata', 'uid'], value: { u: 1 } },
  { path: ['metadata', 'generation'], value: 'one' },
  { path: ['metadata', 'generation'], value: raw('1e400') },
  { path: ['metadata', 'deletionTimestamp'], value: 'soon' },
  { path: ['metadata', 'deletionGracePeriodSeconds'], value: -3 },
  { path: ['metadata', 'resourceVersion'], value: 17 },
  { path: ['metadata', 'generateName'], value: 5 },
  { path: ['metadata', 'name'], value: 12345 },
  { path: ['metadata', 'name'], value: { n: 1 } },
  { path: ['metadata', '__proto__'], value: { polluted: true } },
  { path: ['__proto__'], value: { kind: 'Secret' } },
  { path: ['constructor'], value: { prototype: { x: 1 } } },
  // JSON may give an object its own toString or valueOf, on which String() throws.
  { path: ['kind'], value: { toString: 1 }, strict: true },
  { path: ['apiVersion'], value: { toString: 'x', valueOf: 2 }, strict: true },
  { path: ['metadata', 'namespace'], value: { toString: 1 }, strict: true },
  { path: ['metadata', 'name'], value: { toString: 1, valueOf: 1 } },
  { path: ['metadata', 'generateName'], value: { toString: 1 } },
  { path: ['metadata', 'labels'], value: { toString: 1 } },
  { path: ['metadata', 'labels'], value: { app: { toString: 1 } } },
  { path: ['metadata', 'resourceVersion'], value: { toString: 1 } },
  { path: ['spec', 'containers'], value: [{ name: 'c', resources: { requests: { cpu: { toString: 1 } }, limits: { cpu: { toString: 1 } } } }] },
  { path: ['spec', 'clusterIP'], value: { toString: 1 } },
  { path: ['spec', 'type'], value: { toString: 1 } },
  { path: ['spec', 'ports', 'nodePort'], value: { valueOf: 1 } },
  { path: ['spec', 'replicas'], value: { valueOf: 1 } },
  { path: ['spec', 'selector'], value: { matchLabels: { toString: 1 } } },
  { path: ['spec'], value: 'a string' },
  { path: ['spec'], value: [] },
  { path: ['spec'], value: null },
  { path: ['spec'], value: 42 },
  { path: ['spec', 'replicas'], value: 'three' },
  { path: ['spec', 'replicas'], value: -1 },
  { path: ['spec', 'replicas'], value: 1.5 },
  { path: ['spec', 'replicas'], value: raw('1e400') },
  { path: ['spec', 'replicas'], value: raw('-0') },
  { path: ['spec', 'ports'], value: 'http' },
  { path: ['spec', 'ports'], value: [null, 7] },
  { path: ['spec', 'ports', 'port'], value: 70000 },
  { path: ['spec', 'ports', 'port'], value: -1 },
  { path: ['spec', 'ports', 'port'], value: 'eighty' },
  { path: ['spec', 'ports', 'nodePort'], value: 99999 },
  { path: ['spec', 'type'], value: 'NodePort' },
  { path: ['spec', 'type'], value: 42 },
  { path: ['spec', 'clusterIP'], value: 'not-an-ip' },
  { path: ['spec', 'clusterIP'], value: 1234 },
  { path: ['spec', 'clusterIP'], value: '10.96.0.1' },
  { path: ['spec', 'clusterIP'], value: '192.168.0.1' },
  { path: ['spec', 'clusterIPs'], value: 'x' },
  { path: ['spec', 'containers'], value: 'busybox' },
  { path: ['spec', 'containers'], value: [null] },
  { path: ['spec', 'containers'], value: [{ resources: 'lots' }] },
  { path: ['spec', 'containers'], value: [{ resources: { requests: { cpu: { a: 1 } }, limits: [] } }] },
  { path: ['spec', 'containers', 'ports'], value: [{ containerPort: 700000 }] },
  { path: ['spec', 'initContainers'], value: 5 },
  { path: ['spec', 'nodeName'], value: ['n1'] },
  { path: ['spec', 'terminationGracePeriodSeconds'], value: 'long' },
  { path: ['spec', 'selector'], value: 'app=fuzz' },
  { path: ['spec', 'selector'], value: { matchExpressions: 'x' } },
  { path: ['spec', 'template'], value: 'none' },
  { path: ['spec', 'template', 'spec', 'containers'], value: {} },
  { path: ['status'], value: 'Running' },
  { path: ['data'], value: { key: 5 } },
  { path: ['data'], value: 'abc' },
  { path: ['data'], value: { password: '!!!not base64!!!' } },
  { path: ['stringData'], value: [1] },
  { path: ['type'], value: { t: 1 } },
];
const BAD_NAMES = ['UPPERCASE', 'a'.repeat(300), 'has space', 'dots..', '-leading', 'trailing-', 'a/b', '..', '.', 'ünïcödé', 'semi;colon', 'x'.repeat(64), 'per%cent', 'tab\tname', '\ud800'];

/** deep nests depth levels of objects (or arrays) around a leaf. */
export function deep(depth: number, arrays: boolean): string {
  return arrays ? '['.repeat(depth) + '1' + ']'.repeat(depth) : '{"a":'.repeat(depth) + '1' + '}'.repeat(depth);
}

function createOf(ctx: FuzzContext, kind: FuzzKind, category: string, body: string | Buffer, rest: Partial<FuzzRequest> = {}): FuzzRequest {
  // An odd object the server took is followed up on later: reading, patching and deleting it.
  const after = (text: string): void => {
    const name = (JSON.parse(text) as { metadata?: { name?: unknown } }).metadata?.name;
    if (typeof name === 'string' && (name as string & { isWellFormed(): boolean }).isWellFormed()) ctx.leftovers.push(objectPath(kind, ctx.ns, name));
  };
  return { category, method: 'POST', path: kind.collection(ctx.ns), body, contentType: 'application/json', expect: 'reject', after, ...rest };
}

/** malformedBody draws one malformed create or update. */
export function malformedBody(ctx: FuzzContext): FuzzRequest {
  const { rng } = ctx;
  const kind = rng.pick(KINDS);
  const name = ctx.fresh('bad');
  const valid = kind.make(name, rng.int(1000));
  switch (rng.int(12)) {
    case 0:
      return createOf(ctx, kind, 'broken JSON', rng.pick(BROKEN_JSON), { codes: [400] });
    case 1:
      return createOf(ctx, kind, 'broken YAML', rng.pick(BROKEN_YAML), { contentType: rng.pick(['application/yaml', 'application/x-yaml', 'text/yaml']), codes: [400] });
    case 2:
      return createOf(ctx, kind, 'body not an object', rng.pick(NOT_OBJECTS), { codes: [400] });
    case 3:
      if (rng.chance(0.5)) {
        const yaml = `apiVersion: ${kind.apiVersion}\nkind: ${kind.kind}\nmetadata: {name: ${name}}\n${rng.pick(ODD_YAML)}\n`;
        return createOf(ctx, kind, 'odd YAML', yaml, { contentType: 'application/yaml', expect: 'either' });
      }
      return createOf(ctx, kind, 'empty body', rng.pick(['', ' ', '\n']), { codes: [400] });
    case 4:
    case 5:
    case 6: {
      const m = rng.pick(WRONG_TYPES);
      const body = toJson(setPath(valid, m.path, m.value));
      return createOf(ctx, kind, `wrong type ${m.path.join('.')}`, body, { expect: m.strict ? 'reject' : 'either' });
    }
    case 7:
      return updateWithWrongType(ctx, kind, rng);
    case 8: {
      // Just over the 3 MiB limit, or far over it: both must be refused before being decoded.
      const size = 3 * 1024 * 1024 + 1 + rng.int(rng.chance(0.5) ? 100 : 2 * 1024 * 1024);
      const filler = 'x'.repeat(size);
      return createOf(ctx, kind, 'huge body', toJson({ ...valid, data: { big: filler } }), { codes: [413] });
    }
    case 9: {
      // Go's decoder refuses nesting beyond 10000 levels; below that it is merely odd.
      const depth = rng.pick([64, 999, 1001, 5000, 9000, 10001, 20000, 100000]);
      const nest = deep(depth, rng.chance(0.5));
      const body = toJson({ ...valid, metadata: { name }, extra: raw(nest) });
      return createOf(ctx, kind, `nested ${depth}`, body, { expect: depth > 10000 ? 'reject' : 'either' });
    }
    case 10: {
      const bad = rng.pick(BAD_NAMES);
      const body = toJson({ ...valid, metadata: { ...(valid['metadata'] as JsonObject), name: bad } });
      return createOf(ctx, kind, 'bad name', body, { expect: 'either' });
    }
    default: {
      const noName = { ...valid, metadata: { labels: { app: 'fuzz' }, name: rng.pick(['', undefined]) } };
      return createOf(ctx, kind, 'empty name', toJson(noName), { codes: [422] });
    }
  }
}

// Updates go to an existing object, so they reach the registry's update path.
function updateWithWrongType(ctx: FuzzContext, kind: FuzzKind, rng: Rng): FuzzRequest {
  const name = ctx.victim(kind);
  const path = objectPath(kind, ctx.ns, name);
  const base = kind.make(name, rng.int(1000));
  switch (rng.int(6)) {
    case 0:
      return { category: 'update: name mismatch', method: 'PUT', path, body: toJson(setPath(base, ['metadata', 'name'], 'someone-else')), contentType: 'application/json', expect: 'reject', codes: [400] };
    case 1:
      return { category: 'update: bad resourceVersion', method: 'PUT', path, body: toJson(setPath(base, ['metadata', 'resourceVersion'], rng.pick(['abc', '1.5', '-1', '99999999999', ' ', 'null']))), contentType: 'application/json', expect: 'reject' };
    case 2:
      return { category: 'update: broken JSON', method: 'PUT', path, body: rng.pick(BROKEN_JSON), contentType: 'application/json', expect: 'reject', codes: [400] };
    case 3:
      return { category: 'update: not an object', method: 'PUT', path, body: rng.pick(NOT_OBJECTS), contentType: 'application/json', expect: 'reject', codes: [400] };
    default: {
      const m = rng.pick(WRONG_TYPES);
      return { category: `update: wrong type ${m.path.join('.')}`, method: 'PUT', path, body: toJson(setPath(base, m.path, m.value)), contentType: 'application/json', expect: m.strict ? 'reject' : 'either' };
    }
  }
}
