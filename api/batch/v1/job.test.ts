// Job: defaults, the generated selector, validation, update rules.
import t from 'tap';
import { at, findError, messagesOf, runInvalidCases, type InvalidCase } from '../../meta/validation-testing.js';
import type { JsonObject } from '../../meta/validation-json.js';
import { defaultJob, prepareJobForCreate, validateJob, validateJobUpdate } from './job.js';

const UID = '8a3b1c2d-0e4f-4a5b-9c6d-7e8f9a0b1c2d';

const job = (): JsonObject => ({
  apiVersion: 'batch/v1',
  kind: 'Job',
  metadata: { name: 'pi', namespace: 'default' },
  spec: {
    backoffLimit: 4,
    template: { spec: { containers: [{ name: 'pi', image: 'perl:5.34.0', command: ['perl', '-Mbignum=bpi', '-wle', 'print bpi(2000)'] }], restartPolicy: 'Never' } },
  },
});

// What the API server does before validating a create: defaults, a uid, then the strategy.
const created = (j: JsonObject): JsonObject => {
  defaultJob(j);
  at(j, 'metadata').uid = UID;
  prepareJobForCreate(j);
  return j;
};

t.test('a realistic Job gets exactly the Kubernetes defaults and selector, and passes', async (t) => {
  const j = job();
  defaultJob(j);
  t.strictSame(at(j, 'spec'), {
    backoffLimit: 4,
    template: {
      spec: {
        containers: [{
          name: 'pi', image: 'perl:5.34.0', command: ['perl', '-Mbignum=bpi', '-wle', 'print bpi(2000)'],
          imagePullPolicy: 'IfNotPresent', terminationMessagePath: '/dev/termination-log', terminationMessagePolicy: 'File',
        }],
        restartPolicy: 'Never', dnsPolicy: 'ClusterFirst', securityContext: {}, terminationGracePeriodSeconds: 30, schedulerName: 'default-scheduler',
      },
    },
    completions: 1,
    parallelism: 1,
    completionMode: 'NonIndexed',
    suspend: false,
    podReplacementPolicy: 'TerminatingOrFailed',
    manualSelector: false,
  });
  at(j, 'metadata').uid = UID;
  prepareJobForCreate(j);
  const labels = { 'job-name': 'pi', 'batch.kubernetes.io/job-name': 'pi', 'controller-uid': UID, 'batch.kubernetes.io/controller-uid': UID };
  t.strictSame(at(j, 'spec.template.metadata').labels, labels);
  t.strictSame(at(j, 'spec').selector, { matchLabels: { 'batch.kubernetes.io/controller-uid': UID } });
  t.strictSame(at(j, 'metadata').labels, labels, 'the Job shows its template labels, as on every read in Kubernetes');
  t.strictSame(messagesOf(validateJob(j)), []);
});

t.test('other defaults', async (t) => {
  const parallel: JsonObject = { spec: { parallelism: 5, podFailurePolicy: { rules: [{ action: 'Ignore', onPodConditions: [{ type: 'DisruptionTarget' }] }] } } };
  defaultJob(parallel);
  t.equal(at(parallel, 'spec').completions, undefined, 'completions stays unset when parallelism is set');
  t.equal(at(parallel, 'spec').podReplacementPolicy, 'Failed', 'with a pod failure policy');
  t.strictSame(at(parallel, 'spec.podFailurePolicy.rules[0].onPodConditions[0]'), { type: 'DisruptionTarget', status: 'True' });
  const perIndex: JsonObject = { spec: { completionMode: 'Indexed', completions: 3, backoffLimitPerIndex: 1 } };
  defaultJob(perIndex);
  t.equal(at(perIndex, 'spec').backoffLimit, 2147483647);
  const labelled: JsonObject = { spec: { template: { metadata: { labels: { app: 'batch' } } } } };
  defaultJob(labelled);
  t.strictSame(at(labelled, 'metadata').labels, { app: 'batch' }, 'labels default to the template labels');
});

const invalid: InvalidCase[] = [
  { name: 'restartPolicy defaulted to Always', mutate: (j) => { delete at(j, 'spec.template.spec').restartPolicy; }, field: 'spec.template.spec.restartPolicy', type: 'FieldValueNotSupported',
    message: 'spec.template.spec.restartPolicy: Unsupported value: "Always": supported values: "OnFailure", "Never"' },
  { name: 'negative backoffLimit', mutate: (j) => { at(j, 'spec').backoffLimit = -1; }, field: 'spec.backoffLimit', type: 'FieldValueInvalid',
    message: 'spec.backoffLimit: Invalid value: -1: must be greater than or equal to 0' },
  { name: 'completion mode', mutate: (j) => { at(j, 'spec').completionMode = 'Sometimes'; }, field: 'spec.completionMode', type: 'FieldValueNotSupported',
    message: 'spec.completionMode: Unsupported value: "Sometimes": supported values: "NonIndexed", "Indexed"' },
  { name: 'indexed needs completions', mutate: (j) => { at(j, 'spec').completionMode = 'Indexed'; at(j, 'spec').parallelism = 2; }, field: 'spec.completions', type: 'FieldValueRequired',
    message: 'spec.completions: Required value: when completion mode is Indexed' },
  { name: 'replacement policy', mutate: (j) => { at(j, 'spec').podReplacementPolicy = 'Whenever'; }, field: 'spec.podReplacementPolicy', type: 'FieldValueNotSupported',
    message: 'spec.podReplacementPolicy: Unsupported value: "Whenever": supported values: "Failed", "TerminatingOrFailed"' },
  { name: 'manual selector must match', mutate: (j) => { at(j, 'spec').manualSelector = true; at(j, 'spec').selector = { matchLabels: { app: 'pi' } }; },
    field: 'spec.template.metadata.labels', type: 'FieldValueInvalid', message: 'spec.template.metadata.labels: Invalid value: null: `selector` does not match template `labels`' },
  { name: 'manual selector needs a selector', mutate: (j) => { at(j, 'spec').manualSelector = true; }, field: 'spec.selector', type: 'FieldValueRequired', message: 'spec.selector: Required value' },
  { name: 'conflicting generated label', mutate: (j) => { at(j, 'spec.template').metadata = { labels: { 'job-name': 'other' } }; }, field: 'spec.template.metadata.labels[job-name]', type: 'FieldValueInvalid' },
  { name: 'container command needs an image', mutate: (j) => { delete at(j, 'spec.template.spec.containers[0]').image; }, field: 'spec.template.spec.containers[0].image', type: 'FieldValueRequired' },
];

t.test('invalid Jobs', async (t) => {
  t.strictSame(runInvalidCases(job(), invalid, validateJob, created), []);
  const noUid = job();
  defaultJob(noUid);
  prepareJobForCreate(noUid);
  t.ok(findError(validateJob(noUid), 'metadata.uid', 'FieldValueRequired'), 'selector generation needs a uid');
  const tampered = created(job());
  at(tampered, 'spec').selector = { matchLabels: { 'batch.kubernetes.io/controller-uid': 'someone-else' } };
  t.ok(findError(validateJob(tampered), 'spec.selector', 'FieldValueInvalid', 'spec.selector: Invalid value: {"matchLabels":{"batch.kubernetes.io/controller-uid":"someone-else"}}: `selector` not auto-generated'));
});

t.test('update: the template is immutable except a suspended Job\'s scheduling directives', async (t) => {
  const old = created(job());
  const scaled = structuredClone(old);
  at(scaled, 'spec').parallelism = 3;
  at(scaled, 'spec').activeDeadlineSeconds = 600;
  t.strictSame(validateJobUpdate(scaled, old, { allowUnconditionalUpdate: true }), []);
  const retemplated = structuredClone(old);
  at(retemplated, 'spec.template.spec.containers[0]').image = 'perl:5.36';
  const errs = validateJobUpdate(retemplated, old, { allowUnconditionalUpdate: true });
  t.ok(findError(errs, 'spec.template', 'FieldValueInvalid', 'spec.template: Invalid value: …'));
  t.match(messagesOf(errs)[0], /: field is immutable$/);
  const more = structuredClone(old);
  at(more, 'spec').completions = 2;
  t.strictSame(messagesOf(validateJobUpdate(more, old, { allowUnconditionalUpdate: true })), ['spec.completions: Invalid value: 2: field is immutable']);
  const suspended = structuredClone(old);
  at(suspended, 'spec').suspend = true;
  const placed = structuredClone(suspended);
  at(placed, 'spec.template.spec').nodeSelector = { 'kubernetes.io/arch': 'arm64' };
  t.strictSame(validateJobUpdate(placed, suspended, { allowUnconditionalUpdate: true }), [], 'a suspended Job that never started may be moved');
});
