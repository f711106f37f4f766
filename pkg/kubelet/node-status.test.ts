// Node status: Ready follows the runtime (with its reason when not ready), and status is written
// only when it changed or the report period has passed.
import { pino } from 'pino';
import t from 'tap';
import type { Clientset } from '../client/clientset.js';
import { machineFacts } from './node-info.js';
import { NodeStatusManager } from './node-status.js';
import { FakeRuntime } from './runtime/fake/runtime.js';
import type { RuntimeStatus } from './runtime/interface.js';
import type { NodeStatus } from './types.js';

t.test('Ready follows RuntimeReady and NetworkReady; writes only on change or after the report period', async (t) => {
  const writes: NodeStatus[] = [];
  const events: string[] = [];
  const clientset = { resource: () => ({ updateStatus: async (_ns: unknown, obj: { status: NodeStatus }) => { writes.push(obj.status); return obj; } }) } as unknown as Clientset;
  const rt = new FakeRuntime();
  let status: RuntimeStatus = { runtimeReady: true, networkReady: false, reason: 'NetworkPluginNotReady', message: 'cni config uninitialized' };
  rt.status = async () => status;
  const m = new NodeStatusManager(clientset, {
    nodeName: 'n1', labels: {}, maxPods: 20, nodeIp: '192.0.2.7', kubeletPort: 10250, facts: machineFacts('/tmp'), updateFrequencyMs: 1000, reportFrequencyMs: 300,
  }, pino({ level: 'silent' }), { event: (_o, _type, reason) => events.push(reason) });
  m.attachRuntime(rt, await rt.version());
  await m.sync();
  const ready = (s: NodeStatus | undefined) => s?.conditions.find((c) => c.type === 'Ready');
  t.match(ready(writes[0]), { status: 'False', reason: 'KubeletNotReady', message: 'container runtime network not ready: NetworkReady=false reason:NetworkPluginNotReady message:cni config uninitialized' });
  t.match(writes[0], { capacity: { pods: '20' }, addresses: [{ type: 'InternalIP', address: '192.0.2.7' }, { type: 'Hostname', address: 'n1' }], nodeInfo: { containerRuntimeVersion: /^fake:\/\//, kubeletVersion: 'v1.32.0-kubelite' } });
  await m.sync();
  t.equal(writes.length, 1, 'unchanged: not written again');
  status = { runtimeReady: true, networkReady: true, reason: '', message: '' };
  await m.sync();
  t.equal(writes.length, 2, 'changed: written');
  t.match(ready(writes[1]), { status: 'True', reason: 'KubeletReady', message: 'kubelet is posting ready status' });
  t.not(ready(writes[1])?.lastTransitionTime, undefined);
  t.same(events, ['NodeReady'], 'a NodeReady event on the transition');
  await new Promise((r) => setTimeout(r, 350));
  await m.sync();
  t.equal(writes.length, 3, 'the report period passed: written even though nothing changed');
  t.equal(ready(writes[2])?.lastTransitionTime, ready(writes[1])?.lastTransitionTime, 'the transition time stays');
  status = { runtimeReady: false, networkReady: true, reason: 'ContainerdDown', message: 'gone' };
  await m.sync();
  t.match(ready(writes[3]), { status: 'False', message: 'container runtime not ready: RuntimeReady=false reason:ContainerdDown message:gone' });
  t.same(events, ['NodeReady', 'NodeNotReady']);
});
