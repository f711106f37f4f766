// Label selectors in specs: validation and matching.
import t from 'tap';
import { findError, messagesOf } from './validation-testing.js';
import { labelSelectorMeaning, mapSelectorMatches, validateLabelSelector } from './validation-selector.js';

t.test('valid selectors', async (t) => {
  t.strictSame(validateLabelSelector({ matchLabels: { app: 'web' }, matchExpressions: [{ key: 'tier', operator: 'In', values: ['a', 'b'] }, { key: 'x', operator: 'Exists' }] }, 'spec.selector'), []);
  t.strictSame(validateLabelSelector(undefined, 'spec.selector'), []);
});

t.test('invalid requirements', async (t) => {
  const errs = (expr: Record<string, unknown>) => validateLabelSelector({ matchExpressions: [expr] }, 'spec.selector');
  t.strictSame(messagesOf(errs({ key: 'a', operator: 'In' })), ["spec.selector.matchExpressions[0].values: Required value: must be specified when `operator` is 'In' or 'NotIn'"]);
  t.strictSame(messagesOf(errs({ key: 'a', operator: 'Exists', values: ['x'] })), ["spec.selector.matchExpressions[0].values: Forbidden: may not be specified when `operator` is 'Exists' or 'DoesNotExist'"]);
  t.strictSame(messagesOf(errs({ key: 'a', operator: 'Equals', values: ['x'] })), ['spec.selector.matchExpressions[0].operator: Invalid value: "Equals": not a valid selector operator']);
  t.ok(findError(errs({ key: 'a b', operator: 'Exists' }), 'spec.selector.matchExpressions[0].key', 'FieldValueInvalid'));
  t.ok(findError(errs({ key: 'a', operator: 'In', values: ['no way'] }), 'spec.selector.matchExpressions[0].values[0]', 'FieldValueInvalid'));
  t.ok(findError(validateLabelSelector({ matchLabels: { app: 'x y' } }, 'spec.selector'), 'spec.selector.matchLabels', 'FieldValueInvalid'));
});

t.test('meaning: nil selects nothing, empty everything, errors are undefined', async (t) => {
  const labels = { app: 'web', tier: 'front' };
  t.equal(labelSelectorMeaning(undefined)!.matches(labels), false);
  t.equal(labelSelectorMeaning(undefined)!.empty, false);
  t.equal(labelSelectorMeaning({})!.matches(labels), true);
  t.equal(labelSelectorMeaning({})!.empty, true);
  t.equal(labelSelectorMeaning({ matchLabels: { app: 'web' } })!.matches(labels), true);
  t.equal(labelSelectorMeaning({ matchLabels: { app: 'db' } })!.matches(labels), false);
  t.equal(labelSelectorMeaning({ matchExpressions: [{ key: 'tier', operator: 'NotIn', values: ['back'] }] })!.matches(labels), true);
  t.equal(labelSelectorMeaning({ matchExpressions: [{ key: 'zone', operator: 'NotIn', values: ['a'] }] })!.matches(labels), true, 'NotIn matches a missing key');
  t.equal(labelSelectorMeaning({ matchExpressions: [{ key: 'zone', operator: 'DoesNotExist' }] })!.matches(labels), true);
  t.equal(labelSelectorMeaning({ matchExpressions: [{ key: 'zone', operator: 'Exists' }] })!.matches(labels), false);
  t.equal(labelSelectorMeaning({ matchExpressions: [{ key: 'a', operator: 'In' }] }), undefined);
  t.equal(labelSelectorMeaning({ matchExpressions: [{ key: 'a', operator: 'Bogus' }] }), undefined);
  t.ok(mapSelectorMatches({ app: 'web' }, labels));
  t.notOk(mapSelectorMatches({ app: 'web', v: '1' }, labels));
});
