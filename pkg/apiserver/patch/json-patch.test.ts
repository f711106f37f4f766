// RFC 6902 (JSON patch): every example of Appendix A, then the error cases RFC 6902/6901 require
// and the messages kube-apiserver's json-patch library would give.
import t from 'tap';
import { isPatchError } from './errors.js';
import type { JsonValue } from './json-value.js';
import { applyJsonPatch, decodeJsonPatch } from './json-patch.js';

const apply = (doc: string, patch: string): JsonValue => applyJsonPatch(JSON.parse(doc) as JsonValue, decodeJsonPatch(JSON.parse(patch) as JsonValue));
const failure = (doc: string, patch: string): { code: number; message: string } => {
  try {
    apply(doc, patch);
  } catch (err) {
    if (isPatchError(err)) return { code: err.code, message: err.message };
    throw err;
  }
  throw new Error('expected the patch to fail');
};

t.test('RFC 6902 Appendix A', async (t) => {
  t.strictSame(apply('{"foo":"bar"}', '[{"op":"add","path":"/baz","value":"qux"}]'), { baz: 'qux', foo: 'bar' }, 'A.1 adding an object member');
  t.strictSame(apply('{"foo":["bar","baz"]}', '[{"op":"add","path":"/foo/1","value":"qux"}]'), { foo: ['bar', 'qux', 'baz'] }, 'A.2 adding an array element');
  t.strictSame(apply('{"baz":"qux","foo":"bar"}', '[{"op":"remove","path":"/baz"}]'), { foo: 'bar' }, 'A.3 removing an object member');
  t.strictSame(apply('{"foo":["bar","qux","baz"]}', '[{"op":"remove","path":"/foo/1"}]'), { foo: ['bar', 'baz'] }, 'A.4 removing an array element');
  t.strictSame(apply('{"baz":"qux","foo":"bar"}', '[{"op":"replace","path":"/baz","value":"boo"}]'), { baz: 'boo', foo: 'bar' }, 'A.5 replacing a value');
  t.strictSame(
    apply('{"foo":{"bar":"baz","waldo":"fred"},"qux":{"corge":"grault"}}', '[{"op":"move","from":"/foo/waldo","path":"/qux/thud"}]'),
    { foo: { bar: 'baz' }, qux: { corge: 'grault', thud: 'fred' } },
    'A.6 moving a value',
  );
  t.strictSame(
    apply('{"foo":["all","grass","cows","eat"]}', '[{"op":"move","from":"/foo/1","path":"/foo/3"}]'),
    { foo: ['all', 'cows', 'eat', 'grass'] },
    'A.7 moving an array element',
  );
  t.strictSame(
    apply('{"baz":"qux","foo":["a",2,"c"]}', '[{"op":"test","path":"/baz","value":"qux"},{"op":"test","path":"/foo/1","value":2}]'),
    { baz: 'qux', foo: ['a', 2, 'c'] },
    'A.8 testing a value: success',
  );
  t.strictSame(failure('{"baz":"qux"}', '[{"op":"test","path":"/baz","value":"bar"}]'), { code: 422, message: 'testing value /baz failed: test failed' }, 'A.9 testing a value: error');
  t.strictSame(apply('{"foo":"bar"}', '[{"op":"add","path":"/child","value":{"grandchild":{}}}]'), { foo: 'bar', child: { grandchild: {} } }, 'A.10 adding a nested member object');
  t.strictSame(apply('{"foo":"bar"}', '[{"op":"add","path":"/baz","value":"qux","xyz":123}]'), { foo: 'bar', baz: 'qux' }, 'A.11 ignoring unrecognized elements');
  t.strictSame(
    failure('{"foo":"bar"}', '[{"op":"add","path":"/baz/bat","value":"qux"}]'),
    { code: 422, message: 'add operation does not apply: doc is missing path: "/baz/bat": missing value' },
    'A.12 adding to a nonexistent target',
  );
  // A.13: JSON.parse (like Go's decoder) keeps the last duplicate member, so this is a remove.
  t.strictSame(failure('{"foo":"bar"}', '[{"op":"add","path":"/baz","value":"qux","op":"remove"}]').code, 422, 'A.13 invalid JSON patch document');
  t.strictSame(apply('{"/":9,"~1":10}', '[{"op":"test","path":"/~01","value":10}]'), { '/': 9, '~1': 10 }, 'A.14 ~ escape ordering');
  t.strictSame(failure('{"/":9,"~1":10}', '[{"op":"test","path":"/~01","value":"10"}]').message, 'testing value /~01 failed: test failed', 'A.15 comparing strings and numbers');
  t.strictSame(apply('{"foo":["bar"]}', '[{"op":"add","path":"/foo/-","value":["abc","def"]}]'), { foo: ['bar', ['abc', 'def']] }, 'A.16 adding an array value');
});

t.test('pointers: escapes, the whole document, arrays', async (t) => {
  t.strictSame(apply('{"a/b":1,"m~n":2}', '[{"op":"replace","path":"/a~1b","value":3},{"op":"remove","path":"/m~0n"}]'), { 'a/b': 3 });
  t.strictSame(apply('{"a":1}', '[{"op":"replace","path":"","value":{"b":2}}]'), { b: 2 });
  t.strictSame(apply('{"a":1}', '[{"op":"add","path":"","value":[1]}]'), [1]);
  t.strictSame(apply('{"a":{"b":[1,2]}}', '[{"op":"test","path":"","value":{"a":{"b":[1,2]}}}]'), { a: { b: [1, 2] } });
  t.strictSame(apply('{"":1}', '[{"op":"replace","path":"/","value":2}]'), { '': 2 }, '"/" names the empty key');
  t.strictSame(apply('{"a":[1,2]}', '[{"op":"add","path":"/a/2","value":3}]'), { a: [1, 2, 3] }, 'index == length appends');
  t.strictSame(apply('{"a":[1,2,3]}', '[{"op":"move","from":"/a/0","path":"/a/-"}]'), { a: [2, 3, 1] });
  t.strictSame(apply('{"a":{"b":1}}', '[{"op":"copy","from":"/a","path":"/c"},{"op":"replace","path":"/c/b","value":2}]'), { a: { b: 1 }, c: { b: 2 } }, 'copy is deep');
  t.strictSame(apply('{"a":1}', '[{"op":"move","from":"/a","path":"/a"}]'), { a: 1 }, 'a move onto itself is a no-op');
  t.strictSame(apply('{"a":{"x":1,"y":[1,{"z":null}]}}', '[{"op":"test","path":"/a","value":{"y":[1,{"z":null}],"x":1.0}}]'), { a: { x: 1, y: [1, { z: null }] } }, 'test compares structurally');
});

t.test('operations that do not apply fail with 422 and nothing is applied', async (t) => {
  const doc = '{"a":{"b":1},"l":[1,2]}';
  const cases: [string, string][] = [
    ['[{"op":"remove","path":"/x"}]', "error in remove for path: '/x': Unable to remove nonexistent key: x: missing value"],
    ['[{"op":"remove","path":"/x/y"}]', 'remove operation does not apply: doc is missing path: "/x/y": missing value'],
    ['[{"op":"replace","path":"/x","value":1}]', 'replace operation does not apply: doc is missing key: /x: missing value'],
    ['[{"op":"replace","path":"/x/y","value":1}]', 'replace operation does not apply: doc is missing path: /x/y: missing value'],
    ['[{"op":"add","path":"/l/3","value":1}]', "error in add for path: '/l/3': Unable to access invalid index: 3: invalid index referenced"],
    ['[{"op":"add","path":"/l/01","value":1}]', "error in add for path: '/l/01': value was not a proper array index: '01'"],
    ['[{"op":"add","path":"/l/-1","value":1}]', "error in add for path: '/l/-1': value was not a proper array index: '-1'"],
    ['[{"op":"remove","path":"/l/-"}]', "error in remove for path: '/l/-': Unable to access invalid index: -: invalid index referenced"],
    ['[{"op":"replace","path":"/l/2","value":1}]', 'replace operation does not apply: doc is missing key: /l/2: missing value'],
    ['[{"op":"move","from":"/x","path":"/y"}]', 'move operation does not apply: doc is missing from path: /x: missing value'],
    ['[{"op":"move","from":"/a","path":"/a/b/c"}]', 'move operation does not apply: from path /a is a prefix of path /a/b/c'],
    ['[{"op":"copy","from":"/x","path":"/y"}]', 'copy operation does not apply: doc is missing from path: /x: missing value'],
    ['[{"op":"test","path":"/x/y","value":1}]', 'test operation does not apply: is missing path: /x/y: missing value'],
    ['[{"op":"test","path":"/x","value":null}]', 'testing value /x failed: test failed'],
    ['[{"op":"add","path":"/x"}]', 'add operation does not apply: missing value field'],
    ['[{"op":"add","value":1}]', 'add operation failed to decode path: missing value'],
    ['[{"op":"move","path":"/x"}]', 'move operation failed to decode from: missing value'],
    ['[{"op":"add","path":"x","value":1}]', 'add operation does not apply: doc is missing path: "x": missing value'],
    ['[{"op":"add","path":"/a~2","value":1}]', 'add operation does not apply: doc is missing path: "/a~2": missing value'],
    ['[{"path":"/a"}]', 'Unexpected kind: unknown'],
    ['[{"op":"merge","path":"/a"}]', 'Unexpected kind: merge'],
    ['[null]', 'Unexpected kind: unknown'],
    ['[{"op":"add","path":"/n","value":1},{"op":"remove","path":"/nope"}]', "error in remove for path: '/nope': Unable to remove nonexistent key: nope: missing value"],
  ];
  for (const [patch, message] of cases) t.strictSame(failure(doc, patch), { code: 422, message }, patch);
  const original = JSON.parse(doc) as JsonValue;
  t.throws(() => applyJsonPatch(original, [{ op: 'add', path: '/n', value: 1 }, { op: 'remove', path: '/nope' }]));
  t.strictSame(original, JSON.parse(doc), 'the input document is untouched');
});

t.test('decoding: a JSON patch is an array of objects', async (t) => {
  const decodeFailure = (body: JsonValue): string => {
    try {
      decodeJsonPatch(body);
    } catch (err) {
      if (isPatchError(err) && err.code === 400) return err.message;
    }
    return 'no 400';
  };
  t.equal(decodeFailure({ op: 'add' }), 'json: cannot unmarshal object into Go value of type jsonpatch.Patch');
  t.equal(decodeFailure('x'), 'json: cannot unmarshal string into Go value of type jsonpatch.Patch');
  t.equal(decodeFailure([1]), 'json: cannot unmarshal number into Go value of type jsonpatch.Operation');
  t.equal(decodeFailure([true]), 'json: cannot unmarshal bool into Go value of type jsonpatch.Operation');
  t.strictSame(decodeJsonPatch(null), [], 'null decodes to an empty patch, as in Go');
  t.strictSame(apply('{"a":1}', '[]'), { a: 1 });
});

t.test('"__proto__" is an ordinary member name', async (t) => {
  const out = apply('{}', '[{"op":"add","path":"/__proto__","value":{"polluted":true}}]') as object;
  t.ok(Object.prototype.hasOwnProperty.call(out, '__proto__'));
  t.equal(({} as Record<string, unknown>)['polluted'], undefined);
  t.equal(failure('{}', '[{"op":"add","path":"/constructor/x","value":1}]').code, 422, 'inherited members are not members');
});
