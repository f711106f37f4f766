// core/v1 Volume and the volume sources a pod on this cluster can use. Cloud and legacy in-tree
// sources (awsElasticBlockStore, rbd, ...) are declared as open objects: named, so nothing a
// manifest carries there is dropped, but not described field by field.
import type { TypeDecl } from './dsl.js';
import { STANDARD_FIELDS } from './types-meta.js';

const OPEN_SOURCES: Record<string, string> = {
  awsElasticBlockStore: 'AWS Disk resource attached to the host machine (deprecated in-tree source).',
  azureDisk: 'Azure Data Disk mount on the host and bind mount to the pod (deprecated in-tree source).',
  azureFile: 'Azure File Service mount on the host and bind mount to the pod (deprecated in-tree source).',
  cephfs: "Ceph FS mount on the host that shares a pod's lifetime (deprecated).",
  cinder: 'Cinder volume attached and mounted on kubelets host machine (deprecated in-tree source).',
  fc: "Fibre Channel resource that is attached to a kubelet's host machine and then exposed to the pod.",
  flexVolume: 'Generic volume resource that is provisioned/attached using an exec based plugin (deprecated).',
  flocker: 'Flocker volume attached to a kubelet\'s host machine (deprecated).',
  gcePersistentDisk: 'GCE Disk resource that is attached to a kubelet\'s host machine (deprecated in-tree source).',
  gitRepo: 'Git repository at a particular revision (deprecated).',
  glusterfs: "Glusterfs mount on the host that shares a pod's lifetime (deprecated).",
  iscsi: "ISCSI Disk resource that is attached to a kubelet's host machine and then exposed to the pod.",
  photonPersistentDisk: 'PhotonController persistent disk attached and mounted on kubelets host machine (deprecated).',
  portworxVolume: 'Portworx volume attached and mounted on kubelets host machine (deprecated in-tree source).',
  quobyte: "Quobyte mount on the host that shares a pod's lifetime (deprecated).",
  rbd: "Rados Block Device mount on the host that shares a pod's lifetime (deprecated).",
  scaleIO: 'ScaleIO persistent volume attached and mounted on Kubernetes nodes (deprecated).',
  storageos: 'StorageOS volume attached and mounted on Kubernetes nodes (deprecated).',
  vsphereVolume: 'vSphere volume attached and mounted on kubelets host machine (deprecated in-tree source).',
};

const openSources = Object.fromEntries(Object.entries(OPEN_SOURCES).map(([k, d]) => [k, `object ${k} represents a ${d}`]));

const keyToPathItems = '[]KeyToPath@atomic items if unspecified, each key-value pair in the Data field of the referenced object will be projected into the volume as a file whose name is the key and content is the value.';

/** VOLUME_TYPES are Volume and its sources, in core/v1. */
export const VOLUME_TYPES: Record<string, TypeDecl> = {
  Volume: ['Volume represents a named volume in a pod that may be accessed by any container in the pod.', {
    ...openSources,
    configMap: 'ConfigMapVolumeSource configMap represents a configMap that should populate this volume',
    csi: 'CSIVolumeSource csi (Container Storage Interface) represents ephemeral storage that is handled by certain external CSI drivers.',
    downwardAPI: 'DownwardAPIVolumeSource downwardAPI represents downward API about the pod that should populate this volume',
    emptyDir: "EmptyDirVolumeSource emptyDir represents a temporary directory that shares a pod's lifetime.",
    ephemeral: 'EphemeralVolumeSource ephemeral represents a volume that is handled by a cluster storage driver.',
    hostPath: 'HostPathVolumeSource hostPath represents a pre-existing file or directory on the host machine that is directly exposed to the container.',
    image: "ImageVolumeSource image represents an OCI object (a container image or artifact) pulled and mounted on the kubelet's host machine.",
    name: "string! name of the volume. Must be a DNS_LABEL and unique within the pod.",
    nfs: "NFSVolumeSource nfs represents an NFS mount on the host that shares a pod's lifetime",
    persistentVolumeClaim: 'PersistentVolumeClaimVolumeSource persistentVolumeClaimVolumeSource represents a reference to a PersistentVolumeClaim in the same namespace.',
    projected: 'ProjectedVolumeSource projected items for all in one resources secrets, configmaps, and downward API',
    secret: 'SecretVolumeSource secret represents a secret that should populate this volume.',
  }],
  ConfigMapVolumeSource: ['Adapts a ConfigMap into a volume.', {
    defaultMode: 'int32 defaultMode is optional: mode bits used to set permissions on created files by default. Defaults to 0644.',
    items: keyToPathItems,
    name: 'string Name of the referent.',
    optional: 'bool optional specify whether the ConfigMap or its keys must be defined',
  }],
  SecretVolumeSource: ['Adapts a Secret into a volume.', {
    defaultMode: 'int32 defaultMode is Optional: mode bits used to set permissions on created files by default. Defaults to 0644.',
    items: keyToPathItems,
    optional: 'bool optional field specify whether the Secret or its keys must be defined',
    secretName: "string secretName is the name of the secret in the pod's namespace to use.",
  }],
  KeyToPath: ['Maps a string key to a path within a volume.', {
    key: 'string! key is the key to project.',
    mode: 'int32 mode is Optional: mode bits used to set permissions on this file.',
    path: 'string! path is the relative path of the file to map the key to. May not be an absolute path.',
  }],
  EmptyDirVolumeSource: ['Represents an empty directory for a pod.', {
    medium: 'string medium represents what type of storage medium should back this directory: "" (node default) or Memory.',
    sizeLimit: 'Quantity sizeLimit is the total amount of local storage required for this EmptyDir volume.',
  }],
  HostPathVolumeSource: ['Represents a host path mapped into a pod.', {
    path: 'string! path of the directory on the host. If the path is a symlink, it will follow the link to the real path.',
    type: 'string type for HostPath Volume. Defaults to ""',
  }],
  NFSVolumeSource: ['Represents an NFS mount that lasts the lifetime of a pod.', {
    path: 'string! path that is exported by the NFS server.',
    readOnly: 'bool readOnly here will force the NFS export to be mounted with read-only permissions. Defaults to false.',
    server: 'string! server is the hostname or IP address of the NFS server.',
  }],
  PersistentVolumeClaimVolumeSource: ["PersistentVolumeClaimVolumeSource references the user's PVC in the same namespace.", {
    claimName: 'string! claimName is the name of a PersistentVolumeClaim in the same namespace as the pod using this volume.',
    readOnly: 'bool readOnly Will force the ReadOnly setting in VolumeMounts. Default false.',
  }],
  ImageVolumeSource: ['ImageVolumeSource represents a image volume resource.', {
    pullPolicy: 'string Policy for pulling OCI objects: Always, Never or IfNotPresent.',
    reference: 'string Required: Image or artifact reference to be used.',
  }],
  CSIVolumeSource: ['Represents a source location of a volume to mount, managed by an external CSI driver', {
    driver: 'string! driver is the name of the CSI driver that handles this volume.',
    fsType: 'string fsType to mount. Ex. "ext4", "xfs", "ntfs".',
    nodePublishSecretRef: 'LocalObjectReference nodePublishSecretRef is a reference to the secret object containing sensitive information to pass to the CSI driver.',
    readOnly: 'bool readOnly specifies a read-only configuration for the volume. Defaults to false (read/write).',
    volumeAttributes: 'map[]string volumeAttributes stores driver-specific properties that are passed to the CSI driver.',
  }],
  DownwardAPIVolumeSource: ['DownwardAPIVolumeSource represents a volume containing downward API info.', {
    defaultMode: 'int32 Optional: mode bits to use on created files by default. Defaults to 0644.',
    items: '[]DownwardAPIVolumeFile@atomic Items is a list of downward API volume file',
  }],
  DownwardAPIVolumeFile: ['DownwardAPIVolumeFile represents information to create the file containing the pod field', {
    fieldRef: 'ObjectFieldSelector Required: Selects a field of the pod: only annotations, labels, name, namespace and uid are supported.',
    mode: 'int32 Optional: mode bits used to set permissions on this file.',
    path: "string! Required: Path is  the relative path name of the file to be created.",
    resourceFieldRef: 'ResourceFieldSelector Selects a resource of the container: only resources limits and requests are currently supported.',
  }],
  ProjectedVolumeSource: ['Represents a projected volume source', {
    defaultMode: 'int32 defaultMode are the mode bits used to set permissions on created files by default.',
    sources: '[]VolumeProjection@atomic sources is the list of volume projections.',
  }],
  VolumeProjection: ['Projection that may be projected along with other supported volume types.', {
    clusterTrustBundle: 'object ClusterTrustBundle allows a pod to access the `.spec.trustBundle` field of ClusterTrustBundle objects in an auto-updating file.',
    configMap: 'ConfigMapProjection configMap information about the configMap data to project',
    downwardAPI: 'DownwardAPIProjection downwardAPI information about the downwardAPI data to project',
    secret: 'SecretProjection secret information about the secret data to project',
    serviceAccountToken: 'ServiceAccountTokenProjection serviceAccountToken is information about the serviceAccountToken data to project',
  }],
  ConfigMapProjection: ['Adapts a ConfigMap into a projected volume.', {
    items: keyToPathItems,
    name: 'string Name of the referent.',
    optional: 'bool optional specify whether the ConfigMap or its keys must be defined',
  }],
  SecretProjection: ['Adapts a secret into a projected volume.', {
    items: keyToPathItems,
    name: 'string Name of the referent.',
    optional: 'bool optional field specify whether the Secret or its key must be defined',
  }],
  DownwardAPIProjection: ['Represents downward API info for projecting into a projected volume.', {
    items: '[]DownwardAPIVolumeFile@atomic Items is a list of DownwardAPIVolume file',
  }],
  ServiceAccountTokenProjection: ['ServiceAccountTokenProjection represents a projected service account token volume.', {
    audience: 'string audience is the intended audience of the token.',
    expirationSeconds: 'int64 expirationSeconds is the requested duration of validity of the service account token. Defaults to 1 hour.',
    path: 'string! path is the path relative to the mount point of the file to project the token into.',
  }],
  EphemeralVolumeSource: ['Represents an ephemeral volume that is handled by a normal storage driver.', {
    volumeClaimTemplate: 'PersistentVolumeClaimTemplate Will be used to create a stand-alone PVC to provision the volume.',
  }],
  PersistentVolumeClaimTemplate: ['PersistentVolumeClaimTemplate is used to produce PersistentVolumeClaim objects as part of an EphemeralVolumeSource.', {
    metadata: STANDARD_FIELDS.metadata,
    spec: 'object! The specification for the PersistentVolumeClaim (a PersistentVolumeClaimSpec, not described by this server).',
  }],
};
