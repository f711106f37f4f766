// The cache: assumed pods count at once, the watch confirms or moves them, a failed binding
// forgets them; finished and deleted pods give their room back; services join spread groups.
import t from 'tap';
import { SchedulerCache } from './cache.js';
import { podToSchedule } from './pod-info.js';
import { testNode, testPod } from './testing.js';
import type { Pod } from './types.js';

const bound = (pod: Pod, node: string, phase?: string): Pod => ({ ...pod, spec: { ...pod.spec, nodeName: node }, ...(phase ? { status: { phase } } : {}) });

t.test('assume, confirm, forget', async (t) => {
  const c = new SchedulerCache();
  c.setNode(testNode('n1'));
  c.setNode(testNode('n2'));
  const pod = testPod('p', { cpu: '1' });
  c.assume(podToSchedule(pod), 'n1');
  t.ok(c.isAssumed('default/p'));
  t.equal(c.node('n1')?.requested.get('cpu'), 1000, 'an assumed pod counts at once');
  c.setPod(bound(pod, 'n1'));
  t.notOk(c.isAssumed('default/p'), 'the watch confirmed it');
  t.equal(c.node('n1')?.requested.get('cpu'), 1000, 'counted once');
  c.forget('default/p');
  t.equal(c.node('n1')?.requested.get('cpu'), 1000, 'a confirmed pod is not forgotten');
  const q = testPod('q', { cpu: '2' });
  c.assume(podToSchedule(q), 'n1');
  c.forget('default/q');
  t.equal(c.node('n1')?.requested.get('cpu'), 1000, 'a failed binding gives the room back');
  c.assume(podToSchedule(q), 'n1');
  c.setPod(bound(q, 'n2'));
  t.equal(c.node('n1')?.requested.get('cpu'), 1000);
  t.equal(c.node('n2')?.requested.get('cpu'), 2000, 'bound elsewhere by someone else: moved');
  t.equal(c.assumedCount(), 0);
});

t.test('finished and deleted pods free their node; pods may name a node not seen yet', async (t) => {
  const c = new SchedulerCache();
  const pod = testPod('p', { cpu: '1' });
  c.setPod(bound(pod, 'later'));
  t.equal(c.nodeCount(), 0, 'a node only pods name is not schedulable');
  c.setNode(testNode('later'));
  t.equal(c.nodeList().length, 1);
  t.equal(c.node('later')?.requested.get('cpu'), 1000);
  c.setPod(bound(pod, 'later', 'Succeeded'));
  t.equal(c.node('later')?.requested.get('cpu'), undefined, 'a finished pod takes nothing');
  c.setPod(bound(testPod('q', { cpu: '1' }), 'later'));
  t.ok(c.removePod('default/q'));
  t.notOk(c.removePod('default/q'));
  c.removeNode('later');
  t.equal(c.nodeCount(), 0);
  t.equal(c.node('later'), undefined, 'an empty, deleted node is dropped');
});

t.test('services join the spread groups and are recomputed when they change', async (t) => {
  let selecting: string[] = [];
  const c = new SchedulerCache(() => selecting);
  c.setNode(testNode('n'));
  c.setPod(bound(testPod('a', { owner: 'web', labels: { app: 'web' } }), 'n'));
  t.equal(c.spreadCount('ctl:rc-web', 'n'), 1);
  t.equal(c.spreadCount('svc:default/web', 'n'), 0);
  selecting = ['svc:default/web'];
  c.respread('default');
  t.equal(c.spreadCount('svc:default/web', 'n'), 1);
  t.equal(c.spreadCount('ctl:rc-web', 'n'), 1, 'the controller group stays');
});
