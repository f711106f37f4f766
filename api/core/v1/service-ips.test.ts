// Cluster IPs and IP families.
import t from 'tap';
import { messagesOf } from '../../meta/validation-testing.js';
import { defaultServiceIPFields, prepareServiceUpdate, validateClusterIPFields, validateClusterIPUpdate } from './service-ips.js';

t.test('IP family fields on a single-stack IPv4 cluster', async (t) => {
  const spec: Record<string, unknown> = { clusterIP: '10.96.0.10' };
  defaultServiceIPFields(spec);
  t.strictSame(spec, { clusterIP: '10.96.0.10', clusterIPs: ['10.96.0.10'], ipFamilyPolicy: 'SingleStack', ipFamilies: ['IPv4'] });
  const v6: Record<string, unknown> = { clusterIPs: ['fd00::10'], clusterIP: 'fd00::10' };
  defaultServiceIPFields(v6);
  t.strictSame(v6.ipFamilies, ['IPv6'], 'families follow given IPs');
  const dual: Record<string, unknown> = { ipFamilies: ['IPv4', 'IPv6'] };
  defaultServiceIPFields(dual);
  t.equal(dual.ipFamilyPolicy, 'RequireDualStack');
});

t.test('validation', async (t) => {
  t.strictSame(messagesOf(validateClusterIPFields({ clusterIP: '10.96.0.10', clusterIPs: ['10.96.0.10', '10.96.0.11'] })),
    ['spec.clusterIPs: Invalid value: ["10.96.0.10","10.96.0.11"]: may specify no more than one IP for each IP family']);
  t.strictSame(messagesOf(validateClusterIPFields({ clusterIPs: ['10.96.0.10'] })),
    ['spec.clusterIPs: Invalid value: ["10.96.0.10"]: must be empty when `clusterIP` is not specified']);
  t.strictSame(messagesOf(validateClusterIPFields({ clusterIP: '10.96.0.10', clusterIPs: ['10.96.0.10'], ipFamilies: ['IPv6'] })),
    ['spec.clusterIPs[0]: Invalid value: "10.96.0.10": expected an IPv6 value as indicated by `ipFamilies[0]`']);
  t.strictSame(messagesOf(validateClusterIPFields({ ipFamilyPolicy: 'Whatever' })),
    ['spec.ipFamilyPolicy: Unsupported value: "Whatever": supported values: "PreferDualStack", "RequireDualStack", "SingleStack"']);
  t.strictSame(messagesOf(validateClusterIPFields({ ipFamilies: ['IPv4', 'IPv4'] })), ['spec.ipFamilies[1]: Duplicate value: "IPv4"']);
  t.strictSame(validateClusterIPFields({ type: 'ExternalName' }), []);
});

t.test('updates', async (t) => {
  const old = { clusterIP: '10.96.0.10', clusterIPs: ['10.96.0.10'], ipFamilies: ['IPv4'], ipFamilyPolicy: 'SingleStack' };
  t.strictSame(messagesOf(validateClusterIPUpdate({ ...old, clusterIPs: [] }, old)), ['spec.clusterIPs[0]: Invalid value: []: primary clusterIP can not be unset']);
  t.strictSame(validateClusterIPUpdate({ ...old }, old), []);
  const next: Record<string, unknown> = { type: 'ClusterIP' };
  prepareServiceUpdate(next, { ...old, type: 'ClusterIP' });
  t.strictSame(next, { type: 'ClusterIP', clusterIP: '10.96.0.10', clusterIPs: ['10.96.0.10'] });
  t.strictSame(messagesOf(validateClusterIPUpdate({ ...old, ipFamilies: ['IPv6'] }, old)), ['spec.ipFamilies[0]: Invalid value: ["IPv6"]: may not change once set']);
});
