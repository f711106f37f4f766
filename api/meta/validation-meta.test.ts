// ObjectMeta on create and update, labels, annotations, finalizers, owner references.
import t from 'tap';
import { findError, messagesOf } from './validation-testing.js';
import { nameIsDNSLabel, nameIsDNSSubdomain } from './validation.js';
import {
  reconcileRequestNamespace, REQUEST_NAMESPACE_MISMATCH, TOTAL_ANNOTATION_SIZE_LIMIT, validateImmutable, validateObjectMeta,
  validateObjectMetaUpdate,
} from './validation-meta.js';

const nsOpts = { namespaced: true, nameFn: nameIsDNSSubdomain };

t.test('a realistic metadata passes', async (t) => {
  t.strictSame(validateObjectMeta({
    name: 'web-6f8d9c7b5-4xk2p', namespace: 'shop', labels: { 'app.kubernetes.io/name': 'web', tier: '' },
    annotations: { 'prometheus.io/scrape': 'true', 'Example.COM/Mixed_Case': 'x' }, finalizers: ['kubernetes', 'example.com/cleanup'],
    ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'web-6f8d9c7b5', uid: 'u1', controller: true }],
  }, nsOpts), []);
});

t.test('names and generateName', async (t) => {
  t.strictSame(validateObjectMeta({ generateName: 'web-', namespace: 'shop' }, nsOpts), [], 'generateName alone is enough');
  t.strictSame(messagesOf(validateObjectMeta({ namespace: 'shop' }, nsOpts)), ['metadata.name: Required value: name or generateName is required']);
  t.ok(findError(validateObjectMeta({ name: 'Bad_Name', namespace: 'shop' }, nsOpts), 'metadata.name', 'FieldValueInvalid',
    'metadata.name: Invalid value: "Bad_Name": a lowercase RFC 1123 subdomain must consist of …'));
  t.ok(findError(validateObjectMeta({ generateName: 'Bad_', namespace: 'shop' }, nsOpts), 'metadata.generateName', 'FieldValueInvalid'));
  t.ok(findError(validateObjectMeta({ name: 'a.b' }, { namespaced: false, nameFn: nameIsDNSLabel }), 'metadata.name', 'FieldValueInvalid', 'metadata.name: Invalid value: "a.b": must not contain dots'));
});

t.test('namespace rules', async (t) => {
  t.strictSame(messagesOf(validateObjectMeta({ name: 'x' }, nsOpts)), ['metadata.namespace: Required value']);
  t.strictSame(messagesOf(validateObjectMeta({ name: 'x', namespace: 'Shop' }, nsOpts)).length, 1);
  t.strictSame(messagesOf(validateObjectMeta({ name: 'x', namespace: 'shop' }, { namespaced: false, nameFn: nameIsDNSSubdomain })),
    ['metadata.namespace: Forbidden: not allowed on this type']);
  const obj: Record<string, unknown> = { metadata: { name: 'x' } };
  t.equal(reconcileRequestNamespace(obj, 'shop'), undefined);
  t.strictSame(obj.metadata, { name: 'x', namespace: 'shop' }, 'an empty namespace comes from the URL');
  t.equal(reconcileRequestNamespace(obj, 'other'), REQUEST_NAMESPACE_MISMATCH);
  t.equal(REQUEST_NAMESPACE_MISMATCH, 'the namespace of the provided object does not match the namespace sent on the request');
  t.equal(reconcileRequestNamespace(obj, ''), undefined);
  t.strictSame(obj.metadata, { name: 'x' }, 'a cluster-scoped kind drops the namespace');
});

t.test('labels, annotations, finalizers, owners', async (t) => {
  const errs = (meta: Record<string, unknown>) => validateObjectMeta({ name: 'x', namespace: 'y', ...meta }, nsOpts);
  t.ok(findError(errs({ labels: { 'bad key!': 'v' } }), 'metadata.labels', 'FieldValueInvalid', 'metadata.labels: Invalid value: "bad key!": name part must consist of …'));
  t.ok(findError(errs({ labels: { app: 'bad value!' } }), 'metadata.labels', 'FieldValueInvalid', 'metadata.labels: Invalid value: "bad value!": a valid label must be an empty string or …'));
  t.ok(findError(errs({ annotations: { 'a/b/c': 'v' } }), 'metadata.annotations', 'FieldValueInvalid'));
  const big = { 'example.com/blob': 'x'.repeat(TOTAL_ANNOTATION_SIZE_LIMIT) };
  t.ok(findError(errs({ annotations: big }), 'metadata.annotations', 'FieldValueTooLong', 'metadata.annotations: Too long: may not be more than 262144 bytes'));
  t.strictSame(errs({ annotations: { k: 'x'.repeat(TOTAL_ANNOTATION_SIZE_LIMIT - 1) } }), [], 'exactly 256 KiB is allowed');
  t.ok(findError(errs({ finalizers: ['cleanup'] }), 'metadata.finalizers[0]', 'FieldValueInvalid',
    'metadata.finalizers[0]: Invalid value: "cleanup": name is neither a standard finalizer name nor is it fully qualified'));
  t.ok(findError(errs({ finalizers: ['orphan', 'foregroundDeletion'] }), 'metadata.finalizers', 'FieldValueInvalid'));
  t.ok(findError(errs({ ownerReferences: [{ apiVersion: 'v1', kind: 'Pod', name: 'p' }] }), 'metadata.ownerReferences.uid', 'FieldValueInvalid',
    'metadata.ownerReferences.uid: Invalid value: "": must not be empty'));
  t.ok(findError(errs({ ownerReferences: [{ kind: 'Pod', name: 'p', uid: 'u' }] }), 'metadata.ownerReferences.apiVersion', 'FieldValueInvalid',
    'metadata.ownerReferences.apiVersion: Invalid value: "": version must not be empty'));
  const two = [{ apiVersion: 'v1', kind: 'A', name: 'a', uid: '1', controller: true }, { apiVersion: 'v1', kind: 'B', name: 'b', uid: '2', controller: true }];
  t.ok(findError(errs({ ownerReferences: two }), 'metadata.ownerReferences', 'FieldValueInvalid',
    'metadata.ownerReferences: Invalid value: …'));
  t.match(messagesOf(errs({ ownerReferences: two }))[0], /Only one reference can have Controller set to true. Found "true" in references for A\/a and B\/b$/);
  t.ok(findError(errs({ generation: -1 }), 'metadata.generation', 'FieldValueInvalid'));
});

t.test('update: identity is immutable; resourceVersion unless unconditional updates are allowed', async (t) => {
  const old = { name: 'x', namespace: 'y', uid: 'u1', creationTimestamp: '2024-01-01T00:00:00Z', resourceVersion: '5', generation: 2 };
  t.strictSame(validateObjectMetaUpdate({ ...old }, old), []);
  t.strictSame(messagesOf(validateObjectMetaUpdate({ ...old, resourceVersion: undefined }, old)),
    ['metadata.resourceVersion: Invalid value: "": must be specified for an update']);
  t.strictSame(validateObjectMetaUpdate({ ...old, resourceVersion: undefined }, old, { allowUnconditionalUpdate: true }), []);
  t.strictSame(messagesOf(validateObjectMetaUpdate({ ...old, name: 'z' }, old)), ['metadata.name: Invalid value: "z": field is immutable']);
  t.strictSame(messagesOf(validateObjectMetaUpdate({ ...old, uid: 'u2' }, old)), ['metadata.uid: Invalid value: "u2": field is immutable']);
  t.strictSame(messagesOf(validateObjectMetaUpdate({ ...old, namespace: 'z' }, old)), ['metadata.namespace: Invalid value: "z": field is immutable']);
  t.ok(findError(validateObjectMetaUpdate({ ...old, creationTimestamp: '2025-01-01T00:00:00Z' }, old), 'metadata.creationTimestamp', 'FieldValueInvalid'));
  t.strictSame(messagesOf(validateObjectMetaUpdate({ ...old, generation: 1 }, old)), ['metadata.generation: Invalid value: 1: must not be decremented']);
  const deleting = { ...old, deletionTimestamp: '2024-02-01T00:00:00Z', finalizers: ['a.io/x'] };
  t.strictSame(messagesOf(validateObjectMetaUpdate({ ...deleting, finalizers: ['a.io/x', 'b.io/y'] }, deleting)),
    ['metadata.finalizers: Forbidden: no new finalizers can be added if the object is being deleted, found new finalizers []string{"b.io/y"}']);
});

t.test('validateImmutable compares as Semantic.DeepEqual: empty equals absent', async (t) => {
  t.strictSame(validateImmutable({ matchLabels: { a: 'b' } }, { matchLabels: { a: 'b' } }, 'spec.selector'), []);
  t.strictSame(validateImmutable({ matchLabels: {}, matchExpressions: [] }, {}, 'spec.selector'), []);
  t.strictSame(messagesOf(validateImmutable({ matchLabels: { a: 'c' } }, { matchLabels: { a: 'b' } }, 'spec.selector')),
    ['spec.selector: Invalid value: {"matchLabels":{"a":"c"}}: field is immutable']);
});
