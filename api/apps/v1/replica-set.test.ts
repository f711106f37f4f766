// ReplicaSet: defaults, validation, the immutable selector.
import t from 'tap';
import { at, messagesOf, runInvalidCases, type InvalidCase } from '../../meta/validation-testing.js';
import type { JsonObject } from '../../meta/validation-json.js';
import { defaultReplicaSet, validateReplicaSet, validateReplicaSetUpdate } from './replica-set.js';

const rs = (): JsonObject => ({
  apiVersion: 'apps/v1', kind: 'ReplicaSet',
  metadata: { name: 'web-6f8d9c7b5', namespace: 'shop', labels: { app: 'web', 'pod-template-hash': '6f8d9c7b5' } },
  spec: {
    selector: { matchLabels: { app: 'web', 'pod-template-hash': '6f8d9c7b5' } },
    template: { metadata: { labels: { app: 'web', 'pod-template-hash': '6f8d9c7b5' } }, spec: { containers: [{ name: 'web', image: 'nginx@sha256:' + 'a'.repeat(64) }] } },
  },
});

t.test('a realistic ReplicaSet gets exactly the Kubernetes defaults and passes', async (t) => {
  const r = rs();
  defaultReplicaSet(r);
  const want = rs();
  at(want, 'spec').replicas = 1;
  Object.assign(at(want, 'spec.template.spec.containers[0]'), { imagePullPolicy: 'IfNotPresent', terminationMessagePath: '/dev/termination-log', terminationMessagePolicy: 'File' });
  Object.assign(at(want, 'spec.template.spec'), { dnsPolicy: 'ClusterFirst', restartPolicy: 'Always', securityContext: {}, terminationGracePeriodSeconds: 30, schedulerName: 'default-scheduler' });
  t.strictSame(r, want);
  t.strictSame(validateReplicaSet(r), []);
});

const invalid: InvalidCase[] = [
  { name: 'selector does not match', mutate: (r) => { at(r, 'spec.template.metadata').labels = { app: 'web' }; }, field: 'spec.template.metadata.labels', type: 'FieldValueInvalid',
    message: 'spec.template.metadata.labels: Invalid value: {"app":"web"}: `selector` does not match template `labels`' },
  { name: 'no selector', mutate: (r) => { delete at(r, 'spec').selector; }, field: 'spec.selector', type: 'FieldValueRequired' },
  { name: 'empty selector says deployment, as Kubernetes does', mutate: (r) => { at(r, 'spec').selector = { matchLabels: {} }; }, field: 'spec.selector', type: 'FieldValueInvalid',
    message: 'spec.selector: Invalid value: {"matchLabels":{}}: empty selector is invalid for deployment' },
  { name: 'minReadySeconds', mutate: (r) => { at(r, 'spec').minReadySeconds = -5; }, field: 'spec.minReadySeconds', type: 'FieldValueInvalid' },
];

t.test('invalid ReplicaSets', async (t) => {
  t.strictSame(runInvalidCases(rs(), invalid, validateReplicaSet, defaultReplicaSet), []);
});

t.test('update: scale freely, never reselect', async (t) => {
  const old = rs();
  defaultReplicaSet(old);
  const scaled = structuredClone(old);
  at(scaled, 'spec').replicas = 0;
  t.strictSame(validateReplicaSetUpdate(scaled, old, { allowUnconditionalUpdate: true }), []);
  const moved = structuredClone(old);
  at(moved, 'spec').selector = { matchLabels: { app: 'web' } };
  t.strictSame(messagesOf(validateReplicaSetUpdate(moved, old, { allowUnconditionalUpdate: true })), ['spec.selector: Invalid value: {"matchLabels":{"app":"web"}}: field is immutable']);
});
