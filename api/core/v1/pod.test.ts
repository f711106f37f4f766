// Pod: the defaulted object, create validation, update rules, QoS class.
import t from 'tap';
import { at, findError, messagesOf, runInvalidCases, type InvalidCase } from '../../meta/validation-testing.js';
import type { JsonObject } from '../../meta/validation-json.js';
import { defaultPod, podInitialStatus, podQOSClass, validatePod, validatePodUpdate } from './pod.js';

const pod = (): JsonObject => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name: 'web', namespace: 'shop', labels: { app: 'web' } },
  spec: {
    containers: [
      {
        name: 'web',
        image: 'nginx:1.27',
        ports: [{ name: 'http', containerPort: 80 }],
        env: [{ name: 'POD_NAME', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } }],
        resources: { limits: { cpu: '500m', memory: '256Mi' } },
        readinessProbe: { httpGet: { port: 'http' } },
        volumeMounts: [{ name: 'cache', mountPath: '/cache' }, { name: 'config', mountPath: '/etc/web' }],
      },
      { name: 'sidecar', image: 'busybox', command: ['sh', '-c', 'sleep 3600'] },
    ],
    volumes: [{ name: 'cache' }, { name: 'config', configMap: { name: 'web-config' } }, { name: 'logs', hostPath: { path: '/var/log' } }],
  },
});

t.test('a realistic pod gets exactly the Kubernetes defaults and passes', async (t) => {
  const p = pod();
  defaultPod(p);
  t.strictSame(p, {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'web', namespace: 'shop', labels: { app: 'web' } },
    spec: {
      containers: [
        {
          name: 'web',
          image: 'nginx:1.27',
          ports: [{ name: 'http', containerPort: 80, protocol: 'TCP' }],
          env: [{ name: 'POD_NAME', valueFrom: { fieldRef: { fieldPath: 'metadata.name', apiVersion: 'v1' } } }],
          resources: { limits: { cpu: '500m', memory: '256Mi' }, requests: { cpu: '500m', memory: '256Mi' } },
          readinessProbe: { httpGet: { port: 'http', path: '/', scheme: 'HTTP' }, timeoutSeconds: 1, periodSeconds: 10, successThreshold: 1, failureThreshold: 3 },
          volumeMounts: [{ name: 'cache', mountPath: '/cache' }, { name: 'config', mountPath: '/etc/web' }],
          imagePullPolicy: 'IfNotPresent',
          terminationMessagePath: '/dev/termination-log',
          terminationMessagePolicy: 'File',
        },
        {
          name: 'sidecar', image: 'busybox', command: ['sh', '-c', 'sleep 3600'],
          imagePullPolicy: 'Always', terminationMessagePath: '/dev/termination-log', terminationMessagePolicy: 'File',
        },
      ],
      volumes: [
        { name: 'cache', emptyDir: {} },
        { name: 'config', configMap: { name: 'web-config', defaultMode: 420 } },
        { name: 'logs', hostPath: { path: '/var/log', type: '' } },
      ],
      enableServiceLinks: true,
      dnsPolicy: 'ClusterFirst',
      restartPolicy: 'Always',
      securityContext: {},
      terminationGracePeriodSeconds: 30,
      schedulerName: 'default-scheduler',
    },
  });
  t.strictSame(messagesOf(validatePod(p)), []);
  const again = structuredClone(p);
  defaultPod(again);
  t.strictSame(again, p, 'defaulting twice changes nothing');
});

t.test('defaults that depend on the spec', async (t) => {
  const p: JsonObject = {
    metadata: { name: 'x', namespace: 'y' },
    spec: {
      hostNetwork: true,
      containers: [{
        name: 'c', image: 'registry.local:5000/app@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef',
        ports: [{ containerPort: 9100 }], livenessProbe: { grpc: { port: 9090 } },
        resources: { limits: { cpu: 0.5 }, requests: { memory: '1Gi' } },
      }],
      volumes: [{ name: 's', secret: { secretName: 's', defaultMode: 256 } }, { name: 'p', projected: { sources: [{ serviceAccountToken: { path: 'token' } }] } }],
    },
  };
  defaultPod(p);
  const c = at(p, 'spec.containers[0]');
  t.equal(c.imagePullPolicy, 'IfNotPresent', 'a digest and no tag is not latest');
  t.strictSame(at(c, 'ports[0]'), { containerPort: 9100, hostPort: 9100, protocol: 'TCP' }, 'host network copies ports to host ports');
  t.strictSame(c.livenessProbe, { grpc: { port: 9090, service: '' }, timeoutSeconds: 1, periodSeconds: 10, successThreshold: 1, failureThreshold: 3 });
  t.strictSame(c.resources, { limits: { cpu: '500m' }, requests: { memory: '1Gi', cpu: '500m' } }, 'quantities stored as Kubernetes prints them');
  t.strictSame(at(p, 'spec.volumes[0].secret'), { secretName: 's', defaultMode: 256 }, 'a set defaultMode stays');
  t.strictSame(at(p, 'spec.volumes[1].projected'), { sources: [{ serviceAccountToken: { path: 'token', expirationSeconds: 3600 } }], defaultMode: 420 });
  for (const [image, policy] of [['nginx', 'Always'], ['nginx:latest', 'Always'], ['nginx:1', 'IfNotPresent'], ['localhost:5000/app', 'Always'], ['Bad:Image', 'IfNotPresent']]) {
    const q: JsonObject = { spec: { containers: [{ name: 'c', image }] } };
    defaultPod(q);
    t.equal(at(q, 'spec.containers[0]').imagePullPolicy, policy, image!);
  }
});

const invalid: InvalidCase[] = [
  { name: 'bad name', mutate: (p) => { at(p, 'metadata').name = 'Bad_Name'; }, field: 'metadata.name', type: 'FieldValueInvalid',
    message: `metadata.name: Invalid value: "Bad_Name": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')` },
  { name: 'no namespace', mutate: (p) => { delete at(p, 'metadata').namespace; }, field: 'metadata.namespace', type: 'FieldValueRequired', message: 'metadata.namespace: Required value' },
  { name: 'no containers', mutate: (p) => { at(p, 'spec').containers = []; }, field: 'spec.containers', type: 'FieldValueRequired', message: 'spec.containers: Required value' },
  { name: 'no image', mutate: (p) => { delete at(p, 'spec.containers[0]').image; }, field: 'spec.containers[0].image', type: 'FieldValueRequired', message: 'spec.containers[0].image: Required value' },
  { name: 'no container name', mutate: (p) => { delete at(p, 'spec.containers[1]').name; }, field: 'spec.containers[1].name', type: 'FieldValueRequired' },
  { name: 'bad container name', mutate: (p) => { at(p, 'spec.containers[1]').name = 'Side_Car'; }, field: 'spec.containers[1].name', type: 'FieldValueInvalid', message: 'spec.containers[1].name: Invalid value: "Side_Car": a lowercase RFC 1123 label …' },
  { name: 'duplicate container', mutate: (p) => { at(p, 'spec.containers[1]').name = 'web'; }, field: 'spec.containers[1].name', type: 'FieldValueDuplicate', message: 'spec.containers[1].name: Duplicate value: "web"' },
  { name: 'port out of range', mutate: (p) => { at(p, 'spec.containers[0].ports[0]').containerPort = 70000; }, field: 'spec.containers[0].ports[0].containerPort', type: 'FieldValueInvalid',
    message: 'spec.containers[0].ports[0].containerPort: Invalid value: 70000: must be between 1 and 65535, inclusive' },
  { name: 'no container port', mutate: (p) => { delete at(p, 'spec.containers[0].ports[0]').containerPort; }, field: 'spec.containers[0].ports[0].containerPort', type: 'FieldValueRequired' },
  { name: 'bad protocol', mutate: (p) => { at(p, 'spec.containers[0].ports[0]').protocol = 'HTTP'; }, field: 'spec.containers[0].ports[0].protocol', type: 'FieldValueNotSupported',
    message: 'spec.containers[0].ports[0].protocol: Unsupported value: "HTTP": supported values: "SCTP", "TCP", "UDP"' },
  { name: 'duplicate port name', mutate: (p) => { at(p, 'spec.containers[0]').ports = [{ name: 'http', containerPort: 80 }, { name: 'http', containerPort: 81 }]; },
    field: 'spec.containers[0].ports[1].name', type: 'FieldValueDuplicate' },
  { name: 'restart policy', mutate: (p) => { at(p, 'spec').restartPolicy = 'Sometimes'; }, field: 'spec.restartPolicy', type: 'FieldValueNotSupported',
    message: 'spec.restartPolicy: Unsupported value: "Sometimes": supported values: "Always", "OnFailure", "Never"' },
  { name: 'dns policy', mutate: (p) => { at(p, 'spec').dnsPolicy = 'Google'; }, field: 'spec.dnsPolicy', type: 'FieldValueNotSupported',
    message: 'spec.dnsPolicy: Unsupported value: "Google": supported values: "ClusterFirstWithHostNet", "ClusterFirst", "Default", "None"' },
  { name: 'dns None without config', mutate: (p) => { at(p, 'spec').dnsPolicy = 'None'; }, field: 'spec.dnsConfig', type: 'FieldValueRequired',
    message: 'spec.dnsConfig: Required value: must provide `dnsConfig` when `dnsPolicy` is None' },
  { name: 'pull policy', mutate: (p) => { at(p, 'spec.containers[0]').imagePullPolicy = 'Sometimes'; }, field: 'spec.containers[0].imagePullPolicy', type: 'FieldValueNotSupported',
    message: 'spec.containers[0].imagePullPolicy: Unsupported value: "Sometimes": supported values: "Always", "IfNotPresent", "Never"' },
  { name: 'mount of a missing volume', mutate: (p) => { at(p, 'spec.containers[0].volumeMounts[0]').name = 'missing'; }, field: 'spec.containers[0].volumeMounts[0].name', type: 'FieldValueNotFound',
    message: 'spec.containers[0].volumeMounts[0].name: Not found: "missing"' },
  { name: 'same mount path twice', mutate: (p) => { at(p, 'spec.containers[0].volumeMounts[1]').mountPath = '/cache'; }, field: 'spec.containers[0].volumeMounts[1].mountPath', type: 'FieldValueInvalid',
    message: 'spec.containers[0].volumeMounts[1].mountPath: Invalid value: "/cache": must be unique' },
  // hostPath comes before configMap in Kubernetes' order, so the configMap is the extra one.
  { name: 'volume with two sources', mutate: (p) => { at(p, 'spec.volumes[1]').hostPath = { path: '/x' }; }, field: 'spec.volumes[1].configMap', type: 'FieldValueForbidden',
    message: 'spec.volumes[1].configMap: Forbidden: may not specify more than 1 volume type' },
  { name: 'duplicate volume', mutate: (p) => { at(p, 'spec.volumes[1]').name = 'cache'; }, field: 'spec.volumes[1].name', type: 'FieldValueDuplicate', message: 'spec.volumes[1].name: Duplicate value: "cache"' },
  { name: 'bad volume name', mutate: (p) => { at(p, 'spec.volumes[2]').name = 'Logs'; }, field: 'spec.volumes[2].name', type: 'FieldValueInvalid' },
  { name: 'configMap volume without name', mutate: (p) => { delete at(p, 'spec.volumes[1].configMap').name; }, field: 'spec.volumes[1].configMap.name', type: 'FieldValueRequired' },
  { name: 'file mode too big', mutate: (p) => { at(p, 'spec.volumes[1].configMap').defaultMode = 0o1000; }, field: 'spec.volumes[1].configMap.defaultMode', type: 'FieldValueInvalid',
    message: 'spec.volumes[1].configMap.defaultMode: Invalid value: 512: must be a number between 0 and 0777 (octal), both inclusive' },
  { name: 'hostPath with ..', mutate: (p) => { at(p, 'spec.volumes[2].hostPath').path = '/var/../etc'; }, field: 'spec.volumes[2].hostPath.path', type: 'FieldValueInvalid', message: `spec.volumes[2].hostPath.path: Invalid value: "/var/../etc": must not contain '..'` },
  { name: 'two probe handlers', mutate: (p) => { at(p, 'spec.containers[0].readinessProbe').tcpSocket = { port: 80 }; }, field: 'spec.containers[0].readinessProbe.tcpSocket', type: 'FieldValueForbidden',
    message: 'spec.containers[0].readinessProbe.tcpSocket: Forbidden: may not specify more than 1 handler type' },
  { name: 'no probe handler', mutate: (p) => { delete at(p, 'spec.containers[0].readinessProbe').httpGet; }, field: 'spec.containers[0].readinessProbe', type: 'FieldValueRequired',
    message: 'spec.containers[0].readinessProbe: Required value: must specify a handler type' },
  { name: 'liveness successThreshold', mutate: (p) => { at(p, 'spec.containers[1]').livenessProbe = { exec: { command: ['true'] }, successThreshold: 2 }; },
    field: 'spec.containers[1].livenessProbe.successThreshold', type: 'FieldValueInvalid', message: 'spec.containers[1].livenessProbe.successThreshold: Invalid value: 2: must be 1' },
  { name: 'probe port name unknown format', mutate: (p) => { at(p, 'spec.containers[0].readinessProbe.httpGet').port = '8080'; }, field: 'spec.containers[0].readinessProbe.httpGet.port', type: 'FieldValueInvalid',
    message: 'spec.containers[0].readinessProbe.httpGet.port: Invalid value: "8080": must contain at least one letter (a-z)' },
  { name: 'exec without command', mutate: (p) => { at(p, 'spec.containers[1]').livenessProbe = { exec: {} }; }, field: 'spec.containers[1].livenessProbe.exec.command', type: 'FieldValueRequired' },
  { name: 'env name', mutate: (p) => { at(p, 'spec.containers[0].env[0]').name = 'A=B'; }, field: 'spec.containers[0].env[0].name', type: 'FieldValueInvalid',
    message: `spec.containers[0].env[0].name: Invalid value: "A=B": a valid environment variable name must consist only of printable ASCII characters other than '='` },
  { name: 'env without name', mutate: (p) => { at(p, 'spec.containers[0].env[0]').name = ''; }, field: 'spec.containers[0].env[0].name', type: 'FieldValueRequired' },
  { name: 'env fieldRef not for env', mutate: (p) => { at(p, 'spec.containers[0].env[0].valueFrom.fieldRef').fieldPath = 'spec.restartPolicy'; },
    field: 'spec.containers[0].env[0].valueFrom.fieldRef.fieldPath', type: 'FieldValueNotSupported',
    message: 'spec.containers[0].env[0].valueFrom.fieldRef.fieldPath: Unsupported value: "spec.restartPolicy": supported values: "metadata.name", "metadata.namespace", "metadata.uid", "spec.nodeName", "spec.serviceAccountName", "status.hostIP", "status.hostIPs", "status.podIP", "status.podIPs"' },
  { name: 'env fieldRef unknown', mutate: (p) => { at(p, 'spec.containers[0].env[0].valueFrom.fieldRef').fieldPath = 'spec.nope'; },
    field: 'spec.containers[0].env[0].valueFrom.fieldRef.fieldPath', type: 'FieldValueInvalid',
    message: 'spec.containers[0].env[0].valueFrom.fieldRef.fieldPath: Invalid value: "spec.nope": error converting fieldPath: field label not supported: spec.nope' },
  { name: 'env value and valueFrom', mutate: (p) => { at(p, 'spec.containers[0].env[0]').value = 'x'; }, field: 'spec.containers[0].env[0].valueFrom', type: 'FieldValueInvalid',
    message: 'spec.containers[0].env[0].valueFrom: Invalid value: "": may not be specified when `value` is not empty' },
  { name: 'secretKeyRef without key', mutate: (p) => { at(p, 'spec.containers[0].env[0]').valueFrom = { secretKeyRef: { name: 'db' } }; }, field: 'spec.containers[0].env[0].valueFrom.secretKeyRef.key', type: 'FieldValueRequired' },
  { name: 'envFrom with no source', mutate: (p) => { at(p, 'spec.containers[1]').envFrom = [{ prefix: 'X_' }]; }, field: 'spec.containers[1].envFrom', type: 'FieldValueInvalid',
    message: 'spec.containers[1].envFrom: Invalid value: "": must specify one of: `configMapRef` or `secretRef`' },
  { name: 'request above limit', mutate: (p) => { at(p, 'spec.containers[0].resources').requests = { cpu: '1' }; }, field: 'spec.containers[0].resources.requests', type: 'FieldValueInvalid',
    message: 'spec.containers[0].resources.requests: Invalid value: "1": must be less than or equal to cpu limit of 500m' },
  { name: 'malformed quantity', mutate: (p) => { at(p, 'spec.containers[0].resources.limits').cpu = 'lots'; }, field: 'spec.containers[0].resources.limits[cpu]', type: 'FieldValueInvalid',
    message: `spec.containers[0].resources.limits[cpu]: Invalid value: "lots": quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'` },
  { name: 'negative quantity', mutate: (p) => { at(p, 'spec.containers[1]').resources = { requests: { memory: '-1Mi' } }; }, field: 'spec.containers[1].resources.requests[memory]', type: 'FieldValueInvalid',
    message: 'spec.containers[1].resources.requests[memory]: Invalid value: "-1Mi": must be greater than or equal to 0' },
  { name: 'unknown resource', mutate: (p) => { at(p, 'spec.containers[1]').resources = { limits: { gpu: '1' } }; }, field: 'spec.containers[1].resources.limits[gpu]', type: 'FieldValueInvalid',
    message: 'spec.containers[1].resources.limits[gpu]: Invalid value: "gpu": must be a standard resource type or fully qualified' },
  { name: 'extended resource overcommit', mutate: (p) => { at(p, 'spec.containers[1]').resources = { requests: { 'example.com/gpu': '1' } }; }, field: 'spec.containers[1].resources.limits', type: 'FieldValueRequired',
    message: 'spec.containers[1].resources.limits: Required value: Limit must be set for non overcommitable resources' },
  { name: 'activeDeadlineSeconds', mutate: (p) => { at(p, 'spec').activeDeadlineSeconds = 0; }, field: 'spec.activeDeadlineSeconds', type: 'FieldValueInvalid',
    message: 'spec.activeDeadlineSeconds: Invalid value: 0: must be between 1 and 2147483647, inclusive' },
  { name: 'toleration value with Exists', mutate: (p) => { at(p, 'spec').tolerations = [{ key: 'k', operator: 'Exists', value: 'v' }]; }, field: 'spec.tolerations[0].operator', type: 'FieldValueInvalid',
    message: `spec.tolerations[0].operator: Invalid value: "v": value must be empty when \`operator\` is 'Exists'` },
  { name: 'tolerationSeconds without NoExecute', mutate: (p) => { at(p, 'spec').tolerations = [{ key: 'k', operator: 'Exists', effect: 'NoSchedule', tolerationSeconds: 5 }]; },
    field: 'spec.tolerations[0].effect', type: 'FieldValueInvalid' },
  { name: 'ephemeral containers on create', mutate: (p) => { at(p, 'spec').ephemeralContainers = [{ name: 'debug', image: 'busybox' }]; }, field: 'spec.ephemeralContainers', type: 'FieldValueForbidden',
    message: 'spec.ephemeralContainers: Forbidden: cannot be set on create' },
  { name: 'image with spaces', mutate: (p) => { at(p, 'spec.containers[0]').image = ' nginx '; }, field: 'spec.containers[0].image', type: 'FieldValueInvalid',
    message: 'spec.containers[0].image: Invalid value: " nginx ": must not have leading or trailing whitespace' },
  { name: 'host network port mismatch', mutate: (p) => { at(p, 'spec').hostNetwork = true; at(p, 'spec.containers[0].ports[0]').hostPort = 8080; },
    field: 'spec.containers[0].ports[0].hostPort', type: 'FieldValueInvalid', message: 'spec.containers[0].ports[0].hostPort: Invalid value: 8080: must match `containerPort` when `hostNetwork` is true' },
  { name: 'host port conflict', mutate: (p) => { at(p, 'spec.containers[1]').ports = [{ containerPort: 81, hostPort: 9000 }]; at(p, 'spec.containers[0].ports[0]').hostPort = 9000; },
    field: 'spec.containers[1].ports[0].hostPort', type: 'FieldValueDuplicate', message: 'spec.containers[1].ports[0].hostPort: Duplicate value: "TCP//9000"' },
  { name: 'restartPolicy on a regular container', mutate: (p) => { at(p, 'spec.containers[1]').restartPolicy = 'Always'; }, field: 'spec.containers[1].restartPolicy', type: 'FieldValueForbidden' },
  { name: 'probe on a plain init container', mutate: (p) => { at(p, 'spec').initContainers = [{ name: 'init', image: 'busybox', readinessProbe: { exec: { command: ['true'] } } }]; },
    field: 'spec.initContainers[0].readinessProbe', type: 'FieldValueForbidden', message: 'spec.initContainers[0].readinessProbe: Forbidden: may not be set for init containers without restartPolicy=Always' },
  { name: 'init container named like a container', mutate: (p) => { at(p, 'spec').initContainers = [{ name: 'web', image: 'busybox' }]; }, field: 'spec.initContainers[0].name', type: 'FieldValueDuplicate' },
  { name: 'nodeSelector', mutate: (p) => { at(p, 'spec').nodeSelector = { 'kubernetes.io/os': 'linux os' }; }, field: 'spec.nodeSelector', type: 'FieldValueInvalid' },
  { name: 'serviceAccountName', mutate: (p) => { at(p, 'spec').serviceAccountName = 'Bad'; }, field: 'spec.serviceAccountName', type: 'FieldValueInvalid' },
];

t.test('invalid pods report Kubernetes field, reason and message', async (t) => {
  t.strictSame(runInvalidCases(pod(), invalid, validatePod, defaultPod), []);
});

t.test('update: only images, a shorter deadline and added tolerations may change', async (t) => {
  const old = pod();
  defaultPod(old);
  at(old, 'metadata').resourceVersion = '7';
  const update = (mutate: (p: JsonObject) => void) => {
    const p = structuredClone(old);
    mutate(p);
    defaultPod(p);
    return validatePodUpdate(p, old);
  };
  t.strictSame(messagesOf(update((p) => { at(p, 'spec.containers[0]').image = 'nginx:1.28'; })), []);
  t.strictSame(messagesOf(update((p) => { at(p, 'spec').tolerations = [{ key: 'k', operator: 'Exists', effect: 'NoSchedule' }]; })), []);
  const changed = update((p) => { at(p, 'spec').restartPolicy = 'Never'; });
  t.ok(findError(changed, 'spec', 'FieldValueForbidden', 'spec: Forbidden: pod updates may not change fields other than `spec.containers[*].image`,`spec.initContainers[*].image`,`spec.activeDeadlineSeconds`,`spec.tolerations` (only additions to existing tolerations),`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)\n…'));
  t.match(messagesOf(changed)[0], /spec\.restartPolicy: "Always"\n\+ \tspec\.restartPolicy: "Never"/);
  t.strictSame(messagesOf(update((p) => { (at(p, 'spec').containers as unknown[]).pop(); })), ['spec.containers: Forbidden: pod updates may not add or remove containers']);
  const withDeadline = structuredClone(old);
  at(withDeadline, 'spec').activeDeadlineSeconds = 60;
  const longer = structuredClone(withDeadline);
  at(longer, 'spec').activeDeadlineSeconds = 120;
  t.strictSame(messagesOf(validatePodUpdate(longer, withDeadline)), ['spec.activeDeadlineSeconds: Invalid value: 120: must be less than or equal to previous value']);
  const shorter = structuredClone(withDeadline);
  at(shorter, 'spec').activeDeadlineSeconds = 30;
  t.strictSame(validatePodUpdate(shorter, withDeadline), []);
  const tolerated = structuredClone(old);
  at(tolerated, 'spec').tolerations = [{ key: 'k', operator: 'Exists' }];
  t.strictSame(messagesOf(validatePodUpdate(structuredClone(old), tolerated)), ['spec.tolerations: Forbidden: existing toleration can not be modified except its tolerationSeconds']);
  const noRV = structuredClone(old);
  delete at(noRV, 'metadata').resourceVersion;
  t.strictSame(messagesOf(validatePodUpdate(noRV, old)), ['metadata.resourceVersion: Invalid value: "": must be specified for an update']);
  t.strictSame(validatePodUpdate(noRV, old, { allowUnconditionalUpdate: true }), []);
});

t.test('QoS class and the initial status', async (t) => {
  const withResources = (...rs: unknown[]): JsonObject => ({ spec: { containers: rs.map((resources, i) => ({ name: `c${i}`, image: 'x', resources })) } });
  t.equal(podQOSClass(withResources({})), 'BestEffort');
  t.equal(podQOSClass(withResources({ limits: { cpu: '1', memory: '1Gi' }, requests: { cpu: '1', memory: '1Gi' } })), 'Guaranteed');
  t.equal(podQOSClass(withResources({ limits: { cpu: '1', memory: '1Gi' }, requests: { cpu: '1000m', memory: '1024Mi' } })), 'Guaranteed', 'compared as quantities');
  t.equal(podQOSClass(withResources({ requests: { cpu: '100m' } })), 'Burstable');
  t.equal(podQOSClass(withResources({ limits: { cpu: '1', memory: '1Gi' }, requests: { cpu: '1', memory: '1Gi' } }, {})), 'Burstable');
  const p = pod();
  defaultPod(p);
  t.strictSame(podInitialStatus(p), { phase: 'Pending', qosClass: 'Burstable' });
});
