// nodeSelector and node affinity: terms ORed, requirements ANDed, every operator, matchFields on
// metadata.name, and empty or malformed terms matching nothing.
import t from 'tap';
import { preferredNodeAffinity, requiredNodeAffinity } from './node-affinity.js';
import type { NodeSelectorTerm } from './types.js';

const node = (name: string, labels: Record<string, string>) => ({ name, labels });
const required = (...nodeSelectorTerms: NodeSelectorTerm[]) => requiredNodeAffinity(undefined, { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms } });
const expr = (key: string, operator: string, values?: string[]): NodeSelectorTerm => ({ matchExpressions: [{ key, operator, ...(values ? { values } : {}) }] });

t.test('nodeSelector: every pair must match', async (t) => {
  const a = requiredNodeAffinity({ heavy_db_server: 'true', zone: 'a' }, undefined);
  t.notOk(a.trivial);
  t.ok(a.matches(node('n', { heavy_db_server: 'true', zone: 'a', other: 'x' })));
  t.notOk(a.matches(node('n', { heavy_db_server: 'true' })));
  t.notOk(a.matches(node('n', { heavy_db_server: 'false', zone: 'a' })));
  t.ok(requiredNodeAffinity({}, undefined).trivial);
});

t.test('operators', async (t) => {
  const n = node('n1', { zone: 'a', gen: '5', flag: '' });
  const cases: Array<[NodeSelectorTerm, boolean]> = [
    [expr('zone', 'In', ['a', 'b']), true],
    [expr('zone', 'In', ['c']), false],
    [expr('zone', 'NotIn', ['c']), true],
    [expr('zone', 'NotIn', ['a']), false],
    [expr('absent', 'NotIn', ['a']), true],
    [expr('flag', 'Exists'), true],
    [expr('absent', 'Exists'), false],
    [expr('absent', 'DoesNotExist'), true],
    [expr('zone', 'DoesNotExist'), false],
    [expr('gen', 'Gt', ['4']), true],
    [expr('gen', 'Gt', ['5']), false],
    [expr('gen', 'Lt', ['6']), true],
    [expr('zone', 'Gt', ['1']), false],
    [expr('gen', 'Gt', ['x']), false],
    [expr('zone', 'In', []), false],
    [expr('zone', 'Bogus', ['a']), false],
    [{ matchFields: [{ key: 'metadata.name', operator: 'In', values: ['n1'] }] }, true],
    [{ matchFields: [{ key: 'metadata.name', operator: 'NotIn', values: ['n1'] }] }, false],
    [{ matchFields: [{ key: 'metadata.uid', operator: 'In', values: ['n1'] }] }, false],
    [{}, false],
  ];
  for (const [term, want] of cases) t.equal(required(term).matches(n), want, JSON.stringify(term));
});

t.test('terms are ORed, requirements inside ANDed; nodeSelector and affinity both apply', async (t) => {
  const a = required({ matchExpressions: [{ key: 'zone', operator: 'In', values: ['a'] }, { key: 'disk', operator: 'In', values: ['ssd'] }] }, expr('zone', 'In', ['z']));
  t.ok(a.matches(node('n', { zone: 'a', disk: 'ssd' })));
  t.notOk(a.matches(node('n', { zone: 'a', disk: 'hdd' })));
  t.ok(a.matches(node('n', { zone: 'z' })));
  t.notOk(required().matches(node('n', {})), 'no terms: nothing matches');
  const both = requiredNodeAffinity({ disk: 'ssd' }, { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [expr('zone', 'In', ['a'])] } });
  t.ok(both.matches(node('n', { zone: 'a', disk: 'ssd' })));
  t.notOk(both.matches(node('n', { zone: 'a' })));
});

t.test('preferred terms add their weights', async (t) => {
  const p = preferredNodeAffinity({
    preferredDuringSchedulingIgnoredDuringExecution: [
      { weight: 10, preference: expr('zone', 'In', ['a']) },
      { weight: 5, preference: expr('disk', 'Exists') },
      { weight: 0, preference: expr('zone', 'Exists') },
      { weight: 50, preference: {} },
    ],
  });
  t.equal(p.score(node('n', { zone: 'a', disk: 'ssd' })), 15);
  t.equal(p.score(node('n', { zone: 'b' })), 0);
  t.ok(preferredNodeAffinity(undefined).trivial);
});
