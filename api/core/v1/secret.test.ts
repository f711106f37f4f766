// Secret: type Opaque, stringData folded into data, base64 and type rules.
import t from 'tap';
import { messagesOf } from '../../meta/validation-testing.js';
import { defaultSecret, validateSecret, validateSecretUpdate } from './secret.js';

const b64 = (s: string): string => Buffer.from(s).toString('base64');

t.test('a secret gets exactly the Kubernetes defaults and passes', async (t) => {
  const s: Record<string, unknown> = {
    apiVersion: 'v1', kind: 'Secret', metadata: { name: 'db', namespace: 'shop' },
    data: { username: b64('admin'), password: b64('old') }, stringData: { password: 's3cr3t', 'config.yaml': 'a: 1\n' },
  };
  defaultSecret(s);
  t.strictSame(s, {
    apiVersion: 'v1', kind: 'Secret', metadata: { name: 'db', namespace: 'shop' },
    data: { username: b64('admin'), password: b64('s3cr3t'), 'config.yaml': b64('a: 1\n') },
    type: 'Opaque',
  });
  t.strictSame(validateSecret(s), []);
});

t.test('invalid secrets', async (t) => {
  const base = { metadata: { name: 'x', namespace: 'y' }, type: 'Opaque' };
  t.strictSame(messagesOf(validateSecret({ ...base, data: { key: 'not-base64!' } })),
    ['data[key]: Invalid value: "<secret contents redacted>": illegal base64 data at input byte 3']);
  t.strictSame(messagesOf(validateSecret({ ...base, data: { '../x': b64('v') } })).length, 2, 'bad characters, and starts with ..');
  t.strictSame(messagesOf(validateSecret({ ...base, data: { big: b64('x'.repeat(1024 * 1024 + 1)) } })), ['data: Too long: may not be more than 1048576 bytes']);
  t.strictSame(messagesOf(validateSecret({ ...base, type: 'kubernetes.io/tls', data: { 'tls.crt': b64('c') } })), ['data[tls.key]: Required value']);
  t.strictSame(messagesOf(validateSecret({ ...base, type: 'kubernetes.io/dockerconfigjson', data: { '.dockerconfigjson': b64('[1]') } })),
    ['data[.dockerconfigjson]: Invalid value: "<secret contents redacted>": json: cannot unmarshal array into Go value of type map[string]interface {}']);
  t.strictSame(messagesOf(validateSecret({ ...base, type: 'kubernetes.io/service-account-token' })),
    ['metadata.annotations[kubernetes.io/service-account.name]: Required value']);
  t.strictSame(messagesOf(validateSecret({ ...base, type: 'kubernetes.io/basic-auth' })), ['data[username]: Required value', 'data[password]: Required value']);
  t.strictSame(validateSecret({ ...base, type: 'example.com/custom', data: {} }), [], 'unknown types have no rules');
});

t.test('update: type never changes; immutable data stays', async (t) => {
  const old = { metadata: { name: 'x', namespace: 'y' }, type: 'Opaque', data: { a: b64('1') } };
  t.strictSame(messagesOf(validateSecretUpdate({ ...old, type: 'kubernetes.io/tls', data: { 'tls.crt': b64('c'), 'tls.key': b64('k') } }, old, { allowUnconditionalUpdate: true })),
    ['type: Invalid value: "kubernetes.io/tls": field is immutable']);
  const frozen = { ...old, immutable: true };
  t.strictSame(messagesOf(validateSecretUpdate({ ...frozen, data: { a: b64('2') } }, frozen, { allowUnconditionalUpdate: true })),
    ['data: Forbidden: field is immutable when `immutable` is set']);
});
