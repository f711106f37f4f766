// How much of the cluster is searched, where each search starts, and the summary of a pod that
// fits nowhere.
import t from 'tap';
import { Algorithm, numFeasibleNodesToFind } from './algorithm.js';
import { FitError, NO_NODES_MESSAGE } from './fit-error.js';
import { podToSchedule } from './pod-info.js';
import { testNodeInfo, testPod } from './testing.js';

t.test('numFeasibleNodesToFind follows kube-scheduler', async (t) => {
  const cases: Array<[number, number, number]> = [
    // [percentage, nodes, want]
    [0, 10, 10],
    [40, 10, 10],
    [0, 99, 99],
    [0, 100, 100],
    [0, 1000, 420],
    [40, 1000, 400],
    [100, 1000, 1000],
    [0, 5000, 500],
    [0, 6000, 300],
    [20, 6000, 1200],
    [10, 150, 100],
    [1, 5000, 100],
  ];
  for (const [p, n, want] of cases) t.equal(numFeasibleNodesToFind(p, n), want, `${p}% of ${n}`);
});

t.test('a large cluster is searched in part, each search starting where the last one stopped', async (t) => {
  const nodes = Array.from({ length: 1000 }, (_, i) => testNodeInfo(`n${String(i).padStart(4, '0')}`));
  const alg = new Algorithm(0);
  const r1 = alg.schedule(podToSchedule(testPod('a')), nodes);
  if (r1 instanceof FitError) throw new Error(r1.message());
  t.equal(r1.evaluated, 420);
  t.equal(r1.feasible, 420);
  const r2 = alg.schedule(podToSchedule(testPod('b')), nodes);
  if (r2 instanceof FitError) throw new Error(r2.message());
  const index = (name: string): number => Number(name.slice(1));
  t.ok(index(r1.node.name) < 420, 'first pick among the first 420 nodes');
  t.ok(index(r2.node.name) >= 420 && index(r2.node.name) < 840, 'second pick among the next 420');
  const all = new Algorithm(100);
  const r3 = all.schedule(podToSchedule(testPod('c')), nodes);
  t.equal(r3 instanceof FitError ? 0 : r3.evaluated, 1000, '--percentage-of-nodes-to-score 100 looks at every node');
});

t.test('infeasible nodes do not count toward the share; a pod that fits nowhere gets the summary', async (t) => {
  const nodes = [
    ...Array.from({ length: 150 }, (_, i) => testNodeInfo(`small-${i}`, { cpu: '1' })),
    testNodeInfo('big', { cpu: '64' }),
  ];
  const r = new Algorithm(0).schedule(podToSchedule(testPod('p', { cpu: '8' })), nodes);
  t.notOk(r instanceof FitError);
  if (!(r instanceof FitError)) t.equal(r.node.name, 'big');
  const three = [testNodeInfo('a', { cpu: '1', labels: { db: 'true' } }), testNodeInfo('b', { cpu: '1', labels: { db: 'true' } }), testNodeInfo('c', { cpu: '64' })];
  const err = new Algorithm(0).schedule(podToSchedule(testPod('p', { cpu: '8', spec: { nodeSelector: { db: 'true' } } })), three);
  t.ok(err instanceof FitError);
  if (err instanceof FitError) {
    t.equal(err.message(), "0/3 nodes are available: 2 Insufficient cpu, 1 node(s) didn't match Pod's node affinity/selector. preemption: 0/3 nodes are available: 2 No preemption victims found for incoming pod, 1 Preemption is not helpful for scheduling.");
    t.strictSame([...err.failedPlugins].sort(), ['NodeAffinity', 'NodeResourcesFit']);
  }
  const none = new Algorithm(0).schedule(podToSchedule(testPod('p')), []);
  t.ok(none instanceof FitError && none.message() === NO_NODES_MESSAGE);
});

t.test('FitError counts every reason of a node and orders them most common first', async (t) => {
  const e = new FitError(4);
  e.add('NodeResourcesFit', ['Insufficient cpu', 'Insufficient memory'], false);
  e.add('NodeResourcesFit', ['Insufficient memory'], false);
  e.add('NodeUnschedulable', ['node(s) were unschedulable'], true);
  e.add('TaintToleration', ['node(s) had untolerated taint {a: b}'], true);
  t.equal(e.message(), '0/4 nodes are available: 2 Insufficient memory, 1 Insufficient cpu, 1 node(s) had untolerated taint {a: b}, 1 node(s) were unschedulable. preemption: 0/4 nodes are available: 2 No preemption victims found for incoming pod, 2 Preemption is not helpful for scheduling.');
});
