// Container resource requirements.
import t from 'tap';
import { messagesOf } from '../../meta/validation-testing.js';
import { isOvercommitAllowed, validateContainerResources } from './resources.js';

const v = (resources: unknown) => messagesOf(validateContainerResources(resources, 'spec.containers[0].resources'));

t.test('valid requirements', async (t) => {
  t.strictSame(v({ limits: { cpu: '1', memory: '1Gi', 'ephemeral-storage': '2Gi' }, requests: { cpu: '250m', memory: '512Mi' } }), []);
  t.strictSame(v({ limits: { 'example.com/gpu': '2', memory: '1Gi' }, requests: { 'example.com/gpu': '2' } }), []);
  t.strictSame(v({ limits: { 'hugepages-2Mi': '64Mi', memory: '128Mi' }, requests: { 'hugepages-2Mi': '64Mi', memory: '128Mi' } }), []);
  t.strictSame(v(undefined), []);
  t.ok(isOvercommitAllowed('cpu'));
  t.notOk(isOvercommitAllowed('hugepages-1Gi'));
  t.notOk(isOvercommitAllowed('example.com/gpu'));
});

t.test('invalid requirements', async (t) => {
  t.strictSame(v({ limits: { storage: '1Gi' } }), ['spec.containers[0].resources.limits[storage]: Invalid value: "storage": must be a standard resource for containers']);
  t.strictSame(v({ limits: { 'example.com/gpu': '1.5' }, requests: { 'example.com/gpu': '1.5' } }), [
    'spec.containers[0].resources.limits[example.com/gpu]: Invalid value: "1500m": must be an integer',
    'spec.containers[0].resources.requests[example.com/gpu]: Invalid value: "1500m": must be an integer',
  ]);
  t.strictSame(v({ limits: { 'example.com/gpu': '2' }, requests: { 'example.com/gpu': '1' } }),
    ['spec.containers[0].resources.requests: Invalid value: "1": must be equal to example.com/gpu limit of 2']);
  t.strictSame(v({ limits: { 'hugepages-2Mi': '3Mi' } }), [
    'spec.containers[0].resources.limits[hugepages-2Mi]: Invalid value: "3Mi": 3Mi is not positive integer multiple of hugepages-2Mi',
    'spec.containers[0].resources: Forbidden: HugePages require cpu or memory',
  ]);
  t.strictSame(v({ requests: { memory: '1Gi' }, limits: { memory: '512Mi' } }),
    ['spec.containers[0].resources.requests: Invalid value: "1Gi": must be less than or equal to memory limit of 512Mi']);
  t.strictSame(v({ limits: { cpu: true } }),
    [`spec.containers[0].resources.limits[cpu]: Invalid value: true: quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'`]);
});
