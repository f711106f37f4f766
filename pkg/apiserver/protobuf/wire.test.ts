import protobuf from 'protobufjs';
import t from 'tap';
import { StatusError } from '../../../api/status.js';
import { body, encodeMessage, envelope } from '../../../test/lib/k8s-protobuf.js';
import { decodeProtobufObject, PROTOBUF_MAGIC } from './decode.js';
import { messageJson } from './json.js';
import { k8sType, TYPES } from './schema.js';
import { readMessage } from './wire.js';

const NS = 'k8s.io.api.core.v1.Namespace';
const namespaceRaw = (): Uint8Array => encodeMessage(NS, { metadata: { name: 'ns1' } });
const tag = (id: number, wire: number): number => (id << 3) | wire;
const concat = (...parts: Uint8Array[]): Uint8Array => Uint8Array.from(Buffer.concat(parts));

function statusOf(fn: () => unknown): StatusError {
  try {
    fn();
  } catch (err) {
    if (err instanceof StatusError) return err;
    throw err;
  }
  throw new Error('expected a StatusError');
}

t.test('an unknown field number is refused with 415, never dropped', async (t) => {
  const extra = protobuf.Writer.create().uint32(tag(99, 0)).uint32(7).finish();
  const err = statusOf(() => decodeProtobufObject(envelope('v1', 'Namespace', concat(namespaceRaw(), extra)), 'Namespace'));
  t.equal(err.code, 415);
  t.equal(err.reason, 'UnsupportedMediaType');
  t.match(err.message, /Namespace \(v1\) carries field 99 of k8s\.io\.api\.core\.v1\.Namespace .*send it as JSON/);

  // Deep inside a pod template: PodSpec.ephemeralContainers (34) is not in the schema.
  const podSpec = protobuf.Writer.create().uint32(tag(34, 2)).bytes(Uint8Array.of()).finish();
  const template = protobuf.Writer.create().uint32(tag(2, 2)).bytes(podSpec).finish();
  const spec = protobuf.Writer.create().uint32(tag(3, 2)).bytes(template).finish();
  const deploy = protobuf.Writer.create().uint32(tag(2, 2)).bytes(spec).finish();
  const nested = statusOf(() => decodeProtobufObject(envelope('apps/v1', 'Deployment', deploy), 'Deployment'));
  t.equal(nested.code, 415);
  t.match(nested.message, /field 34 of k8s\.io\.api\.core\.v1\.PodSpec \(at Deployment\.spec\.template\.spec\)/);

  const mapEntry = protobuf.Writer.create().uint32(tag(1, 2)).string('k').uint32(tag(3, 0)).uint32(1).finish();
  const cm = protobuf.Writer.create().uint32(tag(2, 2)).bytes(mapEntry).finish();
  t.equal(statusOf(() => decodeProtobufObject(envelope('v1', 'ConfigMap', cm), 'ConfigMap')).code, 415, 'unknown field in a map entry');

  const env = concat(PROTOBUF_MAGIC, k8sType(TYPES.unknown).encode({ typeMeta: { apiVersion: 'v1', kind: 'Namespace' }, raw: namespaceRaw() }).finish(), protobuf.Writer.create().uint32(tag(9, 0)).uint32(1).finish());
  t.equal(statusOf(() => decodeProtobufObject(env, 'Namespace')).code, 415, 'unknown field in the envelope');
});

t.test('kinds and envelopes this server cannot read are refused with 415', async (t) => {
  const sts = statusOf(() => decodeProtobufObject(envelope('apps/v1', 'StatefulSet', Uint8Array.of()), 'StatefulSet'));
  t.equal(sts.code, 415);
  t.match(sts.message, /protobuf form of StatefulSet \(apps\/v1\) is not supported.*application\/json/);
  t.equal(statusOf(() => decodeProtobufObject(envelope('v1', 'Namespace', namespaceRaw(), { contentEncoding: 'gzip' }), 'Namespace')).code, 415);
  t.equal(statusOf(() => decodeProtobufObject(envelope('v1', 'Namespace', namespaceRaw(), { contentType: 'application/cbor' }), 'Namespace')).code, 415);
});

t.test('bytes that are not protobuf for the schema are a 400; not protobuf at all is a 415', async (t) => {
  const notMagic = statusOf(() => decodeProtobufObject(Buffer.from('{"kind":"Namespace"}'), 'Namespace'));
  t.equal(notMagic.code, 415);
  t.match(notMagic.message, /does not appear to be a protobuf message.*send it as JSON/);
  const whole = envelope('v1', 'Namespace', namespaceRaw());
  t.equal(statusOf(() => decodeProtobufObject(whole.subarray(0, whole.length - 2), 'Namespace')).code, 400, 'truncated');
  const wrongWire = protobuf.Writer.create().uint32(tag(1, 0)).uint32(5).finish(); // metadata as a varint
  t.equal(statusOf(() => decodeProtobufObject(envelope('v1', 'Namespace', wrongWire), 'Namespace')).code, 400, 'wrong wire type');
});

t.test('packed and unpacked repeated scalars, envelope defaults, "__proto__" keys', async (t) => {
  const psc = protobuf.Writer.create().uint32(tag(4, 2)).fork().int64(1000).int64(2000).ldelim().uint32(tag(4, 0)).int64(3000).finish();
  const spec = protobuf.Writer.create().uint32(tag(14, 2)).bytes(psc).finish();
  const pod = protobuf.Writer.create().uint32(tag(2, 2)).bytes(spec).finish();
  t.strictSame(decodeProtobufObject(envelope('v1', 'Pod', pod), 'Pod'), {
    apiVersion: 'v1', kind: 'Pod', spec: { securityContext: { supplementalGroups: [1000, 2000, 3000] } },
  });

  const noTypeMeta = concat(PROTOBUF_MAGIC, k8sType(TYPES.unknown).encode({ raw: namespaceRaw() }).finish());
  t.strictSame(decodeProtobufObject(noTypeMeta, 'Namespace'), { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'ns1' } }, 'kind from the route');

  const got = decodeProtobufObject(body('v1', 'ConfigMap', 'k8s.io.api.core.v1.ConfigMap', { metadata: { labels: { ['__proto__']: 'x' } } }), 'ConfigMap');
  const labels = (got.metadata as { labels: Record<string, unknown> }).labels;
  t.ok(Object.hasOwn(labels, '__proto__'), 'an own key, as JSON.parse makes it');
  t.equal(Object.getPrototypeOf(labels), Object.prototype, 'the prototype is untouched');
  t.equal(JSON.stringify(labels), '{"__proto__":"x"}');
});

t.test('MicroTime and RawExtension (JSON or a nested envelope)', async (t) => {
  // No served kind has these yet, so a test-only message carries them.
  const root = k8sType(TYPES.unknown).root;
  const holder = new protobuf.Type('ProtobufTestHolder')
    .add(new protobuf.Field('eventTime', 1, '.' + TYPES.microTime))
    .add(new protobuf.Field('json', 2, '.' + TYPES.rawExtension))
    .add(new protobuf.Field('nested', 3, '.' + TYPES.rawExtension))
    .add(new protobuf.Field('empty', 4, '.' + TYPES.rawExtension));
  root.add(holder);
  holder.resolveAll();
  const inner = envelope('v1', 'ConfigMap', encodeMessage('k8s.io.api.core.v1.ConfigMap', { data: { k: 'v' } }));
  const bytes = holder.encode({
    eventTime: { seconds: 1700000000, nanos: 123456789 },
    json: { raw: Buffer.from('{"a":[1,null]}') },
    nested: { raw: inner },
    empty: {},
  }).finish();
  const json = messageJson(holder, readMessage(holder, bytes, 'Holder'), (b) => decodeProtobufObject(b, '') as never);
  t.strictSame(json, {
    eventTime: '2023-11-14T22:13:20.123456Z',
    json: { a: [1, null] },
    nested: { apiVersion: 'v1', kind: 'ConfigMap', data: { k: 'v' } },
  });
});

t.test('every served kind has a resolvable schema', async (t) => {
  for (const name of ['Namespace', 'ConfigMap', 'Secret', 'Service', 'ServiceAccount', 'Pod', 'Binding', 'ReplicationController']) {
    t.ok(k8sType(`k8s.io.api.core.v1.${name}`), name);
  }
  for (const name of ['apps.v1.Deployment', 'apps.v1.ReplicaSet', 'apps.v1.DaemonSet', 'batch.v1.Job', 'autoscaling.v1.Scale', 'policy.v1.Eviction']) {
    t.ok(k8sType(`k8s.io.api.${name}`), name);
  }
});
