// The in-memory namespace check never answers from a state older than the last namespace write.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import t from 'tap';
import type { KubeObject } from '../../../api/meta/object.js';
import { LevelStore } from '../../storage/level/store.js';
import { NamespaceGuardCache } from './namespace-guard.js';

const PREFIX = '/registry/namespaces/';
const enc = (o: unknown): Uint8Array => Buffer.from(JSON.stringify(o));

t.test('remembers active namespaces, forgets them on every write, and not across a concurrent write', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'kubelite-nsguard-'));
  const store = await LevelStore.open(join(dir, 'store'));
  t.teardown(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });
  const cache = new NamespaceGuardCache();
  const tracked = cache.track(store, (key) => key.slice(PREFIX.length));
  const read = async (name: string): Promise<KubeObject | undefined> => {
    const kv = await tracked.get(PREFIX + name);
    return kv ? (JSON.parse(Buffer.from(kv.value).toString()) as KubeObject) : undefined;
  };

  t.equal(await cache.lookup('a', () => read('a')), undefined);
  t.notOk(cache.isActive('a'), 'a missing namespace is not remembered');
  const created = await tracked.create(PREFIX + 'a', enc({ metadata: { name: 'a' } }));
  await cache.lookup('a', () => read('a'));
  t.ok(cache.isActive('a'), 'an active namespace is remembered');

  await tracked.update(PREFIX + 'a', enc({ metadata: { name: 'a', deletionTimestamp: '2024-01-01T00:00:00Z' } }), created.modRevision);
  t.notOk(cache.isActive('a'), 'a write forgets it');
  await cache.lookup('a', () => read('a'));
  t.notOk(cache.isActive('a'), 'a terminating namespace is not remembered');

  await tracked.create(PREFIX + 'b', enc({ metadata: { name: 'b' } }));
  // A read that started before a write and finished after it may have seen the old state.
  let release: () => void = () => undefined;
  const gate = new Promise<void>((r) => (release = r));
  const slow = cache.lookup('b', async () => {
    const ns = await read('b');
    await gate;
    return ns;
  });
  const kv = await store.get(PREFIX + 'b');
  await tracked.update(PREFIX + 'b', enc({ metadata: { name: 'b', deletionTimestamp: '2024-01-01T00:00:00Z' } }), kv?.modRevision);
  release();
  await slow;
  t.notOk(cache.isActive('b'), 'a lookup that overlapped a write is not remembered');
});
