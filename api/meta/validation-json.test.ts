// Plain-JSON access as Go's decoder sees the same bytes.
import t from 'tap';
import { arrayAt, child, ensureObject, index, isEmpty, key, numberAt, semanticEqual, setDefault, setDefaultPointer, stringAt, stringMapAt } from './validation-json.js';

t.test('wrong types read as absent', async (t) => {
  const o = { s: 1, n: '1', a: {}, m: { x: 'y', z: 2 } };
  t.equal(stringAt(o, 's'), '');
  t.equal(numberAt(o, 'n'), undefined);
  t.strictSame(arrayAt(o, 'a'), []);
  t.strictSame(stringMapAt(o, 'm'), { x: 'y', z: '' });
  t.equal(ensureObject({ v: 'str' }, 'v'), undefined, 'a field of another type is left alone');
});

t.test('defaults: unset vs pointer-unset', async (t) => {
  const o: Record<string, unknown> = { a: '', b: 0, c: null };
  setDefault(o, 'a', 'x');
  setDefaultPointer(o, 'b', 5);
  setDefaultPointer(o, 'c', 7);
  t.strictSame(o, { a: 'x', b: 0, c: 7 });
});

t.test('semantic equality: nil and empty lists and maps are equal', async (t) => {
  t.ok(semanticEqual({ a: [], b: {}, c: null }, {}));
  t.ok(semanticEqual({ x: { y: 1 }, z: 2 }, { z: 2, x: { y: 1 } }));
  t.notOk(semanticEqual({ a: [1] }, { a: [] }));
  t.ok(isEmpty('') && isEmpty([]) && isEmpty({}) && isEmpty(null) && !isEmpty(0));
});

t.test('paths print as field.Path does', async (t) => {
  t.equal(child(index(child('spec', 'containers'), 0), 'image'), 'spec.containers[0].image');
  t.equal(key('metadata.labels', 'app.kubernetes.io/name'), 'metadata.labels[app.kubernetes.io/name]');
  t.equal(child('', 'data'), 'data');
});
