// ConfigMap: keys, sizes, immutability.
import t from 'tap';
import { findError, messagesOf } from '../../meta/validation-testing.js';
import { defaultConfigMap, MAX_DATA_SIZE, validateConfigMap, validateConfigMapUpdate } from './config-map.js';

const cm = (): Record<string, any> => ({
  apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'web-config', namespace: 'shop' },
  data: { 'app.properties': 'color=blue\n', LOG_LEVEL: 'info' }, binaryData: { 'logo.png': 'iVBORw0KGgo=' },
});

t.test('a realistic ConfigMap is unchanged by defaulting and passes', async (t) => {
  const c = cm();
  defaultConfigMap(c);
  t.strictSame(c, cm());
  t.strictSame(validateConfigMap(c), []);
});

t.test('invalid ConfigMaps', async (t) => {
  const c = cm();
  c.data['bad/key'] = 'x';
  t.ok(findError(validateConfigMap(c), 'data[bad/key]', 'FieldValueInvalid', `data[bad/key]: Invalid value: "bad/key": a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')`));
  const dup = cm();
  dup.data['logo.png'] = 'x';
  t.strictSame(messagesOf(validateConfigMap(dup)), ['data[logo.png]: Invalid value: "logo.png": duplicate of key present in binaryData']);
  const big = cm();
  big.data.big = 'x'.repeat(MAX_DATA_SIZE);
  t.strictSame(messagesOf(validateConfigMap(big)), [': Too long: may not be more than 1048576 bytes'], 'the whole object is named by an empty path');
  const bin = cm();
  bin.binaryData['logo.png'] = 'not base64';
  t.strictSame(messagesOf(validateConfigMap(bin)), ['binaryData[logo.png]: Invalid value: "not base64": illegal base64 data at input byte 3']);
});

t.test('an immutable ConfigMap keeps its data', async (t) => {
  const old = { ...cm(), immutable: true };
  const next = { ...cm(), immutable: true, data: { LOG_LEVEL: 'debug' } };
  t.strictSame(messagesOf(validateConfigMapUpdate(next, old, { allowUnconditionalUpdate: true })), ['data: Forbidden: field is immutable when `immutable` is set']);
  t.strictSame(messagesOf(validateConfigMapUpdate({ ...cm(), immutable: false }, old, { allowUnconditionalUpdate: true })),
    ['immutable: Forbidden: field is immutable when `immutable` is set']);
  t.strictSame(validateConfigMapUpdate({ ...cm(), data: { x: 'y' } }, cm(), { allowUnconditionalUpdate: true }), []);
});
