// Environment building as the kubelet does it: $(VAR) expansion, valueFrom sources, envFrom, and
// the errors that make a container wait with CreateContainerConfigError.
import t from 'tap';
import { containerEnv, EnvError, expand, resourceValue } from './env.js';
import { pod, sh } from './testing/harness.js';

t.test('expansion: $(VAR), $$ escapes, unknown names stay', async (t) => {
  const vars: Record<string, string> = { A: 'x', B: 'y' };
  const look = (n: string): string | undefined => vars[n];
  t.equal(expand('$(A)-$(B)', look), 'x-y');
  t.equal(expand('$$(A) $(C) $A $(A', look), '$(A) $(C) $A $(A');
});

t.test('env in order, with fieldRef, resourceFieldRef, configMap and secret references', async (t) => {
  const p = pod('e', [sh('app', 'true', {
    resources: { limits: { cpu: '1500m', memory: '64Mi' } },
    envFrom: [{ prefix: 'CM_', configMapRef: { name: 'cfg' } }],
    env: [
      { name: 'NAME', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } },
      { name: 'LABEL', valueFrom: { fieldRef: { fieldPath: "metadata.labels['app']" } } },
      { name: 'CPU', valueFrom: { resourceFieldRef: { resource: 'limits.cpu' } } },
      { name: 'MEM_MI', valueFrom: { resourceFieldRef: { resource: 'limits.memory', divisor: '1Mi' } } },
      { name: 'PASS', valueFrom: { secretKeyRef: { name: 's', key: 'password' } } },
      { name: 'BOTH', value: '$(NAME)/$(CM_color)' },
    ],
  })]);
  p.metadata.labels = { app: 'web' };
  const data = async (kind: string, _ns: string, name: string): Promise<Record<string, string> | undefined> => (kind === 'ConfigMap' && name === 'cfg' ? { color: 'blue' } : kind === 'Secret' && name === 's' ? { password: 'hunter2' } : undefined);
  const env = await containerEnv(p, p.spec.containers[0]!, { podIP: '10.0.0.2', hostIP: '192.0.2.1', allocatable: { cpu: 4, memory: 2 ** 30 }, serviceEnv: { KUBERNETES_SERVICE_HOST: '10.96.0.1' }, data });
  t.same(env, [
    { name: 'KUBERNETES_SERVICE_HOST', value: '10.96.0.1' }, { name: 'CM_color', value: 'blue' }, { name: 'NAME', value: 'e' }, { name: 'LABEL', value: 'web' },
    { name: 'CPU', value: '2' }, { name: 'MEM_MI', value: '64' }, { name: 'PASS', value: 'hunter2' }, { name: 'BOTH', value: 'e/blue' },
  ]);
  t.equal(resourceValue(p.spec.containers[0]!, 'requests.memory', undefined, { cpu: 4, memory: 1 }), '0', 'no request: 0');
  t.equal(resourceValue(sh('x', 'true'), 'limits.cpu', undefined, { cpu: 4, memory: 1 }), '4', 'no limit: the node allocatable');
  const missing = pod('m', [sh('app', 'true', { env: [{ name: 'X', valueFrom: { configMapKeyRef: { name: 'nope', key: 'k' } } }] })]);
  await t.rejects(containerEnv(missing, missing.spec.containers[0]!, { podIP: '', hostIP: '', allocatable: { cpu: 1, memory: 1 }, serviceEnv: {}, data }), new EnvError('configmap "nope" not found'));
  const optional = pod('o', [sh('app', 'true', { env: [{ name: 'X', valueFrom: { configMapKeyRef: { name: 'nope', key: 'k', optional: true } } }] })]);
  t.same(await containerEnv(optional, optional.spec.containers[0]!, { podIP: '', hostIP: '', allocatable: { cpu: 1, memory: 1 }, serviceEnv: {}, data }), [], 'optional and absent: not set');
});
