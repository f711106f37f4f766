// Deployment: defaults, validation, the immutable selector.
import t from 'tap';
import { at, messagesOf, runInvalidCases, type InvalidCase } from '../../meta/validation-testing.js';
import type { JsonObject } from '../../meta/validation-json.js';
import { defaultDeployment, validateDeployment, validateDeploymentUpdate } from './deployment.js';

const deployment = (): JsonObject => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'web', namespace: 'shop', labels: { app: 'web' } },
  spec: {
    replicas: 3,
    selector: { matchLabels: { app: 'web' } },
    template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'web', image: 'nginx:1.27', ports: [{ containerPort: 80 }] }] } },
  },
});

const podSpecDefaults = { dnsPolicy: 'ClusterFirst', restartPolicy: 'Always', securityContext: {}, terminationGracePeriodSeconds: 30, schedulerName: 'default-scheduler' };
const containerDefaults = { imagePullPolicy: 'IfNotPresent', terminationMessagePath: '/dev/termination-log', terminationMessagePolicy: 'File' };

t.test('a realistic Deployment gets exactly the Kubernetes defaults and passes', async (t) => {
  const d = deployment();
  defaultDeployment(d);
  t.strictSame(d, {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web', namespace: 'shop', labels: { app: 'web' } },
    spec: {
      replicas: 3,
      selector: { matchLabels: { app: 'web' } },
      template: {
        metadata: { labels: { app: 'web' } },
        spec: { containers: [{ name: 'web', image: 'nginx:1.27', ports: [{ containerPort: 80, protocol: 'TCP' }], ...containerDefaults }], ...podSpecDefaults },
      },
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: '25%', maxSurge: '25%' } },
      revisionHistoryLimit: 10,
      progressDeadlineSeconds: 600,
    },
  });
  t.strictSame(validateDeployment(d), []);
  const recreate = deployment();
  at(recreate, 'spec').strategy = { type: 'Recreate' };
  delete at(recreate, 'spec').replicas;
  defaultDeployment(recreate);
  t.strictSame(at(recreate, 'spec').strategy, { type: 'Recreate' }, 'no rollingUpdate for Recreate');
  t.equal(at(recreate, 'spec').replicas, 1);
  t.strictSame(validateDeployment(recreate), []);
});

const invalid: InvalidCase[] = [
  { name: 'selector does not match template', mutate: (d) => { at(d, 'spec.template.metadata').labels = { app: 'x' }; }, field: 'spec.template.metadata.labels', type: 'FieldValueInvalid',
    message: 'spec.template.metadata.labels: Invalid value: {"app":"x"}: `selector` does not match template `labels`' },
  { name: 'no selector', mutate: (d) => { delete at(d, 'spec').selector; }, field: 'spec.selector', type: 'FieldValueRequired', message: 'spec.selector: Required value' },
  { name: 'empty selector', mutate: (d) => { at(d, 'spec').selector = {}; }, field: 'spec.selector', type: 'FieldValueInvalid', message: 'spec.selector: Invalid value: {}: empty selector is invalid for deployment' },
  { name: 'bad selector operator', mutate: (d) => { at(d, 'spec').selector = { matchExpressions: [{ key: 'app', operator: 'Is' }] }; }, field: 'spec.selector', type: 'FieldValueInvalid',
    message: 'spec.selector: Invalid value: {"matchExpressions":[{"key":"app","operator":"Is"}]}: invalid label selector' },
  { name: 'negative replicas', mutate: (d) => { at(d, 'spec').replicas = -1; }, field: 'spec.replicas', type: 'FieldValueInvalid', message: 'spec.replicas: Invalid value: -1: must be greater than or equal to 0' },
  { name: 'strategy type', mutate: (d) => { at(d, 'spec').strategy = { type: 'BlueGreen' }; }, field: 'spec.strategy', type: 'FieldValueNotSupported',
    message: 'spec.strategy: Unsupported value: {"type":"BlueGreen"}: supported values: "Recreate", "RollingUpdate"' },
  { name: 'recreate with rollingUpdate', mutate: (d) => { at(d, 'spec').strategy = { type: 'Recreate', rollingUpdate: { maxSurge: 1 } }; }, field: 'spec.strategy.rollingUpdate', type: 'FieldValueForbidden',
    message: "spec.strategy.rollingUpdate: Forbidden: may not be specified when strategy `type` is 'Recreate'" },
  { name: 'both zero', mutate: (d) => { at(d, 'spec').strategy = { type: 'RollingUpdate', rollingUpdate: { maxSurge: 0, maxUnavailable: '0%' } }; },
    field: 'spec.strategy.rollingUpdate.maxUnavailable', type: 'FieldValueInvalid', message: 'spec.strategy.rollingUpdate.maxUnavailable: Invalid value: "0%": may not be 0 when `maxSurge` is 0' },
  { name: 'over 100%', mutate: (d) => { at(d, 'spec').strategy = { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: '150%' } }; },
    field: 'spec.strategy.rollingUpdate.maxUnavailable', type: 'FieldValueInvalid', message: 'spec.strategy.rollingUpdate.maxUnavailable: Invalid value: "150%": must not be greater than 100%' },
  { name: 'bad percent', mutate: (d) => { at(d, 'spec').strategy = { type: 'RollingUpdate', rollingUpdate: { maxSurge: 'half' } }; }, field: 'spec.strategy.rollingUpdate.maxSurge', type: 'FieldValueInvalid',
    message: `spec.strategy.rollingUpdate.maxSurge: Invalid value: "half": a valid percent string must be a numeric string followed by an ending '%' (e.g. '1%',  or '93%', regex used for validation is '[0-9]+%')` },
  { name: 'progress deadline', mutate: (d) => { at(d, 'spec').minReadySeconds = 700; }, field: 'spec.progressDeadlineSeconds', type: 'FieldValueInvalid',
    message: 'spec.progressDeadlineSeconds: Invalid value: 600: must be greater than minReadySeconds' },
  { name: 'restart policy', mutate: (d) => { at(d, 'spec.template.spec').restartPolicy = 'Never'; }, field: 'spec.template.spec.restartPolicy', type: 'FieldValueNotSupported',
    message: 'spec.template.spec.restartPolicy: Unsupported value: "Never": supported values: "Always"' },
  { name: 'deadline in template', mutate: (d) => { at(d, 'spec.template.spec').activeDeadlineSeconds = 5; }, field: 'spec.template.spec.activeDeadlineSeconds', type: 'FieldValueForbidden',
    message: 'spec.template.spec.activeDeadlineSeconds: Forbidden: activeDeadlineSeconds in ReplicaSet is not Supported' },
  { name: 'container image', mutate: (d) => { at(d, 'spec.template.spec.containers[0]').image = ''; }, field: 'spec.template.spec.containers[0].image', type: 'FieldValueRequired',
    message: 'spec.template.spec.containers[0].image: Required value' },
  { name: 'bad name', mutate: (d) => { at(d, 'metadata').name = 'Web'; }, field: 'metadata.name', type: 'FieldValueInvalid' },
];

t.test('invalid Deployments', async (t) => {
  t.strictSame(runInvalidCases(deployment(), invalid, validateDeployment, defaultDeployment), []);
});

t.test('update: the selector is immutable in apps/v1', async (t) => {
  const old = deployment();
  defaultDeployment(old);
  const scaled = structuredClone(old);
  at(scaled, 'spec').replicas = 5;
  at(scaled, 'spec.template.spec.containers[0]').image = 'nginx:1.28';
  t.strictSame(validateDeploymentUpdate(scaled, old, { allowUnconditionalUpdate: true }), []);
  const reselected = structuredClone(old);
  at(reselected, 'spec').selector = { matchLabels: { app: 'web', tier: 'front' } };
  at(reselected, 'spec.template.metadata').labels = { app: 'web', tier: 'front' };
  t.strictSame(messagesOf(validateDeploymentUpdate(reselected, old, { allowUnconditionalUpdate: true })),
    ['spec.selector: Invalid value: {"matchLabels":{"app":"web","tier":"front"}}: field is immutable']);
});
