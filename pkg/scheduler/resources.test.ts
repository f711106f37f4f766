// Pod requests as kube-scheduler computes them: containers add up, init containers peak alone,
// sidecars add to both, overhead on top; unset cpu/memory count as 100m/200Mi for scoring only.
import t from 'tap';
import { DEFAULT_MEMORY_REQUEST, DEFAULT_MILLI_CPU_REQUEST, podRequests, quantity } from './resources.js';
import type { Pod } from './types.js';

const c = (cpu?: string, memory?: string, extra: Record<string, string> = {}, restartPolicy?: string) => ({
  name: 'c', ...(restartPolicy ? { restartPolicy } : {}), resources: { requests: { ...(cpu ? { cpu } : {}), ...(memory ? { memory } : {}), ...extra } },
});

t.test('quantities in scheduler units', async (t) => {
  t.equal(quantity('cpu', '100m'), 100);
  t.equal(quantity('cpu', '1.5'), 1500);
  t.equal(quantity('cpu', 2), 2000);
  t.equal(quantity('cpu', '0.0001'), 1, 'a sliver of a core still takes a milli');
  t.equal(quantity('memory', '1Gi'), 1024 ** 3);
  t.equal(quantity('memory', '128M'), 128e6);
  t.equal(quantity('pods', '110'), 110);
  t.equal(quantity('memory', 'bogus'), 0, 'malformed requests nothing');
});

t.test('containers add up; unset cpu and memory get the scoring defaults', async (t) => {
  const r = podRequests({ spec: { containers: [c('100m', '64Mi'), c('250m'), c(undefined, undefined, { 'nvidia.com/gpu': '1' })] } });
  t.strictSame([...r.requests], [['cpu', 350], ['memory', 64 * 2 ** 20], ['nvidia.com/gpu', 1]]);
  t.equal(r.nonZeroMilliCpu, 350 + DEFAULT_MILLI_CPU_REQUEST);
  t.equal(r.nonZeroMemory, 64 * 2 ** 20 + 2 * DEFAULT_MEMORY_REQUEST);
  const empty = podRequests({ spec: { containers: [{ name: 'c' }] } });
  t.equal(empty.requests.size, 0, 'a best-effort pod requests nothing');
  t.equal(empty.nonZeroMilliCpu, DEFAULT_MILLI_CPU_REQUEST);
});

t.test('init containers peak alone; sidecars add; overhead on top', async (t) => {
  const pod: Pod = { spec: { initContainers: [c('2'), c('500m', '1Gi')], containers: [c('1', '256Mi')] } };
  const r = podRequests(pod);
  t.equal(r.requests.get('cpu'), 2000, 'the largest init container wins over the sum of containers');
  t.equal(r.requests.get('memory'), 1024 ** 3);
  const side = podRequests({ spec: { initContainers: [c('300m', undefined, {}, 'Always'), c('1')], containers: [c('1')], overhead: { cpu: '50m' } } });
  // Sidecar 300m runs next to the app (1300m) and next to the second init container (1300m).
  t.equal(side.requests.get('cpu'), 1300 + 50);
  t.equal(side.nonZeroMilliCpu, 1300 + 50);
});
