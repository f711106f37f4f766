// Defaulting of a PodSpec wherever one appears (pods and every pod template), as the generated
// SetObjectDefaults_PodTemplate does: SetDefaults_PodSpec, then volumes, containers, probes,
// env field refs and resource lists. Pod-only defaults live in pod.ts.
import { canonicalQuantity, QuantityError } from '../../meta/quantity.js';
import {
  ensureObject, isJsonObject, objectAt, setDefault, setDefaultPointer, type JsonObject,
} from '../../meta/validation-json.js';
import { defaultPullPolicy } from './image.js';

/** defaultResourceList rounds each quantity up to milli precision and stores it as Kubernetes prints it (SetDefaults_ResourceList). */
export function defaultResourceList(list: unknown): void {
  if (!isJsonObject(list)) return;
  for (const [k, v] of Object.entries(list)) {
    if (typeof v !== 'string' && typeof v !== 'number') continue;
    try {
      list[k] = canonicalQuantity(v, { milli: true });
    } catch (e) {
      // A malformed quantity stays as sent so validation can name it.
      if (!(e instanceof QuantityError)) throw e;
    }
  }
}

function defaultHTTPGet(handler: JsonObject | undefined): void {
  const get = objectAt(handler, 'httpGet');
  if (!get) return;
  setDefault(get, 'path', '/');
  setDefault(get, 'scheme', 'HTTP');
}

function defaultProbe(probe: unknown): void {
  if (!isJsonObject(probe)) return;
  for (const [k, v] of [['timeoutSeconds', 1], ['periodSeconds', 10], ['successThreshold', 1], ['failureThreshold', 3]] as const) {
    if (!probe[k]) probe[k] = v;
  }
  defaultHTTPGet(probe);
  const grpc = objectAt(probe, 'grpc');
  if (grpc) setDefaultPointer(grpc, 'service', '');
}

function defaultFieldRef(holder: JsonObject | undefined): void {
  const ref = objectAt(holder, 'fieldRef');
  if (ref) setDefault(ref, 'apiVersion', 'v1');
}

/** defaultContainer is SetDefaults_Container plus the nested defaults the generated code applies to every container. */
export function defaultContainer(c: JsonObject): void {
  if (!c.imagePullPolicy) c.imagePullPolicy = defaultPullPolicy(typeof c.image === 'string' ? c.image : '');
  setDefault(c, 'terminationMessagePath', '/dev/termination-log');
  setDefault(c, 'terminationMessagePolicy', 'File');
  for (const p of Array.isArray(c.ports) ? c.ports : []) if (isJsonObject(p)) setDefault(p, 'protocol', 'TCP');
  for (const e of Array.isArray(c.env) ? c.env : []) if (isJsonObject(e)) defaultFieldRef(objectAt(e, 'valueFrom'));
  const resources = objectAt(c, 'resources');
  defaultResourceList(resources?.limits);
  defaultResourceList(resources?.requests);
  defaultProbe(c.livenessProbe);
  defaultProbe(c.readinessProbe);
  defaultProbe(c.startupProbe);
  const lifecycle = objectAt(c, 'lifecycle');
  defaultHTTPGet(objectAt(lifecycle, 'postStart'));
  defaultHTTPGet(objectAt(lifecycle, 'preStop'));
}

// Every volume source a v1 Volume can carry; a volume naming none of them becomes an emptyDir.
const VOLUME_SOURCES = [
  'hostPath', 'emptyDir', 'gcePersistentDisk', 'awsElasticBlockStore', 'gitRepo', 'secret', 'nfs', 'iscsi', 'glusterfs',
  'persistentVolumeClaim', 'rbd', 'flexVolume', 'cinder', 'cephfs', 'flocker', 'downwardAPI', 'fc', 'azureFile',
  'configMap', 'vsphereVolume', 'quobyte', 'azureDisk', 'photonPersistentDisk', 'projected', 'portworxVolume',
  'scaleIO', 'storageos', 'csi', 'ephemeral', 'image',
] as const;

/** volumeSources lists the sources a volume names (set and not null), in Kubernetes' field order. */
export function volumeSources(v: JsonObject): string[] {
  return VOLUME_SOURCES.filter((s) => v[s] !== undefined && v[s] !== null);
}

const FILE_MODE_DEFAULT = 0o644;

function defaultVolume(v: JsonObject): void {
  if (volumeSources(v).length === 0) v.emptyDir = {};
  const hostPath = objectAt(v, 'hostPath');
  if (hostPath) setDefaultPointer(hostPath, 'type', '');
  for (const s of ['secret', 'configMap', 'downwardAPI', 'projected'] as const) {
    const src = objectAt(v, s);
    if (src) setDefaultPointer(src, 'defaultMode', FILE_MODE_DEFAULT);
  }
  for (const item of Array.isArray(objectAt(v, 'downwardAPI')?.items) ? (objectAt(v, 'downwardAPI')!.items as unknown[]) : []) {
    if (isJsonObject(item)) defaultFieldRef(item);
  }
  const projected = objectAt(v, 'projected');
  for (const src of Array.isArray(projected?.sources) ? (projected!.sources as unknown[]) : []) {
    if (!isJsonObject(src)) continue;
    for (const item of Array.isArray(objectAt(src, 'downwardAPI')?.items) ? (objectAt(src, 'downwardAPI')!.items as unknown[]) : []) {
      if (isJsonObject(item)) defaultFieldRef(item);
    }
    const token = objectAt(src, 'serviceAccountToken');
    if (token) setDefaultPointer(token, 'expirationSeconds', 3600);
  }
  // The in-tree volume plugins' own defaults, still applied by the defaulter.
  const iscsi = objectAt(v, 'iscsi');
  if (iscsi) setDefault(iscsi, 'iscsiInterface', 'default');
  const rbd = objectAt(v, 'rbd');
  if (rbd) {
    setDefault(rbd, 'pool', 'rbd');
    setDefault(rbd, 'user', 'admin');
    setDefault(rbd, 'keyring', '/etc/ceph/keyring');
  }
  const azureDisk = objectAt(v, 'azureDisk');
  if (azureDisk) {
    setDefaultPointer(azureDisk, 'cachingMode', 'ReadWrite');
    setDefaultPointer(azureDisk, 'kind', 'Shared');
    setDefaultPointer(azureDisk, 'fsType', 'ext4');
    setDefaultPointer(azureDisk, 'readOnly', false);
  }
  const scaleIO = objectAt(v, 'scaleIO');
  if (scaleIO) {
    setDefault(scaleIO, 'storageMode', 'ThinProvisioned');
    setDefault(scaleIO, 'fsType', 'xfs');
  }
  const claimSpec = objectAt(objectAt(objectAt(v, 'ephemeral'), 'volumeClaimTemplate'), 'spec');
  if (claimSpec) {
    setDefaultPointer(claimSpec, 'volumeMode', 'Filesystem');
    const resources = objectAt(claimSpec, 'resources');
    defaultResourceList(resources?.limits);
    defaultResourceList(resources?.requests);
  }
  const emptyDir = objectAt(v, 'emptyDir');
  if (emptyDir && (typeof emptyDir.sizeLimit === 'string' || typeof emptyDir.sizeLimit === 'number')) {
    try {
      emptyDir.sizeLimit = canonicalQuantity(emptyDir.sizeLimit);
    } catch (e) {
      if (!(e instanceof QuantityError)) throw e;
    }
  }
}

/** defaultPodSpec applies SetDefaults_PodSpec and everything nested in a PodSpec, in place. */
export function defaultPodSpec(spec: JsonObject): void {
  // Conversion, not defaulting: serviceAccount is the deprecated alias, read when
  // serviceAccountName is empty and always written back equal to it.
  if (!spec.serviceAccountName && typeof spec.serviceAccount === 'string' && spec.serviceAccount !== '') spec.serviceAccountName = spec.serviceAccount;
  if (typeof spec.serviceAccountName === 'string' && spec.serviceAccountName !== '') spec.serviceAccount = spec.serviceAccountName;
  else delete spec.serviceAccount;
  setDefault(spec, 'dnsPolicy', 'ClusterFirst');
  setDefault(spec, 'restartPolicy', 'Always');
  setDefaultPointer(spec, 'securityContext', {});
  setDefaultPointer(spec, 'terminationGracePeriodSeconds', 30);
  setDefault(spec, 'schedulerName', 'default-scheduler');
  for (const v of Array.isArray(spec.volumes) ? spec.volumes : []) if (isJsonObject(v)) defaultVolume(v);
  for (const list of ['initContainers', 'containers', 'ephemeralContainers']) {
    for (const c of Array.isArray(spec[list]) ? (spec[list] as unknown[]) : []) if (isJsonObject(c)) defaultContainer(c);
  }
  defaultResourceList(spec.overhead);
  const podResources = objectAt(spec, 'resources');
  defaultResourceList(podResources?.limits);
  defaultResourceList(podResources?.requests);
}

/** defaultPodTemplateSpec defaults a pod template's spec (what RC, ReplicaSet, Deployment, DaemonSet and Job templates get). */
export function defaultPodTemplateSpec(template: unknown): void {
  if (!isJsonObject(template)) return;
  const spec = ensureObject(template, 'spec');
  if (spec) defaultPodSpec(spec);
}
