// The pieces the apps/v1 workloads share.
import t from 'tap';
import { messagesOf } from '../../meta/validation-testing.js';
import { intOrPercentValue, notMoreThan100Percent, validatePositiveIntOrPercent, validateSelectorUnchanged } from './workload.js';

t.test('int-or-percent values', async (t) => {
  t.equal(intOrPercentValue('25%'), 25);
  t.equal(intOrPercentValue(3), 3);
  t.equal(intOrPercentValue('3'), 3, 'a numeric string reads as its number, as IntValue does');
  t.equal(intOrPercentValue('x'), 0);
  t.strictSame(validatePositiveIntOrPercent('10%', 'p'), []);
  t.strictSame(messagesOf(validatePositiveIntOrPercent(-1, 'p')), ['p: Invalid value: -1: must be greater than or equal to 0']);
  t.strictSame(messagesOf(validatePositiveIntOrPercent(true, 'p')), ["p: Invalid value: true: must be an integer or percentage (e.g '5%%')"]);
  t.strictSame(notMoreThan100Percent('100%', 'p'), []);
  t.equal(notMoreThan100Percent('101%', 'p').length, 1);
});

t.test('selectors compare semantically', async (t) => {
  t.strictSame(validateSelectorUnchanged({ selector: { matchLabels: { a: 'b' }, matchExpressions: [] } }, { selector: { matchLabels: { a: 'b' } } }), []);
  t.equal(validateSelectorUnchanged({ selector: { matchLabels: { a: 'c' } } }, { selector: { matchLabels: { a: 'b' } } }).length, 1);
});
