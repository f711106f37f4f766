// Lease: spec rules; updates need a resourceVersion.
import t from 'tap';
import { messagesOf } from '../../meta/validation-testing.js';
import { defaultLease, validateLease, validateLeaseUpdate } from './lease.js';

const lease = (): Record<string, any> => ({
  apiVersion: 'coordination.k8s.io/v1', kind: 'Lease',
  metadata: { name: 'worker-1', namespace: 'kube-node-lease', resourceVersion: '42' },
  spec: { holderIdentity: 'worker-1', leaseDurationSeconds: 40, renewTime: '2024-11-02T09:14:27.123456Z' },
});

t.test('a node lease passes unchanged', async (t) => {
  const l = lease();
  defaultLease(l);
  t.strictSame(l, lease());
  t.strictSame(validateLease(l), []);
  t.strictSame(validateLeaseUpdate(lease(), l), []);
});

t.test('invalid leases', async (t) => {
  const l = lease();
  l.spec.leaseDurationSeconds = 0;
  l.spec.leaseTransitions = -1;
  t.strictSame(messagesOf(validateLease(l)), [
    'spec.leaseDurationSeconds: Invalid value: 0: must be greater than 0',
    'spec.leaseTransitions: Invalid value: -1: must be greater than or equal to 0',
  ]);
  const s = lease();
  s.spec.strategy = 'Newest';
  t.strictSame(messagesOf(validateLease(s)), ['spec.strategy.strategy: Unsupported value: "Newest": supported values: "OldestEmulationVersion"']);
  const h = lease();
  h.spec.preferredHolder = 'worker-2';
  t.strictSame(messagesOf(validateLease(h)), ['spec.preferredHolder: Forbidden: may only be specified if `strategy` is defined']);
});

t.test('no unconditional updates', async (t) => {
  const next = lease();
  delete next.metadata.resourceVersion;
  t.strictSame(messagesOf(validateLeaseUpdate(next, lease())), ['metadata.resourceVersion: Invalid value: "": must be specified for an update']);
});
