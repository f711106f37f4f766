import t from 'tap';
import { parseLabelSelector, LabelSelector } from '../../../api/meta/label-selector.js';
import type { KubeObject } from '../../../api/meta/object.js';
import { Indexer, LABEL_INDEX, NAMESPACE_INDEX, NODE_NAME_INDEX, defaultIndexers, metaNamespaceKey, splitMetaNamespaceKey } from './indexer.js';

const pod = (ns: string, name: string, labels: Record<string, string> = {}, nodeName?: string): KubeObject => ({
  metadata: { namespace: ns, name, labels, resourceVersion: '1' },
  spec: nodeName ? { nodeName } : {},
});
const names = (objs: KubeObject[]): string[] => objs.map(metaNamespaceKey).sort();

t.test('keys', async (t) => {
  t.equal(metaNamespaceKey(pod('a', 'x')), 'a/x');
  t.equal(metaNamespaceKey({ metadata: { name: 'node-1' } }), 'node-1');
  t.same(splitMetaNamespaceKey('a/x'), { namespace: 'a', name: 'x' });
  t.same(splitMetaNamespaceKey('node-1'), { namespace: '', name: 'node-1' });
});

t.test('store and the default indexes follow adds, updates and deletes', async (t) => {
  const ix = new Indexer(defaultIndexers({ group: '', resource: 'pods' }));
  ix.set(pod('a', 'web-1', { app: 'web', tier: 'fe' }, 'n1'));
  ix.set(pod('a', 'web-2', { app: 'web' }, 'n2'));
  ix.set(pod('b', 'db-1', { app: 'db' }));
  t.equal(ix.size, 3);
  t.equal(ix.get('a/web-1')?.metadata?.name, 'web-1');
  t.same(names(ix.byIndex(NAMESPACE_INDEX, 'a')), ['a/web-1', 'a/web-2']);
  t.same(names(ix.byIndex(LABEL_INDEX, 'app=web')), ['a/web-1', 'a/web-2']);
  t.same(names(ix.byIndex(NODE_NAME_INDEX, 'n1')), ['a/web-1']);
  t.same(ix.byIndex(NODE_NAME_INDEX, ''), [], 'unscheduled pods are not filed');

  // An update moves the object between index values.
  ix.set(pod('a', 'web-1', { app: 'api' }, 'n2'));
  t.same(names(ix.byIndex(LABEL_INDEX, 'app=web')), ['a/web-2']);
  t.same(names(ix.byIndex(LABEL_INDEX, 'app=api')), ['a/web-1']);
  t.same(ix.byIndex(LABEL_INDEX, 'tier=fe'), []);
  t.same(names(ix.byIndex(NODE_NAME_INDEX, 'n2')), ['a/web-1', 'a/web-2']);
  t.notOk(ix.indexValues(NODE_NAME_INDEX).includes('n1'), 'empty index values are dropped');

  t.equal(ix.delete('a/web-2')?.metadata?.name, 'web-2');
  t.equal(ix.delete('a/web-2'), undefined);
  t.same(names(ix.byIndex(NAMESPACE_INDEX, 'a')), ['a/web-1']);
  t.same(ix.listKeys().sort(), ['a/web-1', 'b/db-1']);
  t.throws(() => ix.byIndex('nope', 'x'), /index "nope" does not exist/);
});

t.test('index removal does not trust a mutated cached object', async (t) => {
  const ix = new Indexer();
  const obj = pod('a', 'x', { app: 'web' });
  ix.set(obj);
  (obj.metadata!.labels as Record<string, string>)['app'] = 'changed-in-place';
  ix.delete('a/x');
  t.same(ix.byIndex(LABEL_INDEX, 'app=web'), [], 'filed values are remembered, not recomputed');
});

t.test('custom indexers, also added after objects exist', async (t) => {
  const ix = new Indexer();
  ix.set({ metadata: { namespace: 'a', name: 'x', ownerReferences: [{ apiVersion: 'v1', kind: 'RC', name: 'rc1', uid: 'u1' }] } });
  ix.set({ metadata: { namespace: 'a', name: 'y' } });
  ix.addIndexers({ byOwner: (o) => (o.metadata?.ownerReferences ?? []).map((r) => r.uid) });
  t.same(names(ix.byIndex('byOwner', 'u1')), ['a/x']);
  t.same(ix.indexKeys('byOwner', 'u1'), ['a/x']);
  t.throws(() => ix.addIndexers({ byOwner: () => [] }), /already exists/);
  ix.set({ metadata: { namespace: 'a', name: 'y', ownerReferences: [{ apiVersion: 'v1', kind: 'RC', name: 'rc1', uid: 'u1' }] } });
  t.same(names(ix.byIndex('byOwner', 'u1')), ['a/x', 'a/y']);
});

t.test('listers: selectors, namespaces, cluster-scoped gets', async (t) => {
  const ix = new Indexer();
  ix.set(pod('a', 'web-1', { app: 'web', env: 'prod' }));
  ix.set(pod('a', 'web-2', { app: 'web', env: 'dev' }));
  ix.set(pod('b', 'web-3', { app: 'web', env: 'prod' }));
  ix.set(pod('b', 'db', { app: 'db' }));
  ix.set({ metadata: { name: 'node-1', labels: { app: 'web' } } });
  const lister = ix.lister();
  t.equal(lister.list().length, 5);
  t.same(names(lister.list(parseLabelSelector('app=web,env=prod'))), ['a/web-1', 'b/web-3']);
  t.same(names(lister.list(parseLabelSelector('app in (web),env!=prod'))), ['a/web-2', 'node-1'], 'a missing label is not prod');
  t.same(names(lister.list(parseLabelSelector('env'))), ['a/web-1', 'a/web-2', 'b/web-3'], 'set-based selectors without an exact match scan');
  t.same(lister.list(LabelSelector.nothing()), []);
  t.equal(lister.list(LabelSelector.everything()).length, 5);
  t.same(names(lister.namespaced('b').list()), ['b/db', 'b/web-3']);
  t.same(names(lister.namespaced('b').list(parseLabelSelector('app=web'))), ['b/web-3']);
  t.same(lister.namespaced('c').list(), []);
  t.equal(lister.namespaced('a').get('web-2')?.metadata?.name, 'web-2');
  t.equal(lister.namespaced('a').get('db'), undefined);
  t.equal(lister.namespaced('').get('node-1')?.metadata?.name, 'node-1');
  t.equal(lister.get('node-1')?.metadata?.name, 'node-1');
  t.same(names(lister.namespaced('').list()), ['node-1'], "cluster-scoped objects are in namespace ''");
});

t.test('results are snapshots', async (t) => {
  const ix = new Indexer();
  ix.set(pod('a', 'x'));
  const listed = ix.list();
  const byNs = ix.byIndex(NAMESPACE_INDEX, 'a');
  ix.set(pod('a', 'y'));
  ix.delete('a/x');
  t.equal(listed.length, 1);
  t.equal(byNs.length, 1);
});
