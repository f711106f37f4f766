// apimachinery's meta/v1 types, the scalar types every API uses (Time, Quantity, IntOrString),
// and the small types of other groups that subresources speak (autoscaling/v1 Scale, policy/v1
// Eviction). Written from k8s.io/apimachinery and k8s.io/api; descriptions shortened.
import type { Package, Schema } from './dsl.js';

const META = 'io.k8s.apimachinery.pkg.apis.meta.v1';

/** STANDARD_FIELDS are the descriptions kube gives the fields every kind and list shares. */
export const STANDARD_FIELDS = {
  apiVersion: 'string APIVersion defines the versioned schema of this representation of an object. Servers should convert recognized schemas to the latest internal value, and may reject unrecognized values.',
  kind: 'string Kind is a string value representing the REST resource this object represents. Servers may infer this from the endpoint the client submits requests to. In CamelCase.',
  metadata: "ObjectMeta Standard object's metadata.",
  listMetadata: "ListMeta Standard list metadata.",
};

/**
 * SCALAR_DEFINITIONS are the named types that are not structs. Each is given as its Swagger 2.0
 * form and, where OpenAPI 3 says it differently (kube-openapi's OpenAPIV3OneOfTypes), its v3 form.
 */
export const SCALAR_DEFINITIONS: Record<string, { v2: Schema; v3?: Schema }> = {
  [`${META}.Time`]: { v2: { type: 'string', format: 'date-time', description: 'Time is a wrapper around time.Time which supports correct marshaling to YAML and JSON, in RFC 3339 form with seconds precision.' } },
  [`${META}.MicroTime`]: { v2: { type: 'string', format: 'date-time', description: 'MicroTime is version of Time with microsecond level precision.' } },
  [`${META}.FieldsV1`]: { v2: { type: 'object', description: 'FieldsV1 stores a set of fields in a data structure like a Trie, in JSON format.' } },
  [`${META}.Patch`]: { v2: { type: 'object', description: 'Patch is provided to give a concrete name and type to the Kubernetes PATCH request body.' } },
  'io.k8s.apimachinery.pkg.runtime.RawExtension': { v2: { type: 'object', description: 'RawExtension is used to hold extensions in external versions.' } },
  'io.k8s.apimachinery.pkg.api.resource.Quantity': {
    v2: { type: 'string', description: 'Quantity is a fixed-point representation of a number, e.g. "100m", "1.5Gi", "2".' },
    v3: { oneOf: [{ type: 'string' }, { type: 'number' }], description: 'Quantity is a fixed-point representation of a number, e.g. "100m", "1.5Gi", "2".' },
  },
  'io.k8s.apimachinery.pkg.util.intstr.IntOrString': {
    v2: { type: 'string', format: 'int-or-string', description: 'IntOrString is a type that can hold an int32 or a string.' },
    v3: { oneOf: [{ type: 'integer' }, { type: 'string' }], format: 'int-or-string', description: 'IntOrString is a type that can hold an int32 or a string.' },
  },
};

/** META_TYPES are metav1's structs. */
export const META_TYPES: Package = {
  prefix: META,
  types: {
    ObjectMeta: ['ObjectMeta is metadata that all persisted resources must have, which includes all objects users must create.', {
      annotations: 'map[]string Annotations is an unstructured key value map stored with a resource that may be set by external tools to store and retrieve arbitrary metadata.',
      creationTimestamp: 'Time CreationTimestamp is a timestamp representing the server time when this object was created. Read-only.',
      deletionGracePeriodSeconds: 'int64 Number of seconds allowed for this object to gracefully terminate before it will be removed from the system. Read-only.',
      deletionTimestamp: 'Time DeletionTimestamp is the time after which this resource will be deleted. Set by the server when a graceful deletion is requested. Read-only.',
      finalizers: '[]string@set Must be empty before the object is deleted from the registry.',
      generateName: 'string GenerateName is an optional prefix, used by the server, to generate a unique name ONLY IF the Name field has not been provided.',
      generation: 'int64 A sequence number representing a specific generation of the desired state. Read-only.',
      labels: 'map[]string Map of string keys and values that can be used to organize and categorize (scope and select) objects.',
      managedFields: '[]ManagedFieldsEntry@atomic ManagedFields maps workflow-id and version to the set of fields that are managed by that workflow.',
      name: 'string Name must be unique within a namespace. Cannot be updated.',
      namespace: 'string Namespace defines the space within which each name must be unique. Cannot be updated.',
      ownerReferences: '[]OwnerReference@map:uid List of objects depended by this object.',
      resourceVersion: 'string An opaque value that represents the internal version of this object, used for optimistic concurrency and watches. Read-only.',
      selfLink: 'string Deprecated: selfLink is a legacy read-only field that is no longer populated by the system.',
      uid: 'string UID is the unique in time and space value for this object. Read-only.',
    }],
    ListMeta: ['ListMeta describes metadata that synthetic resources must have, including lists.', {
      continue: 'string continue may be set if the user set a limit on the number of items returned; it is an opaque token for the next query.',
      remainingItemCount: 'int64 remainingItemCount is the number of subsequent items in the list which are not included in this list response.',
      resourceVersion: "string String that identifies the server's internal version of this object that can be used by clients to determine when objects have changed.",
      selfLink: 'string Deprecated: selfLink is a legacy read-only field that is no longer populated by the system.',
    }],
    OwnerReference: ['OwnerReference contains enough information to let you identify an owning object.', {
      apiVersion: 'string! API version of the referent.',
      blockOwnerDeletion: 'bool If true, AND if the owner has the "foregroundDeletion" finalizer, then the owner cannot be deleted from the key-value store until this reference is removed.',
      controller: 'bool If true, this reference points to the managing controller.',
      kind: 'string! Kind of the referent.',
      name: 'string! Name of the referent.',
      uid: 'string! UID of the referent.',
    }, { mapType: 'atomic' }],
    ManagedFieldsEntry: ['ManagedFieldsEntry is a workflow-id, a FieldSet and the group version of the resource that the fieldset applies to.', {
      apiVersion: 'string APIVersion defines the version of this resource that this field set applies to.',
      fieldsType: 'string FieldsType is the discriminator for the different fields format and version.',
      fieldsV1: 'FieldsV1 FieldsV1 holds the first JSON version format.',
      manager: 'string Manager is an identifier of the workflow managing these fields.',
      operation: "string Operation is the type of operation which lead to this ManagedFieldsEntry being created: 'Apply' or 'Update'.",
      subresource: 'string Subresource is the name of the subresource used to update that object, or empty string if the object was updated through the main resource.',
      time: 'Time Time is the timestamp of when the ManagedFields entry was added.',
    }],
    LabelSelector: ['A label selector is a label query over a set of resources. An empty label selector matches all objects; a null one matches none.', {
      matchExpressions: '[]LabelSelectorRequirement@atomic matchExpressions is a list of label selector requirements. The requirements are ANDed.',
      matchLabels: 'map[]string matchLabels is a map of {key,value} pairs, each equivalent to a matchExpressions element with operator "In".',
    }, { mapType: 'atomic' }],
    LabelSelectorRequirement: ['A label selector requirement is a selector that contains values, a key, and an operator that relates the key and values.', {
      key: 'string! key is the label key that the selector applies to.',
      operator: "string! operator represents a key's relationship to a set of values: In, NotIn, Exists and DoesNotExist.",
      values: '[]string@atomic values is an array of string values; empty for Exists and DoesNotExist.',
    }],
    Condition: ['Condition contains details for one aspect of the current state of this API Resource.', {
      lastTransitionTime: 'Time! lastTransitionTime is the last time the condition transitioned from one status to another.',
      message: 'string! message is a human readable message indicating details about the transition.',
      observedGeneration: 'int64 observedGeneration represents the .metadata.generation that the condition was set based upon.',
      reason: "string! reason contains a programmatic identifier indicating the reason for the condition's last transition.",
      status: 'string! status of the condition, one of True, False, Unknown.',
      type: 'string! type of condition in CamelCase or in foo.example.com/CamelCase.',
    }],
    Status: ['Status is a return value for calls that don\'t return other objects.', {
      apiVersion: STANDARD_FIELDS.apiVersion,
      code: 'int32 Suggested HTTP return code for this status, 0 if not set.',
      details: 'StatusDetails Extended data associated with the reason.',
      kind: STANDARD_FIELDS.kind,
      message: 'string A human-readable description of the status of this operation.',
      metadata: STANDARD_FIELDS.listMetadata,
      reason: 'string A machine-readable description of why this operation is in the "Failure" status.',
      status: 'string Status of the operation. One of: "Success" or "Failure".',
    }, { gvk: [{ group: '', version: 'v1', kind: 'Status' }] }],
    StatusDetails: ['StatusDetails is a set of additional properties that MAY be set by the server to provide additional information about a response.', {
      causes: '[]StatusCause@atomic The Causes array includes more details associated with the StatusReason failure.',
      group: 'string The group attribute of the resource associated with the status StatusReason.',
      kind: 'string The kind attribute of the resource associated with the status StatusReason.',
      name: 'string The name attribute of the resource associated with the status StatusReason (when there is a single name which can be described).',
      retryAfterSeconds: 'int32 If specified, the time in seconds before the operation should be retried.',
      uid: 'string UID of the resource.',
    }],
    StatusCause: ['StatusCause provides more information about an api.Status failure, including cases when multiple errors are encountered.', {
      field: 'string The field of the resource that has caused this error, as named by its JSON serialization, e.g. "spec.containers[0].image".',
      message: 'string A human-readable description of the cause of the error.',
      reason: 'string A machine-readable description of the cause of the error.',
    }],
    DeleteOptions: ['DeleteOptions may be provided when deleting an API object.', {
      apiVersion: STANDARD_FIELDS.apiVersion,
      dryRun: '[]string@atomic When present, indicates that modifications should not be persisted. The only valid value is "All".',
      gracePeriodSeconds: 'int64 The duration in seconds before the object should be deleted.',
      ignoreStoreReadErrorWithClusterBreakingPotential: 'bool if set to true, it will trigger an unsafe deletion of the resource in case the normal deletion flow fails with a corrupt object error.',
      kind: STANDARD_FIELDS.kind,
      orphanDependents: 'bool Deprecated: please use the PropagationPolicy, this field will be deprecated in 1.7.',
      preconditions: 'Preconditions Must be fulfilled before a deletion is carried out.',
      propagationPolicy: "string Whether and how garbage collection will be performed: 'Orphan', 'Background' or 'Foreground'.",
    }],
    Preconditions: ['Preconditions must be fulfilled before an operation (update, delete, etc.) is carried out.', {
      resourceVersion: 'string Specifies the target ResourceVersion',
      uid: 'string Specifies the target UID.',
    }],
    WatchEvent: ['Event represents a single event to a watched resource.', {
      object: 'RawExtension! Object is the object the event is about: the new state for ADDED and MODIFIED, the last state for DELETED, a Status for ERROR.',
      type: 'string! Type of the event: ADDED, MODIFIED, DELETED, BOOKMARK or ERROR.',
    }],
  },
};

/** AUTOSCALING_TYPES are autoscaling/v1's Scale, the body of every scale subresource. */
export const AUTOSCALING_TYPES: Package = {
  prefix: 'io.k8s.api.autoscaling.v1',
  types: {
    Scale: ['Scale represents a scaling request for a resource.', {
      apiVersion: STANDARD_FIELDS.apiVersion,
      kind: STANDARD_FIELDS.kind,
      metadata: STANDARD_FIELDS.metadata,
      spec: 'ScaleSpec spec defines the behavior of the scale.',
      status: 'ScaleStatus status is the current status of the scale. Read-only.',
    }, { gvk: [{ group: 'autoscaling', version: 'v1', kind: 'Scale' }] }],
    ScaleSpec: ['ScaleSpec describes the attributes of a scale subresource.', {
      replicas: 'int32 replicas is the desired number of instances for the scaled object.',
    }],
    ScaleStatus: ['ScaleStatus represents the current status of a scale subresource.', {
      replicas: 'int32! replicas is the actual number of observed instances of the scaled object.',
      selector: 'string selector is the label query over pods that should match the replicas count, in string form.',
    }],
  },
};

/** POLICY_TYPES are policy/v1's Eviction, the body of pods/eviction. */
export const POLICY_TYPES: Package = {
  prefix: 'io.k8s.api.policy.v1',
  types: {
    Eviction: ['Eviction evicts a pod from its node subject to certain policies and safety constraints.', {
      apiVersion: STANDARD_FIELDS.apiVersion,
      deleteOptions: 'DeleteOptions DeleteOptions may be provided',
      kind: STANDARD_FIELDS.kind,
      metadata: 'ObjectMeta ObjectMeta describes the pod that is being evicted.',
    }, { gvk: [{ group: 'policy', version: 'v1', kind: 'Eviction' }] }],
  },
};
