// Pod rows, golden cells modelled on kube's TestPrintPod* cases in printers_test.go.
import t from 'tap';
import type { KubeObject } from '../../../api/meta/object.js';
import { printPod } from './pod.js';

const NOW = Date.parse('2024-05-01T12:00:00Z');
const ago = (ms: number): string => new Date(NOW - ms).toISOString();
const CREATED = ago(5 * 60_000 + 2_000); // AGE "5m2s"
const WIDE_NONE = ['<none>', '<none>', '<none>', '<none>'];

function pod(name: string, spec: Record<string, unknown>, status: Record<string, unknown>, meta: Record<string, unknown> = {}): KubeObject {
  return { apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace: 'default', creationTimestamp: CREATED, ...meta }, spec, status };
}
const containers = (n: number) => ({ containers: Array.from({ length: n }, (_, i) => ({ name: `c${i}`, image: 'img' })) });
const running = { running: { startedAt: ago(60_000) } };

const cases: Array<[string, KubeObject, unknown[]]> = [
  ['pending pod without node', pod('p0', containers(1), { phase: 'Pending' }), ['p0', '0/1', 'Pending', '0', '5m2s', ...WIDE_NONE]],
  [
    'phase, ready count and summed restarts',
    pod('test1', containers(2), { phase: 'podPhase', containerStatuses: [{ ready: true, restartCount: 3, state: running }, { restartCount: 3 }] }),
    ['test1', '1/2', 'podPhase', '6', '5m2s', ...WIDE_NONE],
  ],
  [
    'a waiting reason overrides the phase',
    pod('test2', containers(2), { phase: 'Running', containerStatuses: [{ ready: true, restartCount: 3, state: running }, { restartCount: 3, state: { waiting: { reason: 'ContainerCreating' } } }] }),
    ['test2', '1/2', 'ContainerCreating', '6', '5m2s', ...WIDE_NONE],
  ],
  [
    'the first container has the last word',
    pod('test3', containers(2), {
      phase: 'Running',
      containerStatuses: [{ restartCount: 3, state: { waiting: { reason: 'CrashLoopBackOff' } } }, { restartCount: 3, state: { terminated: { reason: 'Error', exitCode: 1 } } }],
    }),
    ['test3', '0/2', 'CrashLoopBackOff', '6', '5m2s', ...WIDE_NONE],
  ],
  [
    'ready without running is not counted',
    pod('test4', containers(2), { phase: 'podPhase', containerStatuses: [{ ready: true, restartCount: 3 }, { ready: true, restartCount: 3 }] }),
    ['test4', '0/2', 'podPhase', '6', '5m2s', ...WIDE_NONE],
  ],
  [
    'status.reason beats the phase',
    pod('test5', containers(2), { phase: 'podPhase', reason: 'podReason', containerStatuses: [{ ready: true, restartCount: 3 }, { ready: true, restartCount: 3 }] }),
    ['test5', '0/2', 'podReason', '6', '5m2s', ...WIDE_NONE],
  ],
  [
    'one completed, one running, not ready',
    pod('test6', containers(2), {
      phase: 'Running',
      containerStatuses: [{ ready: true, restartCount: 3, state: { terminated: { reason: 'Completed', exitCode: 0 } } }, { ready: true, restartCount: 3, state: running }],
    }),
    ['test6', '1/2', 'NotReady', '6', '5m2s', ...WIDE_NONE],
  ],
  [
    'one completed, one running, ready',
    pod('test6b', containers(2), {
      phase: 'Running',
      conditions: [{ type: 'Ready', status: 'True' }],
      containerStatuses: [{ ready: true, restartCount: 3, state: { terminated: { reason: 'Completed', exitCode: 0 } } }, { ready: true, restartCount: 3, state: running }],
    }),
    ['test6b', '1/2', 'Running', '6', '5m2s', ...WIDE_NONE],
  ],
  [
    'terminated without a reason shows the exit code or signal',
    pod('test-exit', containers(2), {
      phase: 'Running',
      containerStatuses: [{ state: { terminated: { exitCode: 137, signal: 9 } } }, { state: { terminated: { exitCode: 2 } } }],
    }),
    ['test-exit', '0/2', 'Signal:9', '0', '5m2s', ...WIDE_NONE],
  ],
  [
    'succeeded pod is Completed',
    pod('done', containers(1), { phase: 'Succeeded', containerStatuses: [{ state: { terminated: { reason: 'Completed', exitCode: 0 } } }] }),
    ['done', '0/1', 'Completed', '0', '5m2s', ...WIDE_NONE],
  ],
  [
    'restarts carry the time of the last restart',
    pod('test7', containers(1), {
      phase: 'Running',
      conditions: [{ type: 'Ready', status: 'True' }],
      containerStatuses: [{ ready: true, restartCount: 3, state: running, lastState: { terminated: { exitCode: 1, finishedAt: ago(10_000) } } }],
    }),
    ['test7', '1/1', 'Running', '3 (10s ago)', '5m2s', ...WIDE_NONE],
  ],
  [
    'init container still running',
    pod('test8', { initContainers: [{ name: 'init', image: 'i' }], ...containers(1) }, {
      phase: 'Pending',
      initContainerStatuses: [{ name: 'init', restartCount: 3, state: running, lastState: { terminated: { finishedAt: ago(10_000) } } }],
      containerStatuses: [{ restartCount: 0, state: { waiting: {} } }],
    }),
    ['test8', '0/1', 'Init:0/1', '3 (10s ago)', '5m2s', ...WIDE_NONE],
  ],
  [
    'init container waiting with a reason',
    pod('test9', { initContainers: [{ name: 'a', image: 'i' }, { name: 'b', image: 'i' }], ...containers(1) }, {
      phase: 'Pending',
      initContainerStatuses: [{ name: 'a', state: { terminated: { exitCode: 0 } } }, { name: 'b', state: { waiting: { reason: 'ImagePullBackOff' } } }],
    }),
    ['test9', '0/1', 'Init:ImagePullBackOff', '0', '5m2s', ...WIDE_NONE],
  ],
  [
    'init container failed',
    pod('test10', { initContainers: [{ name: 'a', image: 'i' }], ...containers(1) }, {
      phase: 'Pending',
      initContainerStatuses: [{ name: 'a', restartCount: 2, state: { terminated: { exitCode: 3 } } }],
    }),
    ['test10', '0/1', 'Init:ExitCode:3', '2', '5m2s', ...WIDE_NONE],
  ],
  [
    'a started sidecar counts as a container',
    pod('sidecar', { initContainers: [{ name: 's', image: 'i', restartPolicy: 'Always' }], ...containers(1) }, {
      phase: 'Running',
      conditions: [{ type: 'Initialized', status: 'True' }, { type: 'Ready', status: 'True' }],
      initContainerStatuses: [{ name: 's', started: true, ready: true, restartCount: 1, state: running, lastState: { terminated: { finishedAt: ago(4 * 60_000) } } }],
      containerStatuses: [{ ready: true, restartCount: 2, state: running, lastState: { terminated: { finishedAt: ago(2 * 3600_000) } } }],
    }),
    ['sidecar', '2/2', 'Running', '3 (4m ago)', '5m2s', ...WIDE_NONE],
  ],
  [
    'scheduling gated',
    pod('gated', containers(1), { phase: 'Pending', conditions: [{ type: 'PodScheduled', status: 'False', reason: 'SchedulingGated' }] }),
    ['gated', '0/1', 'SchedulingGated', '0', '5m2s', ...WIDE_NONE],
  ],
  [
    'deletionTimestamp makes a running pod Terminating',
    pod('bye', containers(1), { phase: 'Running', containerStatuses: [{ ready: true, state: running }] }, { deletionTimestamp: ago(1000) }),
    ['bye', '1/1', 'Terminating', '0', '5m2s', ...WIDE_NONE],
  ],
  [
    'deleted on a lost node is Unknown',
    pod('lost', containers(1), { phase: 'Running', reason: 'NodeLost' }, { deletionTimestamp: ago(1000) }),
    ['lost', '0/1', 'Unknown', '0', '5m2s', ...WIDE_NONE],
  ],
  [
    'deletion does not hide a terminal phase',
    pod('failed', containers(1), { phase: 'Failed' }, { deletionTimestamp: ago(1000) }),
    ['failed', '0/1', 'Failed', '0', '5m2s', ...WIDE_NONE],
  ],
  [
    'wide columns: IP, node, nominated node, readiness gates',
    pod('wide', { ...containers(1), nodeName: 'node-1', readinessGates: [{ conditionType: 'example.com/a' }, { conditionType: 'example.com/b' }] }, {
      phase: 'Running',
      podIP: '10.244.0.9',
      podIPs: [{ ip: '10.244.0.7' }, { ip: 'fd00::7' }],
      nominatedNodeName: 'node-2',
      conditions: [{ type: 'example.com/a', status: 'True' }, { type: 'example.com/b', status: 'False' }],
      containerStatuses: [{ ready: true, state: running }],
    }),
    ['wide', '1/1', 'Running', '0', '5m2s', '10.244.0.7', 'node-1', 'node-2', '1/2'],
  ],
  ['podIP alone still names the IP', pod('ip', containers(1), { phase: 'Running', podIP: '10.0.0.3' }), ['ip', '0/1', 'Running', '0', '5m2s', '10.0.0.3', '<none>', '<none>', '<none>']],
  ['no creationTimestamp', { kind: 'Pod', metadata: { name: 'x' } }, ['x', '0/0', '', '0', '<unknown>', ...WIDE_NONE]],
];

for (const [name, p, cells] of cases) t.same(printPod(p, NOW).cells, cells, name);

t.test('finished pods carry the Completed row condition', async (t) => {
  t.same(printPod(pod('ok', containers(1), { phase: 'Succeeded' }), NOW).conditions, [{ type: 'Completed', status: 'True', reason: 'Succeeded', message: 'The pod has completed successfully.' }]);
  t.same(printPod(pod('ko', containers(1), { phase: 'Failed' }), NOW).conditions, [{ type: 'Completed', status: 'True', reason: 'Failed', message: 'The pod failed.' }]);
  t.equal(printPod(pod('run', containers(1), { phase: 'Running' }), NOW).conditions, undefined);
});
