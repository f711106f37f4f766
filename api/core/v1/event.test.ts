// core/v1 Events: legacy validation and the generic name rule.
import t from 'tap';
import { messagesOf } from '../../meta/validation-testing.js';
import { validateEvent, validateEventUpdate } from './event.js';

const event = (): Record<string, any> => ({
  apiVersion: 'v1', kind: 'Event',
  metadata: { name: 'web-6f8d9c7b5-4xk2p.17f3a2b4c5d6e7f8', namespace: 'shop' },
  involvedObject: { apiVersion: 'v1', kind: 'Pod', name: 'web-6f8d9c7b5-4xk2p', namespace: 'shop' },
  reason: 'Scheduled', message: 'Successfully assigned shop/web-6f8d9c7b5-4xk2p to worker-2', type: 'Normal',
  source: { component: 'default-scheduler' }, count: 1,
});

t.test('a realistic event passes; names are only path segments', async (t) => {
  t.strictSame(validateEvent(event()), []);
  const odd = event();
  odd.metadata.name = 'Any_Name:With.Caps';
  t.strictSame(validateEvent(odd), []);
  odd.metadata.name = 'a/b';
  t.strictSame(messagesOf(validateEvent(odd)), ["metadata.name: Invalid value: \"a/b\": may not contain '/'"]);
});

t.test('namespaces must agree', async (t) => {
  const e = event();
  e.involvedObject.namespace = 'other';
  t.strictSame(messagesOf(validateEvent(e)), ['involvedObject.namespace: Invalid value: "other": does not match event.namespace']);
  const node = event();
  node.metadata.namespace = 'default';
  node.involvedObject = { kind: 'Node', name: 'worker-1' };
  t.strictSame(validateEvent(node), [], 'cluster-scoped objects report in default');
});

t.test('new-style events need reporting fields', async (t) => {
  const e = event();
  e.eventTime = '2024-11-02T09:14:27.000000Z';
  const msgs = messagesOf(validateEvent(e));
  t.ok(msgs.includes('source: Required value'));
  t.ok(msgs.includes('reportingInstance: Required value'));
  t.ok(msgs.includes('action: Required value'));
  e.reportingComponent = 'kubelet';
  e.reportingInstance = 'kubelet-worker-2';
  e.action = 'Started';
  t.strictSame(validateEvent(e), []);
  t.strictSame(validateEventUpdate({ ...e, metadata: { ...e.metadata } }, e, { allowUnconditionalUpdate: true }), []);
});
