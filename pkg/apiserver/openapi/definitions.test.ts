// The generated definitions: every served kind and list is there with its group-version-kind,
// every reference resolves, and the strategic-merge-patch tags kubectl reads sit where
// api/patch-meta.ts says (and where k8s.io/api puts them).
import t from 'tap';
import { PATCH_TYPES } from '../../../api/patch-meta.js';
import { groupVersion, RESOURCES } from '../../../api/resources.js';
import { definitionOf, parseField, type Schema } from './dsl.js';
import { definitionForKind, definitions, kindDefinition, listDefinition } from './definitions.js';

const defs = definitions();
const prop = (def: string, field: string): Schema => {
  const p = defs[def]?.properties?.[field];
  if (!p) throw new Error(`no ${def}.${field}`);
  return p;
};
const CORE = 'io.k8s.api.core.v1.';

t.test('every served kind and its list carry their group-version-kind', async (t) => {
  for (const r of RESOURCES) {
    const gvk = { group: r.group, version: r.version, kind: r.kind };
    t.same(defs[kindDefinition(r)]?.['x-kubernetes-group-version-kind'], [gvk], `${r.kind}`);
    t.same(defs[listDefinition(r)]?.['x-kubernetes-group-version-kind'], [{ ...gvk, kind: `${r.kind}List` }], `${r.kind}List`);
    t.equal(definitionForKind(groupVersion(r), r.kind), kindDefinition(r), `${r.kind} found by apiVersion/kind`);
    for (const f of ['apiVersion', 'kind', 'metadata']) t.ok(defs[kindDefinition(r)]?.properties?.[f], `${r.kind}.${f}`);
  }
  t.equal(kindDefinition({ group: 'apps', version: 'v1', kind: 'Deployment' }), 'io.k8s.api.apps.v1.Deployment');
  t.equal(kindDefinition({ group: 'coordination.k8s.io', version: 'v1', kind: 'Lease' }), 'io.k8s.api.coordination.v1.Lease');
  t.same(defs['io.k8s.api.autoscaling.v1.Scale']?.['x-kubernetes-group-version-kind'], [{ group: 'autoscaling', version: 'v1', kind: 'Scale' }]);
  t.same(defs['io.k8s.api.policy.v1.Eviction']?.['x-kubernetes-group-version-kind'], [{ group: 'policy', version: 'v1', kind: 'Eviction' }]);
  t.same(defs['io.k8s.apimachinery.pkg.apis.meta.v1.Status']?.['x-kubernetes-group-version-kind'], [{ group: '', version: 'v1', kind: 'Status' }]);
  const deleteGvks = defs['io.k8s.apimachinery.pkg.apis.meta.v1.DeleteOptions']?.['x-kubernetes-group-version-kind'] ?? [];
  t.ok(deleteGvks.some((g) => g.group === 'apps' && g.kind === 'DeleteOptions'), 'DeleteOptions speaks every group');
});

t.test('every reference resolves and every field is described', async (t) => {
  let refs = 0;
  const undescribed: string[] = [];
  const unresolved: string[] = [];
  const walk = (s: Schema, where: string): void => {
    if (s.$ref !== undefined) {
      refs++;
      if (!s.$ref.startsWith('#/definitions/') || !defs[definitionOf(s.$ref)]) unresolved.push(`${where} → ${s.$ref}`);
    }
    if (s.items) walk(s.items, `${where}[]`);
    if (typeof s.additionalProperties === 'object') walk(s.additionalProperties, `${where}{}`);
    for (const [k, p] of Object.entries(s.properties ?? {})) {
      if (!p.description) undescribed.push(`${where}.${k}`);
      walk(p, `${where}.${k}`);
    }
  };
  for (const [name, s] of Object.entries(defs)) {
    walk(s, name);
    if (!s.description) undescribed.push(name);
  }
  t.ok(refs > 300, `${refs} references checked`);
  t.same(unresolved, [], 'every $ref names a definition');
  t.same(undescribed, [], 'kubectl explain has a description for every field');
});

t.test('patch tags of containers, env, volumes and ports', async (t) => {
  const tags = (def: string, field: string) => {
    const p = prop(def, field);
    return { strategy: p['x-kubernetes-patch-strategy'], key: p['x-kubernetes-patch-merge-key'] };
  };
  t.same(tags(CORE + 'PodSpec', 'containers'), { strategy: 'merge', key: 'name' });
  t.same(tags(CORE + 'PodSpec', 'initContainers'), { strategy: 'merge', key: 'name' });
  t.same(tags(CORE + 'PodSpec', 'volumes'), { strategy: 'merge,retainKeys', key: 'name' });
  t.same(tags(CORE + 'Container', 'env'), { strategy: 'merge', key: 'name' });
  t.same(tags(CORE + 'Container', 'ports'), { strategy: 'merge', key: 'containerPort' });
  t.same(tags(CORE + 'Container', 'volumeMounts'), { strategy: 'merge', key: 'mountPath' });
  t.same(tags(CORE + 'EphemeralContainer', 'env'), { strategy: 'merge', key: 'name' });
  t.same(tags(CORE + 'ServiceSpec', 'ports'), { strategy: 'merge', key: 'port' });
  t.same(tags('io.k8s.api.apps.v1.DeploymentSpec', 'strategy'), { strategy: 'retainKeys', key: undefined });
  t.same(tags('io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta', 'finalizers'), { strategy: 'merge', key: undefined });
  t.same(tags(CORE + 'Container', 'args'), { strategy: undefined, key: undefined }, 'untagged lists stay untagged');

  const ports = prop(CORE + 'Container', 'ports');
  t.equal(ports['x-kubernetes-list-type'], 'map');
  t.same(ports['x-kubernetes-list-map-keys'], ['containerPort', 'protocol']);
  t.equal(prop(CORE + 'Container', 'args')['x-kubernetes-list-type'], 'atomic');
  t.equal(prop(CORE + 'PodSpec', 'nodeSelector')['x-kubernetes-map-type'], 'atomic');
  t.equal(defs['io.k8s.apimachinery.pkg.apis.meta.v1.LabelSelector']?.['x-kubernetes-map-type'], 'atomic');
});

t.test('every tag in api/patch-meta.ts lands on a described field', async (t) => {
  for (const [def, fields] of Object.entries(PATCH_TYPES)) {
    for (const [field, meta] of Object.entries(fields)) {
      const p = defs[def]?.properties?.[field];
      if (!p) {
        t.fail(`${def}.${field} is in patch-meta.ts but not described`);
        continue;
      }
      t.equal(p['x-kubernetes-patch-strategy'], meta.strategy, `${def}.${field} strategy`);
      t.equal(p['x-kubernetes-patch-merge-key'], meta.mergeKey, `${def}.${field} merge key`);
      if (meta.type) {
        const target = p.items?.$ref ?? p.$ref;
        t.equal(target && definitionOf(target), meta.type, `${def}.${field} leads to ${meta.type}`);
      }
    }
  }
});

t.test('types kubectl treats specially', async (t) => {
  const port = prop(CORE + 'HTTPGetAction', 'port');
  t.equal(port.$ref, '#/definitions/io.k8s.apimachinery.pkg.util.intstr.IntOrString');
  t.same(defs['io.k8s.apimachinery.pkg.util.intstr.IntOrString'], { type: 'string', format: 'int-or-string', description: defs['io.k8s.apimachinery.pkg.util.intstr.IntOrString']?.description });
  t.same(prop(CORE + 'ResourceRequirements', 'limits').additionalProperties, { $ref: '#/definitions/io.k8s.apimachinery.pkg.api.resource.Quantity' });
  t.same(prop(CORE + 'ConfigMap', 'data').additionalProperties, { type: 'string' });
  t.same(prop(CORE + 'Secret', 'data').additionalProperties, { type: 'string', format: 'byte' });
  t.same(prop('io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta', 'creationTimestamp').$ref, '#/definitions/io.k8s.apimachinery.pkg.apis.meta.v1.Time');
  t.same(prop(CORE + 'ContainerPort', 'containerPort'), { type: 'integer', format: 'int32', description: prop(CORE + 'ContainerPort', 'containerPort').description });
  t.same(defs[CORE + 'Container']?.required, ['name']);
  t.same(defs['io.k8s.api.apps.v1.DeploymentSpec']?.required, ['selector', 'template']);
});

t.test('the compact field notation', async (t) => {
  const resolve = (n: string): string | undefined => (n === 'Foo' ? 'x.Foo' : undefined);
  t.same(parseField('[]Foo@map:a,b! Some foos.', resolve), {
    schema: { type: 'array', items: { $ref: '#/definitions/x.Foo' }, 'x-kubernetes-list-type': 'map', 'x-kubernetes-list-map-keys': ['a', 'b'], description: 'Some foos.' },
    required: true,
  });
  t.same(parseField('map[][]string@atomic Lists.', resolve).schema, { type: 'object', additionalProperties: { type: 'array', items: { type: 'string' } }, 'x-kubernetes-map-type': 'atomic', description: 'Lists.' });
  t.same(parseField('any Anything.', resolve).schema, { description: 'Anything.' });
  t.throws(() => parseField('Bar Unknown type.', resolve), /unknown type "Bar"/);
  t.throws(() => parseField('string@set Not a list.', resolve), /does not fit/);
});
