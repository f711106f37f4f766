// Pod: SetDefaults_Pod on top of the PodSpec defaults, create and update validation
// (ValidatePodCreate, ValidatePodUpdate) and the status a new pod starts with.
import { fieldErrors, type FieldError } from '../../meta/field-error.js';
import { parseQuantityExact, QuantityError } from '../../meta/quantity.js';
import { inclusiveRangeError, nameIsDNSSubdomain } from '../../meta/validation.js';
import {
  child, ensureObject, index, isJsonObject, numberAt, objectAt, objectsAt, semanticEqual, setDefaultPointer, stringAt, type JsonObject,
} from '../../meta/validation-json.js';
import { validateObjectMeta, validateObjectMetaUpdate } from '../../meta/validation-meta.js';
import { validatePodSpec } from './pod-spec.js';
import { defaultPodSpec } from './pod-spec-defaults.js';

/** defaultPod applies SetObjectDefaults_Pod in place: requests from limits, enableServiceLinks, host-network ports, then the PodSpec defaults. */
export function defaultPod(pod: JsonObject): void {
  const spec = ensureObject(pod, 'spec');
  if (!spec) return;
  for (const list of ['containers', 'initContainers']) {
    for (const c of objectsAt(spec, list)) {
      const resources = objectAt(c, 'resources');
      const limits = objectAt(resources, 'limits');
      // An empty requests map would not show in Kubernetes' output (omitempty), so none is made.
      if (!resources || !limits || Object.keys(limits).length === 0) continue;
      const requests = ensureObject(resources, 'requests');
      if (!requests) continue;
      for (const [k, v] of Object.entries(limits)) if (!(k in requests)) requests[k] = v;
    }
  }
  setDefaultPointer(spec, 'enableServiceLinks', true);
  if (spec.hostNetwork === true) {
    for (const list of ['containers', 'initContainers']) {
      for (const c of objectsAt(spec, list)) {
        for (const p of objectsAt(c, 'ports')) if (!p.hostPort && typeof p.containerPort === 'number') p.hostPort = p.containerPort;
      }
    }
  }
  defaultPodSpec(spec);
}

function validateProjectedTokens(spec: JsonObject): FieldError[] {
  if (stringAt(spec, 'serviceAccountName') !== '') return [];
  const errs: FieldError[] = [];
  objectsAt(spec, 'volumes').forEach((v, vi) => {
    objectsAt(objectAt(v, 'projected'), 'sources').forEach((s, si) => {
      if (objectAt(s, 'serviceAccountToken')) {
        errs.push(fieldErrors.forbidden(`spec.volumes[${vi}].projected.sources[${si}].serviceAccountToken`, 'must not be specified when serviceAccountName is not set'));
      }
    });
  });
  return errs;
}

function validateImagesTrimmed(spec: JsonObject): FieldError[] {
  const errs: FieldError[] = [];
  for (const list of ['containers', 'initContainers']) {
    objectsAt(spec, list).forEach((c, i) => {
      const image = stringAt(c, 'image');
      if (image !== image.trim()) errs.push(fieldErrors.invalid(child(index(`spec.${list}`, i), 'image'), image, 'must not have leading or trailing whitespace'));
    });
  }
  return errs;
}

// validatePodMetadataAndSpec, shared by create and update.
function validateMetadataAndSpec(pod: JsonObject): FieldError[] {
  const spec = objectAt(pod, 'spec') ?? {};
  return [
    ...validateObjectMeta(pod.metadata, { namespaced: true, nameFn: nameIsDNSSubdomain }),
    ...validatePodSpec(spec, 'spec', { resourceIsPod: true }),
    ...validateProjectedTokens(spec),
    ...validateImagesTrimmed(spec),
  ];
}

/** validatePod is ValidatePodCreate. */
export function validatePod(pod: JsonObject): FieldError[] {
  const errs = validateMetadataAndSpec(pod);
  const spec = objectAt(pod, 'spec') ?? {};
  if (Array.isArray(spec.ephemeralContainers) && spec.ephemeralContainers.length > 0) {
    errs.push(fieldErrors.forbidden('spec.ephemeralContainers', 'cannot be set on create'));
  }
  if (stringAt(spec, 'nodeName') !== '' && Array.isArray(spec.schedulingGates) && spec.schedulingGates.length > 0) {
    errs.push(fieldErrors.forbidden('spec.nodeName', 'cannot be set until all schedulingGates have been cleared'));
  }
  return errs;
}

/** UPDATABLE_POD_SPEC_FIELDS is the list ValidatePodUpdate's refusal names. */
export const UPDATABLE_POD_SPEC_FIELDS = [
  '`spec.containers[*].image`', '`spec.initContainers[*].image`', '`spec.activeDeadlineSeconds`',
  '`spec.tolerations` (only additions to existing tolerations)',
  '`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)',
];

// A short account of what changed, in place of the go-cmp diff Kubernetes appends.
function describeChanges(oldSpec: unknown, newSpec: unknown, path = ''): string[] {
  if (semanticEqual(oldSpec, newSpec)) return [];
  if (isJsonObject(oldSpec) && isJsonObject(newSpec)) {
    return [...new Set([...Object.keys(oldSpec), ...Object.keys(newSpec)])].flatMap((k) => describeChanges(oldSpec[k], newSpec[k], child(path, k)));
  }
  if (Array.isArray(oldSpec) && Array.isArray(newSpec) && oldSpec.length === newSpec.length) {
    return oldSpec.flatMap((o, i) => describeChanges(o, newSpec[i], index(path, i)));
  }
  return [`- \t${path}: ${JSON.stringify(oldSpec ?? null)}`, `+ \t${path}: ${JSON.stringify(newSpec ?? null)}`];
}

function validateOnlyAddedTolerations(newList: JsonObject[], oldList: JsonObject[]): FieldError[] {
  for (const old of oldList) {
    const found = newList.some((n) => semanticEqual({ ...old, tolerationSeconds: n.tolerationSeconds }, n));
    if (!found) return [fieldErrors.forbidden('spec.tolerations', 'existing toleration can not be modified except its tolerationSeconds')];
  }
  return [];
}

/** validatePodUpdate is ValidatePodUpdate: a pod's spec is immutable but for images, a shrinking activeDeadlineSeconds, added tolerations and removed scheduling gates. */
export function validatePodUpdate(pod: JsonObject, old: JsonObject, opts: { allowUnconditionalUpdate?: boolean } = {}): FieldError[] {
  const errs = [...validateObjectMetaUpdate(pod.metadata, old.metadata, opts), ...validateMetadataAndSpec(pod)];
  const spec = objectAt(pod, 'spec') ?? {};
  const oldSpec = objectAt(old, 'spec') ?? {};
  for (const list of ['containers', 'initContainers']) {
    const now = objectsAt(spec, list);
    if (now.length !== objectsAt(oldSpec, list).length) {
      errs.push(fieldErrors.forbidden(`spec.${list}`, 'pod updates may not add or remove containers'));
      return errs;
    }
    now.forEach((c, i) => {
      const image = stringAt(c, 'image');
      if (image === '') errs.push(fieldErrors.required(`spec.${list}[${i}].image`));
    });
  }
  const deadline = numberAt(spec, 'activeDeadlineSeconds');
  const oldDeadline = numberAt(oldSpec, 'activeDeadlineSeconds');
  if (deadline !== undefined) {
    if (deadline < 0 || deadline > 2147483647) {
      errs.push(fieldErrors.invalid('spec.activeDeadlineSeconds', deadline, inclusiveRangeError(0, 2147483647)));
      return errs;
    }
    if (oldDeadline !== undefined && oldDeadline < deadline) {
      errs.push(fieldErrors.invalid('spec.activeDeadlineSeconds', deadline, 'must be less than or equal to previous value'));
      return errs;
    }
  } else if (oldDeadline !== undefined) {
    errs.push(fieldErrors.invalid('spec.activeDeadlineSeconds', null, 'must not update from a positive integer to nil value'));
  }
  errs.push(...validateOnlyAddedTolerations(objectsAt(spec, 'tolerations'), objectsAt(oldSpec, 'tolerations')));
  const oldGates = new Set(objectsAt(oldSpec, 'schedulingGates').map((g) => stringAt(g, 'name')));
  objectsAt(spec, 'schedulingGates').forEach((g, i) => {
    const name = stringAt(g, 'name');
    if (!oldGates.has(name)) errs.push(fieldErrors.forbidden(`spec.schedulingGates[${i}].name`, `only deletion is allowed, but found new scheduling gate '${name}'`));
  });
  if (semanticEqual(spec, oldSpec)) return errs;
  // Mask what may change with the old values; whatever still differs may not.
  const munged: JsonObject = structuredClone(spec);
  for (const list of ['containers', 'initContainers']) {
    const oldList = objectsAt(oldSpec, list);
    objectsAt(munged, list).forEach((c, i) => { c.image = oldList[i]?.image; });
  }
  munged.activeDeadlineSeconds = oldSpec.activeDeadlineSeconds;
  munged.schedulingGates = oldSpec.schedulingGates;
  munged.tolerations = oldSpec.tolerations;
  const oldGrace = numberAt(oldSpec, 'terminationGracePeriodSeconds');
  if (oldGrace !== undefined && oldGrace < 0 && munged.terminationGracePeriodSeconds === 1) munged.terminationGracePeriodSeconds = oldGrace;
  if (oldGates.size > 0) {
    // A gated pod may gain node selectors and node affinity terms before it is scheduled.
    munged.nodeSelector = oldSpec.nodeSelector;
    if (isJsonObject(munged.affinity)) munged.affinity = { ...munged.affinity, nodeAffinity: objectAt(oldSpec, 'affinity')?.nodeAffinity };
  }
  if (!semanticEqual(munged, oldSpec)) {
    const diff = ['  core.PodSpec{', ...describeChanges(oldSpec, munged, 'spec'), '  }'].join('\n');
    errs.push(fieldErrors.forbidden('spec', `pod updates may not change fields other than ${UPDATABLE_POD_SPEC_FIELDS.join(',')}\n${diff}`));
  }
  return errs;
}

// Quantities summed exactly, in nano units.
function nanos(value: unknown): bigint {
  try {
    const q = parseQuantityExact(String(value ?? '0'));
    const n = q.scale >= -9 ? q.unscaled * 10n ** BigInt(q.scale + 9) : q.unscaled;
    return q.negative ? -n : n;
  } catch (e) {
    if (e instanceof QuantityError) return 0n;
    throw e;
  }
}

/** podQOSClass is ComputePodQOS: Guaranteed, Burstable or BestEffort from containers' cpu and memory. */
export function podQOSClass(pod: JsonObject): 'Guaranteed' | 'Burstable' | 'BestEffort' {
  const spec = objectAt(pod, 'spec') ?? {};
  const requests = new Map<string, bigint>();
  const limits = new Map<string, bigint>();
  let guaranteed = true;
  for (const c of [...objectsAt(spec, 'containers'), ...objectsAt(spec, 'initContainers')]) {
    const res = objectAt(c, 'resources');
    for (const [name, v] of Object.entries(objectAt(res, 'requests') ?? {})) {
      const n = nanos(v);
      if ((name === 'cpu' || name === 'memory') && n > 0n) requests.set(name, (requests.get(name) ?? 0n) + n);
    }
    const found = new Set<string>();
    for (const [name, v] of Object.entries(objectAt(res, 'limits') ?? {})) {
      const n = nanos(v);
      if ((name === 'cpu' || name === 'memory') && n > 0n) {
        found.add(name);
        limits.set(name, (limits.get(name) ?? 0n) + n);
      }
    }
    if (!found.has('cpu') || !found.has('memory')) guaranteed = false;
  }
  if (requests.size === 0 && limits.size === 0) return 'BestEffort';
  if (guaranteed) for (const [name, r] of requests) if (limits.get(name) !== r) guaranteed = false;
  return guaranteed && requests.size === limits.size ? 'Guaranteed' : 'Burstable';
}

/** podInitialStatus is the status the pod strategy gives a new pod: Pending, with its QoS class. */
export function podInitialStatus(pod: JsonObject): JsonObject {
  return { phase: 'Pending', qosClass: podQOSClass(pod) };
}
