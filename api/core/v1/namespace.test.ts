// Namespace: name label, phase, the kubernetes finalizer on create, validation.
import t from 'tap';
import { messagesOf } from '../../meta/validation-testing.js';
import { defaultNamespace, prepareNamespaceForCreate, prepareNamespaceForUpdate, validateNamespace, validateNamespaceUpdate } from './namespace.js';

t.test('a namespace gets exactly the Kubernetes defaults and passes', async (t) => {
  const ns: Record<string, unknown> = { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'shop', labels: { team: 'web' } } };
  defaultNamespace(ns);
  prepareNamespaceForCreate(ns);
  t.strictSame(ns, {
    apiVersion: 'v1', kind: 'Namespace',
    metadata: { name: 'shop', labels: { team: 'web', 'kubernetes.io/metadata.name': 'shop' } },
    status: { phase: 'Active' },
    spec: { finalizers: ['kubernetes'] },
  });
  t.strictSame(validateNamespace(ns), []);
  const generated: Record<string, unknown> = { metadata: { generateName: 'test-' } };
  defaultNamespace(generated);
  t.strictSame(generated.metadata, { generateName: 'test-' }, 'no name, no name label yet');
});

t.test('the kubernetes finalizer: added on create, kept as it was on update', async (t) => {
  const ns: Record<string, unknown> = { metadata: { name: 'a' }, spec: { finalizers: ['example.com/x'] } };
  prepareNamespaceForCreate(ns);
  t.strictSame(ns.spec, { finalizers: ['example.com/x', 'kubernetes'] });
  const next: Record<string, unknown> = { metadata: { name: 'a' } };
  prepareNamespaceForUpdate(next, ns);
  t.strictSame(next.spec, { finalizers: ['example.com/x', 'kubernetes'] }, 'an update without the list does not drop it');
});

t.test('invalid namespaces', async (t) => {
  t.strictSame(messagesOf(validateNamespace({ metadata: { name: 'my.ns' } })), ['metadata.name: Invalid value: "my.ns": must not contain dots']);
  t.strictSame(messagesOf(validateNamespace({ metadata: { name: 'a', namespace: 'b' } })), ['metadata.namespace: Forbidden: not allowed on this type']);
  t.strictSame(messagesOf(validateNamespace({ metadata: { name: 'a' }, spec: { finalizers: ['custom'] } })),
    ['spec.finalizers: Invalid value: "custom": name is neither a standard finalizer name nor is it fully qualified']);
  t.strictSame(messagesOf(validateNamespaceUpdate({ metadata: { name: 'b' } }, { metadata: { name: 'a' } }, { allowUnconditionalUpdate: true })),
    ['metadata.name: Invalid value: "b": field is immutable']);
});
