// core/v1 Container and what hangs off it: ports, env, resources, probes, lifecycle, security
// context, volume mounts. Written from k8s.io/api/core/v1/types.go (1.32); descriptions shortened.
import type { TypeDecl } from './dsl.js';

/** CONTAINER_FIELDS are Container's fields; EphemeralContainer has the same plus one. */
export const CONTAINER_FIELDS: Record<string, string> = {
  args: '[]string@atomic Arguments to the entrypoint. The container image\'s CMD is used if this is not provided.',
  command: '[]string@atomic Entrypoint array. Not executed within a shell. The container image\'s ENTRYPOINT is used if this is not provided.',
  env: '[]EnvVar@map:name List of environment variables to set in the container. Cannot be updated.',
  envFrom: '[]EnvFromSource@atomic List of sources to populate environment variables in the container.',
  image: 'string Container image name.',
  imagePullPolicy: 'string Image pull policy. One of Always, Never, IfNotPresent. Defaults to Always if :latest tag is specified, or IfNotPresent otherwise.',
  lifecycle: 'Lifecycle Actions that the management system should take in response to container lifecycle events.',
  livenessProbe: 'Probe Periodic probe of container liveness. Container will be restarted if the probe fails.',
  name: 'string! Name of the container specified as a DNS_LABEL. Each container in a pod must have a unique name. Cannot be updated.',
  ports: '[]ContainerPort@map:containerPort,protocol List of ports to expose from the container.',
  readinessProbe: 'Probe Periodic probe of container service readiness. Container will be removed from service endpoints if the probe fails.',
  resizePolicy: '[]ContainerResizePolicy@atomic Resources resize policy for the container.',
  resources: 'ResourceRequirements Compute Resources required by this container.',
  restartPolicy: 'string RestartPolicy defines the restart behavior of individual containers in a pod. The only allowed value is "Always", for init containers.',
  securityContext: 'SecurityContext SecurityContext defines the security options the container should be run with.',
  startupProbe: 'Probe StartupProbe indicates that the Pod has successfully initialized.',
  stdin: 'bool Whether this container should allocate a buffer for stdin in the container runtime.',
  stdinOnce: 'bool Whether the container runtime should close the stdin channel after it has been opened by a single attach.',
  terminationMessagePath: "string Path at which the file to which the container's termination message will be written is mounted.",
  terminationMessagePolicy: 'string Indicate how the termination message should be populated: File or FallbackToLogsOnError.',
  tty: 'bool Whether this container should allocate a TTY for itself.',
  volumeDevices: '[]VolumeDevice@map:devicePath volumeDevices is the list of block devices to be used by the container.',
  volumeMounts: '[]VolumeMount@map:mountPath Pod volumes to mount into the container\'s filesystem. Cannot be updated.',
  workingDir: "string Container's working directory. Cannot be updated.",
};

/** CONTAINER_TYPES are Container and its parts, in core/v1. */
export const CONTAINER_TYPES: Record<string, TypeDecl> = {
  Container: ['A single application container that you want to run within a pod.', CONTAINER_FIELDS],
  EphemeralContainer: ['An EphemeralContainer is a temporary container that you may add to an existing Pod for user-initiated activities such as debugging.', {
    ...CONTAINER_FIELDS,
    targetContainerName: 'string If set, the name of the container from PodSpec that this ephemeral container targets.',
  }],
  ContainerPort: ['ContainerPort represents a network port in a single container.', {
    containerPort: "int32! Number of port to expose on the pod's IP address. This must be a valid port number, 0 < x < 65536.",
    hostIP: 'string What host IP to bind the external port to.',
    hostPort: 'int32 Number of port to expose on the host.',
    name: 'string If specified, this must be an IANA_SVC_NAME and unique within the pod.',
    protocol: 'string Protocol for port. Must be UDP, TCP, or SCTP. Defaults to "TCP".',
  }],
  EnvVar: ['EnvVar represents an environment variable present in a Container.', {
    name: 'string! Name of the environment variable. Must be a C_IDENTIFIER.',
    value: 'string Variable references $(VAR_NAME) are expanded using the previously defined environment variables in the container.',
    valueFrom: "EnvVarSource Source for the environment variable's value. Cannot be used if value is not empty.",
  }],
  EnvVarSource: ['EnvVarSource represents a source for the value of an EnvVar.', {
    configMapKeyRef: 'ConfigMapKeySelector Selects a key of a ConfigMap.',
    fieldRef: 'ObjectFieldSelector Selects a field of the pod.',
    resourceFieldRef: 'ResourceFieldSelector Selects a resource of the container.',
    secretKeyRef: "SecretKeySelector Selects a key of a secret in the pod's namespace",
  }],
  ConfigMapKeySelector: ['Selects a key from a ConfigMap.', {
    key: 'string! The key to select.',
    name: 'string Name of the referent.',
    optional: 'bool Specify whether the ConfigMap or its key must be defined',
  }, { mapType: 'atomic' }],
  SecretKeySelector: ['SecretKeySelector selects a key of a Secret.', {
    key: 'string! The key of the secret to select from. Must be a valid secret key.',
    name: 'string Name of the referent.',
    optional: 'bool Specify whether the Secret or its key must be defined',
  }, { mapType: 'atomic' }],
  ObjectFieldSelector: ['ObjectFieldSelector selects an APIVersioned field of an object.', {
    apiVersion: 'string Version of the schema the FieldPath is written in terms of, defaults to "v1".',
    fieldPath: 'string! Path of the field to select in the specified API version.',
  }, { mapType: 'atomic' }],
  ResourceFieldSelector: ['ResourceFieldSelector represents container resources (cpu, memory) and their output format', {
    containerName: 'string Container name: required for volumes, optional for env vars',
    divisor: 'Quantity Specifies the output format of the exposed resources, defaults to "1"',
    resource: 'string! Required: resource to select',
  }, { mapType: 'atomic' }],
  EnvFromSource: ['EnvFromSource represents the source of a set of ConfigMaps or Secrets', {
    configMapRef: 'ConfigMapEnvSource The ConfigMap to select from',
    prefix: 'string Optional text to prepend to the name of each environment variable.',
    secretRef: 'SecretEnvSource The Secret to select from',
  }],
  ConfigMapEnvSource: ["ConfigMapEnvSource selects a ConfigMap to populate the environment variables with; the ConfigMap's Data field are the variables.", {
    name: 'string Name of the referent.',
    optional: 'bool Specify whether the ConfigMap must be defined',
  }],
  SecretEnvSource: ["SecretEnvSource selects a Secret to populate the environment variables with; the Secret's Data field are the variables.", {
    name: 'string Name of the referent.',
    optional: 'bool Specify whether the Secret must be defined',
  }],
  ResourceRequirements: ['ResourceRequirements describes the compute resource requirements.', {
    claims: '[]ResourceClaim@map:name Claims lists the names of resources, defined in spec.resourceClaims, that are used by this container.',
    limits: 'map[]Quantity Limits describes the maximum amount of compute resources allowed.',
    requests: 'map[]Quantity Requests describes the minimum amount of compute resources required.',
  }],
  ResourceClaim: ['ResourceClaim references one entry in PodSpec.ResourceClaims.', {
    name: 'string! Name must match the name of one entry in pod.spec.resourceClaims of the Pod where this field is used.',
    request: 'string Request is the name chosen for a request in the referenced claim.',
  }],
  ContainerResizePolicy: ['ContainerResizePolicy represents resource resize policy for the container.', {
    resourceName: 'string! Name of the resource to which this resource resize policy applies. Supported values: cpu, memory.',
    restartPolicy: 'string! Restart policy to apply when specified resource is resized. NotRequired or RestartContainer.',
  }],
  VolumeMount: ['VolumeMount describes a mounting of a Volume within a container.', {
    mountPath: 'string! Path within the container at which the volume should be mounted. Must not contain \':\'.',
    mountPropagation: 'string mountPropagation determines how mounts are propagated from the host to container and the other way around.',
    name: 'string! This must match the Name of a Volume.',
    readOnly: 'bool Mounted read-only if true, read-write otherwise (false or unspecified). Defaults to false.',
    recursiveReadOnly: 'string RecursiveReadOnly specifies whether read-only mounts should be handled recursively.',
    subPath: "string Path within the volume from which the container's volume should be mounted. Defaults to \"\" (volume's root).",
    subPathExpr: 'string Expanded path within the volume from which the container\'s volume should be mounted.',
  }],
  VolumeDevice: ['volumeDevice describes a mapping of a raw block device within a container.', {
    devicePath: 'string! devicePath is the path inside of the container that the device will be mapped to.',
    name: 'string! name must match the name of a persistentVolumeClaim in the pod',
  }],
  Probe: ['Probe describes a health check to be performed against a container to determine whether it is alive or ready to receive traffic.', {
    exec: 'ExecAction Exec specifies a command to execute in the container.',
    failureThreshold: 'int32 Minimum consecutive failures for the probe to be considered failed after having succeeded. Defaults to 3.',
    grpc: 'GRPCAction GRPC specifies a GRPC HealthCheckRequest.',
    httpGet: 'HTTPGetAction HTTPGet specifies an HTTP GET request to perform.',
    initialDelaySeconds: 'int32 Number of seconds after the container has started before liveness probes are initiated.',
    periodSeconds: 'int32 How often (in seconds) to perform the probe. Default to 10 seconds.',
    successThreshold: 'int32 Minimum consecutive successes for the probe to be considered successful after having failed. Defaults to 1.',
    tcpSocket: 'TCPSocketAction TCPSocket specifies a connection to a TCP port.',
    terminationGracePeriodSeconds: 'int64 Optional duration in seconds the pod needs to terminate gracefully upon probe failure.',
    timeoutSeconds: 'int32 Number of seconds after which the probe times out. Defaults to 1 second.',
  }],
  ExecAction: ['ExecAction describes a "run in container" action.', {
    command: "[]string@atomic Command is the command line to execute inside the container, the working directory for the command is root ('/') in the container's filesystem.",
  }],
  HTTPGetAction: ['HTTPGetAction describes an action based on HTTP Get requests.', {
    host: 'string Host name to connect to, defaults to the pod IP.',
    httpHeaders: '[]HTTPHeader@atomic Custom headers to set in the request. HTTP allows repeated headers.',
    path: 'string Path to access on the HTTP server.',
    port: 'IntOrString! Name or number of the port to access on the container. Number must be in the range 1 to 65535.',
    scheme: 'string Scheme to use for connecting to the host. Defaults to HTTP.',
  }],
  HTTPHeader: ['HTTPHeader describes a custom header to be used in HTTP probes', {
    name: 'string! The header field name.',
    value: 'string! The header field value',
  }],
  TCPSocketAction: ['TCPSocketAction describes an action based on opening a socket', {
    host: 'string Optional: Host name to connect to, defaults to the pod IP.',
    port: 'IntOrString! Number or name of the port to access on the container. Number must be in the range 1 to 65535.',
  }],
  GRPCAction: ['GRPCAction specifies an action involving a GRPC service.', {
    port: 'int32! Port number of the gRPC service. Number must be in the range 1 to 65535.',
    service: 'string Service is the name of the service to place in the gRPC HealthCheckRequest.',
  }],
  Lifecycle: ['Lifecycle describes actions that the management system should take in response to container lifecycle events.', {
    postStart: 'LifecycleHandler PostStart is called immediately after a container is created.',
    preStop: 'LifecycleHandler PreStop is called immediately before a container is terminated.',
  }],
  LifecycleHandler: ['LifecycleHandler defines a specific action that should be taken in a lifecycle hook.', {
    exec: 'ExecAction Exec specifies a command to execute in the container.',
    httpGet: 'HTTPGetAction HTTPGet specifies an HTTP GET request to perform.',
    sleep: 'SleepAction Sleep represents a duration that the container should sleep.',
    tcpSocket: 'TCPSocketAction Deprecated. TCPSocket is NOT supported as a LifecycleHandler and kept for backward compatibility.',
  }],
  SleepAction: ['SleepAction describes a "sleep" action.', {
    seconds: 'int64! Seconds is the number of seconds to sleep.',
  }],
  SecurityContext: ['SecurityContext holds security configuration that will be applied to a container.', {
    allowPrivilegeEscalation: 'bool AllowPrivilegeEscalation controls whether a process can gain more privileges than its parent process.',
    appArmorProfile: 'AppArmorProfile appArmorProfile is the AppArmor options to use by this container.',
    capabilities: 'Capabilities The capabilities to add/drop when running containers.',
    privileged: 'bool Run container in privileged mode. Defaults to false.',
    procMount: 'string procMount denotes the type of proc mount to use for the containers.',
    readOnlyRootFilesystem: 'bool Whether this container has a read-only root filesystem. Default is false.',
    runAsGroup: 'int64 The GID to run the entrypoint of the container process.',
    runAsNonRoot: 'bool Indicates that the container must run as a non-root user.',
    runAsUser: 'int64 The UID to run the entrypoint of the container process. Defaults to user specified in image metadata if unspecified.',
    seLinuxOptions: 'SELinuxOptions The SELinux context to be applied to the container.',
    seccompProfile: 'SeccompProfile The seccomp options to use by this container.',
    windowsOptions: 'WindowsSecurityContextOptions The Windows specific settings applied to all containers.',
  }],
  Capabilities: ['Adds and removes POSIX capabilities from running containers.', {
    add: '[]string@atomic Added capabilities',
    drop: '[]string@atomic Removed capabilities',
  }],
  SELinuxOptions: ['SELinuxOptions are the labels to be applied to the container', {
    level: 'string Level is SELinux level label that applies to the container.',
    role: 'string Role is a SELinux role label that applies to the container.',
    type: 'string Type is a SELinux type label that applies to the container.',
    user: 'string User is a SELinux user label that applies to the container.',
  }],
  SeccompProfile: ["SeccompProfile defines a pod/container's seccomp profile settings. Only one profile source may be set.", {
    localhostProfile: "string localhostProfile indicates a profile defined in a file on the node should be used.",
    type: 'string! type indicates which kind of seccomp profile will be applied: Localhost, RuntimeDefault or Unconfined.',
  }],
  AppArmorProfile: ["AppArmorProfile defines a pod or container's AppArmor settings.", {
    localhostProfile: 'string localhostProfile indicates a profile loaded on the node that should be used.',
    type: 'string! type indicates which kind of AppArmor profile will be applied: Localhost, RuntimeDefault or Unconfined.',
  }],
  WindowsSecurityContextOptions: ['WindowsSecurityContextOptions contain Windows-specific options and credentials.', {
    gmsaCredentialSpec: 'string GMSACredentialSpec is where the GMSA admission webhook inlines the contents of the GMSA credential spec.',
    gmsaCredentialSpecName: 'string GMSACredentialSpecName is the name of the GMSA credential spec to use.',
    hostProcess: "bool HostProcess determines if a container should be run as a 'Host Process' container.",
    runAsUserName: 'string The UserName in Windows to run the entrypoint of the container process.',
  }],
};
