// Every served kind's columns (names, types, priorities as kube's printers.go has them) and
// golden cells.
import t from 'tap';
import type { KubeObject } from '../../../api/meta/object.js';
import { RESOURCES } from '../../../api/resources.js';
import { formatEndpoints, makePortString } from './core.js';
import { formatLabels, formatLabelSelector, labelSelectorString } from './fields.js';
import { defaultPrinter, printerFor } from './printers.js';

const NOW = Date.parse('2024-05-01T12:00:00Z');
const ago = (ms: number): string => new Date(NOW - ms).toISOString();
const CREATED = ago((2 * 24 + 3) * 3600_000); // AGE "2d3h"
const meta = (name: string, extra: Record<string, unknown> = {}) => ({ name, namespace: 'default', creationTimestamp: CREATED, ...extra });
const print = (group: string, kind: string, obj: KubeObject) => printerFor({ group, kind }).print(obj, NOW).cells;
const columns = (group: string, kind: string) => printerFor({ group, kind }).columns.map((c) => `${c.name}:${c.type}:${c.priority}`);

t.test('columns: names, types and priorities', async (t) => {
  const want: Record<string, string[]> = {
    '/Pod': ['Name:string:0', 'Ready:string:0', 'Status:string:0', 'Restarts:string:0', 'Age:string:0', 'IP:string:1', 'Node:string:1', 'Nominated Node:string:1', 'Readiness Gates:string:1'],
    '/Node': ['Name:string:0', 'Status:string:0', 'Roles:string:0', 'Age:string:0', 'Version:string:0', 'Internal-IP:string:1', 'External-IP:string:1', 'OS-Image:string:1', 'Kernel-Version:string:1', 'Container-Runtime:string:1'],
    '/Namespace': ['Name:string:0', 'Status:string:0', 'Age:string:0'],
    '/Service': ['Name:string:0', 'Type:string:0', 'Cluster-IP:string:0', 'External-IP:string:0', 'Port(s):string:0', 'Age:string:0', 'Selector:string:1'],
    '/Endpoints': ['Name:string:0', 'Endpoints:string:0', 'Age:string:0'],
    '/Event': ['Last Seen:string:0', 'Type:string:0', 'Reason:string:0', 'Object:string:0', 'Subobject:string:1', 'Source:string:1', 'Message:string:0', 'First Seen:string:1', 'Count:string:1', 'Name:string:1'],
    '/ReplicationController': ['Name:string:0', 'Desired:integer:0', 'Current:integer:0', 'Ready:integer:0', 'Age:string:0', 'Containers:string:1', 'Images:string:1', 'Selector:string:1'],
    '/ConfigMap': ['Name:string:0', 'Data:string:0', 'Age:string:0'],
    '/Secret': ['Name:string:0', 'Type:string:0', 'Data:string:0', 'Age:string:0'],
    '/ServiceAccount': ['Name:string:0', 'Secrets:string:0', 'Age:string:0'],
    'apps/ReplicaSet': ['Name:string:0', 'Desired:integer:0', 'Current:integer:0', 'Ready:integer:0', 'Age:string:0', 'Containers:string:1', 'Images:string:1', 'Selector:string:1'],
    'apps/Deployment': ['Name:string:0', 'Ready:string:0', 'Up-to-date:string:0', 'Available:string:0', 'Age:string:0', 'Containers:string:1', 'Images:string:1', 'Selector:string:1'],
    'apps/DaemonSet': ['Name:string:0', 'Desired:integer:0', 'Current:integer:0', 'Ready:integer:0', 'Up-to-date:integer:0', 'Available:integer:0', 'Node Selector:string:0', 'Age:string:0', 'Containers:string:1', 'Images:string:1', 'Selector:string:1'],
    'batch/Job': ['Name:string:0', 'Status:string:0', 'Completions:string:0', 'Duration:string:0', 'Age:string:0', 'Containers:string:1', 'Images:string:1', 'Selector:string:1'],
    'coordination.k8s.io/Lease': ['Name:string:0', 'Holder:string:0', 'Age:string:0'],
  };
  for (const r of RESOURCES) t.ok(want[`${r.group}/${r.kind}`], `${r.kind} has a printer of its own`);
  for (const [key, cols] of Object.entries(want)) {
    const [group, kind] = key.split('/') as [string, string];
    t.same(columns(group, kind), cols, key);
    const printer = printerFor({ group, kind });
    t.equal(printer.columns.find((c) => c.format === 'name')?.name, 'Name', `${key}: Name has format name`);
  }
  t.same(columns('example.com', 'Widget'), ['Name:string:0', 'Created At:date:0'], 'unknown kinds get the default table');
});

t.test('Node', async (t) => {
  const node = (labels: Record<string, string>, spec: object, status: object): KubeObject => ({ kind: 'Node', metadata: { name: 'n1', creationTimestamp: CREATED, labels }, spec, status });
  t.same(
    print('', 'Node', node({ 'node-role.kubernetes.io/control-plane': '', 'node-role.kubernetes.io/': '', 'kubernetes.io/role': 'infra' }, {}, {
      conditions: [{ type: 'MemoryPressure', status: 'False' }, { type: 'Ready', status: 'True' }],
      addresses: [{ type: 'Hostname', address: 'n1' }, { type: 'InternalIP', address: '10.0.0.5' }, { type: 'ExternalIP', address: '203.0.113.5' }],
      nodeInfo: { kubeletVersion: 'v1.32.0', osImage: 'Debian GNU/Linux 12 (bookworm)', kernelVersion: '6.1.0-18-amd64', containerRuntimeVersion: 'containerd://1.7.13' },
    })),
    ['n1', 'Ready', 'control-plane,infra', '2d3h', 'v1.32.0', '10.0.0.5', '203.0.113.5', 'Debian GNU/Linux 12 (bookworm)', '6.1.0-18-amd64', 'containerd://1.7.13'],
  );
  t.same(print('', 'Node', node({}, { unschedulable: true }, { conditions: [{ type: 'Ready', status: 'False' }] })).slice(0, 3), ['n1', 'NotReady,SchedulingDisabled', '<none>']);
  t.same(print('', 'Node', node({}, {}, {})), ['n1', 'Unknown', '<none>', '2d3h', '', '<none>', '<none>', '<unknown>', '<unknown>', '<unknown>']);
  t.same(print('', 'Node', node({}, { unschedulable: true }, { conditions: [{ type: 'Ready', status: 'Unknown' }] }))[1], 'NotReady,SchedulingDisabled');
});

t.test('Namespace', async (t) => {
  t.same(print('', 'Namespace', { metadata: { name: 'ns1', creationTimestamp: CREATED }, status: { phase: 'Active' } }), ['ns1', 'Active', '2d3h']);
  t.same(print('', 'Namespace', { metadata: { name: 'ns2', creationTimestamp: CREATED }, status: { phase: 'Terminating' } }), ['ns2', 'Terminating', '2d3h']);
});

t.test('Service', async (t) => {
  const svc = (spec: object, status: object = {}): KubeObject => ({ kind: 'Service', metadata: meta('s'), spec, status });
  t.same(print('', 'Service', svc({ type: 'ClusterIP', clusterIP: '10.96.0.10', clusterIPs: ['10.96.0.10'], ports: [{ port: 53, protocol: 'UDP' }, { port: 53, protocol: 'TCP' }], selector: { 'k8s-app': 'kube-dns', a: 'b' } })), [
    's', 'ClusterIP', '10.96.0.10', '<none>', '53/UDP,53/TCP', '2d3h', 'a=b,k8s-app=kube-dns',
  ]);
  t.same(print('', 'Service', svc({ type: 'NodePort', clusterIPs: ['10.96.1.2'], externalIPs: ['1.2.3.4', '5.6.7.8'], ports: [{ port: 80, nodePort: 30080, protocol: 'TCP' }] })), [
    's', 'NodePort', '10.96.1.2', '1.2.3.4,5.6.7.8', '80:30080/TCP', '2d3h', '<none>',
  ]);
  t.same(print('', 'Service', svc({ type: 'LoadBalancer', clusterIPs: ['10.96.1.3'], ports: [{ port: 443, nodePort: 31443, protocol: 'TCP' }] }))[3], '<pending>');
  t.same(print('', 'Service', svc({ type: 'LoadBalancer', clusterIPs: ['10.96.1.3'] }, { loadBalancer: { ingress: [{ ip: '192.0.2.1' }, { hostname: 'lb.example.com' }, { ip: '192.0.2.1' }] } }))[3], '192.0.2.1,lb.example.com');
  t.same(print('', 'Service', svc({ type: 'LoadBalancer', externalIPs: ['9.9.9.9'] }, { loadBalancer: { ingress: [{ ip: '192.0.2.1' }] } }))[3], '192.0.2.1,9.9.9.9');
  t.same(print('', 'Service', svc({ type: 'ExternalName', externalName: 'example.com' })), ['s', 'ExternalName', '<none>', 'example.com', '<none>', '2d3h', '<none>']);
  t.same(print('', 'Service', svc({ type: 'ClusterIP', clusterIP: 'None', clusterIPs: ['None'] }))[2], 'None', 'headless');
  t.equal(makePortString([{ port: 80, protocol: 'TCP' }, { port: 8443, nodePort: 30443, protocol: 'SCTP' }]), '80/TCP,8443:30443/SCTP');
});

t.test('Endpoints', async (t) => {
  const ep = (subsets: unknown): KubeObject => ({ kind: 'Endpoints', metadata: meta('ep'), subsets });
  t.same(print('', 'Endpoints', ep(undefined)), ['ep', '<none>', '2d3h']);
  t.equal(formatEndpoints(ep([{ addresses: [{ ip: '10.0.0.1' }, { ip: '10.0.0.2' }], ports: [{ port: 80 }] }])), '10.0.0.1:80,10.0.0.2:80');
  t.equal(formatEndpoints(ep([{ addresses: [{ ip: '10.0.0.1' }, { ip: '10.0.0.2' }, { ip: '10.0.0.3' }], ports: [{ port: 80 }, { port: 443 }] }])), '10.0.0.1:80,10.0.0.2:80,10.0.0.3:80 + 3 more...');
  t.equal(formatEndpoints(ep([{ addresses: [{ ip: '10.0.0.1' }] }, { addresses: [{ ip: 'fd00::1' }], ports: [{ port: 8080 }] }])), '10.0.0.1,[fd00::1]:8080', 'headless subsets and IPv6');
  t.equal(formatEndpoints(ep([{ notReadyAddresses: [{ ip: '10.0.0.1' }], ports: [{ port: 80 }] }])), '', 'only not-ready addresses');
  t.equal(formatEndpoints(ep([{ addresses: [{ ip: 'a' }, { ip: 'b' }, { ip: 'c' }, { ip: 'd' }, { ip: 'e' }] }])), 'a,b,c + 2 more...');
});

t.test('Event', async (t) => {
  const ev = (extra: Record<string, unknown>): KubeObject => ({
    kind: 'Event', metadata: meta('p1.17a'), involvedObject: { kind: 'Pod', name: 'p1', namespace: 'default', fieldPath: 'spec.containers{c}' },
    reason: 'Pulled', message: ' Container image "nginx" already present on machine\n', type: 'Normal', ...extra,
  });
  t.same(print('', 'Event', ev({ firstTimestamp: ago(5 * 24 * 3600_000), lastTimestamp: ago(3 * 3600_000), count: 4, source: { component: 'kubelet', host: 'n1' } })), [
    '3h', 'Normal', 'Pulled', 'pod/p1', 'spec.containers{c}', 'kubelet, n1', 'Container image "nginx" already present on machine', '5d', 4, 'p1.17a',
  ]);
  const fresh = print('', 'Event', ev({ eventTime: ago(42_000) + '', reportingComponent: 'default-scheduler', reportingInstance: 'default-scheduler-n1' }));
  t.same(fresh.slice(0, 1).concat(fresh.slice(5, 6), fresh.slice(7, 9)), ['42s', 'default-scheduler, default-scheduler-n1', '42s', 1], 'eventTime, reporting controller, count 1');
  const series = print('', 'Event', ev({ eventTime: ago(3600_000), series: { count: 7, lastObservedTime: ago(90_000) }, source: { component: 'kubelet' } }));
  t.same([series[0], series[5], series[7], series[8]], ['90s', 'kubelet', '60m', 7], 'series');
  t.same(print('', 'Event', { kind: 'Event', metadata: meta('x'), involvedObject: { kind: 'Node' } })[3], 'node', 'object without a name');
  t.same(print('', 'Event', { kind: 'Event', metadata: meta('x') })[0], '<unknown>', 'no timestamps at all');
});

t.test('ConfigMap, Secret, ServiceAccount, Lease', async (t) => {
  t.same(print('', 'ConfigMap', { metadata: meta('cm'), data: { a: '1', b: '2' }, binaryData: { c: 'AA==' } }), ['cm', 3, '2d3h']);
  t.same(print('', 'ConfigMap', { metadata: meta('empty') }), ['empty', 0, '2d3h']);
  t.same(print('', 'Secret', { metadata: meta('s'), type: 'Opaque', data: { u: 'YQ==', p: 'Yg==' } }), ['s', 'Opaque', 2, '2d3h']);
  t.same(print('', 'Secret', { metadata: meta('tls'), type: 'kubernetes.io/tls' }), ['tls', 'kubernetes.io/tls', 0, '2d3h']);
  t.same(print('', 'ServiceAccount', { metadata: meta('default'), secrets: [{ name: 'a' }] }), ['default', 1, '2d3h']);
  t.same(print('', 'ServiceAccount', { metadata: meta('bare') }), ['bare', 0, '2d3h']);
  t.same(print('coordination.k8s.io', 'Lease', { metadata: meta('kube-scheduler'), spec: { holderIdentity: 'n1_1234' } }), ['kube-scheduler', 'n1_1234', '2d3h']);
  t.same(print('coordination.k8s.io', 'Lease', { metadata: meta('free'), spec: {} }), ['free', '', '2d3h']);
});

const template = { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'nginx', image: 'nginx:1.27' }, { name: 'log', image: 'busybox' }] } };

t.test('ReplicationController and ReplicaSet', async (t) => {
  t.same(print('', 'ReplicationController', { metadata: meta('rc'), spec: { replicas: 3, selector: { app: 'web', tier: 'fe' }, template }, status: { replicas: 2, readyReplicas: 1 } }), [
    'rc', 3, 2, 1, '2d3h', 'nginx,log', 'nginx:1.27,busybox', 'app=web,tier=fe',
  ]);
  t.same(print('', 'ReplicationController', { metadata: meta('bare'), spec: {} }), ['bare', 0, 0, 0, '2d3h', '', '', '<none>']);
  t.same(
    print('apps', 'ReplicaSet', {
      metadata: meta('rs'),
      spec: { replicas: 2, selector: { matchLabels: { app: 'web' }, matchExpressions: [{ key: 'tier', operator: 'In', values: ['fe', 'be'] }, { key: 'canary', operator: 'DoesNotExist' }] }, template },
      status: { replicas: 2, readyReplicas: 2 },
    }),
    ['rs', 2, 2, 2, '2d3h', 'nginx,log', 'nginx:1.27,busybox', 'app=web,!canary,tier in (be,fe)'],
  );
});

t.test('Deployment', async (t) => {
  t.same(
    print('apps', 'Deployment', { metadata: meta('web'), spec: { replicas: 3, selector: { matchLabels: { app: 'web' } }, template }, status: { readyReplicas: 2, updatedReplicas: 3, availableReplicas: 2 } }),
    ['web', '2/3', 3, 2, '2d3h', 'nginx,log', 'nginx:1.27,busybox', 'app=web'],
  );
  t.same(print('apps', 'Deployment', { metadata: meta('new'), spec: { replicas: 1, selector: { matchLabels: { app: 'x' } } } }), ['new', '0/1', 0, 0, '2d3h', '', '', 'app=x']);
});

t.test('DaemonSet', async (t) => {
  t.same(
    print('apps', 'DaemonSet', {
      metadata: meta('ds'),
      spec: { selector: { matchLabels: { app: 'ds' } }, template: { spec: { nodeSelector: { 'kubernetes.io/os': 'linux' }, containers: [{ name: 'agent', image: 'fluentd:v1' }] } } },
      status: { desiredNumberScheduled: 3, currentNumberScheduled: 3, numberReady: 2, updatedNumberScheduled: 1, numberAvailable: 2 },
    }),
    ['ds', 3, 3, 2, 1, 2, 'kubernetes.io/os=linux', '2d3h', 'agent', 'fluentd:v1', 'app=ds'],
  );
  t.same(print('apps', 'DaemonSet', { metadata: meta('bare'), spec: {} }), ['bare', 0, 0, 0, 0, 0, '<none>', '2d3h', '', '', '<none>']);
});

t.test('Job', async (t) => {
  const job = (spec: object, status: object, extra: Record<string, unknown> = {}): KubeObject => ({ metadata: meta('pi', extra), spec: { template, selector: { matchLabels: { 'batch.kubernetes.io/controller-uid': 'u1' } }, ...spec }, status });
  t.same(print('batch', 'Job', job({ completions: 1, parallelism: 1 }, { succeeded: 1, startTime: ago(60_000), completionTime: ago(13_000), conditions: [{ type: 'SuccessCriteriaMet', status: 'True' }, { type: 'Complete', status: 'True' }] })), [
    'pi', 'Complete', '1/1', '47s', '2d3h', 'nginx,log', 'nginx:1.27,busybox', 'batch.kubernetes.io/controller-uid=u1',
  ]);
  t.same(print('batch', 'Job', job({ completions: 5, parallelism: 2 }, { succeeded: 2, startTime: ago(190_000) })).slice(1, 4), ['Running', '2/5', '3m10s']);
  t.same(print('batch', 'Job', job({ parallelism: 3 }, {})).slice(1, 4), ['Running', '0/1 of 3', '']);
  t.same(print('batch', 'Job', job({}, { conditions: [{ type: 'Failed', status: 'True' }] })).slice(1, 3), ['Failed', '0/1']);
  t.same(print('batch', 'Job', job({}, { conditions: [{ type: 'Suspended', status: 'True' }] }))[1], 'Suspended');
  t.same(print('batch', 'Job', job({}, { conditions: [{ type: 'Suspended', status: 'True' }] }, { deletionTimestamp: ago(0) }))[1], 'Terminating');
  t.same(print('batch', 'Job', job({}, { conditions: [{ type: 'FailureTarget', status: 'True' }] }))[1], 'FailureTarget');
  t.same(print('batch', 'Job', job({}, { conditions: [{ type: 'Complete', status: 'False' }] }))[1], 'Running');
});

t.test('default table', async (t) => {
  t.same(defaultPrinter.print({ metadata: { name: 'w', creationTimestamp: '2024-01-02T03:04:05Z' } }, NOW).cells, ['w', '2024-01-02T03:04:05Z']);
});

t.test('label formatting', async (t) => {
  t.equal(formatLabels({ b: '2', a: '1', B: '0' }), 'B=0,a=1,b=2', 'Go byte order');
  t.equal(formatLabels(undefined), '<none>');
  t.equal(formatLabelSelector(undefined), '<none>', 'nil selector');
  t.equal(formatLabelSelector({}), '<none>', 'empty selector');
  t.equal(formatLabelSelector({ matchExpressions: [{ key: 'a', operator: 'Bogus' }] }), '<error>');
  t.equal(formatLabelSelector({ matchExpressions: [{ key: 'a', operator: 'Exists' }, { key: 'b', operator: 'NotIn', values: ['y', 'x'] }] }), 'a,b notin (x,y)');
  t.equal(labelSelectorString(undefined), '');
  t.equal(labelSelectorString({ matchExpressions: [{ key: 'a', operator: 'In' }] }), '<invalid>');
});
