// Label selectors against the cases of k8s.io/apimachinery/pkg/labels/selector_test.go. Error
// messages and metav1.LabelSelector objects are in label-selector-errors.test.ts.
import t from 'tap';
import {
  LabelSelector,
  SelectorError,
  newRequirement,
  parseLabelSelector,
  selectorFromSet,
  type LabelOperator,
  type LabelRequirement,
} from './label-selector.js';
import { lex } from './label-selector-parse.js';

const parseErr = (s: string): string | undefined => {
  try {
    parseLabelSelector(s);
    return undefined;
  } catch (e) {
    return e instanceof SelectorError ? e.message : `not a SelectorError: ${String(e)}`;
  }
};
const req = (key: string, operator: LabelOperator, values: string[] = []): LabelRequirement => newRequirement(key, operator, [...values].sort());

t.test('TestSelectorParse: good strings re-string without spaces, bad ones fail', async (t) => {
  for (const s of ['x=a,y=b,z=c', '', 'x!=a,y=b', 'x=', 'x= ', 'x=,z= ', 'x= ,z= ', '!x', 'x>1', 'x>1,z<5']) {
    t.equal(parseLabelSelector(s).toString(), s.replaceAll(' ', ''), `${JSON.stringify(s)} parses and re-strings`);
  }
  for (const s of ['x=a||y=b', 'x==a==b', '!x=a', 'x<a']) t.type(parseErr(s), 'string', `${JSON.stringify(s)} is refused`);
});

t.test('TestDeterministicParse', async (t) => {
  t.equal(parseLabelSelector('x=a,a=x').toString(), parseLabelSelector('a=x,x=a').toString());
  t.equal(parseLabelSelector('x=a,a=x').toString(), 'a=x,x=a');
});

t.test('TestSelectorMatches', async (t) => {
  const yes: Array<[string, Record<string, string>]> = [
    ['', { x: 'y' }],
    ['x=y', { x: 'y' }],
    ['x=y,z=w', { x: 'y', z: 'w' }],
    ['x!=y,z!=w', { x: 'z', z: 'a' }],
    ['notin=in', { notin: 'in' }],
    ['x', { x: 'z' }],
    ['!x', { y: 'z' }],
    ['x>1', { x: '2' }],
    ['x<1', { x: '0' }],
    ['foo=bar', { foo: 'bar', baz: 'blah' }],
    ['baz=blah', { foo: 'bar', baz: 'blah' }],
    ['foo=bar,baz=blah', { foo: 'bar', baz: 'blah' }],
  ];
  const no: Array<[string, Record<string, string>]> = [
    ['x=z', {}],
    ['x=y', { x: 'z' }],
    ['x=y,z=w', { x: 'w', z: 'w' }],
    ['x!=y,z!=w', { x: 'z', z: 'w' }],
    ['x', { y: 'z' }],
    ['!x', { x: 'z' }],
    ['x>1', { x: '0' }],
    ['x<1', { x: '2' }],
    ['foo=blah', { foo: 'bar', baz: 'blah' }],
    ['baz=bar', { foo: 'bar', baz: 'blah' }],
    ['foo=bar,foobar=bar,baz=blah', { foo: 'bar', baz: 'blah' }],
  ];
  for (const [s, ls] of yes) t.ok(parseLabelSelector(s).matches(ls), `${s} matches ${JSON.stringify(ls)}`);
  for (const [s, ls] of no) t.notOk(parseLabelSelector(s).matches(ls), `${s} does not match ${JSON.stringify(ls)}`);
  t.ok(parseLabelSelector('').matches(undefined), 'the empty selector matches an object without labels');
  t.ok(parseLabelSelector('!x,y notin (a)').matches(undefined), 'negative requirements match no labels');
  t.notOk(parseLabelSelector('x').matches(undefined));
  t.notOk(parseLabelSelector('toString').matches({}), 'a key named like an Object method is not found on {}');
});

t.test('TestSetMatches: selectorFromSet', async (t) => {
  const ls = { foo: 'bar', baz: 'blah' };
  for (const set of [{}, { foo: 'bar' }, { baz: 'blah' }, { foo: 'bar', baz: 'blah' }] as Array<Record<string, string>>) t.ok(selectorFromSet(set).matches(ls), JSON.stringify(set));
  t.notOk(selectorFromSet({ foo: 'bar', foobar: 'bar' }).matches(ls));
  t.ok(selectorFromSet(undefined).isEmpty(), 'a missing map is everything');
  t.ok(selectorFromSet({}).isEmpty(), 'an empty map is everything');
  t.equal(selectorFromSet({ b: '2', a: '1' }).toString(), 'a=1,b=2');
});

t.test('TestLexer and TestLexerSequence', async (t) => {
  const one: Array<[string, string]> = [
    ['', 'eos'], [',', 'comma'], ['notin', 'notin'], ['in', 'in'], ['=', 'eq'], ['==', 'deq'], ['>', 'gt'], ['<', 'lt'],
    ['!', 'not'], ['!=', 'neq'], ['(', 'opar'], [')', 'cpar'], ['~', 'ident'], ['||', 'ident'],
  ];
  for (const [s, tok] of one) {
    const [first] = lex(s);
    t.equal(first!.tok, tok, `${JSON.stringify(s)} lexes as ${tok}`);
    if (tok !== 'eos') t.equal(first!.lit, s);
  }
  const seqs: Array<[string, string[]]> = [
    ['key in ( value )', ['ident', 'in', 'opar', 'ident', 'cpar']],
    ['key notin ( value )', ['ident', 'notin', 'opar', 'ident', 'cpar']],
    ['key in ( value1, value2 )', ['ident', 'in', 'opar', 'ident', 'comma', 'ident', 'cpar']],
    ['key', ['ident']],
    ['!key', ['not', 'ident']],
    ['()', ['opar', 'cpar']],
    ['x in (),y', ['ident', 'in', 'opar', 'cpar', 'comma', 'ident']],
    ['== != (), = notin', ['deq', 'neq', 'opar', 'cpar', 'comma', 'eq', 'notin']],
    ['key>2', ['ident', 'gt', 'ident']],
    ['key<1', ['ident', 'lt', 'ident']],
    ['a=b\0c=d', ['ident', 'eq', 'ident', 'ident', 'eq', 'ident']],
  ];
  for (const [s, toks] of seqs) t.same(lex(s).map((i) => i.tok), [...toks, 'eos'], JSON.stringify(s));
});

t.test('TestRequirementConstructor', async (t) => {
  const cases: Array<[string, LabelOperator, string[], boolean]> = [
    ['x', 'in', [], false],
    ['x', 'notin', [], false],
    ['x', 'in', ['foo'], true],
    ['x', 'notin', ['foo'], true],
    ['x', 'exists', [], true],
    ['x', '!', [], true],
    ['1foo', 'in', ['bar'], true],
    ['1234', 'in', ['bar'], true],
    ['y', 'gt', ['1'], true],
    ['z', 'lt', ['6'], true],
    ['foo', 'gt', ['bar'], false],
    ['barz', 'lt', ['blah'], false],
    ['a'.repeat(254), 'exists', [], false],
    ['x', '=', ['a', 'b'], false],
    ['x', 'exists', ['a'], false],
    ['x', 'gt', ['9223372036854775808'], false],
  ];
  for (const [k, op, vals, ok] of cases) {
    const label = `${k.slice(0, 20)} ${op} ${JSON.stringify(vals)}`;
    if (ok) t.doesNotThrow(() => newRequirement(k, op, vals), label);
    else t.throws(() => newRequirement(k, op, vals), SelectorError, label);
  }
  t.throws(() => newRequirement('x', 'in', []), { message: `values: Invalid value: []string{}: for 'in', 'notin' operators, values set can't be empty` });
  t.throws(() => newRequirement('x', '=', ['a', 'b'], 'spec.selector'), { message: `spec.selector.values: Invalid value: []string{"a", "b"}: exact-match compatibility requires one single value` });
  t.throws(() => newRequirement('x', 'bogus' as LabelOperator, []), {
    message: `operator: Unsupported value: "bogus": supported values: "in", "notin", "=", "==", "!=", "gt", "lt", "exists", "!"`,
  });
});

t.test('TestToString', async (t) => {
  const cases: Array<[LabelRequirement[], string]> = [
    [[req('x', 'in', ['abc', 'def']), req('y', 'notin', ['jkl']), req('z', 'exists')], 'x in (abc,def),y notin (jkl),z'],
    [[req('x', 'notin', ['abc', 'def']), req('y', '!=', ['jkl']), req('z', '!')], 'x notin (abc,def),y!=jkl,!z'],
    [[req('x', 'notin', ['abc']), req('y', 'in', ['jkl', 'mno']), req('z', 'notin', [''])], 'x notin (abc),y in (jkl,mno),z notin ()'],
    [[req('x', '=', ['abc']), req('y', '==', ['jkl']), req('z', '!=', ['a']), req('z', 'exists')], 'x=abc,y==jkl,z!=a,z'],
    [[req('x', 'gt', ['2']), req('y', 'lt', ['8']), req('z', 'exists')], 'x>2,y<8,z'],
    [[newRequirement('x', 'in', ['def', 'abc'])], 'x in (abc,def)'],
  ];
  for (const [reqs, out] of cases) t.equal(LabelSelector.of(reqs).toString(), out);
});

t.test('TestRequirementSelectorMatching', async (t) => {
  const cases: Array<[Record<string, string>, LabelRequirement[], boolean]> = [
    [{ x: 'foo', y: 'baz' }, [req('x', 'in', ['foo']), req('y', 'notin', ['alpha'])], true],
    [{ x: 'foo', y: 'baz' }, [req('x', 'in', ['foo']), req('y', 'in', ['alpha'])], false],
    [{ y: '' }, [req('x', 'notin', ['']), req('y', 'exists')], true],
    [{ y: '' }, [req('x', '!'), req('y', 'exists')], true],
    [{ y: '' }, [req('x', 'notin', ['']), req('y', '!')], false],
    [{ y: 'baz' }, [req('x', 'in', [''])], false],
    [{ z: '2' }, [req('z', 'gt', ['1'])], true],
    [{ z: 'v2' }, [req('z', 'gt', ['1'])], false],
    [{ z: '-3' }, [req('z', 'lt', ['1'])], true],
    [{ z: '+3' }, [req('z', 'gt', ['1'])], true],
    [{ z: '99999999999999999999' }, [req('z', 'gt', ['1'])], false],
  ];
  for (const [ls, reqs, want] of cases) t.equal(LabelSelector.of(reqs).matches(ls), want, `${LabelSelector.of(reqs)} on ${JSON.stringify(ls)}`);
});

t.test('TestSetSelectorParser', async (t) => {
  const ok: Array<[string, LabelRequirement[] | null]> = [
    ['', []],
    ['\rx', [req('x', 'exists')]],
    ['this-is-a-dns.domain.com/key-with-dash', [req('this-is-a-dns.domain.com/key-with-dash', 'exists')]],
    ['this-is-another-dns.domain.com/key-with-dash in (so,what)', [req('this-is-another-dns.domain.com/key-with-dash', 'in', ['so', 'what'])]],
    ['0.1.2.domain/99 notin (10.10.100.1, tick.tack.clock)', [req('0.1.2.domain/99', 'notin', ['10.10.100.1', 'tick.tack.clock'])]],
    ['foo  in\t (abc)', [req('foo', 'in', ['abc'])]],
    ['x notin\n (abc)', [req('x', 'notin', ['abc'])]],
    ['x  notin\t\t\t(abc,def)', [req('x', 'notin', ['abc', 'def'])]],
    ['x in (abc,def)', [req('x', 'in', ['abc', 'def'])]],
    ['x in (abc,)', [req('x', 'in', ['abc', ''])]],
    ['x in ()', [req('x', 'in', [''])]],
    ['x notin (abc,,def),bar,z in (),w', [req('bar', 'exists'), req('w', 'exists'), req('x', 'notin', ['abc', '', 'def']), req('z', 'in', [''])]],
    ['x,y in (a)', null],
    ['x=a', [req('x', '=', ['a'])]],
    ['x>1', [req('x', 'gt', ['1'])]],
    ['x<7', [req('x', 'lt', ['7'])]],
    ['x=a,y!=b', [req('x', '=', ['a']), req('y', '!=', ['b'])]],
    ['x=a,y!=b,z in (h,i,j)', [req('x', '=', ['a']), req('y', '!=', ['b']), req('z', 'in', ['h', 'i', 'j'])]],
    ['x,y', null],
    ['x notin ( )', [req('x', 'notin', [''])]],
    ['x notin (, a)', [req('x', 'notin', ['', 'a'])]],
    ['a ', [req('a', 'exists')]],
    ['a in (x,y,notin, z,in)', [req('a', 'in', ['in', 'notin', 'x', 'y', 'z'])]],
    ['a in (b,b,a)', [req('a', 'in', ['a', 'b'])]],
  ];
  for (const [s, want] of ok) {
    const got = parseLabelSelector(s);
    if (want) t.same(got.requirements(), want, `${JSON.stringify(s)} parses to its requirements`);
    else t.pass(`${JSON.stringify(s)} parses`);
  }
  for (const s of ['x=a||y=b', ',x,y', 'x nott in (y)', 'a in (xyz),', 'a in (xyz)b notin ()', 'a in (xyz abc)', 'a notin(', 'a (', '(']) {
    t.type(parseErr(s), 'string', `${JSON.stringify(s)} is refused`);
  }
});
