// Field selectors against the cases of k8s.io/apimachinery/pkg/fields/selector_test.go: the grammar,
// escaping, error messages and matching. Per-kind support is in field-selector-kinds.test.ts.
import t from 'tap';
import {
  SelectorError,
  escapeFieldValue,
  fieldSelectorFromSet,
  parseFieldSelector,
  splitTerm,
  splitTerms,
  unescapeFieldValue,
} from './field-selector.js';

const errOf = (f: () => unknown): string | undefined => {
  try {
    f();
    return undefined;
  } catch (e) {
    return e instanceof SelectorError ? e.message : `not a SelectorError: ${String(e)}`;
  }
};
const setGetter = (set: Record<string, string>) => (k: string) => set[k];

t.test('TestSplitTerms', async (t) => {
  const cases: Array<[string, string[]]> = [
    ['a', ['a']],
    ['a=avalue', ['a=avalue']],
    ['a=avalue,b=bvalue', ['a=avalue', 'b=bvalue']],
    ['a=avalue,b==bvalue,c!=cvalue', ['a=avalue', 'b==bvalue', 'c!=cvalue']],
    ['', []],
    ['a=a,', ['a=a', '']],
    [',a=a', ['', 'a=a']],
    ['k=\\,,k2=v2', ['k=\\,', 'k2=v2']],
    ['k=\\\\,k2=v2', ['k=\\\\', 'k2=v2']],
    ['k=\\\\\\,,k2=v2', ['k=\\\\\\,', 'k2=v2']],
    ['k=\\a\\b\\', ['k=\\a\\b\\']],
    ['k=\\', ['k=\\']],
    ['함=수,목=록', ['함=수', '목=록']],
  ];
  for (const [s, want] of cases) t.same(splitTerms(s), want, JSON.stringify(s));
});

t.test('TestSplitTerm', async (t) => {
  const cases: Array<[string, [string, string, string] | undefined]> = [
    ['a=value', ['a', '=', 'value']],
    ['b==value', ['b', '==', 'value']],
    ['c!=value', ['c', '!=', 'value']],
    ['', undefined],
    ['a', undefined],
    ['k=\\,', ['k', '=', '\\,']],
    ['k=\\=', ['k', '=', '\\=']],
    ['k=\\\\\\a\\b\\=\\,\\', ['k', '=', '\\\\\\a\\b\\=\\,\\']],
    ['함=수', ['함', '=', '수']],
    ['a!b=c', ['a!b', '=', 'c']],
  ];
  for (const [s, want] of cases) t.same(splitTerm(s), want, JSON.stringify(s));
});

t.test('TestEscapeValue', async (t) => {
  const cases: Array<[string, string]> = [
    ['', ''],
    ['a', 'a'],
    ['=', '\\='],
    [',', '\\,'],
    ['\\', '\\\\'],
    ['\\=\\,\\', '\\\\\\=\\\\\\,\\\\'],
  ];
  for (const [raw, escaped] of cases) {
    t.equal(escapeFieldValue(raw), escaped, `escape ${JSON.stringify(raw)}`);
    t.equal(unescapeFieldValue(escaped), raw, `unescape ${JSON.stringify(escaped)}`);
  }
  const invalid: Array<[string, string]> = [
    ['\\', 'invalid field selector: invalid escape sequence: \\'],
    ['\\\\\\', 'invalid field selector: invalid escape sequence: \\'],
    ['\\a', 'invalid field selector: invalid escape sequence: \\a'],
    ['a=b', 'invalid field selector: unescaped character in value: 61'],
    ['a,b', 'invalid field selector: unescaped character in value: 44'],
  ];
  for (const [v, msg] of invalid) t.equal(errOf(() => unescapeFieldValue(v)), msg, JSON.stringify(v));
});

t.test('TestSelectorParse', async (t) => {
  for (const s of ['x=a,y=b,z=c', '', 'x!=a,y=b', 'x=a||y\\=b', 'x=a\\=\\=b']) t.equal(parseFieldSelector(s).toString(), s, `${JSON.stringify(s)} re-strings`);
  for (const s of ['x=a||y=b', 'x==a==b', 'x=a,b', 'x in (a)', 'x in (a,b,c)', 'x']) t.type(errOf(() => parseFieldSelector(s)), 'string', `${JSON.stringify(s)} is refused`);
  t.equal(parseFieldSelector('x==a').toString(), 'x=a', '== reads as =');
  t.equal(parseFieldSelector('x==a').requirements()[0]!.operator, '=');
  t.equal(parseFieldSelector(',,x=a,').toString(), 'x=a', 'empty terms are skipped');
  t.equal(parseFieldSelector('=').toString(), '', 'a term with empty field and value drops out, as Transform does');
  t.equal(parseFieldSelector('=x').toString(), '=x', 'an empty field with a value stays (and the kind refuses it)');
  t.equal(parseFieldSelector(' a = b ').requirements()[0]!.field, ' a ', 'no whitespace trimming');
  t.equal(parseFieldSelector('x=a\\,b').requirements()[0]!.value, 'a,b');
});

t.test('error messages as kube-apiserver words them', async (t) => {
  const cases: Array<[string, string]> = [
    ['x', "invalid selector: 'x'; can't understand 'x'"],
    ['x=a,b', "invalid selector: 'x=a,b'; can't understand 'b'"],
    ['x in (a)', "invalid selector: 'x in (a)'; can't understand 'x in (a)'"],
    ['x==a==b', 'invalid field selector: unescaped character in value: 61'],
    ['x=a||y=b', 'invalid field selector: unescaped character in value: 61'],
    ['a!==b', 'invalid field selector: unescaped character in value: 61'],
    ['k=\\a', 'invalid field selector: invalid escape sequence: \\a'],
    ['k=\\', 'invalid field selector: invalid escape sequence: \\'],
    ['z=\\q,b', "invalid selector: 'z=\\q,b'; can't understand 'b'"],
    ['b=\\q,z', 'invalid field selector: invalid escape sequence: \\q'],
  ];
  for (const [s, msg] of cases) t.equal(errOf(() => parseFieldSelector(s)), msg, `${JSON.stringify(s)}: terms are checked in sorted order`);
});

t.test('TestDeterministicParse', async (t) => {
  t.equal(parseFieldSelector('x=a,a=x').toString(), parseFieldSelector('a=x,x=a').toString());
  t.equal(parseFieldSelector('x=a,a=x').toString(), 'a=x,x=a');
});

t.test('TestSelectorMatches', async (t) => {
  const yes: Array<[string, Record<string, string>]> = [
    ['', { x: 'y' }],
    ['x=y', { x: 'y' }],
    ['x=y,z=w', { x: 'y', z: 'w' }],
    ['x!=y,z!=w', { x: 'z', z: 'a' }],
    ['notin=in', { notin: 'in' }],
    ['x=', {}],
    ['x!=y', {}],
  ];
  const no: Array<[string, Record<string, string>]> = [
    ['x=y', { x: 'z' }],
    ['x=y,z=w', { x: 'w', z: 'w' }],
    ['x!=y,z!=w', { x: 'z', z: 'w' }],
    ['x=y', {}],
  ];
  for (const [s, set] of yes) t.ok(parseFieldSelector(s).matches(setGetter(set)), `${s} matches ${JSON.stringify(set)}`);
  for (const [s, set] of no) t.notOk(parseFieldSelector(s).matches(setGetter(set)), `${s} does not match ${JSON.stringify(set)}`);
  const fieldset = { foo: 'bar', baz: 'blah', complex: '=value\\,\\' };
  for (const s of ['foo=bar', 'baz=blah', 'foo=bar,baz=blah', 'foo=bar,baz=blah,complex=\\=value\\\\\\,\\\\']) t.ok(parseFieldSelector(s).matches(setGetter(fieldset)), s);
  for (const s of ['foo=blah', 'baz=bar', 'foo=bar,foobar=bar,baz=blah']) t.notOk(parseFieldSelector(s).matches(setGetter(fieldset)), s);
});

t.test('TestSetMatches and TestRequiresExactMatch', async (t) => {
  const set = { foo: 'bar', baz: 'blah' };
  for (const sel of [{}, { foo: 'bar' }, { baz: 'blah' }, { foo: 'bar', baz: 'blah' }] as Array<Record<string, string>>) t.ok(fieldSelectorFromSet(sel).matches(setGetter(set)), JSON.stringify(sel));
  for (const sel of [{ foo: '=blah' }, { baz: '=bar' }, { foo: '=bar', foobar: 'bar', baz: 'blah' }] as Array<Record<string, string>>) t.notOk(fieldSelectorFromSet(sel).matches(setGetter(set)), JSON.stringify(sel));
  t.ok(fieldSelectorFromSet(undefined).isEmpty());
  t.ok(parseFieldSelector('').isEmpty());
  const s = parseFieldSelector('spec.nodeName=n1,status.phase!=Running,metadata.name=');
  t.equal(s.requiresExactMatch('spec.nodeName'), 'n1');
  t.equal(s.requiresExactMatch('metadata.name'), '', 'an empty value is still an exact match');
  t.equal(s.requiresExactMatch('status.phase'), undefined, '!= is no exact match');
  t.equal(s.requiresExactMatch('test'), undefined);
  t.same([...s.exactMatches()].sort(), [['metadata.name', ''], ['spec.nodeName', 'n1']]);
});
