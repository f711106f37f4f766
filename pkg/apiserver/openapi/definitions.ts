// Expands the compact type descriptions into Swagger 2.0 definitions named as kube-apiserver names
// them (io.k8s.api.core.v1.Pod), with the extensions kubectl reads: the group-version-kind of each
// top-level kind and the strategic-merge-patch tags of api/patch-meta.ts.
import { KIND_DEFINITIONS, PATCH_TYPES, patchMetaWalker } from '../../../api/patch-meta.js';
import { groupVersion, RESOURCES, type ResourceInfo } from '../../../api/resources.js';
import { parseField, refTo, type GroupVersionKind, type Package, type Schema } from './dsl.js';
import { APPS_TYPES, BATCH_TYPES, COORDINATION_TYPES } from './types-apps.js';
import { CONTAINER_TYPES } from './types-container.js';
import { CORE_TYPES } from './types-core.js';
import { AUTOSCALING_TYPES, META_TYPES, POLICY_TYPES, SCALAR_DEFINITIONS, STANDARD_FIELDS } from './types-meta.js';
import { POD_TYPES } from './types-pod.js';
import { VOLUME_TYPES } from './types-volume.js';

/** PACKAGES are every described type, by definition-name prefix. */
export const PACKAGES: readonly Package[] = [
  META_TYPES,
  { prefix: 'io.k8s.api.core.v1', types: { ...POD_TYPES, ...CONTAINER_TYPES, ...VOLUME_TYPES, ...CORE_TYPES } },
  APPS_TYPES,
  BATCH_TYPES,
  COORDINATION_TYPES,
  AUTOSCALING_TYPES,
  POLICY_TYPES,
];

/** META_PREFIX is the definition-name prefix of apimachinery's meta/v1 types. */
export const META_PREFIX = 'io.k8s.apimachinery.pkg.apis.meta.v1.';

const GROUP_PREFIX: Record<string, string> = { '': 'core', 'coordination.k8s.io': 'coordination' };

/** kindDefinition is the definition name of a served resource's kind, e.g. io.k8s.api.apps.v1.Deployment. */
export function kindDefinition(r: Pick<ResourceInfo, 'group' | 'version' | 'kind'>): string {
  const known = KIND_DEFINITIONS[`${groupVersion(r)}/${r.kind}`];
  if (known !== undefined) return known;
  const group = GROUP_PREFIX[r.group] ?? r.group.replace(/\.k8s\.io$/, '').split('.')[0];
  return `io.k8s.api.${group}.${r.version}.${r.kind}`;
}

/** listDefinition is the definition name of a served resource's list kind. */
export function listDefinition(r: Pick<ResourceInfo, 'group' | 'version' | 'kind'>): string {
  return `${kindDefinition(r)}List`;
}

const gvkOf = (r: ResourceInfo, kind = r.kind): GroupVersionKind => ({ group: r.group, version: r.version, kind });

/** servedGroupVersions lists the group/versions of RESOURCES once each, in order. */
export function servedGroupVersions(): Array<{ group: string; version: string }> {
  const seen = new Map<string, { group: string; version: string }>();
  for (const r of RESOURCES) seen.set(groupVersion(r), { group: r.group, version: r.version });
  return [...seen.values()];
}

/** simpleNames maps each declared simple type name to its full definition name. */
function simpleNames(): Map<string, string> {
  const names = new Map<string, string>();
  const add = (simple: string, full: string): void => {
    const had = names.get(simple);
    if (had !== undefined && had !== full) throw new Error(`openapi: type name ${simple} is declared twice (${had}, ${full})`);
    names.set(simple, full);
  };
  for (const full of Object.keys(SCALAR_DEFINITIONS)) add(full.slice(full.lastIndexOf('.') + 1), full);
  for (const p of PACKAGES) for (const simple of Object.keys(p.types)) add(simple, `${p.prefix}.${simple}`);
  return names;
}

function sortedProperties(props: Record<string, Schema>): Record<string, Schema> {
  return Object.fromEntries(Object.keys(props).sort().map((k) => [k, props[k] as Schema]));
}

/** structSchema expands one declaration and adds the patch tags api/patch-meta.ts records for it. */
function structSchema(definition: string, description: string, fields: Record<string, string>, resolve: (n: string) => string | undefined): Schema {
  const props: Record<string, Schema> = {};
  const required: string[] = [];
  const tags = patchMetaWalker(PATCH_TYPES, definition);
  for (const [name, line] of Object.entries(fields)) {
    const f = parseField(line, resolve);
    const meta = tags.lookup([name]);
    if (meta.strategy) f.schema['x-kubernetes-patch-strategy'] = meta.strategy;
    if (meta.mergeKey) f.schema['x-kubernetes-patch-merge-key'] = meta.mergeKey;
    props[name] = f.schema;
    if (f.required) required.push(name);
  }
  const s: Schema = { description, type: 'object', properties: sortedProperties(props) };
  if (required.length > 0) s.required = required.sort();
  return s;
}

function listSchema(r: ResourceInfo): Schema {
  const items = parseField(`[]${r.kind}! List of ${r.resource}.`, () => kindDefinition(r));
  return {
    description: `${r.kind}List is a list of ${r.kind} objects.`,
    type: 'object',
    properties: sortedProperties({
      apiVersion: parseField(STANDARD_FIELDS.apiVersion, () => undefined).schema,
      items: items.schema,
      kind: parseField(STANDARD_FIELDS.kind, () => undefined).schema,
      metadata: { $ref: refTo(`${META_PREFIX}ListMeta`), description: 'Standard list metadata.' },
    }),
    required: ['items'],
    'x-kubernetes-group-version-kind': [gvkOf(r, `${r.kind}List`)],
  };
}

let cache: Readonly<Record<string, Schema>> | undefined;

/**
 * definitions returns every definition in its Swagger 2.0 form: the described types, a `<Kind>List`
 * per served resource, and the scalar types. Built once; callers must not modify the result.
 */
export function definitions(): Readonly<Record<string, Schema>> {
  if (cache) return cache;
  const names = simpleNames();
  const resolve = (n: string): string | undefined => names.get(n);
  const out: Record<string, Schema> = {};
  for (const [name, scalar] of Object.entries(SCALAR_DEFINITIONS)) out[name] = scalar.v2;
  for (const p of PACKAGES) {
    for (const [simple, [description, fields, options]] of Object.entries(p.types)) {
      const name = `${p.prefix}.${simple}`;
      const s = structSchema(name, description, fields, resolve);
      if (options?.mapType) s['x-kubernetes-map-type'] = options.mapType;
      if (options?.gvk) s['x-kubernetes-group-version-kind'] = options.gvk;
      out[name] = s;
    }
  }
  // Lists, and the group-version-kinds: a served kind's comes from api/resources.ts; the meta types
  // every group version speaks carry one entry per served group version, as in kube-apiserver.
  const gvs = servedGroupVersions();
  for (const r of RESOURCES) {
    const def = out[kindDefinition(r)];
    if (!def) throw new Error(`openapi: no type description for served kind ${groupVersion(r)}/${r.kind}`);
    def['x-kubernetes-group-version-kind'] = [gvkOf(r)];
    out[listDefinition(r)] = listSchema(r);
  }
  for (const kind of ['DeleteOptions', 'WatchEvent']) {
    const extra = kind === 'DeleteOptions' ? [{ group: 'autoscaling', version: 'v1' }, { group: 'policy', version: 'v1' }] : [];
    (out[META_PREFIX + kind] as Schema)['x-kubernetes-group-version-kind'] = [...gvs, ...extra].map((gv) => ({ ...gv, kind }));
  }
  cache = Object.fromEntries(Object.keys(out).sort().map((k) => [k, out[k] as Schema]));
  return cache;
}

/** definitionForKind finds the definition carrying apiVersion/kind in its group-version-kind extension. */
export function definitionForKind(apiVersion: string, kind: string): string | undefined {
  const slash = apiVersion.indexOf('/');
  const group = slash < 0 ? '' : apiVersion.slice(0, slash);
  const version = slash < 0 ? apiVersion : apiVersion.slice(slash + 1);
  for (const [name, s] of Object.entries(definitions())) {
    if (s['x-kubernetes-group-version-kind']?.some((g) => g.group === group && g.version === version && g.kind === kind)) return name;
  }
  return undefined;
}
