// Pod phase and image names: the kubelet's getPhase table and containerd's reference normalisation.
import t from 'tap';
import { normalizeImage, pullPolicy } from './images.js';
import { podPhase } from './pod-status.js';
import { pod, sh } from './testing/harness.js';
import type { ContainerStatusApi } from './types.js';

const st = (state: ContainerStatusApi['state'], last: ContainerStatusApi['lastState'] = {}): ContainerStatusApi => ({ name: 'c', state, lastState: last, ready: false, restartCount: 0, image: '', imageID: '' });
const running = st({ running: {} });
const ok = st({ terminated: { exitCode: 0 } });
const failed = st({ terminated: { exitCode: 1 } });
const creating = st({ waiting: { reason: 'ContainerCreating' } });
const backoff = st({ waiting: { reason: 'CrashLoopBackOff' } }, { terminated: { exitCode: 1 } });

t.test('getPhase', async (t) => {
  const p = (policy: 'Always' | 'OnFailure' | 'Never') => pod('x', [sh('c', 'true')], { restartPolicy: policy });
  t.equal(podPhase(p('Always'), [], [creating]), 'Pending');
  t.equal(podPhase(p('Always'), [], [running, ok]), 'Running');
  t.equal(podPhase(p('Always'), [], [backoff]), 'Running', 'restarting after a crash is still Running');
  t.equal(podPhase(p('OnFailure'), [], [ok, ok]), 'Succeeded');
  t.equal(podPhase(p('Never'), [], [ok, failed]), 'Failed');
  t.equal(podPhase(p('OnFailure'), [], [failed]), 'Running', 'OnFailure will restart it');
  t.equal(podPhase(p('Always'), [ok], [running]), 'Running');
  t.equal(podPhase(p('Always'), [running], [st({ waiting: { reason: 'PodInitializing' } })]), 'Pending');
  t.equal(podPhase(p('Never'), [failed], [st({ waiting: { reason: 'PodInitializing' } })]), 'Failed', 'a failed init container fails a Never pod');
  t.equal(podPhase(p('Always'), [backoff], [st({ waiting: { reason: 'PodInitializing' } })]), 'Pending');
});

t.test('image references as containerd names them, and default pull policies', async (t) => {
  t.equal(normalizeImage('busybox'), 'docker.io/library/busybox:latest');
  t.equal(normalizeImage('me/app:1'), 'docker.io/me/app:1');
  t.equal(normalizeImage('localhost/kubelite/pause:1'), 'localhost/kubelite/pause:1');
  t.equal(normalizeImage('127.0.0.1:5000/a/b'), '127.0.0.1:5000/a/b:latest');
  t.equal(normalizeImage('reg.io/a@sha256:abc'), 'reg.io/a@sha256:abc');
  t.equal(pullPolicy({ name: 'a', image: 'busybox' }), 'Always');
  t.equal(pullPolicy({ name: 'a', image: 'busybox:latest' }), 'Always');
  t.equal(pullPolicy({ name: 'a', image: '127.0.0.1:5000/busybox:1' }), 'IfNotPresent');
  t.equal(pullPolicy({ name: 'a', image: 'busybox', imagePullPolicy: 'Never' }), 'Never');
});
