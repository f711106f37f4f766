import t from 'tap';
import { body } from '../../../test/lib/k8s-protobuf.js';
import { decodeProtobufObject } from './decode.js';

// Go writes every non-pointer field even when zero; these stand in for those always-present zeros.
const goMeta = (extra: Record<string, unknown>): Record<string, unknown> => ({
  name: '', generateName: '', namespace: '', selfLink: '', uid: '', resourceVersion: '', generation: 0, creationTimestamp: {}, ...extra,
});

t.test('ConfigMap: maps, bytes, pointer zeros kept, Go zeros and the zero time dropped', async (t) => {
  const got = decodeProtobufObject(body('v1', 'ConfigMap', 'k8s.io.api.core.v1.ConfigMap', {
    metadata: goMeta({ name: 'cm1', labels: { app: 'web', empty: '' } }),
    immutable: false,
    data: { a: 'b', blank: '' },
    binaryData: { bin: Buffer.from([0, 1, 2, 255]) },
  }), 'ConfigMap');
  t.strictSame(got, {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name: 'cm1', labels: { app: 'web', empty: '' } },
    immutable: false,
    data: { a: 'b', blank: '' },
    binaryData: { bin: 'AAEC/w==' },
  });
  t.strictSame(Object.keys(got), ['apiVersion', 'kind', 'metadata', 'immutable', 'data', 'binaryData'], 'JSON field order');
});

t.test('Secret: data bytes become base64, stringData and type stay strings', async (t) => {
  const got = decodeProtobufObject(body('v1', 'Secret', 'k8s.io.api.core.v1.Secret', {
    metadata: goMeta({ name: 'reg', namespace: 'ns1' }),
    data: { '.dockerconfigjson': Buffer.from('{"auths":{}}'), empty: Buffer.alloc(0) },
    stringData: { plain: 'text' },
    type: 'kubernetes.io/dockerconfigjson',
  }), 'Secret');
  t.strictSame(got, {
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: { name: 'reg', namespace: 'ns1' },
    data: { '.dockerconfigjson': Buffer.from('{"auths":{}}').toString('base64'), empty: '' },
    stringData: { plain: 'text' },
    type: 'kubernetes.io/dockerconfigjson',
  });
});

t.test('metadata: RFC 3339 times (the epoch is one, the empty message is none), owners, managed fields', async (t) => {
  const got = decodeProtobufObject(body('v1', 'Namespace', 'k8s.io.api.core.v1.Namespace', {
    metadata: goMeta({
      name: 'ns', creationTimestamp: { seconds: 1700000000, nanos: 999 }, deletionTimestamp: { seconds: 0, nanos: 0 }, deletionGracePeriodSeconds: 0,
      ownerReferences: [{ apiVersion: 'v1', kind: 'Node', name: 'n', uid: 'u', controller: false }],
      managedFields: [{ manager: 'kubectl', operation: 'Update', apiVersion: 'v1', time: { seconds: 1700000000 }, fieldsType: 'FieldsV1', fieldsV1: { Raw: Buffer.from('{"f:spec":{".":{}}}') }, subresource: '' }],
    }),
    spec: { finalizers: ['kubernetes'] },
    status: { phase: '', conditions: [{ type: 'T', status: 'True', lastTransitionTime: {} }] },
  }), 'Namespace');
  t.strictSame(got, {
    apiVersion: 'v1',
    kind: 'Namespace',
    metadata: {
      name: 'ns', creationTimestamp: '2023-11-14T22:13:20Z', deletionTimestamp: '1970-01-01T00:00:00Z', deletionGracePeriodSeconds: 0,
      ownerReferences: [{ apiVersion: 'v1', kind: 'Node', name: 'n', uid: 'u', controller: false }],
      managedFields: [{ manager: 'kubectl', operation: 'Update', apiVersion: 'v1', time: '2023-11-14T22:13:20Z', fieldsType: 'FieldsV1', fieldsV1: { 'f:spec': { '.': {} } } }],
    },
    spec: { finalizers: ['kubernetes'] },
    status: { conditions: [{ type: 'T', status: 'True' }] },
  });
});

t.test('Service: ports with int-or-string targets, selector, status kept as Go JSON has it', async (t) => {
  const got = decodeProtobufObject(body('v1', 'Service', 'k8s.io.api.core.v1.Service', {
    metadata: goMeta({ name: 'svc1', labels: { app: 'svc1' } }),
    spec: {
      ports: [
        { name: '80-8080', protocol: 'TCP', port: 80, targetPort: { type: 0, intVal: 8080, strVal: '' }, nodePort: 0 },
        { name: 'web', protocol: 'TCP', port: 443, targetPort: { type: 1, intVal: 0, strVal: 'https' }, nodePort: 0 },
        { name: 'unset', protocol: 'UDP', port: 53, targetPort: { type: 0, intVal: 0, strVal: '' }, nodePort: 0 },
      ],
      selector: { app: 'svc1' },
      clusterIP: '',
      type: 'ClusterIP',
      sessionAffinity: '',
      externalName: '',
      healthCheckNodePort: 0,
      publishNotReadyAddresses: false,
    },
    status: { loadBalancer: {} },
  }), 'Service');
  t.strictSame(got, {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: 'svc1', labels: { app: 'svc1' } },
    spec: {
      ports: [
        { name: '80-8080', protocol: 'TCP', port: 80, targetPort: 8080 },
        { name: 'web', protocol: 'TCP', port: 443, targetPort: 'https' },
        { name: 'unset', protocol: 'UDP', port: 53 },
      ],
      selector: { app: 'svc1' },
      type: 'ClusterIP',
    },
    status: { loadBalancer: {} },
  });
});

const podTemplate = {
  metadata: goMeta({ labels: { app: 'web' } }),
  spec: {
    volumes: [
      { name: 'cfg', volumeSource: { configMap: { localObjectReference: { name: 'cm1' }, defaultMode: 420, optional: false } } },
      { name: 'scratch', volumeSource: { emptyDir: { medium: '', sizeLimit: { string: '1Gi' } } } },
    ],
    containers: [{
      name: 'web',
      image: 'nginx:1.27',
      command: ['nginx', ''],
      ports: [{ name: '', hostPort: 0, containerPort: 80, protocol: 'TCP', hostIP: '' }],
      env: [
        { name: 'MODE', value: 'prod' },
        { name: 'FROM_CM', value: '', valueFrom: { configMapKeyRef: { localObjectReference: { name: 'cm1' }, key: 'a' } } },
        { name: 'CPU', valueFrom: { resourceFieldRef: { containerName: '', resource: 'limits.cpu', divisor: { string: '0' } } } },
      ],
      resources: { limits: { cpu: { string: '500m' }, memory: { string: '128Mi' } }, requests: { cpu: { string: '0' } } },
      volumeMounts: [{ name: 'cfg', readOnly: true, mountPath: '/etc/cfg', subPath: '', subPathExpr: '' }],
      livenessProbe: {
        handler: { httpGet: { path: '/healthz', port: { type: 1, strVal: 'http' }, host: '', scheme: 'HTTP' } },
        initialDelaySeconds: 5, timeoutSeconds: 0, periodSeconds: 0, successThreshold: 0, failureThreshold: 0,
      },
      readinessProbe: { handler: { tcpSocket: { port: { type: 0, intVal: 80 } } } },
      terminationMessagePath: '/dev/termination-log',
      imagePullPolicy: 'IfNotPresent',
      securityContext: { runAsNonRoot: false, runAsUser: 0, capabilities: { drop: ['ALL'] } },
      stdin: false,
      tty: false,
    }],
    restartPolicy: 'Always',
    terminationGracePeriodSeconds: 30,
    dnsPolicy: 'ClusterFirst',
    hostNetwork: false,
    hostPID: false,
    schedulerName: 'default-scheduler',
    tolerations: [{ key: 'k', operator: 'Exists', effect: 'NoSchedule', tolerationSeconds: 0 }],
    affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'zone', operator: 'In', values: ['a'] }] }] } } },
  },
};

const podTemplateJson = {
  metadata: { labels: { app: 'web' } },
  spec: {
    volumes: [
      { name: 'cfg', configMap: { name: 'cm1', defaultMode: 420, optional: false } },
      { name: 'scratch', emptyDir: { sizeLimit: '1Gi' } },
    ],
    containers: [{
      name: 'web',
      image: 'nginx:1.27',
      command: ['nginx', ''],
      ports: [{ containerPort: 80, protocol: 'TCP' }],
      env: [
        { name: 'MODE', value: 'prod' },
        { name: 'FROM_CM', valueFrom: { configMapKeyRef: { name: 'cm1', key: 'a' } } },
        { name: 'CPU', valueFrom: { resourceFieldRef: { resource: 'limits.cpu' } } },
      ],
      resources: { limits: { cpu: '500m', memory: '128Mi' }, requests: { cpu: '0' } },
      volumeMounts: [{ name: 'cfg', readOnly: true, mountPath: '/etc/cfg' }],
      livenessProbe: { httpGet: { path: '/healthz', port: 'http', scheme: 'HTTP' }, initialDelaySeconds: 5 },
      readinessProbe: { tcpSocket: { port: 80 } },
      terminationMessagePath: '/dev/termination-log',
      imagePullPolicy: 'IfNotPresent',
      securityContext: { capabilities: { drop: ['ALL'] }, runAsUser: 0, runAsNonRoot: false },
    }],
    restartPolicy: 'Always',
    terminationGracePeriodSeconds: 30,
    dnsPolicy: 'ClusterFirst',
    affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'zone', operator: 'In', values: ['a'] }] }] } } },
    schedulerName: 'default-scheduler',
    tolerations: [{ key: 'k', operator: 'Exists', effect: 'NoSchedule', tolerationSeconds: 0 }],
  },
};

t.test('Deployment: nested pod spec, inline structs, pointer zeros, int-or-string strategy', async (t) => {
  const got = decodeProtobufObject(body('apps/v1', 'Deployment', 'k8s.io.api.apps.v1.Deployment', {
    metadata: goMeta({ name: 'web', namespace: 'default' }),
    spec: {
      replicas: 0,
      selector: { matchLabels: { app: 'web' } },
      template: podTemplate,
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: { type: 0, intVal: 0 }, maxSurge: { type: 1, strVal: '25%' } } },
      minReadySeconds: 0,
      paused: false,
    },
    status: {},
  }), 'Deployment');
  t.strictSame(got, {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web', namespace: 'default' },
    spec: {
      replicas: 0,
      selector: { matchLabels: { app: 'web' } },
      template: podTemplateJson,
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 0, maxSurge: '25%' } },
    },
    status: {},
  });
});

t.test('Job, Scale, Eviction, Binding and DeleteOptions', async (t) => {
  const job = decodeProtobufObject(body('batch/v1', 'Job', 'k8s.io.api.batch.v1.Job', {
    metadata: goMeta({ name: 'pi' }),
    spec: { backoffLimit: 0, template: { metadata: goMeta({}), spec: { containers: [{ name: 'pi', image: 'perl' }], restartPolicy: 'Never' } } },
    status: { active: 0, succeeded: 0, failed: 0, completedIndexes: '' },
  }), 'Job');
  t.strictSame(job, {
    apiVersion: 'batch/v1', kind: 'Job', metadata: { name: 'pi' },
    spec: { backoffLimit: 0, template: { metadata: {}, spec: { containers: [{ name: 'pi', image: 'perl' }], restartPolicy: 'Never' } } },
    status: {},
  });

  const scale = decodeProtobufObject(body('autoscaling/v1', 'Scale', 'k8s.io.api.autoscaling.v1.Scale', {
    metadata: goMeta({ name: 'web', namespace: 'default', resourceVersion: '42' }), spec: { replicas: 0 }, status: { replicas: 0, selector: '' },
  }), 'Scale');
  t.strictSame(scale, { apiVersion: 'autoscaling/v1', kind: 'Scale', metadata: { name: 'web', namespace: 'default', resourceVersion: '42' }, spec: { replicas: 0 }, status: {} });

  const eviction = decodeProtobufObject(body('policy/v1', 'Eviction', 'k8s.io.api.policy.v1.Eviction', {
    metadata: goMeta({ name: 'web-1', namespace: 'default' }), deleteOptions: { gracePeriodSeconds: 0, dryRun: ['All'] },
  }), 'Eviction');
  t.strictSame(eviction, { apiVersion: 'policy/v1', kind: 'Eviction', metadata: { name: 'web-1', namespace: 'default' }, deleteOptions: { gracePeriodSeconds: 0, dryRun: ['All'] } });

  const binding = decodeProtobufObject(body('v1', 'Binding', 'k8s.io.api.core.v1.Binding', {
    metadata: goMeta({ name: 'web-1' }), target: { kind: 'Node', name: 'node-1', namespace: '', uid: '', apiVersion: '', resourceVersion: '', fieldPath: '' },
  }), 'Binding');
  t.strictSame(binding, { apiVersion: 'v1', kind: 'Binding', metadata: { name: 'web-1' }, target: { kind: 'Node', name: 'node-1' } });

  const del = decodeProtobufObject(body('meta.k8s.io/v1', 'DeleteOptions', 'k8s.io.apimachinery.pkg.apis.meta.v1.DeleteOptions', {
    propagationPolicy: 'Foreground', preconditions: { uid: 'u1' },
  }), 'DeleteOptions');
  t.strictSame(del, { apiVersion: 'meta.k8s.io/v1', kind: 'DeleteOptions', preconditions: { uid: 'u1' }, propagationPolicy: 'Foreground' });
});
