// The three-way patch of client-side apply, on the cases kubectl's apply tests and documentation
// describe: a field removed from the manifest is deleted, a changed one updated, a field only the
// live object has is kept, containers merge by name, and a re-apply of the same manifest is `{}`.
import t from 'tap';
import { patchMetaFor } from '../../api/patch-meta.js';
import { threeWayMergePatch, threeWayStrategicPatch, type JsonObject } from './apply-patch.js';

const deployMeta = patchMetaFor('apps/v1', 'Deployment');
if (!deployMeta) throw new Error('no patch metadata for Deployment');
const meta = deployMeta;

const deploy = (spec: JsonObject, labels: JsonObject = { app: 'web' }): JsonObject => ({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web', labels }, spec });
const containers = (...cs: JsonObject[]): JsonObject => ({ template: { spec: { containers: cs } } });

t.test('unchanged manifest: nothing to patch, whatever else the live object has', async (t) => {
  const m = deploy({ replicas: 2, ...containers({ name: 'a', image: 'nginx:1' }) });
  const live: JsonObject = { ...deploy({ replicas: 2, paused: false, ...containers({ name: 'a', image: 'nginx:1', imagePullPolicy: 'Always' }) }), status: { replicas: 2 } };
  t.same(threeWayStrategicPatch(m, m, live, meta), {});
  t.same(threeWayMergePatch(m, m, { ...live, spec: { ...(live['spec'] as JsonObject), template: (m['spec'] as JsonObject)['template'] as JsonObject } }), {});
  // JSON merge patch has no merge keys: a list that differs from the manifest is sent whole.
  t.same(threeWayMergePatch(m, m, live), { spec: { template: { spec: { containers: [{ name: 'a', image: 'nginx:1' }] } } } });
});

t.test('a field removed from the manifest is deleted; one only the live object has is kept', async (t) => {
  const original = deploy({ replicas: 2, minReadySeconds: 5 }, { app: 'web', tier: 'fe' });
  const modified = deploy({ replicas: 2 }, { app: 'web' });
  const live = deploy({ replicas: 2, minReadySeconds: 5, revisionHistoryLimit: 10 }, { app: 'web', tier: 'fe', 'added-by': 'someone-else' });
  t.same(threeWayStrategicPatch(original, modified, live, meta), { metadata: { labels: { tier: null } }, spec: { minReadySeconds: null } });
});

t.test('a changed field is updated, even when the live value drifted', async (t) => {
  const original = deploy({ replicas: 2 });
  const modified = deploy({ replicas: 3 });
  t.same(threeWayStrategicPatch(original, modified, deploy({ replicas: 5 }), meta), { spec: { replicas: 3 } });
  t.same(threeWayStrategicPatch(original, original, deploy({ replicas: 5 }), meta), { spec: { replicas: 2 } }, 'the manifest wins over live drift (overwrite)');
});

t.test('containers merge by name: change one, add one, delete one, keep server defaults', async (t) => {
  const original = deploy(containers({ name: 'a', image: 'nginx:1', env: [{ name: 'X', value: '1' }, { name: 'Y', value: '2' }] }, { name: 'b', image: 'busybox' }));
  const modified = deploy(containers({ name: 'a', image: 'nginx:2', env: [{ name: 'X', value: '1' }] }, { name: 'c', image: 'redis' }));
  const live = deploy(containers({ name: 'a', image: 'nginx:1', imagePullPolicy: 'IfNotPresent', env: [{ name: 'X', value: '1' }, { name: 'Y', value: '2' }] }, { name: 'b', image: 'busybox' }));
  t.same(threeWayStrategicPatch(original, modified, live, meta), {
    spec: {
      template: {
        spec: {
          containers: [
            { name: 'a', image: 'nginx:2', env: [{ name: 'Y', $patch: 'delete' }], '$setElementOrder/env': [{ name: 'X' }] },
            { name: 'c', image: 'redis' },
            { name: 'b', $patch: 'delete' },
          ],
          '$setElementOrder/containers': [{ name: 'a' }, { name: 'c' }],
        },
      },
    },
  });
});

t.test('a container added by someone else stays; reordering is told with $setElementOrder', async (t) => {
  const original = deploy(containers({ name: 'a', image: 'x' }, { name: 'b', image: 'y' }));
  const modified = deploy(containers({ name: 'b', image: 'y' }, { name: 'a', image: 'x' }));
  const live = deploy(containers({ name: 'a', image: 'x' }, { name: 'b', image: 'y' }, { name: 'injected', image: 'z' }));
  t.same(threeWayStrategicPatch(original, modified, live, meta), { spec: { template: { spec: { '$setElementOrder/containers': [{ name: 'b' }, { name: 'a' }] } } } });
});

t.test('primitive merge lists delete with $deleteFromPrimitiveList; replace lists go whole', async (t) => {
  const original = { ...deploy({}), metadata: { name: 'web', finalizers: ['a', 'b'] } };
  const modified = { ...deploy({}), metadata: { name: 'web', finalizers: ['a'] } };
  t.same(threeWayStrategicPatch(original, modified, original, meta), { metadata: { '$deleteFromPrimitiveList/finalizers': ['b'], '$setElementOrder/finalizers': ['a'] } });
  const withArgs = (args: string[]): JsonObject => deploy(containers({ name: 'a', image: 'x', args }));
  t.same(threeWayStrategicPatch(withArgs(['1', '2']), withArgs(['1']), withArgs(['1', '2']), meta), {
    spec: { template: { spec: { containers: [{ name: 'a', args: ['1'] }], '$setElementOrder/containers': [{ name: 'a' }] } } },
  });
});

t.test('retainKeys: switching the deployment strategy clears the old one', async (t) => {
  const original = deploy({ strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 1 } } });
  const modified = deploy({ strategy: { type: 'Recreate' } });
  t.same(threeWayStrategicPatch(original, modified, original, meta), { spec: { strategy: { type: 'Recreate', rollingUpdate: null, $retainKeys: ['type'] } } });
});

t.test('no last-applied configuration: nothing is deleted, changes still apply', async (t) => {
  const modified = deploy({ replicas: 3 });
  t.same(threeWayStrategicPatch({}, modified, deploy({ replicas: 1, paused: true }), meta), { spec: { replicas: 3 } });
});

t.test('kinds without strategic metadata get the JSON merge patch equivalent', async (t) => {
  const original = { apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'w' }, spec: { a: 1, b: [1, 2], c: { d: 1, e: 2 } } };
  const modified = { apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'w' }, spec: { a: 2, b: [1], c: { d: 1 } } };
  const live = { ...original, spec: { ...original.spec, extra: true }, status: { ok: true } };
  t.same(threeWayMergePatch(original, modified, live), { spec: { a: 2, b: [1], c: { e: null } } });
});
