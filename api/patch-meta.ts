// Strategic-merge-patch metadata of the served kinds: the `patchStrategy` / `patchMergeKey` struct
// tags of k8s.io/api (core/v1, apps/v1, batch/v1) and metav1.ObjectMeta, checked against the Go
// sources. Fields without tags are absent: their lists are replaced whole and their maps merged,
// which is what Kubernetes does with untagged fields. One table serves two readers: the patch engine
// walks it by path, the OpenAPI generator emits x-kubernetes-patch-strategy / -merge-key per
// definition from PATCH_TYPES.

/** PatchStrategy is a patchStrategy tag value; 'merge,retainKeys' is the one combination in use. */
export type PatchStrategy = 'merge' | 'replace' | 'retainKeys' | 'merge,retainKeys';

/** FieldPatchMeta is the patch metadata of one field; both members absent means "no tag". */
export interface FieldPatchMeta {
  strategy?: PatchStrategy;
  /** mergeKey is patchMergeKey, set only on lists of objects with a merge strategy. */
  mergeKey?: string;
}

/** PatchFieldDef is a field in PATCH_TYPES: its tags plus, for navigation, its (element) type. */
export interface PatchFieldDef extends FieldPatchMeta {
  /** type names the OpenAPI definition of the value, or of the items for a list. */
  type?: string;
}

const META = 'io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta';
const CORE = 'io.k8s.api.core.v1.';
const APPS = 'io.k8s.api.apps.v1.';
const BATCH = 'io.k8s.api.batch.v1.';

const merge = (mergeKey?: string, type?: string): PatchFieldDef => ({ strategy: 'merge', ...(mergeKey ? { mergeKey } : {}), ...(type ? { type } : {}) });
const to = (type: string): PatchFieldDef => ({ type });
const conditions = merge('type');

// Container and EphemeralContainerCommon carry the same tags (types.go keeps them in sync).
const containerFields: Record<string, PatchFieldDef> = {
  ports: merge('containerPort'),
  env: merge('name'),
  volumeMounts: merge('mountPath'),
  volumeDevices: merge('devicePath'),
};

/**
 * PATCH_TYPES maps OpenAPI definition names to the fields that carry patch tags or lead to types
 * that do. A field listed only with `type` has no tags of its own.
 */
export const PATCH_TYPES: Readonly<Record<string, Readonly<Record<string, PatchFieldDef>>>> = {
  [META]: {
    ownerReferences: merge('uid'),
    finalizers: merge(),
  },
  [CORE + 'PodTemplateSpec']: { metadata: to(META), spec: to(CORE + 'PodSpec') },
  [CORE + 'PodSpec']: {
    volumes: { strategy: 'merge,retainKeys', mergeKey: 'name', type: CORE + 'Volume' },
    initContainers: merge('name', CORE + 'Container'),
    containers: merge('name', CORE + 'Container'),
    ephemeralContainers: merge('name', CORE + 'EphemeralContainer'),
    imagePullSecrets: merge('name'),
    hostAliases: merge('ip'),
    topologySpreadConstraints: merge('topologyKey'),
    schedulingGates: merge('name'),
    resourceClaims: { strategy: 'merge,retainKeys', mergeKey: 'name' },
  },
  [CORE + 'Container']: containerFields,
  [CORE + 'EphemeralContainer']: containerFields,
  [CORE + 'Volume']: { ephemeral: to(CORE + 'EphemeralVolumeSource') },
  [CORE + 'EphemeralVolumeSource']: { volumeClaimTemplate: to(CORE + 'PersistentVolumeClaimTemplate') },
  [CORE + 'PersistentVolumeClaimTemplate']: { metadata: to(META) },
  [CORE + 'PodStatus']: {
    conditions,
    podIPs: merge('ip'),
    hostIPs: merge('ip'),
    resourceClaimStatuses: { strategy: 'merge,retainKeys', mergeKey: 'name' },
    // The status lists are atomic, but their items carry tags the OpenAPI documents.
    initContainerStatuses: to(CORE + 'ContainerStatus'),
    containerStatuses: to(CORE + 'ContainerStatus'),
    ephemeralContainerStatuses: to(CORE + 'ContainerStatus'),
  },
  [CORE + 'ContainerStatus']: {
    volumeMounts: merge('mountPath'),
    allocatedResourcesStatus: merge('name'),
  },
  [CORE + 'Pod']: { metadata: to(META), spec: to(CORE + 'PodSpec'), status: to(CORE + 'PodStatus') },
  [CORE + 'ServiceSpec']: { ports: merge('port') },
  [CORE + 'ServiceStatus']: { conditions },
  [CORE + 'Service']: { metadata: to(META), spec: to(CORE + 'ServiceSpec'), status: to(CORE + 'ServiceStatus') },
  [CORE + 'Endpoints']: { metadata: to(META) },
  [CORE + 'ReplicationControllerSpec']: { template: to(CORE + 'PodTemplateSpec') },
  [CORE + 'ReplicationControllerStatus']: { conditions },
  [CORE + 'ReplicationController']: {
    metadata: to(META),
    spec: to(CORE + 'ReplicationControllerSpec'),
    status: to(CORE + 'ReplicationControllerStatus'),
  },
  [CORE + 'NodeSpec']: { podCIDRs: merge() },
  [CORE + 'NodeStatus']: { conditions, addresses: merge('type') },
  [CORE + 'Node']: { metadata: to(META), spec: to(CORE + 'NodeSpec'), status: to(CORE + 'NodeStatus') },
  [CORE + 'NamespaceStatus']: { conditions },
  [CORE + 'Namespace']: { metadata: to(META), status: to(CORE + 'NamespaceStatus') },
  [CORE + 'ConfigMap']: { metadata: to(META) },
  [CORE + 'Secret']: { metadata: to(META) },
  [CORE + 'Event']: { metadata: to(META) },
  [CORE + 'ServiceAccount']: { metadata: to(META), secrets: merge('name') },
  [APPS + 'ReplicaSetSpec']: { template: to(CORE + 'PodTemplateSpec') },
  [APPS + 'ReplicaSetStatus']: { conditions },
  [APPS + 'ReplicaSet']: { metadata: to(META), spec: to(APPS + 'ReplicaSetSpec'), status: to(APPS + 'ReplicaSetStatus') },
  [APPS + 'DeploymentSpec']: { template: to(CORE + 'PodTemplateSpec'), strategy: { strategy: 'retainKeys' } },
  [APPS + 'DeploymentStatus']: { conditions },
  [APPS + 'Deployment']: { metadata: to(META), spec: to(APPS + 'DeploymentSpec'), status: to(APPS + 'DeploymentStatus') },
  [APPS + 'DaemonSetSpec']: { template: to(CORE + 'PodTemplateSpec') },
  [APPS + 'DaemonSetStatus']: { conditions },
  [APPS + 'DaemonSet']: { metadata: to(META), spec: to(APPS + 'DaemonSetSpec'), status: to(APPS + 'DaemonSetStatus') },
  [BATCH + 'JobSpec']: { template: to(CORE + 'PodTemplateSpec') },
  [BATCH + 'JobStatus']: { conditions },
  [BATCH + 'Job']: { metadata: to(META), spec: to(BATCH + 'JobSpec'), status: to(BATCH + 'JobStatus') },
  'io.k8s.api.coordination.v1.Lease': { metadata: to(META) },
};

/** KIND_DEFINITIONS maps `apiVersion/kind` of each served kind to its OpenAPI definition name. */
export const KIND_DEFINITIONS: Readonly<Record<string, string>> = {
  'v1/Pod': CORE + 'Pod',
  'v1/Service': CORE + 'Service',
  'v1/Endpoints': CORE + 'Endpoints',
  'v1/ReplicationController': CORE + 'ReplicationController',
  'v1/Node': CORE + 'Node',
  'v1/Namespace': CORE + 'Namespace',
  'v1/ConfigMap': CORE + 'ConfigMap',
  'v1/Secret': CORE + 'Secret',
  'v1/Event': CORE + 'Event',
  'v1/ServiceAccount': CORE + 'ServiceAccount',
  'apps/v1/ReplicaSet': APPS + 'ReplicaSet',
  'apps/v1/Deployment': APPS + 'Deployment',
  'apps/v1/DaemonSet': APPS + 'DaemonSet',
  'batch/v1/Job': BATCH + 'Job',
  'coordination.k8s.io/v1/Lease': 'io.k8s.api.coordination.v1.Lease',
};

/** PatchMetaWalker answers patch metadata by field path from the object root. */
export interface PatchMetaWalker {
  /**
   * lookup returns the tags of the field at path, e.g. ['spec', 'template', 'spec', 'containers',
   * 'env']. Path segments are field names only: list items are transparent. Unknown paths and
   * keys inside plain maps (labels, data) answer {}.
   */
  lookup(path: readonly string[]): FieldPatchMeta;
}

/**
 * patchMetaWalker builds a walker over any table shaped like PATCH_TYPES, rooted at definition;
 * tests use it with schemas of their own.
 */
export function patchMetaWalker(types: Readonly<Record<string, Readonly<Record<string, PatchFieldDef>>>>, definition: string): PatchMetaWalker {
  const own = (o: object, k: string): boolean => Object.prototype.hasOwnProperty.call(o, k);
  return {
    lookup(path) {
      let type: string | undefined = definition;
      let field: PatchFieldDef | undefined;
      for (const segment of path) {
        const fields: Readonly<Record<string, PatchFieldDef>> | undefined = type !== undefined && own(types, type) ? types[type] : undefined;
        field = fields && own(fields, segment) ? fields[segment] : undefined;
        if (!field) return {};
        type = field.type;
      }
      if (!field) return {};
      return {
        ...(field.strategy ? { strategy: field.strategy } : {}),
        ...(field.mergeKey ? { mergeKey: field.mergeKey } : {}),
      };
    },
  };
}

/** patchMetaFor returns the walker for a served kind, or undefined for kinds this table lacks. */
export function patchMetaFor(apiVersion: string, kind: string): PatchMetaWalker | undefined {
  const key = `${apiVersion}/${kind}`;
  const definition = Object.prototype.hasOwnProperty.call(KIND_DEFINITIONS, key) ? KIND_DEFINITIONS[key] : undefined;
  return definition === undefined ? undefined : patchMetaWalker(PATCH_TYPES, definition);
}
