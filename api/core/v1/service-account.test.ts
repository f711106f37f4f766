// ServiceAccount: metadata only.
import t from 'tap';
import { messagesOf } from '../../meta/validation-testing.js';
import { defaultServiceAccount, validateServiceAccount, validateServiceAccountUpdate } from './service-account.js';

t.test('service accounts', async (t) => {
  const sa: Record<string, unknown> = { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'default', namespace: 'shop' }, automountServiceAccountToken: false };
  defaultServiceAccount(sa);
  t.strictSame(sa, { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'default', namespace: 'shop' }, automountServiceAccountToken: false });
  t.strictSame(validateServiceAccount(sa), []);
  t.strictSame(messagesOf(validateServiceAccount({ metadata: { name: 'Builder', namespace: 'shop' } })).length, 1);
  t.strictSame(messagesOf(validateServiceAccountUpdate({ metadata: { name: 'default', namespace: 'shop' } }, sa)),
    ['metadata.resourceVersion: Invalid value: "": must be specified for an update']);
});
