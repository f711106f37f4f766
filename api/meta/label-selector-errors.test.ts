// Label selectors: kube-apiserver's error messages, whitespace and lexer quirks, exact matches for
// indexes, and metav1.LabelSelector objects (ValidateLabelSelector + LabelSelectorAsSelector).
import t from 'tap';
import { LabelSelector, SelectorError, labelSelectorFromObject, newRequirement, parseLabelSelector, selectorFromSet, type LabelOperator, type LabelRequirement } from './label-selector.js';

const parseErr = (s: string): string | undefined => {
  try {
    parseLabelSelector(s);
    return undefined;
  } catch (e) {
    return e instanceof SelectorError ? e.message : `not a SelectorError: ${String(e)}`;
  }
};
const req = (key: string, operator: LabelOperator, values: string[] = []): LabelRequirement => newRequirement(key, operator, [...values].sort());

t.test('error messages as kube-apiserver words them', async (t) => {
  const valueMsg = `a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')`;
  const nameMsg = `name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')`;
  const cases: Array<[string, string]> = [
    ['&foo', `unable to parse requirement: <nil>: Invalid value: "&foo": ${nameMsg}`],
    ['env IN (a)', `unable to parse requirement: found 'IN', expected: in, notin, =, ==, !=, gt, lt`],
    ['x=(a)', `unable to parse requirement: found '(', expected: identifier`],
    ['x==a==b', `found '==', expected: ',' or 'end of string'`],
    ['!x=a', `found '=', expected: ',' or 'end of string'`],
    ['a in (xyz)b notin ()', `found 'b', expected: ',' or 'end of string'`],
    [',x', `found ',', expected: !, identifier, or 'end of string'`],
    ['(', `found '(', expected: !, identifier, or 'end of string'`],
    ['a in (xyz),', `found '', expected: identifier after ','`],
    ['a,=b', `found '=', expected: identifier after ','`],
    ['!', `unable to parse requirement: found '', expected: identifier`],
    ['!!x', `unable to parse requirement: found '!', expected: identifier`],
    ['x in a', `unable to parse requirement: found 'a' expected: '('`],
    ['a notin(', `unable to parse requirement: found '', expected: ',', ')' or identifier`],
    ['a in (=)', `unable to parse requirement: found '=', expected: ',', ')' or identifier`],
    ['a in (xyz abc)', `unable to parse requirement: found 'abc', expected: ',' or ')'`],
    ['a in (x,=)', `unable to parse requirement: found '=', expected: ',', or identifier`],
    ['x<a', `unable to parse requirement: values[0]: Invalid value: "a": for 'Gt', 'Lt' operators, the value must be an integer`],
    ['x=a@b', `unable to parse requirement: values[0][x]: Invalid value: "a@b": ${valueMsg}`],
    ['x in (b@,a@)', `unable to parse requirement: [values[0][x]: Invalid value: "a@": ${valueMsg}, values[1][x]: Invalid value: "b@": ${valueMsg}]`],
    ['x=' + 'a'.repeat(64), `unable to parse requirement: values[0][x]: Invalid value: "${'a'.repeat(64)}": must be no more than 63 bytes`],
    ['/a', `unable to parse requirement: <nil>: Invalid value: "/a": prefix part must be non-empty`],
    ['a/', `unable to parse requirement: <nil>: Invalid value: "a/": name part must be non-empty; ${nameMsg}`],
    ['Ex.com/a', `unable to parse requirement: <nil>: Invalid value: "Ex.com/a": prefix part a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')`],
    ['a/b/c', `unable to parse requirement: <nil>: Invalid value: "a/b/c": a valid label key must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]') with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')`],
    ['a'.repeat(64), `unable to parse requirement: <nil>: Invalid value: "${'a'.repeat(64)}": name part must be no more than 63 bytes`],
    ['x=a\tb', `found 'b', expected: ',' or 'end of string'`],
    ['é', `unable to parse requirement: <nil>: Invalid value: "é": ${nameMsg}`],
    ['a\x01', `unable to parse requirement: <nil>: Invalid value: "a\\x01": ${nameMsg}`],
  ];
  for (const [s, msg] of cases) t.equal(parseErr(s), msg, JSON.stringify(s));
});

t.test('whitespace, keywords and the Go lexer NUL sentinel', async (t) => {
  t.equal(parseLabelSelector(' \t\r\nx \t in \n( a , b )\r, !y ').toString(), 'x in (a,b),!y');
  t.equal(parseLabelSelector('in=notin').toString(), 'in=notin', 'keywords are identifiers where a key or value stands');
  t.equal(parseLabelSelector('x in (in)').toString(), 'x in (in)');
  t.equal(parseLabelSelector('x!=').toString(), 'x!=', 'an empty exact value is allowed');
  t.equal(parseLabelSelector('x=a \0garbage').toString(), 'x=a', 'a NUL after a token ends the input, as in Go');
  t.equal(parseLabelSelector('x=a,y=b').matches({ x: 'a', y: 'b' }), true);
  t.equal(parseLabelSelector('a.b/c-d_e.f in (1,2)').toString(), 'a.b/c-d_e.f in (1,2)');
  t.equal(parseLabelSelector('k=' + 'v'.repeat(63)).requirements()[0]!.values[0], 'v'.repeat(63), 'a 63-byte value is fine');
});

t.test('exact matches for indexes', async (t) => {
  const s = parseLabelSelector('app=web,tier in (fe),env in (a,b),x!=y,z,q==r');
  t.same([...s.exactMatches()].sort(), [['app', 'web'], ['q', 'r'], ['tier', 'fe']]);
  t.equal(s.requiresExactMatch('app'), 'web');
  t.equal(s.requiresExactMatch('env'), undefined, 'a set of two is no exact match');
  t.equal(s.requiresExactMatch('x'), undefined);
  t.equal(s.requiresExactMatch('missing'), undefined);
  t.same([...parseLabelSelector('a,a=b').exactMatches()], [], 'the first requirement on a key decides, as RequiresExactMatch does');
  t.same([...selectorFromSet({ a: '1', b: '2' }).exactMatches()], [['a', '1'], ['b', '2']]);
});

t.test('everything, nothing, add', async (t) => {
  t.ok(LabelSelector.everything().isEmpty());
  t.ok(LabelSelector.everything().matches({ a: 'b' }));
  t.notOk(LabelSelector.nothing().isEmpty());
  t.ok(LabelSelector.nothing().isNothing());
  t.notOk(LabelSelector.nothing().matches({}));
  t.equal(LabelSelector.nothing().toString(), '');
  t.equal(parseLabelSelector('b=1').add(req('a', 'exists')).toString(), 'a,b=1');
  t.equal(LabelSelector.nothing().add(req('a', 'exists')).isNothing(), true);
});

t.test('labelSelectorFromObject: metav1.LabelSelector', async (t) => {
  const ok = (sel: Parameters<typeof labelSelectorFromObject>[0]) => {
    const r = labelSelectorFromObject(sel);
    t.same(r.errors, [], 'no errors');
    return r.selector!;
  };
  t.ok(ok(undefined).isNothing(), 'a missing selector selects nothing');
  t.ok(ok(null).isNothing());
  t.ok(ok({}).isEmpty(), 'an empty selector selects everything');
  t.ok(ok({ matchLabels: {}, matchExpressions: [] }).isEmpty());
  const s = ok({
    matchLabels: { app: 'web', tier: 'fe' },
    matchExpressions: [
      { key: 'env', operator: 'In', values: ['prod', 'canary'] },
      { key: 'track', operator: 'NotIn', values: ['beta'] },
      { key: 'owner', operator: 'Exists' },
      { key: 'legacy', operator: 'DoesNotExist', values: [] },
    ],
  });
  t.equal(s.toString(), 'app=web,env in (canary,prod),!legacy,owner,tier=fe,track notin (beta)');
  t.ok(s.matches({ app: 'web', tier: 'fe', env: 'prod', owner: 'me' }));
  t.notOk(s.matches({ app: 'web', tier: 'fe', env: 'prod', owner: 'me', legacy: '' }));
  t.notOk(s.matches({ app: 'web', tier: 'fe', env: 'prod', owner: 'me', track: 'beta' }));
  t.same([...s.exactMatches()].sort(), [['app', 'web'], ['tier', 'fe']]);

  const bad = labelSelectorFromObject(
    {
      matchLabels: { 'bad key!': 'v', good: 'bad value!' },
      matchExpressions: [
        { key: 'a', operator: 'In' },
        { key: 'b', operator: 'Exists', values: ['x'] },
        { key: 'c', operator: 'Equals', values: ['x'] },
        { key: 'd', operator: 'in', values: ['x@'] },
      ],
    },
    'spec.selector',
  );
  t.equal(bad.selector, null, 'an invalid selector converts to nothing usable');
  t.same(
    bad.errors.map((e) => [e.type, e.field]),
    [
      ['FieldValueInvalid', 'spec.selector.matchLabels'],
      ['FieldValueInvalid', 'spec.selector.matchLabels'],
      ['FieldValueRequired', 'spec.selector.matchExpressions[0].values'],
      ['FieldValueForbidden', 'spec.selector.matchExpressions[1].values'],
      ['FieldValueInvalid', 'spec.selector.matchExpressions[2].operator'],
      ['FieldValueInvalid', 'spec.selector.matchExpressions[3].operator'],
      ['FieldValueInvalid', 'spec.selector.matchExpressions[3].values[0]'],
    ],
  );
  t.equal(bad.errors[2]!.detail, "must be specified when `operator` is 'In' or 'NotIn'");
  t.equal(bad.errors[3]!.detail, "may not be specified when `operator` is 'Exists' or 'DoesNotExist'");
  t.equal(bad.errors[4]!.detail, 'not a valid selector operator');
  t.equal(bad.errors[4]!.value, 'Equals');
  t.equal(bad.errors[1]!.value, 'bad value!');
  const keyErr = labelSelectorFromObject({ matchExpressions: [{ key: '', operator: 'Exists' }] }, 'spec.template.selector').errors;
  t.same(
    keyErr.map((e) => [e.field, e.detail.slice(0, 30)]),
    [
      ['spec.template.selector.matchExpressions[0].key', 'name part must be non-empty'],
      ['spec.template.selector.matchExpressions[0].key', 'name part must consist of alph'],
    ],
    'an empty key gets both of IsQualifiedName’s complaints',
  );
});
