// Golden tests of `kctl describe`: objects captured from a kubelite server
// (test/golden/kctl/describe-objects.json) described by kctl must read exactly as kubectl 1.32
// described the same objects (describe-*.txt were written by kubectl). Times print in UTC.
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import t, { type Test } from 'tap';
import type { KubeObject } from '../../api/meta/object.js';
import { describeNamespace, describeNode, describeService } from './describe-core.js';
import { describePod } from './describe-pod.js';
import { describeEvents, describeText } from './describe-writer.js';
import { countPods, describeDeployment, describeReplicationController } from './describe-workloads.js';

process.env['TZ'] = 'UTC';
const DIR = fileURLToPath(new URL('../../test/golden/kctl/', import.meta.url));
const fixtures = JSON.parse(readFileSync(`${DIR}describe-objects.json`, 'utf8')) as Record<string, { object: KubeObject; pods?: KubeObject[] }> & { now: string };
const now = Date.parse(fixtures.now);
const obj = (name: string): KubeObject => (fixtures[name] as { object: KubeObject }).object;

function golden(t: Test, name: string, actual: string): void {
  const file = `${DIR}describe-${name}.txt`;
  if (process.env['UPDATE_GOLDEN']) writeFileSync(file, actual);
  t.equal(actual, readFileSync(file, 'utf8'), `describe-${name}.txt`);
}

t.test('describe reads as kubectl describe', async (t) => {
  golden(t, 'pod', describeText((w) => describePod(w, obj('pod'), [], now)));
  golden(t, 'rc', describeText((w) => describeReplicationController(w, obj('rc'), countPods([], obj('rc').metadata?.uid), [], now)));
  golden(t, 'node', describeText((w) => describeNode(w, obj('node'), fixtures['node']?.pods ?? [], 'leases.coordination.k8s.io "node-1" not found', [], now)));
  golden(t, 'service', describeText((w) => describeService(w, obj('service'), undefined, [], now)));
  golden(t, 'deployment', describeText((w) => describeDeployment(w, obj('deployment'), { old: [] }, [], now)));
  golden(t, 'namespace', describeText((w) => describeNamespace(w, obj('namespace'))));
});

t.test('the Events table: counts, series, sources, sorted by time, aligned on its own', async (t) => {
  const events = [
    { type: 'Warning', reason: 'BackOff', message: 'Back-off restarting failed container\n', count: 5, firstTimestamp: '2024-05-01T11:00:00Z', lastTimestamp: '2024-05-01T11:58:00Z', source: { component: 'kubelet' } },
    { type: 'Normal', reason: 'Scheduled', message: 'Successfully assigned default/x to node-1', eventTime: '2024-05-01T10:00:00.000000Z', reportingComponent: 'default-scheduler' },
    { type: 'Normal', reason: 'Pulled', message: 'Container image "nginx" already present on machine', firstTimestamp: '2024-05-01T10:01:00Z', lastTimestamp: '2024-05-01T10:01:00Z', source: { component: 'kubelet' } },
    { type: 'Normal', reason: 'Ticks', message: 'series', eventTime: '2024-05-01T11:30:00.000000Z', series: { count: 7, lastObservedTime: '2024-05-01T11:59:00.000000Z' }, reportingComponent: 'ticker' },
  ];
  const text = describeText((w) => {
    w.write(0, 'Name:\tx\n');
    describeEvents(w, events, Date.parse('2024-05-01T12:00:00Z'));
  });
  t.equal(
    text,
    [
      'Name:  x',
      'Events:',
      '  Type     Reason     Age                From               Message',
      '  ----     ------     ----               ----               -------',
      '  Normal   Scheduled  120m               default-scheduler  Successfully assigned default/x to node-1',
      '  Normal   Pulled     119m               kubelet            Container image "nginx" already present on machine',
      '  Warning  BackOff    2m (x5 over 60m)   kubelet            Back-off restarting failed container',
      '  Normal   Ticks      60s (x7 over 30m)  ticker             series',
      '',
    ].join('\n'),
  );
  t.equal(describeText((w) => describeEvents(w, [], 0)), 'Events:  <none>\n');
});
