import t from 'tap';
import type { KubeObject } from '../../../api/meta/object.js';
import { DeletedFinalStateUnknown, eventDeltas, isDeletedFinalStateUnknown, objectOf, replaceDeltas, type Delta } from './deltas.js';
import { Indexer } from './indexer.js';

const cm = (name: string, rv: string, uid = `uid-${name}`): KubeObject => ({ metadata: { namespace: 'ns', name, resourceVersion: rv, uid } });
const summary = (ds: Delta[]): string[] =>
  ds.map((d) => {
    if (d.type === 'update') return `update ${d.key} ${d.old.metadata?.resourceVersion}->${d.obj.metadata?.resourceVersion}`;
    if (d.type === 'delete') return `delete ${d.key}${isDeletedFinalStateUnknown(d.obj) ? ' (final state unknown)' : ''} @${objectOf(d.obj).metadata?.resourceVersion}`;
    return `add ${d.key} @${d.obj.metadata?.resourceVersion}`;
  });

t.test('replace: adds, updates only where the resourceVersion moved, deletes for what vanished', async (t) => {
  const cache = new Indexer();
  for (const o of [cm('same', '1'), cm('changed', '2'), cm('gone', '3'), cm('recreated', '4')]) cache.set(o);
  const ds = replaceDeltas(cache, [cm('same', '1'), cm('changed', '7'), cm('new', '8'), cm('recreated', '9', 'another-uid')]);
  t.same(summary(ds), [
    'update ns/changed 2->7',
    'add ns/new @8',
    'delete ns/recreated (final state unknown) @4',
    'add ns/recreated @9',
    'delete ns/gone (final state unknown) @3',
  ]);
  const gone = ds.find((d) => d.key === 'ns/gone');
  t.ok(gone?.type === 'delete' && gone.obj instanceof DeletedFinalStateUnknown && gone.obj.key === 'ns/gone' && gone.obj.obj.metadata?.name === 'gone', 'carries the key and the last known object');
  t.same(replaceDeltas(new Indexer(), []), [], 'empty to empty: nothing');
  t.same(summary(replaceDeltas(new Indexer(), [cm('a', '1')])), ['add ns/a @1']);
});

t.test('watch events: duplicates and unknown deletes are dropped, adds of known objects are updates', async (t) => {
  const cache = new Indexer();
  cache.set(cm('a', '5'));
  t.same(summary(eventDeltas(cache, { type: 'ADDED', object: cm('b', '6') })), ['add ns/b @6']);
  t.same(summary(eventDeltas(cache, { type: 'ADDED', object: cm('a', '6') })), ['update ns/a 5->6'], 'ADDED for a known object');
  t.same(summary(eventDeltas(cache, { type: 'MODIFIED', object: cm('a', '5') })), [], 'the same write delivered twice');
  t.same(summary(eventDeltas(cache, { type: 'MODIFIED', object: cm('c', '7') })), ['add ns/c @7'], 'MODIFIED for an unknown object');
  t.same(summary(eventDeltas(cache, { type: 'DELETED', object: cm('a', '8') })), ['delete ns/a @8'], 'a watched delete has its final state');
  t.same(summary(eventDeltas(cache, { type: 'DELETED', object: cm('zz', '9') })), [], 'a delete of an object never seen');
  t.same(summary(eventDeltas(cache, { type: 'BOOKMARK', object: { metadata: { resourceVersion: '10' } } })), []);
  t.same(summary(eventDeltas(cache, { type: 'MODIFIED', object: cm('a', '11', 'new-uid') })), ['delete ns/a (final state unknown) @5', 'add ns/a @11']);
});
