// Strategic merge patches as kubectl and controllers send them, against the real patch metadata
// of the served kinds. Expected results are what kube-apiserver's strategicpatch produces.
import t from 'tap';
import { parse } from 'yaml';
import { patchMetaFor } from '../../../api/patch-meta.js';
import { isPatchError } from './errors.js';
import type { JsonObject } from './json-value.js';
import { strategicMergePatch } from './strategic-merge-patch.js';

const y = (text: string): JsonObject => parse(text) as JsonObject;
const smp = (apiVersion: string, kind: string, original: JsonObject, patch: JsonObject): JsonObject => {
  const meta = patchMetaFor(apiVersion, kind);
  if (!meta) throw new Error(`no patch meta for ${kind}`);
  return strategicMergePatch(original, patch, meta);
};
const deploy = (patch: JsonObject, original: JsonObject = deployment): JsonObject => smp('apps/v1', 'Deployment', original, patch);
const podSpec = (o: JsonObject): JsonObject => ((o['spec'] as JsonObject)['template'] as JsonObject)['spec'] as JsonObject;

const deployment = y(`
apiVersion: apps/v1
kind: Deployment
metadata: {name: web, namespace: default, labels: {app: web, tier: front}, finalizers: [example.com/a]}
spec:
  replicas: 2
  strategy: {type: RollingUpdate, rollingUpdate: {maxSurge: 1, maxUnavailable: 0}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers:
        - name: nginx
          image: nginx:1.24
          ports: [{containerPort: 80, name: http}, {containerPort: 443, name: https}]
          env: [{name: A, value: '1'}, {name: LOG_LEVEL, value: info}, {name: B, value: '2'}]
          volumeMounts: [{name: data, mountPath: /data}]
        - name: sidecar
          image: busybox
      tolerations: [{key: a, operator: Exists}]
      volumes: [{name: data, emptyDir: {}}]
`);

t.test('kubectl set image: only the image changes, ports and env stay', async (t) => {
  const out = deploy(y(`
spec:
  template:
    spec:
      $setElementOrder/containers: [{name: nginx}, {name: sidecar}]
      containers: [{name: nginx, image: 'nginx:1.25'}]
`));
  const [nginx, sidecar] = podSpec(out)['containers'] as JsonObject[];
  t.equal(nginx?.['image'], 'nginx:1.25');
  t.strictSame(nginx?.['ports'], [{ containerPort: 80, name: 'http' }, { containerPort: 443, name: 'https' }]);
  t.equal((nginx?.['env'] as unknown[]).length, 3);
  t.strictSame(sidecar, { name: 'sidecar', image: 'busybox' });
  t.equal((deployment['spec'] as JsonObject)['replicas'], 2, 'the input object is not modified');
  t.equal((podSpec(deployment)['containers'] as JsonObject[])[0]?.['image'], 'nginx:1.24');
});

// Without $setElementOrder (a hand-written `kubectl patch`), patch items keep their patch order and
// server-only items are slotted in by live order where they can be compared: a new item lands
// right after the last matched one. That is apimachinery's mergeSortedSlice, quirks included.
t.test('kubectl patch of one env var by name updates it in place', async (t) => {
  const out = deploy(y(`
spec: {template: {spec: {containers: [{name: nginx, env: [{name: LOG_LEVEL, value: debug}, {name: NEW, value: x}]}]}}}
`));
  t.strictSame((podSpec(out)['containers'] as JsonObject[])[0]?.['env'], [
    { name: 'A', value: '1' },
    { name: 'LOG_LEVEL', value: 'debug' },
    { name: 'NEW', value: 'x' },
    { name: 'B', value: '2' },
  ]);
});

t.test('env var removal with $patch: delete, and container port merge by containerPort', async (t) => {
  const out = deploy(y(`
spec:
  template:
    spec:
      containers:
        - name: nginx
          env: [{name: A, $patch: delete}]
          ports: [{containerPort: 8080, name: admin}, {containerPort: 443, protocol: TCP}]
`));
  const nginx = (podSpec(out)['containers'] as JsonObject[])[0] as JsonObject;
  t.strictSame(nginx['env'], [{ name: 'LOG_LEVEL', value: 'info' }, { name: 'B', value: '2' }]);
  t.strictSame(nginx['ports'], [
    { containerPort: 8080, name: 'admin' },
    { containerPort: 80, name: 'http' },
    { containerPort: 443, name: 'https', protocol: 'TCP' },
  ]);
});

t.test('tolerations have no patch strategy: a patch replaces the whole list', async (t) => {
  const out = deploy(y(`spec: {template: {spec: {tolerations: [{key: b, operator: Exists, effect: NoSchedule}]}}}`));
  t.strictSame(podSpec(out)['tolerations'], [{ key: 'b', operator: 'Exists', effect: 'NoSchedule' }]);
});

t.test('finalizers are a merged set of strings; additions without order info come first', async (t) => {
  const out = deploy(y(`metadata: {finalizers: [example.com/b, example.com/a]}`));
  t.strictSame((out['metadata'] as JsonObject)['finalizers'], ['example.com/b', 'example.com/a']);
  const added = deploy(y(`metadata: {finalizers: [example.com/b]}`));
  t.strictSame((added['metadata'] as JsonObject)['finalizers'], ['example.com/b', 'example.com/a']);
  const removed = deploy(y(`metadata: {$deleteFromPrimitiveList/finalizers: [example.com/a]}`));
  t.strictSame((removed['metadata'] as JsonObject)['finalizers'], []);
});

t.test('labels: null deletes one, $patch: replace swaps the map', async (t) => {
  const out = deploy(y(`metadata: {labels: {tier: null, team: x}}`));
  t.strictSame((out['metadata'] as JsonObject)['labels'], { app: 'web', team: 'x' });
  const replaced = deploy(y(`metadata: {labels: {$patch: replace, only: me}}`));
  t.strictSame((replaced['metadata'] as JsonObject)['labels'], { only: 'me' });
});

t.test('kubectl apply (3-way patch) adding a container keeps a server-added one', async (t) => {
  const live = deploy(y(`spec: {template: {spec: {containers: [{name: nginx}, {name: sidecar, $patch: delete}, {name: injected, image: envoy}]}}}`));
  t.strictSame((podSpec(live)['containers'] as JsonObject[]).map((c) => c['name']), ['nginx', 'injected']);
  const out = deploy(
    y(`
spec:
  template:
    spec:
      $setElementOrder/containers: [{name: nginx}, {name: logger}]
      containers: [{name: logger, image: fluentbit}]
`),
    live,
  );
  t.strictSame((podSpec(out)['containers'] as JsonObject[]).map((c) => c['name']), ['nginx', 'logger', 'injected']);
});

t.test('kubectl apply reordering containers with $setElementOrder only', async (t) => {
  const out = deploy(y(`spec: {template: {spec: {$setElementOrder/containers: [{name: sidecar}, {name: nginx}]}}}`));
  t.strictSame((podSpec(out)['containers'] as JsonObject[]).map((c) => c['name']), ['sidecar', 'nginx']);
});

t.test('deployment strategy has retainKeys: switching to Recreate drops rollingUpdate', async (t) => {
  const out = deploy(y(`spec: {strategy: {$retainKeys: [type], type: Recreate, rollingUpdate: null}}`));
  t.strictSame((out['spec'] as JsonObject)['strategy'], { type: 'Recreate' });
  const partial = deploy(y(`spec: {strategy: {rollingUpdate: {maxSurge: 2}}}`));
  t.strictSame((partial['spec'] as JsonObject)['strategy'], { type: 'RollingUpdate', rollingUpdate: { maxSurge: 2, maxUnavailable: 0 } });
});

t.test('volumes are merge,retainKeys by name: changing the source drops the old one', async (t) => {
  const out = deploy(y(`
spec:
  template:
    spec:
      $setElementOrder/volumes: [{name: data}, {name: cfg}]
      volumes:
        - {$retainKeys: [configMap, name], name: data, configMap: {name: app-config}, emptyDir: null}
        - {name: cfg, secret: {secretName: s}}
`));
  t.strictSame(podSpec(out)['volumes'], [
    { name: 'data', configMap: { name: 'app-config' } },
    { name: 'cfg', secret: { secretName: 's' } },
  ]);
});

t.test('service ports merge by port, node conditions and addresses by type', async (t) => {
  const svc = smp('v1', 'Service', y(`spec: {ports: [{port: 80, targetPort: 8080}], selector: {app: web}}`), y(`spec: {ports: [{port: 443, targetPort: 8443}, {port: 80, name: http}]}`));
  t.strictSame((svc['spec'] as JsonObject)['ports'], [{ port: 443, targetPort: 8443 }, { port: 80, targetPort: 8080, name: 'http' }]);
  const node = smp(
    'v1',
    'Node',
    y(`status: {conditions: [{type: Ready, status: 'False'}, {type: MemoryPressure, status: 'False'}], addresses: [{type: InternalIP, address: 10.0.0.1}]}`),
    y(`status: {conditions: [{type: Ready, status: 'True', reason: KubeletReady}], addresses: [{type: Hostname, address: n1}]}`),
  );
  t.strictSame((node['status'] as JsonObject)['conditions'], [
    { type: 'Ready', status: 'True', reason: 'KubeletReady' },
    { type: 'MemoryPressure', status: 'False' },
  ]);
  t.strictSame((node['status'] as JsonObject)['addresses'], [{ type: 'Hostname', address: 'n1' }, { type: 'InternalIP', address: '10.0.0.1' }]);
});

t.test('ownerReferences merge by uid; pod status conditions by type', async (t) => {
  const pod = smp(
    'v1',
    'Pod',
    y(`metadata: {ownerReferences: [{uid: u1, kind: ReplicaSet, name: rs1}]}
status: {phase: Pending, conditions: [{type: PodScheduled, status: 'True'}]}`),
    y(`metadata: {ownerReferences: [{uid: u1, controller: true}]}
status: {phase: Running, conditions: [{type: Ready, status: 'True'}]}`),
  );
  t.strictSame((pod['metadata'] as JsonObject)['ownerReferences'], [{ uid: 'u1', kind: 'ReplicaSet', name: 'rs1', controller: true }]);
  t.strictSame(pod['status'], { phase: 'Running', conditions: [{ type: 'Ready', status: 'True' }, { type: 'PodScheduled', status: 'True' }] });
});

t.test('job and daemonset pod templates use the same container metadata', async (t) => {
  const base = y(`spec: {template: {spec: {containers: [{name: c, image: a, env: [{name: X, value: '1'}]}]}}}`);
  const patch = y(`spec: {template: {spec: {containers: [{name: c, env: [{name: Y, value: '2'}]}]}}}`);
  for (const [apiVersion, kind] of [['batch/v1', 'Job'], ['apps/v1', 'DaemonSet'], ['apps/v1', 'ReplicaSet'], ['v1', 'ReplicationController']] as const) {
    const out = smp(apiVersion, kind, base, patch);
    t.strictSame(podSpec(out)['containers'], [{ name: 'c', image: 'a', env: [{ name: 'Y', value: '2' }, { name: 'X', value: '1' }] }], kind);
  }
});

const failure = (fn: () => unknown): { code: number; message: string } => {
  try {
    fn();
  } catch (err) {
    if (isPatchError(err)) return { code: err.code, message: err.message };
    throw err;
  }
  throw new Error('expected a PatchError');
};

t.test('errors carry kube-apiserver status codes and messages', async (t) => {
  t.strictSame(failure(() => deploy(y(`spec: {template: {spec: {containers: [{image: 'nginx:1'}]}}}`))), {
    code: 500,
    message: 'map: map[image:nginx:1] does not contain declared merge key: name',
  });
  t.strictSame(failure(() => deploy(y(`spec: {template: {spec: {containers: [{$patch: merge, name: nginx}]}}}`))), {
    code: 500,
    message: 'merging lists cannot yet be specified in the patch',
  });
  t.strictSame(failure(() => deploy(y(`metadata: {labels: {$patch: merge}}`))), { code: 500, message: 'unknown patch type: merge in map: map[$patch:merge]' });
  t.strictSame(failure(() => deploy(y(`metadata: {labels: {$patch: 1}}`))), { code: 500, message: 'unknown patch type: %!s(int64=1) in map: map[$patch:1]' });
  t.strictSame(failure(() => deploy(y(`spec: {$setElementOrder: []}`))), { code: 400, message: 'invalid patch format of setElementOrder list' });
  t.strictSame(failure(() => deploy(y(`metadata: {$deleteFromPrimitiveListfinalizers: [a]}`))), { code: 400, message: 'invalid patch format of primitive list' });
  const noFinalizers = y(`metadata: {name: x, finalizers: []}`);
  t.strictSame(failure(() => smp('v1', 'ConfigMap', noFinalizers, y(`metadata: {finalizers: [[a]]}`))), { code: 422, message: 'lists of lists are not supported' });
  // Go checks for a list of lists on the first element only; later ones are a type mismatch.
  t.strictSame(failure(() => deploy(y(`metadata: {finalizers: [[a]]}`))), {
    code: 500,
    message: 'list element types are not identical: [[example.com/a] [[a]]]',
  });
  t.strictSame(failure(() => deploy(y(`metadata: {finalizers: [1]}`))), {
    code: 500,
    message: 'list element types are not identical: [[example.com/a] [1]]',
  });
});

t.test('patch keys cannot reach prototypes', async (t) => {
  const out = smp('v1', 'ConfigMap', y(`data: {a: '1'}`), JSON.parse('{"data":{"__proto__":{"polluted":"yes"}},"__proto__":{"x":1}}') as JsonObject);
  t.equal(({} as Record<string, unknown>)['polluted'], undefined);
  t.strictSame(Object.keys(out['data'] as JsonObject).sort(), ['__proto__', 'a']);
  t.ok(Object.prototype.hasOwnProperty.call(out, '__proto__'));
});
