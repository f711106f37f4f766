// parseQuantity and the stored form of quantities, against apimachinery's grammar and printing.
import t from 'tap';
import {
  canonicalQuantity, compareQuantities, parseQuantity, parseQuantityExact, QUANTITY_FORMAT_ERROR, QUANTITY_SUFFIX_ERROR, QuantityError,
} from './quantity.js';

t.test('values in base units', async (t) => {
  const cases: Array<[string | number, number]> = [
    ['100m', 0.1], ['0.5', 0.5], ['1', 1], ['2', 2], ['1e3', 1000], ['1E3', 1000], ['1.5e3', 1500], ['1k', 1000], ['1M', 1e6],
    ['1G', 1e9], ['1T', 1e12], ['1P', 1e15], ['1E', 1e18], ['1Ki', 1024], ['1Mi', 1048576], ['1Gi', 1073741824],
    ['1.5Gi', 1610612736], ['250u', 0.00025], ['7n', 7e-9], ['-1', -1], ['+2', 2], ['.5', 0.5], ['5.', 5], ['1e-3', 0.001],
    ['129e6', 129e6], [' 1Gi ', 1073741824], [2, 2], [0.25, 0.25], ['0', 0], ['.', 0], ['Gi', 0], ['-', 0],
  ];
  for (const [input, want] of cases) t.equal(parseQuantity(input), want, JSON.stringify(input));
});

t.test('malformed quantities fail with apimachinery messages', async (t) => {
  for (const bad of ['', 'abc', '1.2.3', '1Gb', '1e', '1em', '--1', '1 Gi', '1Mi1']) {
    t.throws(() => parseQuantity(bad), QuantityError, bad);
  }
  t.throws(() => parseQuantity('abc'), { message: QUANTITY_FORMAT_ERROR });
  t.throws(() => parseQuantity('1K'), { message: QUANTITY_SUFFIX_ERROR }, 'K is not a suffix; k is');
  t.throws(() => parseQuantity('1ki'), { message: QUANTITY_SUFFIX_ERROR });
  t.equal(QUANTITY_FORMAT_ERROR, "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'");
});

t.test('stored form: canonical, or the input where Go keeps it', async (t) => {
  const cases: Array<[string | number, string]> = [
    ['100m', '100m'], ['0.5', '500m'], ['1000m', '1'], ['1.0', '1'], ['1.000', '1'], ['1500m', '1500m'], ['1500', '1500'],
    ['1000', '1k'], ['2000000', '2M'], ['1e3', '1e3'], ['1.5e3', '1500'], ['1024Mi', '1Gi'], ['1536Mi', '1536Mi'],
    ['1.5Gi', '1536Mi'], ['0.5Gi', '512Mi'], ['500Ki', '500Ki'], ['8Gi', '8Gi'], ['1Gi', '1Gi'], ['0.5Ki', '512'],
    ['1025', '1025'], ['128974848', '128974848'], ['129e6', '129e6'], ['123Mi', '123Mi'], ['.5', '500m'],
    ['0.0000000001', '1n'], ['1u', '1u'], ['-1', '-1'], ['+1Gi', '+1Gi'], ['0', '0'], ['0Gi', '0'], [2, '2'], [0.25, '250m'],
  ];
  for (const [input, want] of cases) t.equal(canonicalQuantity(input), want, JSON.stringify(input));
});

t.test('resource lists round up to milli precision (SetDefaults_ResourceList)', async (t) => {
  t.equal(canonicalQuantity('0.0001', { milli: true }), '1m');
  t.equal(canonicalQuantity('1n', { milli: true }), '1m');
  t.equal(canonicalQuantity('1.0005', { milli: true }), '1001m');
  t.equal(canonicalQuantity('100m', { milli: true }), '100m', 'already milli: the input is kept');
  t.equal(canonicalQuantity('-0.0001', { milli: true }), '-1m', 'away from zero');
});

t.test('exact comparison', async (t) => {
  const q = (s: string) => parseQuantityExact(s);
  t.equal(compareQuantities(q('1'), q('1000m')), 0);
  t.equal(compareQuantities(q('1Gi'), q('1G')), 1);
  t.equal(compareQuantities(q('-1'), q('0')), -1);
  t.equal(compareQuantities(q('500m'), q('0.5')), 0);
});
