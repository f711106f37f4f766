// Service: defaults (including the IP family fields), validation, update rules.
import t from 'tap';
import { at, messagesOf, runInvalidCases, type InvalidCase } from '../../meta/validation-testing.js';
import type { JsonObject } from '../../meta/validation-json.js';
import { defaultService, prepareServiceForUpdate, validateService, validateServiceUpdate } from './service.js';

const service = (): JsonObject => ({
  apiVersion: 'v1',
  kind: 'Service',
  metadata: { name: 'web', namespace: 'shop' },
  spec: { selector: { app: 'web' }, ports: [{ name: 'http', port: 80, targetPort: 'http' }, { name: 'metrics', port: 9090 }] },
});

// What the API server's allocator adds before validation.
const allocate = (svc: JsonObject, ip = '10.96.0.20'): void => {
  at(svc, 'spec').clusterIP = ip;
  at(svc, 'spec').clusterIPs = [ip];
};

t.test('a ClusterIP service gets exactly the Kubernetes defaults and passes', async (t) => {
  const svc = service();
  defaultService(svc);
  t.strictSame(svc, {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: 'web', namespace: 'shop' },
    spec: {
      selector: { app: 'web' },
      ports: [{ name: 'http', port: 80, targetPort: 'http', protocol: 'TCP' }, { name: 'metrics', port: 9090, protocol: 'TCP', targetPort: 9090 }],
      sessionAffinity: 'None',
      type: 'ClusterIP',
      internalTrafficPolicy: 'Cluster',
      ipFamilyPolicy: 'SingleStack',
      ipFamilies: ['IPv4'],
    },
  });
  t.strictSame(messagesOf(validateService(svc)), [], 'valid before allocation');
  allocate(svc);
  t.strictSame(messagesOf(validateService(svc)), [], 'and after');
});

t.test('defaults by type and affinity', async (t) => {
  const nodePort: JsonObject = { metadata: { name: 'np', namespace: 'x' }, spec: { type: 'NodePort', ports: [{ port: 80, targetPort: 0 }] } };
  defaultService(nodePort);
  t.equal(at(nodePort, 'spec').externalTrafficPolicy, 'Cluster');
  t.equal(at(nodePort, 'spec.ports[0]').targetPort, 80, 'a zero targetPort means the port');
  const lb: JsonObject = { spec: { type: 'LoadBalancer', sessionAffinity: 'ClientIP', ports: [{ port: 443 }] }, status: { loadBalancer: { ingress: [{ ip: '192.0.2.10' }, { hostname: 'lb.example.com' }] } } };
  defaultService(lb);
  t.strictSame(at(lb, 'spec'), {
    type: 'LoadBalancer', sessionAffinity: 'ClientIP', ports: [{ port: 443, protocol: 'TCP', targetPort: 443 }],
    sessionAffinityConfig: { clientIP: { timeoutSeconds: 10800 } }, externalTrafficPolicy: 'Cluster', internalTrafficPolicy: 'Cluster',
    allocateLoadBalancerNodePorts: true, ipFamilyPolicy: 'SingleStack', ipFamilies: ['IPv4'],
  });
  t.strictSame(at(lb, 'status.loadBalancer.ingress'), [{ ip: '192.0.2.10', ipMode: 'VIP' }, { hostname: 'lb.example.com' }]);
  const ext: JsonObject = { spec: { type: 'ExternalName', externalName: 'db.example.com' } };
  defaultService(ext);
  t.strictSame(at(ext, 'spec'), { type: 'ExternalName', externalName: 'db.example.com', sessionAffinity: 'None' }, 'no IP fields for ExternalName');
  const headless: JsonObject = { spec: { clusterIP: 'None', selector: { app: 'db' } } };
  defaultService(headless);
  t.strictSame(at(headless, 'spec').clusterIPs, ['None']);
  t.strictSame(at(headless, 'spec').ipFamilies, ['IPv4']);
  const none: JsonObject = { spec: { sessionAffinity: 'None', sessionAffinityConfig: { clientIP: { timeoutSeconds: 5 } } } };
  defaultService(none);
  t.equal(at(none, 'spec').sessionAffinityConfig, undefined, 'dropped when affinity is None');
});

const invalid: InvalidCase[] = [
  { name: 'name is a DNS-1035 label', mutate: (s) => { at(s, 'metadata').name = '1web'; }, field: 'metadata.name', type: 'FieldValueInvalid',
    message: `metadata.name: Invalid value: "1web": a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')` },
  { name: 'no ports', mutate: (s) => { at(s, 'spec').ports = []; }, field: 'spec.ports', type: 'FieldValueRequired', message: 'spec.ports: Required value' },
  { name: 'bad type', mutate: (s) => { at(s, 'spec').type = 'Internal'; }, field: 'spec.type', type: 'FieldValueNotSupported',
    message: 'spec.type: Unsupported value: "Internal": supported values: "ClusterIP", "ExternalName", "LoadBalancer", "NodePort"' },
  { name: 'port zero', mutate: (s) => { at(s, 'spec.ports[1]').port = 0; }, field: 'spec.ports[1].port', type: 'FieldValueInvalid',
    message: 'spec.ports[1].port: Invalid value: 0: must be between 1 and 65535, inclusive' },
  { name: 'unnamed port among several', mutate: (s) => { delete at(s, 'spec.ports[1]').name; }, field: 'spec.ports[1].name', type: 'FieldValueRequired', message: 'spec.ports[1].name: Required value' },
  { name: 'duplicate port name', mutate: (s) => { at(s, 'spec.ports[1]').name = 'http'; }, field: 'spec.ports[1].name', type: 'FieldValueDuplicate', message: 'spec.ports[1].name: Duplicate value: "http"' },
  { name: 'duplicate port', mutate: (s) => { at(s, 'spec.ports[1]').port = 80; }, field: 'spec.ports[1]', type: 'FieldValueDuplicate' },
  { name: 'numeric string targetPort', mutate: (s) => { at(s, 'spec.ports[0]').targetPort = '8080'; }, field: 'spec.ports[0].targetPort', type: 'FieldValueInvalid',
    message: 'spec.ports[0].targetPort: Invalid value: "8080": must contain at least one letter (a-z)' },
  { name: 'nodePort on ClusterIP', mutate: (s) => { at(s, 'spec.ports[0]').nodePort = 30080; }, field: 'spec.ports[0].nodePort', type: 'FieldValueForbidden',
    message: "spec.ports[0].nodePort: Forbidden: may not be used when `type` is 'ClusterIP'" },
  { name: 'session affinity', mutate: (s) => { at(s, 'spec').sessionAffinity = 'Cookie'; }, field: 'spec.sessionAffinity', type: 'FieldValueNotSupported',
    message: 'spec.sessionAffinity: Unsupported value: "Cookie": supported values: "ClientIP", "None"' },
  { name: 'bad cluster IP', mutate: (s) => { at(s, 'spec').clusterIP = '10.96.0.999'; }, field: 'spec.clusterIPs[0]', type: 'FieldValueInvalid',
    message: 'spec.clusterIPs[0]: Invalid value: "10.96.0.999": must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)' },
  { name: 'clusterIPs disagree', mutate: (s) => { at(s, 'spec').clusterIP = '10.96.0.5'; at(s, 'spec').clusterIPs = ['10.96.0.6']; }, field: 'spec.clusterIPs', type: 'FieldValueInvalid',
    message: 'spec.clusterIPs: Invalid value: ["10.96.0.6"]: first value must match `clusterIP`' },
  { name: 'headless load balancer', mutate: (s) => { at(s, 'spec').type = 'LoadBalancer'; at(s, 'spec').clusterIP = 'None'; }, field: 'spec.clusterIPs[0]', type: 'FieldValueInvalid',
    message: `spec.clusterIPs[0]: Invalid value: "None": may not be set to 'None' for LoadBalancer services` },
  { name: 'ExternalName without name', mutate: (s) => { at(s, 'spec').type = 'ExternalName'; }, field: 'spec.externalName', type: 'FieldValueRequired' },
  { name: 'externalTrafficPolicy on ClusterIP', mutate: (s) => { at(s, 'spec').externalTrafficPolicy = 'Local'; }, field: 'spec.externalTrafficPolicy', type: 'FieldValueInvalid',
    message: 'spec.externalTrafficPolicy: Invalid value: "Local": may only be set for externally-accessible services' },
  { name: 'source ranges need a load balancer', mutate: (s) => { at(s, 'spec').loadBalancerSourceRanges = ['10.0.0.0/8']; }, field: 'spec.LoadBalancerSourceRanges', type: 'FieldValueForbidden' },
  { name: 'selector labels', mutate: (s) => { at(s, 'spec').selector = { app: 'not ok' }; }, field: 'spec.selector', type: 'FieldValueInvalid' },
  { name: 'external IP', mutate: (s) => { at(s, 'spec').externalIPs = ['127.0.0.1']; }, field: 'spec.externalIPs[0]', type: 'FieldValueInvalid',
    message: 'spec.externalIPs[0]: Invalid value: "127.0.0.1": may not be in the loopback range (127.0.0.0/8, ::1/128)' },
  { name: 'LB with Local needs a health check port', mutate: (s) => { at(s, 'spec').type = 'LoadBalancer'; at(s, 'spec').externalTrafficPolicy = 'Local'; },
    field: 'spec.healthCheckNodePort', type: 'FieldValueRequired' },
];

t.test('invalid services report Kubernetes field, reason and message', async (t) => {
  t.strictSame(runInvalidCases(service(), invalid, validateService, defaultService), []);
  const headless = service();
  at(headless, 'spec').ports = [];
  at(headless, 'spec').clusterIP = 'None';
  defaultService(headless);
  t.strictSame(messagesOf(validateService(headless)), [], 'a headless service needs no ports');
});

t.test('update: allocated values stay, cluster IPs never change', async (t) => {
  const old = service();
  defaultService(old);
  allocate(old);
  at(old, 'metadata').resourceVersion = '3';
  const replaced = service();
  at(replaced, 'metadata').resourceVersion = '3';
  at(replaced, 'spec.ports[1]').port = 9091;
  defaultService(replaced);
  prepareServiceForUpdate(replaced, old);
  t.equal(at(replaced, 'spec').clusterIP, '10.96.0.20', 'kubectl replace without clusterIP keeps it');
  t.strictSame(messagesOf(validateServiceUpdate(replaced, old)), []);
  const moved = structuredClone(old);
  allocate(moved, '10.96.0.21');
  t.strictSame(messagesOf(validateServiceUpdate(moved, old)), ['spec.clusterIPs[0]: Invalid value: ["10.96.0.21"]: may not change once set']);
  const np = service();
  at(np, 'spec').type = 'NodePort';
  at(np, 'spec.ports[0]').nodePort = 30080;
  defaultService(np);
  allocate(np);
  const npUpdate = service();
  at(npUpdate, 'spec').type = 'NodePort';
  defaultService(npUpdate);
  prepareServiceForUpdate(npUpdate, np);
  t.equal(at(npUpdate, 'spec.ports[0]').nodePort, 30080, 'node ports carried by port name');
});

t.test('an ExternalName service may not carry a cluster IP', async (t) => {
  const svc: JsonObject = { metadata: { name: 'db', namespace: 'shop' }, spec: { type: 'ExternalName', externalName: 'db.example.com.', clusterIP: '10.96.0.9' } };
  defaultService(svc);
  t.strictSame(messagesOf(validateService(svc)), ['spec.clusterIPs: Forbidden: may not be set for ExternalName services']);
});
