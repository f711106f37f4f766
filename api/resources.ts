// The resources the API server serves: one row per resource, the single source for routing,
// discovery, kctl's short names and printing. Add a kind here first.

/** ResourceInfo describes one served resource, in discovery's terms. */
export interface ResourceInfo {
  /** group is '' for the core (legacy) group served under /api/v1. */
  group: string;
  version: string;
  /** resource is the plural lower-case name in URLs, e.g. `replicationcontrollers`. */
  resource: string;
  singular: string;
  kind: string;
  namespaced: boolean;
  shortNames: string[];
  categories: string[];
  /** subresources served under `<resource>/<name>/<sub>`, e.g. status, scale, binding. */
  subresources: string[];
}

const core = (resource: string, singular: string, kind: string, namespaced: boolean, shortNames: string[], subresources: string[] = [], categories: string[] = []): ResourceInfo => ({
  group: '', version: 'v1', resource, singular, kind, namespaced, shortNames, categories, subresources,
});
const grouped = (group: string, version: string, resource: string, singular: string, kind: string, shortNames: string[], subresources: string[] = [], categories: string[] = []): ResourceInfo => ({
  group, version, resource, singular, kind, namespaced: true, shortNames, categories, subresources,
});

/** RESOURCES lists every served resource. */
export const RESOURCES: readonly ResourceInfo[] = [
  core('namespaces', 'namespace', 'Namespace', false, ['ns'], ['status', 'finalize']),
  core('nodes', 'node', 'Node', false, ['no'], ['status']),
  core('pods', 'pod', 'Pod', true, ['po'], ['status', 'binding', 'eviction', 'log', 'exec'], ['all']),
  core('services', 'service', 'Service', true, ['svc'], ['status'], ['all']),
  core('endpoints', 'endpoints', 'Endpoints', true, ['ep']),
  core('replicationcontrollers', 'replicationcontroller', 'ReplicationController', true, ['rc'], ['status', 'scale'], ['all']),
  core('events', 'event', 'Event', true, ['ev']),
  core('configmaps', 'configmap', 'ConfigMap', true, ['cm']),
  core('secrets', 'secret', 'Secret', true, []),
  core('serviceaccounts', 'serviceaccount', 'ServiceAccount', true, ['sa']),
  grouped('apps', 'v1', 'replicasets', 'replicaset', 'ReplicaSet', ['rs'], ['status', 'scale'], ['all']),
  grouped('apps', 'v1', 'deployments', 'deployment', 'Deployment', ['deploy'], ['status', 'scale'], ['all']),
  grouped('apps', 'v1', 'daemonsets', 'daemonset', 'DaemonSet', ['ds'], ['status'], ['all']),
  grouped('batch', 'v1', 'jobs', 'job', 'Job', [], ['status'], ['all']),
  grouped('coordination.k8s.io', 'v1', 'leases', 'lease', 'Lease', []),
];

/** groupVersion is `v1` for core and `group/version` otherwise, as apiVersion fields spell it. */
export function groupVersion(r: Pick<ResourceInfo, 'group' | 'version'>): string {
  return r.group === '' ? r.version : `${r.group}/${r.version}`;
}

/** findByKind finds the resource serving apiVersion/kind. */
export function findByKind(apiVersion: string, kind: string): ResourceInfo | undefined {
  return RESOURCES.find((r) => r.kind === kind && groupVersion(r) === apiVersion);
}

/** findResource finds a resource by group and plural name. */
export function findResource(group: string, version: string, resource: string): ResourceInfo | undefined {
  return RESOURCES.find((r) => r.group === group && r.version === version && r.resource === resource);
}
