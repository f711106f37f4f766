// Every served kind has a strategy, and the strategies work end to end on realistic objects.
import t from 'tap';
import { loadCorpus } from '../test/fixtures/objects/corpus.js';
import { messagesOf } from './meta/validation-testing.js';
import { RESOURCES, groupVersion } from './resources.js';
import { strategyFor } from './validation-registry.js';

t.test('every served kind has a strategy; unknown kinds none', async (t) => {
  for (const r of RESOURCES) t.ok(strategyFor(groupVersion(r), r.kind), `${groupVersion(r)} ${r.kind}`);
  t.equal(strategyFor('v1', 'Widget'), undefined);
  t.equal(strategyFor('apps/v1beta1', 'Deployment'), undefined);
});

t.test('unconditional updates: allowed except for leases', async (t) => {
  for (const r of RESOURCES) t.equal(strategyFor(groupVersion(r), r.kind)!.allowUnconditionalUpdate, r.kind !== 'Lease', r.kind);
  const cm = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'a', namespace: 'b' } };
  t.strictSame(strategyFor('v1', 'ConfigMap')!.validateUpdate(structuredClone(cm), { ...cm, metadata: { ...cm.metadata, resourceVersion: '1' } }), []);
});

const minimal: Record<string, Record<string, unknown>> = {
  Namespace: { metadata: { name: 'shop' } },
  Node: { metadata: { name: 'worker-1' } },
  Pod: { metadata: { name: 'p', namespace: 'shop' }, spec: { containers: [{ name: 'c', image: 'busybox' }] } },
  Service: { metadata: { name: 's', namespace: 'shop' }, spec: { ports: [{ port: 80 }] } },
  Endpoints: { metadata: { name: 's', namespace: 'shop' } },
  ReplicationController: { metadata: { name: 'r', namespace: 'shop' }, spec: { template: { metadata: { labels: { a: 'b' } }, spec: { containers: [{ name: 'c', image: 'x' }] } } } },
  Event: { metadata: { name: 'e.1', namespace: 'shop' }, involvedObject: { kind: 'Pod', name: 'p', namespace: 'shop' }, reason: 'Started' },
  ConfigMap: { metadata: { name: 'c', namespace: 'shop' }, data: { k: 'v' } },
  Secret: { metadata: { name: 's', namespace: 'shop' }, stringData: { k: 'v' } },
  ServiceAccount: { metadata: { name: 'default', namespace: 'shop' } },
  ReplicaSet: { metadata: { name: 'r', namespace: 'shop' }, spec: { selector: { matchLabels: { a: 'b' } }, template: { metadata: { labels: { a: 'b' } }, spec: { containers: [{ name: 'c', image: 'x' }] } } } },
  Deployment: { metadata: { name: 'd', namespace: 'shop' }, spec: { selector: { matchLabels: { a: 'b' } }, template: { metadata: { labels: { a: 'b' } }, spec: { containers: [{ name: 'c', image: 'x' }] } } } },
  DaemonSet: { metadata: { name: 'd', namespace: 'shop' }, spec: { selector: { matchLabels: { a: 'b' } }, template: { metadata: { labels: { a: 'b' } }, spec: { containers: [{ name: 'c', image: 'x' }] } } } },
  Job: { metadata: { name: 'j', namespace: 'shop' }, spec: { template: { spec: { restartPolicy: 'Never', containers: [{ name: 'c', image: 'x' }] } } } },
  Lease: { metadata: { name: 'l', namespace: 'shop' }, spec: { holderIdentity: 'me' } },
};

t.test('create and update through the strategy, as the server runs it', async (t) => {
  for (const r of RESOURCES) {
    const s = strategyFor(groupVersion(r), r.kind)!;
    const obj: Record<string, unknown> = { apiVersion: groupVersion(r), kind: r.kind, ...structuredClone(minimal[r.kind]!) };
    s.defaults(obj);
    (obj.metadata as Record<string, unknown>).uid = '0f0e0d0c-0b0a-4909-8807-060504030201';
    s.prepareForCreate(obj);
    t.strictSame(messagesOf(s.validateCreate(obj)), [], `${r.kind} create`);
    const stored = { ...structuredClone(obj), metadata: { ...(obj.metadata as object), resourceVersion: '10' } };
    const next = structuredClone(stored);
    s.defaults(next);
    s.prepareForUpdate(next, stored);
    t.strictSame(messagesOf(s.validateUpdate(next, stored)), [], `${r.kind} update`);
  }
  t.strictSame(strategyFor('v1', 'Pod')!.initialStatus!({ spec: { containers: [{ name: 'c', image: 'x' }] } }), { phase: 'Pending', qosClass: 'BestEffort' });
});

t.test('the fixture corpus: defaulting is idempotent and never throws', async (t) => {
  for (const { name, object } of loadCorpus()) {
    const s = strategyFor(String(object.apiVersion), String(object.kind));
    if (!s) continue;
    const once = structuredClone(object);
    s.defaults(once);
    const twice = structuredClone(once);
    s.defaults(twice);
    t.strictSame(twice, once, name);
    t.doesNotThrow(() => s.validateCreate(once), name);
  }
});
