// applyPatch: dispatch on Content-Type and how each malformed body is refused (status codes as
// kube-apiserver's PATCH handler answers them).
import t from 'tap';
import { applyPatch, MAX_JSON_PATCH_OPERATIONS } from './apply-patch.js';
import { isPatchError, type PatchError } from './errors.js';
import type { JsonObject } from './json-value.js';

const pod: JsonObject = {
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name: 'p', namespace: 'default', labels: { app: 'a' } },
  spec: { containers: [{ name: 'c', image: 'nginx:1', ports: [{ containerPort: 80 }] }] },
};
const applyPod = (contentType: string, body: string | Uint8Array): JsonObject => applyPatch(contentType, pod, body, 'v1', 'Pod');
const refused = (fn: () => unknown): Pick<PatchError, 'code' | 'reason' | 'message'> => {
  try {
    fn();
  } catch (err) {
    if (isPatchError(err)) return { code: err.code, reason: err.reason, message: err.message };
    throw err;
  }
  throw new Error('expected a PatchError');
};

t.test('each patch type is applied', async (t) => {
  const merged = applyPod('application/merge-patch+json', '{"metadata":{"labels":{"app":null,"b":"c"}}}');
  t.strictSame((merged['metadata'] as JsonObject)['labels'], { b: 'c' });
  const jsonPatched = applyPod('application/json-patch+json; charset=utf-8', '[{"op":"replace","path":"/spec/containers/0/image","value":"nginx:2"}]');
  t.equal(((jsonPatched['spec'] as JsonObject)['containers'] as JsonObject[])[0]?.['image'], 'nginx:2');
  const smp = applyPod('application/strategic-merge-patch+json', Buffer.from('{"spec":{"containers":[{"name":"c","image":"nginx:3"}]}}'));
  t.strictSame((smp['spec'] as JsonObject)['containers'], [{ name: 'c', image: 'nginx:3', ports: [{ containerPort: 80 }] }]);
  const mergeReplacesList = applyPod('application/merge-patch+json', '{"spec":{"containers":[{"name":"c","image":"nginx:3"}]}}');
  t.strictSame((mergeReplacesList['spec'] as JsonObject)['containers'], [{ name: 'c', image: 'nginx:3' }], 'merge patch replaces lists');
  t.strictSame(pod['spec'], { containers: [{ name: 'c', image: 'nginx:1', ports: [{ containerPort: 80 }] }] }, 'original untouched');
});

t.test('unsupported patch types are 415s', async (t) => {
  const apply = refused(() => applyPod('application/apply-patch+yaml', 'metadata: {}'));
  t.equal(apply.code, 415);
  t.equal(apply.reason, 'UnsupportedMediaType');
  t.match(apply.message, /^server-side apply is not supported/);
  t.strictSame(refused(() => applyPod('application/json', '{}')), {
    code: 415,
    reason: 'UnsupportedMediaType',
    message:
      'the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/strategic-merge-patch+json',
  });
  t.equal(refused(() => applyPatch('application/strategic-merge-patch+json', {}, '{}', 'example.com/v1', 'Widget')).code, 415, 'no strategic merge for kinds without patch metadata');
});

t.test('unreadable bodies are 400s', async (t) => {
  t.strictSame(refused(() => applyPod('application/strategic-merge-patch+json', '{"a":}')), {
    code: 400,
    reason: 'BadRequest',
    message: "invalid character '}' looking for beginning of value",
  });
  t.equal(refused(() => applyPod('application/strategic-merge-patch+json', '[]')).message, 'json: cannot unmarshal array into Go value of type map[string]interface {}');
  t.equal(refused(() => applyPod('application/strategic-merge-patch+json', '"x"')).message, 'json: cannot unmarshal string into Go value of type map[string]interface {}');
  t.equal(refused(() => applyPod('application/strategic-merge-patch+json', Buffer.from('\ufeff{}'))).code, 400, 'a byte order mark is refused, as Go refuses it');
  t.strictSame(applyPod('application/strategic-merge-patch+json', 'null'), pod, 'a null strategic merge patch changes nothing');
  for (const body of ['{', 'null', '"x"', '1']) {
    t.strictSame(refused(() => applyPod('application/merge-patch+json', body)), { code: 400, reason: 'BadRequest', message: 'Invalid JSON Patch' }, body);
  }
  t.strictSame(refused(() => applyPod('application/json-patch+json', '{"op":"add"}')), {
    code: 400,
    reason: 'BadRequest',
    message: 'json: cannot unmarshal object into Go value of type jsonpatch.Patch',
  });
  t.equal(refused(() => applyPod('application/json-patch+json', '[{')).message, 'unexpected end of JSON input');
});

t.test('patches that do not apply are 422s, the oversized JSON patch a 413', async (t) => {
  t.strictSame(refused(() => applyPod('application/json-patch+json', '[{"op":"test","path":"/metadata/name","value":"q"}]')), {
    code: 422,
    reason: 'Invalid',
    message: 'testing value /metadata/name failed: test failed',
  });
  const notAnObject = refused(() => applyPod('application/merge-patch+json', '[1]'));
  t.equal(notAnObject.code, 422);
  t.equal(notAnObject.message, 'Pod "p" is invalid: patch: Invalid value: "[1]": the patched object is not a JSON object');
  t.equal(refused(() => applyPod('application/json-patch+json', '[{"op":"replace","path":"","value":7}]')).code, 422);
  const ops = JSON.stringify(Array.from({ length: MAX_JSON_PATCH_OPERATIONS + 1 }, () => ({ op: 'test', path: '/kind', value: 'Pod' })));
  t.strictSame(refused(() => applyPod('application/json-patch+json', ops)), {
    code: 413,
    reason: 'RequestEntityTooLarge',
    message: 'The allowed maximum operations in a JSON patch is 10000, got 10001',
  });
});

t.test('strategic merge errors keep their status codes', async (t) => {
  t.strictSame(refused(() => applyPod('application/strategic-merge-patch+json', '{"spec":{"containers":[{"image":"x"}]}}')), {
    code: 500,
    reason: '',
    message: 'map: map[image:x] does not contain declared merge key: name',
  });
  t.equal(refused(() => applyPod('application/strategic-merge-patch+json', '{"metadata":{"$retainKeys":"x"}}')).code, 400);
});

t.test('directives copied whole into the result are dropped, as typed decoding drops them', async (t) => {
  const out = applyPatch(
    'application/strategic-merge-patch+json',
    { metadata: { name: 'd' } },
    '{"spec":{"template":{"spec":{"$setElementOrder/containers":[{"name":"a"}],"containers":[{"name":"a","$setElementOrder/env":[{"name":"X"}],"env":[{"name":"X","value":"1"}]}]}}}}',
    'apps/v1',
    'Deployment',
  );
  t.strictSame(out, { metadata: { name: 'd' }, spec: { template: { spec: { containers: [{ name: 'a', env: [{ name: 'X', value: '1' }] }] } } } });
});
