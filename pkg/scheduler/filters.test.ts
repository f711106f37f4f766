// Each filter plugin alone, with Kubernetes' reasons.
import t from 'tap';
import { Rng, seedFrom } from '../../test/lib/prng.js';
import { fits, nodeAffinity, nodePorts, nodeResourcesFit, nodeUnschedulable, REASONS, runFilters, taintToleration } from './filters.js';
import { podToSchedule } from './pod-info.js';
import { testNodeInfo, testPod } from './testing.js';

t.test('NodeUnschedulable: cordoned nodes, unless the pod tolerates the unschedulable taint', async (t) => {
  const cordoned = testNodeInfo('n', { unschedulable: true });
  t.equal(nodeUnschedulable.filter(podToSchedule(testPod('p')), cordoned), REASONS.unschedulable);
  t.equal(nodeUnschedulable.filter(podToSchedule(testPod('p')), testNodeInfo('n')), undefined);
  const ds = podToSchedule(testPod('p', { spec: { tolerations: [{ key: 'node.kubernetes.io/unschedulable', operator: 'Exists', effect: 'NoSchedule' }] } }));
  t.equal(nodeUnschedulable.filter(ds, cordoned), undefined);
});

t.test('TaintToleration: NoSchedule and NoExecute keep intolerant pods off; PreferNoSchedule does not', async (t) => {
  const node = testNodeInfo('n', { taints: [{ key: 'dedicated', value: 'db', effect: 'NoSchedule' }, { key: 'soft', effect: 'PreferNoSchedule' }] });
  t.equal(taintToleration.filter(podToSchedule(testPod('p')), node), 'node(s) had untolerated taint {dedicated: db}');
  const tolerant = podToSchedule(testPod('p', { spec: { tolerations: [{ key: 'dedicated', operator: 'Equal', value: 'db', effect: 'NoSchedule' }] } }));
  t.equal(taintToleration.filter(tolerant, node), undefined);
  const exec = testNodeInfo('n', { taints: [{ key: 'evict', effect: 'NoExecute' }] });
  t.equal(taintToleration.filter(podToSchedule(testPod('p')), exec), 'node(s) had untolerated taint {evict: }');
  t.equal(taintToleration.filter(podToSchedule(testPod('p')), testNodeInfo('n', { ready: 'False' })), 'node(s) had untolerated taint {node.kubernetes.io/not-ready: }');
});

t.test('NodeAffinity: nodeSelector and required affinity', async (t) => {
  const labelled = testNodeInfo('db', { labels: { heavy_db_server: 'true' } });
  const plain = testNodeInfo('web');
  const pod = podToSchedule(testPod('p', { spec: { nodeSelector: { heavy_db_server: 'true' } } }));
  t.equal(nodeAffinity.filter(pod, labelled), undefined);
  t.equal(nodeAffinity.filter(pod, plain), REASONS.affinity);
  const byName = podToSchedule(testPod('p', { spec: { affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchFields: [{ key: 'metadata.name', operator: 'In', values: ['web'] }] }] } } } } }));
  t.equal(nodeAffinity.filter(byName, plain), undefined);
  t.equal(nodeAffinity.filter(byName, labelled), REASONS.affinity);
});

t.test('NodePorts: a host port is taken per protocol and IP; 0.0.0.0 clashes with every IP', async (t) => {
  const port = (hostPort: number, hostIP?: string, protocol?: string) => testPod('p', { spec: { containers: [{ name: 'c', ports: [{ containerPort: 80, hostPort, ...(hostIP ? { hostIP } : {}), ...(protocol ? { protocol } : {}) }] }] } });
  const node = testNodeInfo('n', {}, [port(80, '10.0.0.1')]);
  t.equal(nodePorts.filter(podToSchedule(port(80, '10.0.0.1')), node), REASONS.ports);
  t.equal(nodePorts.filter(podToSchedule(port(80)), node), REASONS.ports, '0.0.0.0 wants every IP');
  t.equal(nodePorts.filter(podToSchedule(port(80, '10.0.0.2')), node), undefined);
  t.equal(nodePorts.filter(podToSchedule(port(80, '10.0.0.1', 'UDP')), node), undefined);
  t.equal(nodePorts.filter(podToSchedule(port(81)), node), undefined);
  const any = testNodeInfo('n', {}, [port(80)]);
  t.equal(nodePorts.filter(podToSchedule(port(80, '10.0.0.9')), any), REASONS.ports);
  t.equal(nodePorts.filter(podToSchedule(testPod('p')), any), undefined, 'no host ports, no conflict');
});

t.test('NodeResourcesFit: allocatable minus the requests of the pods there', async (t) => {
  const node = testNodeInfo('n', { cpu: '2', memory: '4Gi', pods: 3 }, [testPod('a', { cpu: '1', memory: '1Gi' }), testPod('b', { cpu: '500m' })]);
  t.equal(nodeResourcesFit.filter(podToSchedule(testPod('p', { cpu: '500m', memory: '3Gi' })), node), undefined, 'exactly full fits');
  t.strictSame(nodeResourcesFit.filter(podToSchedule(testPod('p', { cpu: '501m' })), node), ['Insufficient cpu']);
  t.strictSame(nodeResourcesFit.filter(podToSchedule(testPod('p', { cpu: '1', memory: '4Gi' })), node), ['Insufficient cpu', 'Insufficient memory']);
  const gpu = testPod('p', { spec: { containers: [{ name: 'c', resources: { requests: { 'nvidia.com/gpu': '1' } } }] } });
  t.strictSame(nodeResourcesFit.filter(podToSchedule(gpu), node), ['Insufficient nvidia.com/gpu']);
  node.addPod(podToSchedule(testPod('c')));
  t.strictSame(nodeResourcesFit.filter(podToSchedule(testPod('p')), node), ['Too many pods']);
  node.removePod('default/c');
  t.equal(nodeResourcesFit.filter(podToSchedule(testPod('p')), node), undefined, 'removal gives the room back');
});

t.test('runFilters stops at the first failing plugin', async (t) => {
  const node = testNodeInfo('n', { unschedulable: true, cpu: '1' });
  const f = runFilters(podToSchedule(testPod('p', { cpu: '4' })), node);
  t.equal(f?.plugin.name, 'NodeUnschedulable');
  t.ok(f?.plugin.unresolvable);
  t.equal(runFilters(podToSchedule(testPod('p', { cpu: '4' })), testNodeInfo('m', { cpu: '1' }))?.plugin.name, 'NodeResourcesFit');
});

t.test('fits agrees with the filter plugins on random pods and nodes', async (t) => {
  const seed = seedFrom('SCHEDULER_FITS_SEED');
  t.comment(`SCHEDULER_FITS_SEED=${seed}`);
  const rng = new Rng(seed);
  const pick = <T>(xs: readonly T[]): T => rng.pick(xs);
  let disagreements = 0;
  for (let i = 0; i < 2000; i++) {
    const others = Array.from({ length: rng.int(4) }, (_, j) => testPod(`o${j}`, { cpu: pick(['100m', '1', '3']), memory: pick(['1Gi', '4Gi']), spec: rng.chance(0.3) ? { containers: [{ name: 'c', ports: [{ containerPort: 1, hostPort: pick([80, 443]) }] }] } : {} }));
    const node = testNodeInfo('n', {
      cpu: pick(['1', '4']), memory: pick(['2Gi', '8Gi']), pods: pick([2, 110]), unschedulable: rng.chance(0.2), ready: pick(['True', 'True', 'False']),
      labels: rng.chance(0.5) ? { zone: pick(['a', 'b']) } : {},
      taints: rng.chance(0.3) ? [{ key: 'k', value: pick(['x', 'y']), effect: pick(['NoSchedule', 'PreferNoSchedule', 'NoExecute']) }] : [],
    }, others);
    const pod = podToSchedule(testPod('p', {
      cpu: pick(['100m', '2', '']) || undefined, memory: pick(['1Gi', '']) || undefined,
      spec: {
        ...(rng.chance(0.3) ? { nodeSelector: { zone: pick(['a', 'b']) } } : {}),
        ...(rng.chance(0.3) ? { tolerations: [pick([{ operator: 'Exists' }, { key: 'k', value: 'x' }, { key: 'node.kubernetes.io/unschedulable', operator: 'Exists' }])] } : {}),
        ...(rng.chance(0.3) ? { containers: [{ name: 'c', ports: [{ containerPort: 1, hostPort: pick([80, 8080]) }] }] } : {}),
      },
    }));
    if (fits(pod, node) !== (runFilters(pod, node) === undefined)) disagreements++;
  }
  t.equal(disagreements, 0);
});
