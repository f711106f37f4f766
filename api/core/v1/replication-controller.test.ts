// ReplicationController: selector and labels from the template, one replica, validation.
import t from 'tap';
import { at, messagesOf, runInvalidCases, type InvalidCase } from '../../meta/validation-testing.js';
import type { JsonObject } from '../../meta/validation-json.js';
import { defaultReplicationController, validateReplicationController, validateReplicationControllerUpdate } from './replication-controller.js';

const rc = (): JsonObject => ({
  apiVersion: 'v1',
  kind: 'ReplicationController',
  metadata: { name: 'nginx', namespace: 'default' },
  spec: { template: { metadata: { labels: { app: 'nginx' } }, spec: { containers: [{ name: 'nginx', image: 'nginx:1.27', ports: [{ containerPort: 80 }] }] } } },
});

t.test('a realistic RC gets exactly the Kubernetes defaults and passes', async (t) => {
  const r = rc();
  defaultReplicationController(r);
  t.strictSame(r, {
    apiVersion: 'v1',
    kind: 'ReplicationController',
    metadata: { name: 'nginx', namespace: 'default', labels: { app: 'nginx' } },
    spec: {
      selector: { app: 'nginx' },
      replicas: 1,
      template: {
        metadata: { labels: { app: 'nginx' } },
        spec: {
          containers: [{
            name: 'nginx', image: 'nginx:1.27', ports: [{ containerPort: 80, protocol: 'TCP' }],
            imagePullPolicy: 'IfNotPresent', terminationMessagePath: '/dev/termination-log', terminationMessagePolicy: 'File',
          }],
          dnsPolicy: 'ClusterFirst', restartPolicy: 'Always', securityContext: {}, terminationGracePeriodSeconds: 30, schedulerName: 'default-scheduler',
        },
      },
    },
  });
  t.strictSame(messagesOf(validateReplicationController(r)), []);
  const kept: JsonObject = { metadata: { labels: { team: 'a' } }, spec: { selector: { app: 'x' }, replicas: 0, template: { metadata: { labels: { app: 'x', v: '2' } } } } };
  defaultReplicationController(kept);
  t.strictSame(at(kept, 'metadata').labels, { team: 'a' }, 'existing labels stay');
  t.strictSame(at(kept, 'spec').selector, { app: 'x' }, 'an existing selector stays');
  t.equal(at(kept, 'spec').replicas, 0, 'zero replicas is a value, not unset');
});

const invalid: InvalidCase[] = [
  { name: 'selector does not match', mutate: (r) => { at(r, 'spec').selector = { app: 'x' }; }, field: 'spec.template.metadata.labels', type: 'FieldValueInvalid',
    message: 'spec.template.metadata.labels: Invalid value: {"app":"nginx"}: `selector` does not match template `labels`' },
  { name: 'negative replicas', mutate: (r) => { at(r, 'spec').replicas = -1; }, field: 'spec.replicas', type: 'FieldValueInvalid',
    message: 'spec.replicas: Invalid value: -1: must be greater than or equal to 0' },
  { name: 'no template', mutate: (r) => { at(r, 'spec').selector = { app: 'nginx' }; delete at(r, 'spec').template; }, field: 'spec.template', type: 'FieldValueRequired' },
  { name: 'no selector anywhere', mutate: (r) => { delete at(r, 'spec.template.metadata').labels; }, field: 'spec.selector', type: 'FieldValueRequired', message: 'spec.selector: Required value' },
  { name: 'restart policy', mutate: (r) => { at(r, 'spec.template.spec').restartPolicy = 'OnFailure'; }, field: 'spec.template.spec.restartPolicy', type: 'FieldValueNotSupported',
    message: 'spec.template.spec.restartPolicy: Unsupported value: "OnFailure": supported values: "Always"' },
  { name: 'activeDeadlineSeconds', mutate: (r) => { at(r, 'spec.template.spec').activeDeadlineSeconds = 10; }, field: 'spec.template.spec.activeDeadlineSeconds', type: 'FieldValueForbidden',
    message: 'spec.template.spec.activeDeadlineSeconds: Forbidden: activeDeadlineSeconds in ReplicationController is not Supported' },
  { name: 'container image', mutate: (r) => { delete at(r, 'spec.template.spec.containers[0]').image; }, field: 'spec.template.spec.containers[0].image', type: 'FieldValueRequired',
    message: 'spec.template.spec.containers[0].image: Required value' },
  { name: 'template label value', mutate: (r) => { at(r, 'spec.template.metadata').labels = { app: 'a b' }; }, field: 'spec.template.labels', type: 'FieldValueInvalid' },
];

t.test('invalid RCs', async (t) => {
  t.strictSame(runInvalidCases(rc(), invalid, validateReplicationController, defaultReplicationController), []);
});

t.test('update: the selector may change on an RC', async (t) => {
  const old = rc();
  defaultReplicationController(old);
  const next = structuredClone(old);
  at(next, 'spec').selector = { app: 'nginx' };
  at(next, 'spec').replicas = 3;
  t.strictSame(validateReplicationControllerUpdate(next, old, { allowUnconditionalUpdate: true }), []);
});
