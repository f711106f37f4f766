// The kinds the API fuzz exercises, with a valid object of each to start from: malformed
// requests are mostly valid ones with one thing broken, so they get past the early checks.

/** JsonObject is a plain JSON object. */
export type JsonObject = Record<string, unknown>;

/** FuzzKind is one resource the fuzz creates and mutates. */
export interface FuzzKind {
  resource: string;
  kind: string;
  apiVersion: string;
  /** collection is the URL of the resource's objects in namespace ns. */
  collection(ns: string): string;
  /** make builds a valid object named name. */
  make(name: string, n: number): JsonObject;
  /** change returns a valid modified copy, as an update would send it. */
  change(obj: JsonObject, n: number): JsonObject;
  /** strategicPatch is a valid strategic merge patch for this kind. */
  strategicPatch(n: number): JsonObject;
}

const labels = (n: number): Record<string, string> => ({ app: 'fuzz', gen: String(n) });
const podSpec = (n: number): JsonObject => ({
  containers: [{ name: 'main', image: `registry.example.com/fuzz:${n}`, ports: [{ containerPort: 8080, protocol: 'TCP' }], resources: { requests: { cpu: '10m', memory: '16Mi' } } }],
  restartPolicy: 'Always',
});
const core = (resource: string) => (ns: string): string => `/api/v1/namespaces/${ns}/${resource}`;
const withSpec = (obj: JsonObject, spec: JsonObject): JsonObject => ({ ...obj, spec: { ...(obj['spec'] as JsonObject), ...spec } });
const relabel = (obj: JsonObject, n: number): JsonObject => ({ ...obj, metadata: { ...(obj['metadata'] as JsonObject), labels: labels(n) } });
const containerPatch = (n: number): JsonObject => ({ containers: [{ name: 'main', image: `registry.example.com/fuzz:patched-${n}` }] });

/** KINDS are the six resources of the fuzz. */
export const KINDS: readonly FuzzKind[] = [
  {
    resource: 'configmaps', kind: 'ConfigMap', apiVersion: 'v1', collection: core('configmaps'),
    make: (name, n) => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, labels: labels(n) }, data: { 'app.properties': `n=${n}\nmode=fuzz\n`, key: 'value' } }),
    change: (obj, n) => ({ ...relabel(obj, n), data: { key: `value-${n}` } }),
    strategicPatch: (n) => ({ data: { patched: String(n) } }),
  },
  {
    resource: 'secrets', kind: 'Secret', apiVersion: 'v1', collection: core('secrets'),
    make: (name, n) => ({ apiVersion: 'v1', kind: 'Secret', metadata: { name, labels: labels(n) }, type: 'Opaque', data: { password: Buffer.from(`pw-${n}`).toString('base64') } }),
    change: (obj, n) => ({ ...relabel(obj, n), stringData: { extra: String(n) } }),
    strategicPatch: (n) => ({ metadata: { annotations: { patched: String(n) } } }),
  },
  {
    resource: 'services', kind: 'Service', apiVersion: 'v1', collection: core('services'),
    make: (name, n) => ({ apiVersion: 'v1', kind: 'Service', metadata: { name, labels: labels(n) }, spec: { selector: { app: 'fuzz' }, ports: [{ name: 'http', port: 80, targetPort: 8080, protocol: 'TCP' }], type: 'ClusterIP' } }),
    change: (obj, n) => withSpec(relabel(obj, n), { selector: { app: 'fuzz', gen: String(n) } }),
    strategicPatch: (n) => ({ spec: { ports: [{ port: 80, name: 'http', targetPort: 9000 + (n % 100) }] } }),
  },
  {
    resource: 'pods', kind: 'Pod', apiVersion: 'v1', collection: core('pods'),
    make: (name, n) => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name, labels: labels(n) }, spec: podSpec(n) }),
    change: (obj, n) => relabel(obj, n),
    strategicPatch: (n) => ({ spec: containerPatch(n) }),
  },
  {
    resource: 'replicationcontrollers', kind: 'ReplicationController', apiVersion: 'v1', collection: core('replicationcontrollers'),
    make: (name, n) => ({ apiVersion: 'v1', kind: 'ReplicationController', metadata: { name, labels: labels(n) }, spec: { replicas: 1, selector: { app: 'fuzz', rc: name }, template: { metadata: { labels: { app: 'fuzz', rc: name } }, spec: podSpec(n) } } }),
    change: (obj, n) => withSpec(obj, { replicas: n % 5 }),
    strategicPatch: (n) => ({ spec: { replicas: n % 4, template: { spec: containerPatch(n) } } }),
  },
  {
    resource: 'deployments', kind: 'Deployment', apiVersion: 'apps/v1', collection: (ns) => `/apis/apps/v1/namespaces/${ns}/deployments`,
    make: (name, n) => ({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name, labels: labels(n) }, spec: { replicas: 2, selector: { matchLabels: { app: 'fuzz', d: name } }, strategy: { type: 'RollingUpdate' }, template: { metadata: { labels: { app: 'fuzz', d: name } }, spec: podSpec(n) } } }),
    change: (obj, n) => withSpec(obj, { replicas: n % 5 }),
    strategicPatch: (n) => ({ spec: { template: { spec: containerPatch(n) } } }),
  },
];

/** kindNamed finds one of KINDS by resource. */
export function kindNamed(resource: string): FuzzKind {
  const k = KINDS.find((x) => x.resource === resource);
  if (!k) throw new Error(`no fuzz kind ${resource}`);
  return k;
}
