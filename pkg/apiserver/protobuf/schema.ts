// The Kubernetes protobuf schemas of api/proto/k8s as one protobufjs root. Each generated
// descriptor is one .proto file and their packages overlap (k8s.io.api.core.v1 spans four files,
// every file refers to meta/v1), so the JSON trees are merged before protobufjs resolves names.
import type protobuf from 'protobufjs';
import { loadType } from '../../../api/protobuf.js';
import { descriptor as appsV1 } from '../../../api/proto/k8s/gen/apps-v1.js';
import { descriptor as autoscalingV1 } from '../../../api/proto/k8s/gen/autoscaling-v1.js';
import { descriptor as batchV1 } from '../../../api/proto/k8s/gen/batch-v1.js';
import { descriptor as corePlacement } from '../../../api/proto/k8s/gen/core-v1-pod-placement.js';
import { descriptor as corePod } from '../../../api/proto/k8s/gen/core-v1-pod.js';
import { descriptor as coreVolume } from '../../../api/proto/k8s/gen/core-v1-volume.js';
import { descriptor as coreV1 } from '../../../api/proto/k8s/gen/core-v1.js';
import { descriptor as intstr } from '../../../api/proto/k8s/gen/intstr.js';
import { descriptor as metaV1 } from '../../../api/proto/k8s/gen/meta-v1.js';
import { descriptor as policyV1 } from '../../../api/proto/k8s/gen/policy-v1.js';
import { descriptor as resource } from '../../../api/proto/k8s/gen/resource.js';
import { descriptor as runtime } from '../../../api/proto/k8s/gen/runtime.js';

const DESCRIPTORS: readonly object[] = [runtime, metaV1, intstr, resource, coreV1, corePod, corePlacement, coreVolume, appsV1, batchV1, autoscalingV1, policyV1];

/** Full names of the messages the JSON conversion treats specially. */
export const TYPES = {
  unknown: 'k8s.io.apimachinery.pkg.runtime.Unknown',
  rawExtension: 'k8s.io.apimachinery.pkg.runtime.RawExtension',
  time: 'k8s.io.apimachinery.pkg.apis.meta.v1.Time',
  microTime: 'k8s.io.apimachinery.pkg.apis.meta.v1.MicroTime',
  fieldsV1: 'k8s.io.apimachinery.pkg.apis.meta.v1.FieldsV1',
  deleteOptions: 'k8s.io.apimachinery.pkg.apis.meta.v1.DeleteOptions',
  intOrString: 'k8s.io.apimachinery.pkg.util.intstr.IntOrString',
  quantity: 'k8s.io.apimachinery.pkg.api.resource.Quantity',
} as const;

/** The field options of api/proto/k8s/README.md, as protobufjs spells them. */
export const OPTION_KEEP_ZERO = '(kubelite.keep_zero)';
export const OPTION_INLINE = '(kubelite.inline)';

interface Tree {
  nested?: Record<string, Tree>;
  fields?: unknown;
}

// Namespaces (no fields) merge; a message defined twice is a schema bug and fails loudly.
function merge(into: Tree, from: Tree, path: string): void {
  for (const [name, child] of Object.entries(from.nested ?? {})) {
    const nested = (into.nested ??= {});
    const existing = nested[name];
    if (existing === undefined) nested[name] = child;
    else if (existing.fields === undefined && child.fields === undefined) merge(existing, child, `${path}.${name}`);
    else throw new Error(`api/proto/k8s: ${path}.${name} is defined twice`);
  }
}

let root: protobuf.Root | undefined;

function schemaRoot(): protobuf.Root {
  if (root) return root;
  const tree: Tree = {};
  for (const d of DESCRIPTORS) merge(tree, structuredClone(d) as Tree, '');
  const r = loadType(tree as protobuf.INamespace, TYPES.unknown).root;
  // Resolving every reference now turns a missing message into a start-up error, not a 500 later.
  r.resolveAll();
  root = r;
  return r;
}

/** k8sType returns a message of the Kubernetes schemas by its full name (no leading dot). */
export function k8sType(fullName: string): protobuf.Type {
  return schemaRoot().lookupType(fullName);
}
