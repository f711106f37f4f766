// Pod specs inside templates: template-only defaults and the rarer container and volume rules.
import t from 'tap';
import { at, findError, messagesOf } from '../../meta/validation-testing.js';
import type { JsonObject } from '../../meta/validation-json.js';
import { validatePodSpec, validatePodTemplateSpec } from './pod-spec.js';
import { defaultPodTemplateSpec } from './pod-spec-defaults.js';

const template = (): JsonObject => ({
  metadata: { labels: { app: 'web' }, annotations: { 'kubectl.kubernetes.io/restartedAt': '2024-11-02T09:14:27Z' } },
  spec: {
    initContainers: [
      { name: 'migrate', image: 'web:1', command: ['migrate'] },
      { name: 'proxy', image: 'envoy:1.31', restartPolicy: 'Always', readinessProbe: { tcpSocket: { port: 15000 } } },
    ],
    containers: [{
      name: 'web', image: 'web:1',
      resources: { limits: { cpu: '1' } },
      envFrom: [{ configMapRef: { name: 'web-env' }, prefix: 'WEB_' }],
      env: [
        { name: 'LIMIT', valueFrom: { resourceFieldRef: { resource: 'limits.memory' } } },
        { name: 'PASSWORD', valueFrom: { secretKeyRef: { name: 'db', key: 'password' } } },
      ],
      lifecycle: { preStop: { sleep: { seconds: 5 } } },
      volumeMounts: [{ name: 'info', mountPath: '/etc/podinfo' }, { name: 'token', mountPath: '/var/run/token', readOnly: true }],
    }],
    serviceAccountName: 'web',
    volumes: [
      { name: 'info', downwardAPI: { items: [{ path: 'labels', fieldRef: { fieldPath: "metadata.labels['app']" } }] } },
      { name: 'token', projected: { sources: [{ serviceAccountToken: { path: 'token', expirationSeconds: 7200 } }, { configMap: { name: 'ca', items: [{ key: 'ca.crt', path: 'ca.crt' }] } }] } },
    ],
  },
});

t.test('template defaults are PodSpec defaults only', async (t) => {
  const tpl = template();
  defaultPodTemplateSpec(tpl);
  const spec = at(tpl, 'spec');
  t.equal(spec.enableServiceLinks, undefined, 'enableServiceLinks is a Pod default, not a template one');
  t.strictSame(at(spec, 'containers[0]').resources, { limits: { cpu: '1' } }, 'no requests from limits in templates');
  t.equal(at(spec, 'volumes[0].downwardAPI').defaultMode, 420);
  t.equal(at(spec, 'volumes[0].downwardAPI.items[0].fieldRef').apiVersion, 'v1');
  t.equal(at(spec, 'initContainers[1].readinessProbe').periodSeconds, 10);
  t.equal(spec.serviceAccount, 'web', 'the deprecated alias mirrors serviceAccountName, as conversion writes it');
  t.strictSame(messagesOf(validatePodTemplateSpec(tpl, 'spec.template')), []);
  const legacy: JsonObject = { spec: { serviceAccount: 'old' } };
  defaultPodTemplateSpec(legacy);
  t.equal(at(legacy, 'spec').serviceAccountName, 'old', 'the alias is read when serviceAccountName is empty');
});

t.test('container and volume rules', async (t) => {
  const check = (mutate: (spec: JsonObject) => void) => {
    const tpl = template();
    mutate(at(tpl, 'spec'));
    defaultPodTemplateSpec(tpl);
    return validatePodTemplateSpec(tpl, 'spec.template');
  };
  t.ok(findError(check((s) => { at(s, 'initContainers[1]').restartPolicy = 'OnFailure'; }), 'spec.template.spec.initContainers[1].restartPolicy', 'FieldValueNotSupported',
    'spec.template.spec.initContainers[1].restartPolicy: Unsupported value: "OnFailure": supported values: "Always"'));
  t.ok(findError(check((s) => { at(s, 'containers[0].lifecycle.preStop.sleep').seconds = 60; }), 'spec.template.spec.containers[0].lifecycle.preStop.sleep', 'FieldValueInvalid',
    'spec.template.spec.containers[0].lifecycle.preStop.sleep: Invalid value: 60: must be non-negative and less than terminationGracePeriodSeconds (30)'));
  t.ok(findError(check((s) => { at(s, 'containers[0].env[0].valueFrom.resourceFieldRef').resource = 'limits.gpu'; }),
    'spec.template.spec.containers[0].env[0].valueFrom.resourceFieldRef.resource', 'FieldValueNotSupported'));
  t.ok(findError(check((s) => { at(s, 'containers[0].env[1].valueFrom.secretKeyRef').name = ''; }), 'spec.template.spec.containers[0].env[1].valueFrom.secretKeyRef.name', 'FieldValueInvalid',
    'spec.template.spec.containers[0].env[1].valueFrom.secretKeyRef.name: Invalid value: "": a lowercase RFC 1123 subdomain …'));
  t.ok(findError(check((s) => { at(s, 'containers[0].envFrom[0]').secretRef = { name: 'x' }; }), 'spec.template.spec.containers[0].envFrom', 'FieldValueInvalid',
    'spec.template.spec.containers[0].envFrom: Invalid value: "": may not have more than one field specified at a time'));
  t.ok(findError(check((s) => { at(s, 'volumes[0].downwardAPI.items[0].fieldRef').fieldPath = 'spec.nodeName'; }), 'spec.template.spec.volumes[0].downwardAPI.fieldRef.fieldPath', 'FieldValueNotSupported'));
  t.ok(findError(check((s) => { at(s, 'volumes[0].downwardAPI.items[0]').path = '/abs'; }), 'spec.template.spec.volumes[0].downwardAPI.path', 'FieldValueInvalid',
    'spec.template.spec.volumes[0].downwardAPI.path: Invalid value: "/abs": must be a relative path'));
  t.ok(findError(check((s) => { at(s, 'volumes[1].projected.sources[0].serviceAccountToken').expirationSeconds = 60; }),
    'spec.template.spec.volumes[1].projected.sources[0].serviceAccountToken.expirationSeconds', 'FieldValueInvalid',
    'spec.template.spec.volumes[1].projected.sources[0].serviceAccountToken.expirationSeconds: Invalid value: 60: may not specify a duration less than 10 minutes'));
  t.ok(findError(check((s) => { at(s, 'volumes[1].projected.sources[1]').secret = { name: 's' }; }), 'spec.template.spec.volumes[1].projected.sources[1]', 'FieldValueForbidden',
    'spec.template.spec.volumes[1].projected.sources[1]: Forbidden: may not specify more than 1 volume type per source'));
  t.ok(findError(check((s) => { at(s, 'containers[0].volumeMounts[0]').subPath = '../etc'; }), 'spec.template.spec.containers[0].volumeMounts.subPath', 'FieldValueInvalid'));
  t.ok(findError(check((s) => { at(s, 'containers[0].volumeMounts[0]').mountPropagation = 'Bidirectional'; }), 'spec.template.spec.containers[0].volumeMounts.mountPropagation', 'FieldValueForbidden'));
  t.ok(findError(check((s) => { s.ephemeralContainers = [{ name: 'dbg', image: 'busybox' }]; }), 'spec.template.spec.ephemeralContainers', 'FieldValueForbidden',
    'spec.template.spec.ephemeralContainers: Forbidden: ephemeral containers not allowed in pod template'));
  t.ok(findError(check((s) => { s.volumes = [{ name: 'v', persistentVolumeClaim: {} }]; }), 'spec.template.spec.volumes[0].persistentVolumeClaim.claimName', 'FieldValueRequired'));
  t.ok(findError(check((s) => { s.volumes = [{ name: 'v', nfs: { server: 'nfs', path: 'rel' } }]; }), 'spec.template.spec.volumes[0].nfs.path', 'FieldValueInvalid',
    'spec.template.spec.volumes[0].nfs.path: Invalid value: "rel": must be an absolute path'));
  t.ok(findError(check((s) => { s.volumes = [{ name: 'v', emptyDir: { sizeLimit: '-1Gi' } }]; }), 'spec.template.spec.volumes[0].emptyDir.sizeLimit', 'FieldValueForbidden'));
});

t.test('a spec without defaults says what is required', async (t) => {
  t.strictSame(messagesOf(validatePodSpec({ containers: [{ name: 'c', image: 'x' }] }, 'spec', { resourceIsPod: true })), [
    'spec.terminationGracePeriodSeconds: Required value',
    'spec.containers[0].terminationMessagePolicy: Required value',
    'spec.containers[0].imagePullPolicy: Required value',
    'spec.restartPolicy: Required value',
    'spec.dnsPolicy: Required value',
  ]);
  t.strictSame(messagesOf(validatePodSpec({ volumes: [{ name: 'v' }] }, 'spec', { resourceIsPod: true })).slice(1, 2), ['spec.volumes[0]: Required value: must specify a volume type']);
});
