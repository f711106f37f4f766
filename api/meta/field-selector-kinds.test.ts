// Field selectors per kind: the field labels kube-apiserver's conversion funcs accept (and their
// refusal messages), and the values the registry strategies' ToSelectableFields give.
import t from 'tap';
import { DEFAULT_FIELD_LABELS, FIELD_LABELS, SelectorError, convertFieldLabel, fieldGetter, fieldLabelsFor, parseFieldSelectorForKind } from './field-selector.js';

const errOf = (f: () => unknown): string | undefined => {
  try {
    f();
    return undefined;
  } catch (e) {
    return e instanceof SelectorError ? e.message : `not a SelectorError: ${String(e)}`;
  }
};

t.test('FIELD_LABELS: what each kind accepts, and the message when it does not', async (t) => {
  const accepts: Array<[string, string | undefined, string[]]> = [
    ['Pod', undefined, ['metadata.name', 'metadata.namespace', 'spec.nodeName', 'spec.restartPolicy', 'spec.schedulerName', 'spec.serviceAccountName', 'spec.hostNetwork', 'status.phase', 'status.podIP', 'status.podIPs', 'status.nominatedNodeName', 'spec.host']],
    ['Node', undefined, ['metadata.name', 'spec.unschedulable']],
    ['ReplicationController', undefined, ['metadata.name', 'metadata.namespace', 'status.replicas']],
    ['Event', undefined, ['metadata.name', 'metadata.namespace', 'involvedObject.kind', 'involvedObject.namespace', 'involvedObject.name', 'involvedObject.uid', 'involvedObject.apiVersion', 'involvedObject.resourceVersion', 'involvedObject.fieldPath', 'reason', 'reportingComponent', 'source', 'type']],
    ['Namespace', undefined, ['metadata.name', 'status.phase']],
    ['Secret', undefined, ['metadata.name', 'metadata.namespace', 'type']],
    ['Service', undefined, ['metadata.name', 'metadata.namespace', 'spec.clusterIP', 'spec.type']],
    ['Job', 'batch', ['metadata.name', 'metadata.namespace', 'status.successful']],
    ['Event', 'events.k8s.io', ['metadata.name', 'metadata.namespace', 'regarding.kind', 'regarding.name', 'regarding.namespace', 'regarding.uid', 'regarding.apiVersion', 'regarding.resourceVersion', 'regarding.fieldPath', 'reason', 'reportingController', 'source', 'type']],
    ['CertificateSigningRequest', 'certificates.k8s.io', ['metadata.name', 'spec.signerName']],
    ['ConfigMap', undefined, ['metadata.name', 'metadata.namespace']],
    ['ReplicaSet', 'apps', ['metadata.name', 'metadata.namespace']],
    ['Widget', 'example.com', ['metadata.name', 'metadata.namespace']],
  ];
  for (const [kind, group, labels] of accepts) {
    for (const l of labels) t.doesNotThrow(() => convertFieldLabel(kind, l, 'v', group), `${kind} accepts ${l}`);
    t.same([...fieldLabelsFor(kind, group)].sort(), [...labels].sort(), `${kind}${group ? '.' + group : ''}: exactly these labels`);
  }
  const refuses: Array<[string, string | undefined, string, string]> = [
    ['Pod', undefined, 'spec.containers', 'field label not supported: spec.containers'],
    ['Pod', undefined, 'status.hostIP', 'field label not supported: status.hostIP'],
    ['Node', undefined, 'metadata.namespace', 'field label not supported: metadata.namespace'],
    ['Namespace', undefined, 'metadata.namespace', 'field label not supported: metadata.namespace'],
    ['Event', undefined, 'regarding.kind', 'field label not supported: regarding.kind'],
    ['Event', 'events.k8s.io', 'involvedObject.kind', 'field label not supported: involvedObject.kind'],
    ['Secret', undefined, 'data', 'field label not supported: data'],
    ['Service', undefined, '', 'field label not supported: '],
    ['ReplicationController', undefined, 'spec.replicas', 'field label not supported: spec.replicas'],
    ['Job', 'batch', 'status.active', 'field label "status.active" not supported for Job'],
    ['CertificateSigningRequest', 'certificates.k8s.io', 'metadata.namespace', 'field label not supported: metadata.namespace'],
    ['ReplicaSet', 'apps', 'status.replicas', '"status.replicas" is not a known field selector: only "metadata.name", "metadata.namespace"'],
    ['Deployment', 'apps', 'spec.paused', '"spec.paused" is not a known field selector: only "metadata.name", "metadata.namespace"'],
    ['ConfigMap', undefined, 'data.x', '"data.x" is not a known field selector: only "metadata.name", "metadata.namespace"'],
  ];
  for (const [kind, group, label, msg] of refuses) t.equal(errOf(() => convertFieldLabel(kind, label, 'v', group)), msg, `${kind} refuses ${JSON.stringify(label)}`);
  t.same(convertFieldLabel('Pod', 'spec.host', 'n1'), ['spec.nodeName', 'n1'], 'spec.host is the legacy name of spec.nodeName');
  t.same(convertFieldLabel('Event', 'regarding.name', 'p', 'events.k8s.io'), ['involvedObject.name', 'p']);
  t.same(convertFieldLabel('Event', 'reportingController', 'c', 'events.k8s.io'), ['reportingComponent', 'c']);
  t.equal(fieldLabelsFor('Job'), FIELD_LABELS['Job.batch'], 'without a group a kind name finds its built-in');
  t.same(DEFAULT_FIELD_LABELS, ['metadata.name', 'metadata.namespace']);
  t.same(Object.keys(FIELD_LABELS).sort(), ['CertificateSigningRequest.certificates.k8s.io', 'Event', 'Event.events.k8s.io', 'Job.batch', 'Namespace', 'Node', 'Pod', 'ReplicationController', 'Secret', 'Service']);
});

t.test('parseFieldSelectorForKind: syntax first, then the kind, in sorted term order', async (t) => {
  t.equal(parseFieldSelectorForKind('spec.host=n1,status.phase!=Failed', 'Pod').toString(), 'spec.nodeName=n1,status.phase!=Failed');
  t.equal(errOf(() => parseFieldSelectorForKind('x', 'Pod')), "invalid selector: 'x'; can't understand 'x'");
  t.equal(errOf(() => parseFieldSelectorForKind('zz=1,aa=1', 'Pod')), 'field label not supported: aa');
  t.equal(errOf(() => parseFieldSelectorForKind('status.replicas=0', 'ReplicaSet', 'apps')), '"status.replicas" is not a known field selector: only "metadata.name", "metadata.namespace"');
  t.equal(parseFieldSelectorForKind('=', 'Pod').toString(), '', 'a dropped empty term never reaches the conversion');
  t.equal(parseFieldSelectorForKind('', 'Node').isEmpty(), true);
});

t.test('fieldGetter: the values ToSelectableFields gives', async (t) => {
  const pod = {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'p', namespace: 'ns' },
    spec: { nodeName: 'n1', restartPolicy: 'Always', schedulerName: 'default-scheduler', serviceAccountName: 'sa' },
    status: { phase: 'Running', podIP: '10.0.0.9', podIPs: [{ ip: '10.0.0.1' }, { ip: 'fd00::1' }], nominatedNodeName: '' },
  };
  const g = fieldGetter('Pod', pod);
  const want: Record<string, string | undefined> = {
    'metadata.name': 'p',
    'metadata.namespace': 'ns',
    'spec.nodeName': 'n1',
    'spec.restartPolicy': 'Always',
    'spec.schedulerName': 'default-scheduler',
    'spec.serviceAccountName': 'sa',
    'spec.hostNetwork': 'false',
    'status.phase': 'Running',
    'status.podIP': '10.0.0.1',
    'status.nominatedNodeName': '',
    'status.podIPs': '',
    'spec.containers': undefined,
  };
  for (const [k, v] of Object.entries(want)) t.equal(g(k), v, `pod ${k}`);
  t.equal(fieldGetter('Pod', { spec: { hostNetwork: true }, status: { podIP: '10.1.1.1' } })('spec.hostNetwork'), 'true');
  t.equal(fieldGetter('Pod', { status: { podIP: '10.1.1.1' } })('status.podIP'), '10.1.1.1', 'podIP when podIPs is absent');
  t.equal(fieldGetter('Pod', {})('spec.nodeName'), '', 'missing strings read ""');
  t.ok(parseFieldSelectorForKind('spec.hostNetwork=false,spec.host=n1', 'Pod').matches(g));
  t.notOk(parseFieldSelectorForKind('status.podIPs=10.0.0.1', 'Pod').matches(g), 'status.podIPs is accepted but never set');

  const node = fieldGetter('Node', { metadata: { name: 'n1' }, spec: {} });
  t.equal(node('spec.unschedulable'), 'false', 'a missing bool reads "false"');
  t.equal(fieldGetter('Node', { spec: { unschedulable: true } })('spec.unschedulable'), 'true');
  t.equal(fieldGetter('ReplicationController', { status: {} })('status.replicas'), '0', 'a missing count reads "0"');
  t.equal(fieldGetter('ReplicationController', { status: { replicas: 3 } })('status.replicas'), '3');
  t.equal(fieldGetter('Job', { apiVersion: 'batch/v1', status: { succeeded: 2 } })('status.successful'), '2', 'status.successful reads status.succeeded');
  t.equal(fieldGetter('Namespace', { status: { phase: 'Terminating' } })('status.phase'), 'Terminating');
  t.equal(fieldGetter('Secret', { type: 'kubernetes.io/tls' })('type'), 'kubernetes.io/tls');
  t.equal(fieldGetter('Service', { spec: { clusterIP: 'None', type: 'ClusterIP' } })('spec.clusterIP'), 'None');
  t.equal(fieldGetter('CertificateSigningRequest', { apiVersion: 'certificates.k8s.io/v1', spec: { signerName: 'kubernetes.io/kubelet-serving' } })('spec.signerName'), 'kubernetes.io/kubelet-serving');
  t.equal(fieldGetter('ConfigMap', { metadata: { name: 'c', namespace: 'd' } })('metadata.namespace'), 'd');
  t.equal(fieldGetter('ConfigMap', { data: { x: 'y' } })('data.x'), undefined);

  const ev = { apiVersion: 'v1', involvedObject: { kind: 'Pod', name: 'p', uid: 'u1' }, reason: 'Started', type: 'Normal', reportingComponent: 'kubelet' };
  const e = fieldGetter('Event', ev);
  t.equal(e('involvedObject.kind'), 'Pod');
  t.equal(e('involvedObject.uid'), 'u1');
  t.equal(e('involvedObject.fieldPath'), '');
  t.equal(e('source'), 'kubelet', 'source falls back to reportingComponent');
  t.equal(fieldGetter('Event', { ...ev, source: { component: 'scheduler' } })('source'), 'scheduler');
  t.ok(parseFieldSelectorForKind('involvedObject.kind=Pod,involvedObject.name=p,type=Normal', 'Event').matches(e));

  const ev1 = { apiVersion: 'events.k8s.io/v1', regarding: { kind: 'Node', name: 'n1' }, reason: 'Ready', reportingController: 'kubelet', type: 'Normal' };
  const e1 = fieldGetter('Event', ev1);
  t.equal(e1('involvedObject.kind'), 'Node', 'events.k8s.io objects are read through regarding.*');
  t.equal(e1('reportingComponent'), 'kubelet');
  t.equal(e1('source'), 'kubelet');
  t.ok(parseFieldSelectorForKind('regarding.kind=Node,reportingController=kubelet', 'Event', 'events.k8s.io').matches(e1));
  t.notOk(parseFieldSelectorForKind('regarding.kind=Pod', 'Event', 'events.k8s.io').matches(e1));
});
