// goSliceStable against a plain stable sort for consistent comparators, and against outcomes of
// Go's sort.SliceStable for the inconsistent comparator strategic merge patch uses.
import t from 'tap';
import { goSliceStable } from './go-sort.js';

t.test('sorts stably for consistent comparators, across block sizes', async (t) => {
  let seed = 7;
  const rand = (): number => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  for (const n of [0, 1, 2, 5, 19, 20, 21, 39, 40, 41, 100, 257]) {
    const items = Array.from({ length: n }, (_, i) => ({ key: Math.floor(rand() * 10), i }));
    const expected = [...items].sort((a, b) => a.key - b.key);
    goSliceStable(items, (a, b) => a.key < b.key);
    t.strictSame(items, expected, `n=${n}`);
  }
});

t.test('an always-true less (items missing from the order) reverses as Go insertion sort does', async (t) => {
  const items = [1, 2, 3, 4];
  goSliceStable(items, () => true);
  t.strictSame(items, [4, 3, 2, 1]);
});
