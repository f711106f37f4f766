// RFC 7386 (JSON merge patch): the example of section 3 and every case of Appendix A.
import t from 'tap';
import type { JsonValue } from './json-value.js';
import { mergePatch } from './merge-patch.js';

const appendixA: [string, string, string][] = [
  ['{"a":"b"}', '{"a":"c"}', '{"a":"c"}'],
  ['{"a":"b"}', '{"b":"c"}', '{"a":"b","b":"c"}'],
  ['{"a":"b"}', '{"a":null}', '{}'],
  ['{"a":"b","b":"c"}', '{"a":null}', '{"b":"c"}'],
  ['{"a":["b"]}', '{"a":"c"}', '{"a":"c"}'],
  ['{"a":"c"}', '{"a":["b"]}', '{"a":["b"]}'],
  ['{"a":{"b":"c"}}', '{"a":{"b":"d","c":null}}', '{"a":{"b":"d"}}'],
  ['{"a":[{"b":"c"}]}', '{"a":[1]}', '{"a":[1]}'],
  ['["a","b"]', '["c","d"]', '["c","d"]'],
  ['{"a":"b"}', '["c"]', '["c"]'],
  ['{"a":"foo"}', 'null', 'null'],
  ['{"a":"foo"}', '"bar"', '"bar"'],
  ['{"e":null}', '{"a":1}', '{"e":null,"a":1}'],
  ['[1,2]', '{"a":"b","c":null}', '{"a":"b"}'],
  ['{}', '{"a":{"bb":{"ccc":null}}}', '{"a":{"bb":{}}}'],
];

t.test('RFC 7386 Appendix A', async (t) => {
  for (const [target, patch, result] of appendixA) {
    t.strictSame(mergePatch(JSON.parse(target) as JsonValue, JSON.parse(patch) as JsonValue), JSON.parse(result), `${target} + ${patch}`);
  }
});

t.test('RFC 7386 section 3 example', async (t) => {
  const target = {
    title: 'Goodbye!',
    author: { givenName: 'John', familyName: 'Doe' },
    tags: ['example', 'sample'],
    content: 'This will be unchanged',
  };
  const patch = { title: 'Hello!', phoneNumber: '+01-123-456-7890', author: { familyName: null }, tags: ['example'] };
  t.strictSame(mergePatch(target, patch), {
    title: 'Hello!',
    author: { givenName: 'John' },
    tags: ['example'],
    content: 'This will be unchanged',
    phoneNumber: '+01-123-456-7890',
  });
});

t.test('inputs are not modified and results share nothing with them', async (t) => {
  const target = { a: { b: 1 }, list: [1] };
  const patch = { a: { c: 2 }, n: { m: [1] } };
  const out = mergePatch(target, patch) as { a: object; n: { m: number[] } };
  t.strictSame(target, { a: { b: 1 }, list: [1] });
  t.strictSame(patch, { a: { c: 2 }, n: { m: [1] } });
  out.n.m.push(2);
  t.strictSame(patch.n.m, [1]);
});

t.test('a "__proto__" member stays a member', async (t) => {
  const out = mergePatch({}, JSON.parse('{"__proto__":{"polluted":true}}') as JsonValue) as object;
  t.equal(({} as Record<string, unknown>)['polluted'], undefined);
  t.ok(Object.prototype.hasOwnProperty.call(out, '__proto__'));
  t.equal(Object.getPrototypeOf(out), Object.prototype);
});
