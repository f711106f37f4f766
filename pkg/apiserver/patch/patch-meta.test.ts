// api/patch-meta.ts: the tags of the served kinds as the Go types declare them, and the walker.
import t from 'tap';
import { KIND_DEFINITIONS, PATCH_TYPES, patchMetaFor } from '../../../api/patch-meta.js';
import { RESOURCES, groupVersion } from '../../../api/resources.js';

t.test('every served kind has patch metadata, and only served kinds do', async (t) => {
  const served = RESOURCES.map((r) => `${groupVersion(r)}/${r.kind}`).sort();
  t.strictSame(Object.keys(KIND_DEFINITIONS).sort(), served);
  for (const def of Object.values(KIND_DEFINITIONS)) t.ok(PATCH_TYPES[def], def);
  t.equal(patchMetaFor('v1', 'Widget'), undefined);
  t.equal(patchMetaFor('apps/v1', 'Pod'), undefined, 'apiVersion matters');
});

t.test('every field type reference resolves', async (t) => {
  for (const [def, fields] of Object.entries(PATCH_TYPES)) {
    for (const [name, field] of Object.entries(fields)) {
      if (field.type) t.ok(PATCH_TYPES[field.type], `${def}.${name} → ${field.type}`);
      if (field.mergeKey) t.match(field.strategy, /^merge/, `${def}.${name} has a merge key only with a merge strategy`);
    }
  }
});

t.test('tags by path, pod templates included', async (t) => {
  const pod = patchMetaFor('v1', 'Pod');
  const deploy = patchMetaFor('apps/v1', 'Deployment');
  if (!pod || !deploy) throw new Error('missing');
  const tpl = ['spec', 'template', 'spec'];
  const cases: [typeof pod, string[], object][] = [
    [pod, ['metadata', 'ownerReferences'], { strategy: 'merge', mergeKey: 'uid' }],
    [pod, ['metadata', 'finalizers'], { strategy: 'merge' }],
    [pod, ['metadata', 'labels'], {}],
    [pod, ['metadata', 'labels', 'containers'], {}],
    [pod, ['spec', 'containers'], { strategy: 'merge', mergeKey: 'name' }],
    [pod, ['spec', 'initContainers', 'env'], { strategy: 'merge', mergeKey: 'name' }],
    [pod, ['spec', 'ephemeralContainers', 'volumeMounts'], { strategy: 'merge', mergeKey: 'mountPath' }],
    [pod, ['spec', 'containers', 'envFrom'], {}],
    [pod, ['spec', 'containers', 'ports'], { strategy: 'merge', mergeKey: 'containerPort' }],
    [pod, ['spec', 'containers', 'volumeDevices'], { strategy: 'merge', mergeKey: 'devicePath' }],
    [pod, ['spec', 'containers', 'resizePolicy'], {}],
    [pod, ['spec', 'volumes'], { strategy: 'merge,retainKeys', mergeKey: 'name' }],
    [pod, ['spec', 'volumes', 'ephemeral', 'volumeClaimTemplate', 'metadata', 'finalizers'], { strategy: 'merge' }],
    [pod, ['spec', 'tolerations'], {}],
    [pod, ['spec', 'hostAliases'], { strategy: 'merge', mergeKey: 'ip' }],
    [pod, ['spec', 'imagePullSecrets'], { strategy: 'merge', mergeKey: 'name' }],
    [pod, ['spec', 'topologySpreadConstraints'], { strategy: 'merge', mergeKey: 'topologyKey' }],
    [pod, ['spec', 'readinessGates'], {}],
    [pod, ['status', 'conditions'], { strategy: 'merge', mergeKey: 'type' }],
    [pod, ['status', 'podIPs'], { strategy: 'merge', mergeKey: 'ip' }],
    [pod, ['status', 'containerStatuses'], {}],
    [pod, ['status', 'containerStatuses', 'volumeMounts'], { strategy: 'merge', mergeKey: 'mountPath' }],
    [deploy, ['spec', 'strategy'], { strategy: 'retainKeys' }],
    [deploy, [...tpl, 'containers', 'env'], { strategy: 'merge', mergeKey: 'name' }],
    [deploy, ['spec', 'template', 'metadata', 'finalizers'], { strategy: 'merge' }],
    [deploy, ['status', 'conditions'], { strategy: 'merge', mergeKey: 'type' }],
    [deploy, ['spec', 'selector', 'matchExpressions'], {}],
    [deploy, ['__proto__'], {}],
  ];
  for (const [walker, path, want] of cases) t.strictSame(walker.lookup(path), want, path.join('.'));
  t.strictSame(patchMetaFor('apps/v1', 'DaemonSet')?.lookup(['spec', 'updateStrategy']), {}, 'DaemonSet updateStrategy has no retainKeys');
  t.strictSame(patchMetaFor('v1', 'Node')?.lookup(['spec', 'taints']), {});
  t.strictSame(patchMetaFor('v1', 'Node')?.lookup(['spec', 'podCIDRs']), { strategy: 'merge' });
  t.strictSame(patchMetaFor('v1', 'Node')?.lookup(['status', 'addresses']), { strategy: 'merge', mergeKey: 'type' });
  t.strictSame(patchMetaFor('v1', 'Service')?.lookup(['spec', 'ports']), { strategy: 'merge', mergeKey: 'port' });
  t.strictSame(patchMetaFor('v1', 'ServiceAccount')?.lookup(['secrets']), { strategy: 'merge', mergeKey: 'name' });
  t.strictSame(patchMetaFor('v1', 'ServiceAccount')?.lookup(['imagePullSecrets']), {});
  t.strictSame(patchMetaFor('v1', 'Endpoints')?.lookup(['subsets']), {});
  t.strictSame(patchMetaFor('v1', 'Namespace')?.lookup(['spec', 'finalizers']), {});
  t.strictSame(patchMetaFor('batch/v1', 'Job')?.lookup(['status', 'conditions']), { strategy: 'merge', mergeKey: 'type' });
  t.strictSame(patchMetaFor('coordination.k8s.io/v1', 'Lease')?.lookup(['metadata', 'ownerReferences']), { strategy: 'merge', mergeKey: 'uid' });
});
