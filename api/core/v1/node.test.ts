// Node: allocatable from capacity, taints, pod CIDRs, update rules.
import t from 'tap';
import { findError, messagesOf } from '../../meta/validation-testing.js';
import { defaultNode, validateNode, validateNodeUpdate } from './node.js';

const node = (): Record<string, unknown> => ({
  apiVersion: 'v1', kind: 'Node',
  metadata: { name: 'worker-1', labels: { 'kubernetes.io/hostname': 'worker-1' } },
  spec: { podCIDR: '10.244.1.0/24', podCIDRs: ['10.244.1.0/24'], taints: [{ key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' }] },
  status: { capacity: { cpu: '4', memory: '8039544Ki', pods: '110', 'ephemeral-storage': 0.5e9 } },
});

t.test('a node gets exactly the Kubernetes defaults and passes', async (t) => {
  const n = node();
  defaultNode(n);
  t.strictSame(n.status, {
    capacity: { cpu: '4', memory: '8039544Ki', pods: '110', 'ephemeral-storage': '500M' },
    allocatable: { cpu: '4', memory: '8039544Ki', pods: '110', 'ephemeral-storage': '500M' },
  });
  t.strictSame(validateNode(n), []);
});

t.test('invalid nodes', async (t) => {
  const errs = (mutate: (n: Record<string, any>) => void) => { const n = node(); mutate(n); defaultNode(n); return validateNode(n); };
  t.ok(findError(errs((n) => { n.metadata.name = 'Worker_1'; }), 'metadata.name', 'FieldValueInvalid'));
  t.strictSame(messagesOf(errs((n) => { n.spec.taints = [{ key: 'k', effect: 'Sometimes' }]; })),
    ['metadata.taints[0].effect: Unsupported value: "Sometimes": supported values: "NoSchedule", "PreferNoSchedule", "NoExecute"']);
  t.strictSame(messagesOf(errs((n) => { n.spec.taints = [{ key: 'k' }]; })), ['metadata.taints[0].effect: Required value']);
  const dup = errs((n) => { n.spec.taints = [{ key: 'k', effect: 'NoSchedule' }, { key: 'k', effect: 'NoSchedule', value: 'v' }]; });
  t.equal(dup[0]?.field, 'metadata.taints[1]');
  t.equal(dup[0]?.detail, 'taints must be unique by key and effect pair');
  t.strictSame(messagesOf(errs((n) => { n.spec.podCIDRs = ['10.244.1.0/33']; })),
    ['spec.podCIDRs[0]: Invalid value: "10.244.1.0/33": must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)']);
  t.strictSame(messagesOf(errs((n) => { n.status.capacity.memory = '-1'; })), [
    'status.capacity.memory: Invalid value: "-1": must be greater than or equal to 0',
    'status.allocatable.memory: Invalid value: "-1": must be greater than or equal to 0',
  ], 'allocatable was defaulted from capacity');
});

t.test('update: pod CIDRs and providerID only go from unset to set', async (t) => {
  const old = node();
  defaultNode(old);
  const next = structuredClone(old) as Record<string, any>;
  next.spec.podCIDRs = ['10.244.2.0/24'];
  t.strictSame(messagesOf(validateNodeUpdate(next, old, { allowUnconditionalUpdate: true })), ['spec.podCIDRs: Forbidden: node updates may not change podCIDR except from "" to valid']);
  const fresh = structuredClone(old) as Record<string, any>;
  delete fresh.spec.podCIDRs;
  const assigned = structuredClone(fresh);
  assigned.spec.podCIDRs = ['10.244.3.0/24'];
  t.strictSame(validateNodeUpdate(assigned, fresh, { allowUnconditionalUpdate: true }), []);
  const unschedulable = structuredClone(old) as Record<string, any>;
  unschedulable.spec.unschedulable = true;
  t.strictSame(validateNodeUpdate(unschedulable, old, { allowUnconditionalUpdate: true }), []);
});
