// The object codec on the fixture corpus and on the cases the design promises: presence kept,
// resourceVersion from the revision only, typed fields really typed, errors typed.
import t from 'tap';
import { descriptor } from '../proto/gen/object.js';
import { loadType } from '../protobuf.js';
import { loadCorpus, typicalPod } from '../../test/fixtures/objects/corpus.js';
import { CodecError, decodeObject, encodeObject } from './object-codec.js';

type Obj = Record<string, unknown>;
const corpus = loadCorpus();
const StoredObject = loadType(descriptor, 'kubelite.api.StoredObject');

/** withoutRV is what a round trip must give back: the object minus metadata.resourceVersion. */
function withoutRV(obj: Obj): Obj {
  const copy = structuredClone(obj);
  const meta = copy.metadata;
  if (typeof meta === 'object' && meta !== null && !Array.isArray(meta)) delete (meta as Obj).resourceVersion;
  return copy;
}

const roundTrip = (obj: Obj, rv?: number): Obj => decodeObject(encodeObject(obj), rv);

t.test('the corpus is big enough and covers every kind', async (t) => {
  t.ok(corpus.length >= 25, `${corpus.length} objects`);
  const kinds = new Set(corpus.map((c) => c.object.kind));
  for (const kind of ['Pod', 'Service', 'ReplicationController', 'Deployment', 'ConfigMap', 'Secret', 'Node',
    'Namespace', 'Event', 'Lease', 'Endpoints', 'ReplicaSet', 'DaemonSet', 'Job']) {
    t.ok(kinds.has(kind), kind);
  }
});

t.test('every corpus object round-trips exactly', async (t) => {
  for (const { name, object } of corpus) t.strictSame(roundTrip(object), withoutRV(object), name);
});

t.test('objects in Kubernetes field order come back in the same order', async (t) => {
  for (const name of ['pod-typical.yaml#0', 'pods.yaml#0', 'workloads.yaml#1', 'cluster.yaml#0']) {
    const { object } = corpus.find((c) => c.name === name)!;
    t.equal(JSON.stringify(roundTrip(object)), JSON.stringify(withoutRV(object)), name);
  }
});

t.test('resourceVersion comes from the revision, never from the bytes', async (t) => {
  const pod = typicalPod();
  const bytes = encodeObject({ ...pod, metadata: { ...(pod.metadata as Obj), resourceVersion: '987654321' } });
  t.notOk(Buffer.from(bytes).includes('987654321'), 'not stored');
  t.equal((decodeObject(bytes, 184467).metadata as Obj).resourceVersion, '184467');
  t.equal((decodeObject(bytes, 0).metadata as Obj).resourceVersion, '0');
  t.equal((decodeObject(bytes, 2 ** 53 - 1).metadata as Obj).resourceVersion, '9007199254740991');
  t.notOk('resourceVersion' in (decodeObject(bytes).metadata as Obj), 'absent without a revision');
  // Kubernetes' order puts it right after uid.
  t.strictSame(Object.keys(decodeObject(bytes, 5).metadata as Obj).slice(0, 6),
    ['name', 'generateName', 'namespace', 'uid', 'resourceVersion', 'creationTimestamp']);

  const bare = { apiVersion: 'v1', kind: 'Binding', target: { name: 'n' } };
  t.strictSame(roundTrip(bare), bare, 'no metadata added without a revision');
  t.strictSame(roundTrip(bare, 7), { apiVersion: 'v1', kind: 'Binding', metadata: { resourceVersion: '7' }, target: { name: 'n' } });
  t.strictSame(roundTrip({ kind: 'X', metadata: null }, 7), { kind: 'X', metadata: null }, 'non-object metadata kept as is');
  t.strictSame(roundTrip({ metadata: {} }, 3), { metadata: { resourceVersion: '3' } });
  for (const bad of [-1, 1.5, Number.NaN, 2 ** 53]) t.throws(() => decodeObject(bytes, bad), CodecError, `revision ${bad}`);
});

t.test('presence is kept: empty and zero are not absent', async (t) => {
  const cases: Obj[] = [
    { metadata: { name: '' } }, { metadata: {} }, { metadata: { generation: 0 } }, { metadata: { generation: -3 } },
    { metadata: { deletionGracePeriodSeconds: 0 } }, { metadata: { labels: {} } }, { metadata: { annotations: {} } },
    { metadata: { finalizers: [] } }, { metadata: { ownerReferences: [] } }, { metadata: { labels: { '': '' } } },
    { metadata: { ownerReferences: [{ apiVersion: '', kind: '', name: '', uid: '' }] } },
    { metadata: { ownerReferences: [{ apiVersion: 'v1', kind: 'Node', name: 'n', uid: 'u', controller: false, blockOwnerDeletion: false }] } },
    { apiVersion: '' }, { kind: '' }, {}, { spec: {} },
  ];
  for (const c of cases) t.strictSame(roundTrip(c), c, JSON.stringify(c));
});

t.test('well-shaped metadata is stored typed, the rest as JSON', async (t) => {
  const pod = typicalPod();
  const raw = StoredObject.toObject(StoredObject.decode(encodeObject(pod)), { bytes: String }) as Obj;
  const meta = raw.metadata as Obj;
  t.equal(raw.apiVersion, 'v1');
  t.equal(meta.name, 'web-6f8d9c7b5-4xk2p');
  t.equal(meta.creationTimestamp, '2024-11-02T09:14:27Z');
  t.strictSame(meta.labels, (pod.metadata as Obj).labels);
  t.equal((meta.ownerReferences as Obj[])[0]!.controller, true);
  t.equal(meta.extra, undefined, 'no extra for an ordinary pod');
  const body = JSON.parse(Buffer.from(raw.body as string, 'base64').toString()) as Obj;
  t.strictSame(body, { spec: pod.spec, status: pod.status }, 'body is the other top-level fields as JSON');

  const odd = { metadata: { name: 'a', generation: '5', labels: { v: 1 }, managedFields: [] } };
  const oddMeta = (StoredObject.toObject(StoredObject.decode(encodeObject(odd)), { bytes: String }) as Obj).metadata as Obj;
  t.equal(oddMeta.name, 'a');
  t.equal(oddMeta.generation, undefined);
  t.strictSame(JSON.parse(Buffer.from(oddMeta.extra as string, 'base64').toString()), { generation: '5', labels: { v: 1 }, managedFields: [] });
});

const INT64_EDGES = [0, 1, 127, 128, 300, 2 ** 31 - 1, 2 ** 31, 2 ** 32 - 1, 2 ** 32, 2 ** 53 - 1, -1, -128, -(2 ** 31),
  -(2 ** 32), -(2 ** 53 - 1)];
// String lengths either side of where a length prefix grows (UTF-8 bytes 127/128, 16383/16384).
const LENGTHS = [0, 42, 43, 63, 64, 65, 127, 128, 5461, 5462, 8191, 8192, 16383, 16384];

t.test('the wire format is object.proto as protobufjs reads and writes it', async (t) => {
  const samples: Obj[] = [
    ...corpus.map((c) => c.object),
    ...INT64_EDGES.map((g) => ({ metadata: { generation: g, deletionGracePeriodSeconds: 0 - g } })),
    ...LENGTHS.flatMap((n) => [{ kind: 'k'.repeat(n) }, { metadata: { name: 'é'.repeat(n >> 1), labels: { ['ü'.repeat(n)]: '€'.repeat(n / 3) } } }]),
    { metadata: { annotations: { big: 'x'.repeat(20000) } }, spec: { s: '😀'.repeat(5000) } },
  ];
  for (const s of samples) {
    const ours = encodeObject(s);
    // protobufjs re-encodes what it read; a misreading on either side shows up as a difference.
    const theirs = StoredObject.encode(StoredObject.decode(ours)).finish();
    t.strictSame(decodeObject(theirs), decodeObject(ours), JSON.stringify(s).slice(0, 80));
  }
  for (const g of INT64_EDGES) {
    const m = (StoredObject.decode(encodeObject({ metadata: { generation: g, deletionGracePeriodSeconds: 0 - g } })) as unknown as { metadata: Obj }).metadata;
    t.strictSame([m.generation, m.deletionGracePeriodSeconds], [g, 0 - g], `int64 ${g}`);
  }
  const written = StoredObject.encode(StoredObject.fromObject({
    apiVersion: 'v1', kind: 'Pod',
    metadata: {
      name: 'a', generation: -5, labels: { app: 'x' }, finalizers: ['f'],
      ownerReferences: [{ apiVersion: 'v1', kind: 'Node', name: 'n', uid: 'u', blockOwnerDeletion: false }],
      extra: Buffer.from('{"managedFields":[]}'),
    },
    body: Buffer.from('{"spec":{"x":1}}'),
  })).finish();
  t.strictSame(decodeObject(written, 9), {
    apiVersion: 'v1', kind: 'Pod',
    metadata: {
      name: 'a', resourceVersion: '9', generation: -5, labels: { app: 'x' },
      ownerReferences: [{ apiVersion: 'v1', kind: 'Node', name: 'n', uid: 'u', blockOwnerDeletion: false }],
      finalizers: ['f'], managedFields: [],
    },
    spec: { x: 1 },
  }, 'protobufjs-written bytes');
});

t.test('protobuf semantics: repeated messages merge, unknown fields are skipped', async (t) => {
  const a = encodeObject({ metadata: { name: 'a', labels: { x: '1' } } });
  const b = encodeObject({ metadata: { finalizers: ['f'], labels: { y: '2' } }, spec: {} });
  t.strictSame(decodeObject(Buffer.concat([a, b])), { metadata: { name: 'a', labels: { x: '1', y: '2' }, finalizers: ['f'] }, spec: {} });
  const unknown = Buffer.from([0x48, 0x96, 0x01, 0xa2, 0x01, 0x02, 0x68, 0x69, 0x0d, 1, 2, 3, 4, 0x11, 1, 2, 3, 4, 5, 6, 7, 8]);
  t.strictSame(decodeObject(Buffer.concat([unknown, a, unknown])), { metadata: { name: 'a', labels: { x: '1' } } });
});

t.test('values JSON cannot carry are treated as JSON.stringify treats them', async (t) => {
  t.strictSame(roundTrip({ a: undefined, metadata: { name: undefined, labels: { x: 'y' } }, b: [undefined] }),
    { metadata: { labels: { x: 'y' } }, b: [null] });
  t.strictSame(roundTrip({ metadata: { generation: -0 }, spec: { n: -0 } }), { metadata: { generation: 0 }, spec: { n: 0 } });
  const lone = '\ud800x';
  t.strictSame(roundTrip({ kind: lone, metadata: { name: lone, labels: { [lone]: 'v' } } }),
    { kind: lone, metadata: { name: lone, labels: { [lone]: 'v' } } }, 'lone surrogates kept (via JSON)');
});

t.test('decoded objects are fresh', async (t) => {
  const bytes = encodeObject(typicalPod());
  const a = decodeObject(bytes);
  ((a.metadata as Obj).labels as Obj).mutated = 'yes';
  t.notOk('mutated' in ((decodeObject(bytes).metadata as Obj).labels as Obj));
});

t.test('encoding errors are CodecErrors', async (t) => {
  const circular: Obj = { spec: {} };
  (circular.spec as Obj).self = circular;
  t.throws(() => encodeObject(circular), CodecError);
  t.throws(() => encodeObject({ metadata: { managedFields: [1n] } }), CodecError);
  t.throws(() => encodeObject([] as unknown as Obj), CodecError);
});

t.test('bytes that are not a stored object are CodecErrors', async (t) => {
  const cases: [string, number[]][] = [
    ['field number 0', [0x02, 0x00]],
    ['length past the end', [0x0a, 0x05, 0x61]],
    ['body not JSON', [0x22, 0x03, 0x7b, 0x7b, 0x7d]],
    ['body a JSON array', [0x22, 0x02, 0x5b, 0x5d]],
    ['metadata extra not JSON', [0x1a, 0x03, 0x7a, 0x01, 0x21]],
    ['invalid wire type', [0x0f]],
    ['truncated varint', [0x08, 0xff]],
    ['metadata length past the end', [0x1a, 0x09, 0x0a, 0x01]],
  ];
  for (const [name, bytes] of cases) {
    t.throws(() => decodeObject(Uint8Array.from(bytes)), { name: 'CodecError' }, name);
  }
  t.strictSame(decodeObject(new Uint8Array(0)), {}, 'empty bytes are the empty object');
});
