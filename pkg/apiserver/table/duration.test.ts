// HumanDuration against apimachinery's duration_test.go (TestHumanDuration and its boundaries),
// with Go durations written in milliseconds.
import t from 'tap';
import { humanDuration, translateTimestampSince } from './duration.js';

const S = 1000;
const M = 60 * S;
const H = 60 * M;
const D = 24 * H;
const NS = 1e-6; // one nanosecond, in ms

t.test('TestHumanDuration', async (t) => {
  const cases: Array<[number, string]> = [
    [S, '1s'],
    [70 * S, '70s'],
    [190 * S, '3m10s'],
    [70 * M, '70m'],
    [47 * H, '47h'],
    [49 * H, '2d1h'],
    [(8 * 24 + 2) * H, '8d'],
    [367 * 24 * H, '367d'],
    [(365 * 2 * 24 + 25) * H, '2y1d'],
    [(365 * 8 * 24 + 2) * H, '8y'],
  ];
  for (const [ms, want] of cases) t.equal(humanDuration(ms), want, `${ms}ms`);
});

t.test('TestHumanDurationBoundaries', async (t) => {
  const cases: Array<[number, string]> = [
    [-2 * S, '<invalid>'],
    [-2 * S + NS, '0s'],
    [0, '0s'],
    [S - 1, '0s'],
    [2 * M - 1, '119s'],
    [2 * M, '2m'],
    [2 * M + S, '2m1s'],
    [10 * M - 1, '9m59s'],
    [10 * M, '10m'],
    [10 * M + S, '10m'],
    [3 * H - 1, '179m'],
    [3 * H, '3h'],
    [3 * H + M, '3h1m'],
    [8 * H - 1, '7h59m'],
    [8 * H, '8h'],
    [8 * H + 59 * M, '8h'],
    [2 * D - 1, '47h'],
    [2 * D, '2d'],
    [2 * D + H, '2d1h'],
    [8 * D - 1, '7d23h'],
    [8 * D, '8d'],
    [8 * D + 23 * H, '8d'],
    [2 * 365 * D - 1, '729d'],
    [2 * 365 * D, '2y'],
    [2 * 365 * D + 23 * H, '2y'],
    [2 * 365 * D + 23 * H + 59 * M, '2y'],
    [2 * 365 * D + D - 1, '2y'],
    [2 * 365 * D + D, '2y1d'],
    [3 * 365 * D, '3y'],
    [4 * 365 * D, '4y'],
    [5 * 365 * D, '5y'],
    [6 * 365 * D, '6y'],
    [7 * 365 * D, '7y'],
    [8 * 365 * D - 1, '7y364d'],
    [8 * 365 * D, '8y'],
    [8 * 365 * D + 364 * D, '8y'],
    [9 * 365 * D, '9y'],
  ];
  for (const [ms, want] of cases) t.equal(humanDuration(ms), want, `${ms}ms`);
});

t.test('translateTimestampSince', async (t) => {
  const now = Date.parse('2024-05-01T12:00:00Z');
  t.equal(translateTimestampSince('2024-05-01T11:56:58Z', now), '3m2s');
  t.equal(translateTimestampSince('2024-04-29T09:00:00Z', now), '2d3h');
  t.equal(translateTimestampSince('2024-03-17T12:00:00Z', now), '45d');
  t.equal(translateTimestampSince('2024-05-01T11:59:59.123456Z', now), '0s', 'MicroTime parses');
  t.equal(translateTimestampSince('2024-05-01T12:00:05Z', now), '<invalid>', 'future beyond skew');
  t.equal(translateTimestampSince(undefined, now), '<unknown>', 'zero time');
  t.equal(translateTimestampSince('', now), '<unknown>');
  t.equal(translateTimestampSince('not a time', now), '<unknown>');
});
