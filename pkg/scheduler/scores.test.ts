// Each score plugin alone, then the weighted choice and its deterministic tie-break.
import t from 'tap';
import { Rng, seedFrom } from '../../test/lib/prng.js';
import { SchedulerCache } from './cache.js';
import type { NodeInfo } from './node-info.js';
import { podToSchedule, type PodToSchedule } from './pod-info.js';
import { balancedAllocation, leastAllocated, nodeAffinityScore, selectHost, selectorSpread, taintTolerationScore, tieBreakHash } from './scores.js';
import { selectHostDefault } from './scores-fused.js';
import { testNode, testNodeInfo, testPod } from './testing.js';
import type { Pod } from './types.js';

const scores = (scorer: typeof leastAllocated, pod: ReturnType<typeof podToSchedule>, nodes: NodeInfo[]): number[] => {
  const out = new Float64Array(nodes.length);
  scorer.score(pod, nodes, out);
  return [...out];
};

t.test('least allocated: free share of cpu and memory once the pod is placed', async (t) => {
  const pod = podToSchedule(testPod('p', { cpu: '1', memory: '1Gi' }));
  const empty = testNodeInfo('a', { cpu: '4', memory: '4Gi' });
  const busy = testNodeInfo('b', { cpu: '4', memory: '4Gi' }, [testPod('x', { cpu: '2', memory: '2Gi' })]);
  // empty: (3/4·100 + 3/4·100)/2 = 75; busy: (1/4·100 + 1/4·100)/2 = 25
  t.strictSame(scores(leastAllocated, pod, [empty, busy]), [75, 25]);
  const tiny = testNodeInfo('c', { cpu: '500m', memory: '4Gi' });
  t.equal(scores(leastAllocated, pod, [tiny])[0], 37, 'an over-requested resource scores 0 (cpu 0, memory 75)');
});

t.test('balanced allocation: equal shares of cpu and memory score best', async (t) => {
  const pod = podToSchedule(testPod('p', { cpu: '1', memory: '1Gi' }));
  const even = testNodeInfo('a', { cpu: '4', memory: '4Gi' });
  const skewed = testNodeInfo('b', { cpu: '4', memory: '16Gi' });
  const [a, b] = scores(balancedAllocation, pod, [even, skewed]);
  t.equal(a, 100);
  t.equal(b, Math.floor((1 - Math.abs(0.25 - 1 / 16) / 2) * 100));
});

t.test('PreferNoSchedule taints lower the score, tolerated ones do not', async (t) => {
  const soft = testNodeInfo('a', { taints: [{ key: 'spot', effect: 'PreferNoSchedule' }] });
  const clean = testNodeInfo('b');
  t.strictSame(scores(taintTolerationScore, podToSchedule(testPod('p')), [soft, clean]), [0, 100]);
  const tolerant = podToSchedule(testPod('p', { spec: { tolerations: [{ key: 'spot', operator: 'Exists' }] } }));
  t.strictSame(scores(taintTolerationScore, tolerant, [soft, clean]), [100, 100]);
});

t.test('preferred node affinity, normalized to the best node', async (t) => {
  const pod = podToSchedule(testPod('p', { spec: { affinity: { nodeAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 4, preference: { matchExpressions: [{ key: 'ssd', operator: 'Exists' }] } }, { weight: 1, preference: { matchExpressions: [{ key: 'zone', operator: 'In', values: ['a'] }] } }] } } } }));
  const nodes = [testNodeInfo('a', { labels: { ssd: '1', zone: 'a' } }), testNodeInfo('b', { labels: { ssd: '1' } }), testNodeInfo('c')];
  t.strictSame(scores(nodeAffinityScore, pod, nodes), [100, 80, 0]);
});

t.test('selector spread: fewer pods of the same controller or service score higher', async (t) => {
  const cache = new SchedulerCache((pod) => (pod.metadata?.labels?.['app'] === 'front' ? ['svc:default/front'] : []));
  for (const n of ['a', 'b', 'c']) cache.setNode(testNode(n));
  const on = (pod: Pod, node: string): Pod => ({ ...pod, spec: { ...pod.spec, nodeName: node } });
  cache.setPod(on(testPod('w1', { owner: 'web' }), 'a'));
  cache.setPod(on(testPod('w2', { owner: 'web' }), 'a'));
  cache.setPod(on(testPod('w3', { owner: 'web' }), 'b'));
  cache.setPod(on(testPod('o', { owner: 'other' }), 'c'));
  cache.setPod(on(testPod('f1', { labels: { app: 'front' } }), 'c'));
  const nodes = [...cache.nodeList()];
  const compile = (pod: Pod): PodToSchedule => {
    const p = podToSchedule(pod);
    p.spreadKeys = cache.spreadKeysOf(pod, p.spreadKeys);
    p.spreadGroups = cache.spreadGroups(p.spreadKeys);
    return p;
  };
  t.strictSame(scores(selectorSpread, compile(testPod('w4', { owner: 'web' })), nodes), [0, 50, 100]);
  t.strictSame(scores(selectorSpread, compile(testPod('lonely')), nodes), [100, 100, 100], 'a pod in no group is indifferent');
  t.strictSame(scores(selectorSpread, compile(testPod('f2', { labels: { app: 'front' } })), nodes), [100, 100, 0], 'pods of a service spread too');
});

t.test('selectHost: weighted sum, ties broken by a hash of pod uid and node name', async (t) => {
  const nodes = ['n1', 'n2', 'n3', 'n4'].map((n) => testNodeInfo(n));
  const pod = podToSchedule(testPod('p', { cpu: '1', uid: 'fixed-uid' }));
  const first = selectHost(pod, nodes);
  t.equal(selectHost(pod, nodes), first, 'deterministic');
  const expected = nodes.map((n, i) => [tieBreakHash(pod.uidHash, n.nameHash), i] as const).sort((a, b) => a[0] - b[0])[0]?.[1];
  t.equal(first, expected, 'the lowest hash wins a tie');
  const picks = new Set(Array.from({ length: 40 }, (_, i) => selectHost(podToSchedule(testPod('p', { cpu: '1', uid: `u-${i}` })), nodes)));
  t.ok(picks.size > 1, 'different pods break ties differently');
  nodes[2]?.addPod(podToSchedule(testPod('x', { cpu: '3' })));
  const busyPick = selectHost(pod, nodes);
  t.not(busyPick, 2, 'the loaded node loses');
});

t.test('the fused default scoring picks what the plugins pick', async (t) => {
  const seed = seedFrom('SCHEDULER_SCORES_SEED');
  t.comment(`SCHEDULER_SCORES_SEED=${seed}`);
  const rng = new Rng(seed);
  const cache = new SchedulerCache();
  let differ = 0;
  for (let round = 0; round < 300; round++) {
    const nodes: NodeInfo[] = [];
    for (let i = 0; i < 1 + rng.int(12); i++) {
      const name = `r${round}-n${i}`;
      cache.setNode(testNode(name, {
        cpu: rng.pick(['2', '4', '8']), memory: rng.pick(['4Gi', '16Gi']), labels: rng.chance(0.5) ? { ssd: 'yes' } : {},
        taints: rng.chance(0.3) ? [{ key: rng.pick(['spot', 'gpu']), effect: 'PreferNoSchedule' }] : [],
      }));
      for (let j = 0; j < rng.int(4); j++) cache.setPod({ ...testPod(`${name}-p${j}`, { cpu: rng.pick(['100m', '500m', '1']), memory: rng.pick(['128Mi', '1Gi']), owner: rng.pick(['a', 'b']) }), spec: { ...testPod('x').spec, nodeName: name } });
      nodes.push(cache.node(name) as NodeInfo);
    }
    const pod = podToSchedule(testPod(`p${round}`, {
      cpu: rng.pick(['100m', '1', '']) || undefined, owner: rng.chance(0.5) ? rng.pick(['a', 'b']) : undefined,
      spec: {
        ...(rng.chance(0.4) ? { affinity: { nodeAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 3, preference: { matchExpressions: [{ key: 'ssd', operator: 'Exists' }] } }] } } } : {}),
        ...(rng.chance(0.3) ? { tolerations: [{ key: 'spot', operator: 'Exists' }] } : {}),
      },
    }));
    pod.spreadGroups = cache.spreadGroups(pod.spreadKeys);
    if (selectHost(pod, nodes) !== selectHostDefault(pod, nodes)) differ++;
  }
  t.equal(differ, 0);
});
