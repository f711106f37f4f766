// DaemonSet: defaults, validation, immutable selector, template generation annotation.
import t from 'tap';
import { at, messagesOf, runInvalidCases, type InvalidCase } from '../../meta/validation-testing.js';
import type { JsonObject } from '../../meta/validation-json.js';
import {
  defaultDaemonSet, prepareDaemonSetForCreate, prepareDaemonSetForUpdate, TEMPLATE_GENERATION_ANNOTATION, validateDaemonSet, validateDaemonSetUpdate,
} from './daemon-set.js';

const ds = (): JsonObject => ({
  apiVersion: 'apps/v1', kind: 'DaemonSet',
  metadata: { name: 'node-exporter', namespace: 'monitoring' },
  spec: {
    selector: { matchLabels: { app: 'node-exporter' } },
    template: {
      metadata: { labels: { app: 'node-exporter' } },
      spec: {
        hostNetwork: true,
        tolerations: [{ operator: 'Exists' }],
        containers: [{ name: 'exporter', image: 'quay.io/prometheus/node-exporter:v1.8.2', ports: [{ name: 'metrics', containerPort: 9100 }] }],
      },
    },
  },
});

t.test('a realistic DaemonSet gets exactly the Kubernetes defaults and passes', async (t) => {
  const d = ds();
  defaultDaemonSet(d);
  const want = ds();
  Object.assign(at(want, 'spec'), { updateStrategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 1, maxSurge: 0 } }, revisionHistoryLimit: 10 });
  Object.assign(at(want, 'spec.template.spec'), { dnsPolicy: 'ClusterFirst', restartPolicy: 'Always', securityContext: {}, terminationGracePeriodSeconds: 30, schedulerName: 'default-scheduler' });
  Object.assign(at(want, 'spec.template.spec.containers[0]'), { imagePullPolicy: 'IfNotPresent', terminationMessagePath: '/dev/termination-log', terminationMessagePolicy: 'File' });
  at(want, 'spec.template.spec.containers[0].ports[0]').protocol = 'TCP';
  t.strictSame(d, want, 'a template with hostNetwork does not get host ports: that is a Pod default');
  t.strictSame(validateDaemonSet(d), []);
});

const invalid: InvalidCase[] = [
  { name: 'selector does not match', mutate: (d) => { at(d, 'spec.template.metadata').labels = { app: 'x' }; }, field: 'spec.template.metadata.labels', type: 'FieldValueInvalid',
    message: 'spec.template.metadata.labels: Invalid value: {"app":"x"}: `selector` does not match template `labels`' },
  { name: 'no selector matches nothing', mutate: (d) => { delete at(d, 'spec').selector; }, field: 'spec.template.metadata.labels', type: 'FieldValueInvalid' },
  { name: 'empty selector', mutate: (d) => { at(d, 'spec').selector = {}; }, field: 'spec.selector', type: 'FieldValueInvalid', message: 'spec.selector: Invalid value: {}: empty selector is invalid for daemonset' },
  { name: 'surge and unavailable', mutate: (d) => { at(d, 'spec').updateStrategy = { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 1, maxSurge: 1 } }; },
    field: 'spec.updateStrategy.rollingUpdate.maxSurge', type: 'FieldValueInvalid', message: 'spec.updateStrategy.rollingUpdate.maxSurge: Invalid value: 1: may not be set when maxUnavailable is non-zero' },
  { name: 'neither', mutate: (d) => { at(d, 'spec').updateStrategy = { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 0, maxSurge: 0 } }; },
    field: 'spec.updateStrategy.rollingUpdate.maxUnavailable', type: 'FieldValueRequired', message: 'spec.updateStrategy.rollingUpdate.maxUnavailable: Required value: cannot be 0 when maxSurge is 0' },
  { name: 'strategy type', mutate: (d) => { at(d, 'spec').updateStrategy = { type: 'Manual' }; }, field: 'spec.updateStrategy', type: 'FieldValueNotSupported' },
  { name: 'deadline', mutate: (d) => { at(d, 'spec.template.spec').activeDeadlineSeconds = 5; }, field: 'spec.template.spec.activeDeadlineSeconds', type: 'FieldValueForbidden',
    message: 'spec.template.spec.activeDeadlineSeconds: Forbidden: activeDeadlineSeconds in DaemonSet is not Supported' },
  { name: 'host port differs on host network', mutate: (d) => { at(d, 'spec.template.spec.containers[0].ports[0]').hostPort = 9200; }, field: 'spec.template.spec.containers[0].ports[0].hostPort', type: 'FieldValueInvalid' },
];

t.test('invalid DaemonSets', async (t) => {
  t.strictSame(runInvalidCases(ds(), invalid, validateDaemonSet, defaultDaemonSet), []);
});

t.test('update: immutable selector; template generation follows template changes', async (t) => {
  const old = ds();
  defaultDaemonSet(old);
  prepareDaemonSetForCreate(old);
  t.equal((at(old, 'metadata').annotations as Record<string, string>)[TEMPLATE_GENERATION_ANNOTATION], '1');
  const same = structuredClone(old);
  at(same, 'spec').minReadySeconds = 5;
  prepareDaemonSetForUpdate(same, old);
  t.equal((at(same, 'metadata').annotations as Record<string, string>)[TEMPLATE_GENERATION_ANNOTATION], '1');
  const changed = structuredClone(old);
  at(changed, 'spec.template.spec.containers[0]').image = 'quay.io/prometheus/node-exporter:v1.9.0';
  prepareDaemonSetForUpdate(changed, old);
  t.equal((at(changed, 'metadata').annotations as Record<string, string>)[TEMPLATE_GENERATION_ANNOTATION], '2');
  t.strictSame(validateDaemonSetUpdate(changed, old, { allowUnconditionalUpdate: true }), []);
  const moved = structuredClone(old);
  at(moved, 'spec').selector = { matchLabels: { app: 'other' } };
  at(moved, 'spec.template.metadata').labels = { app: 'other' };
  t.strictSame(messagesOf(validateDaemonSetUpdate(moved, old, { allowUnconditionalUpdate: true })), ['spec.selector: Invalid value: {"matchLabels":{"app":"other"}}: field is immutable']);
});
