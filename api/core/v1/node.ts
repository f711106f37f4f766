// Node: SetDefaults_NodeStatus (allocatable from capacity), ValidateNode and ValidateNodeUpdate.
import { fieldErrors, type FieldError } from '../../meta/field-error.js';
import { isValidCIDR, isValidLabelValue, ipFamilyOf, nameIsDNSSubdomain, validateQualifiedName } from '../../meta/validation.js';
import { arrayAt, isJsonObject, objectAt, objectsAt, semanticEqual, stringAt, type JsonObject } from '../../meta/validation-json.js';
import { validateObjectMeta, validateObjectMetaUpdate } from '../../meta/validation-meta.js';
import { defaultResourceList } from './pod-spec-defaults.js';
import { validateQuantityMap } from './resources.js';

const TAINT_EFFECTS = ['NoSchedule', 'PreferNoSchedule', 'NoExecute'];

/** defaultNode applies SetObjectDefaults_Node in place. */
export function defaultNode(node: JsonObject): void {
  const status = objectAt(node, 'status');
  if (!status) return;
  if ((status.allocatable === undefined || status.allocatable === null) && isJsonObject(status.capacity)) {
    status.allocatable = structuredClone(status.capacity);
  }
  defaultResourceList(status.capacity);
  defaultResourceList(status.allocatable);
}

// Kubernetes names taint errors under metadata (`metadata.taints[0].key`), not spec.
function validateTaints(taints: JsonObject[]): FieldError[] {
  const errs: FieldError[] = [];
  const seen = new Map<string, Set<string>>();
  taints.forEach((t, i) => {
    const p = `metadata.taints[${i}]`;
    const k = stringAt(t, 'key');
    const effect = stringAt(t, 'effect');
    errs.push(...validateQualifiedName(k, `${p}.key`));
    const msgs = isValidLabelValue(stringAt(t, 'value'));
    if (msgs.length > 0) errs.push(fieldErrors.invalid(`${p}.value`, stringAt(t, 'value'), msgs.join(';')));
    if (effect === '') errs.push(fieldErrors.required(`${p}.effect`));
    else if (!TAINT_EFFECTS.includes(effect)) errs.push(fieldErrors.notSupported(`${p}.effect`, effect, TAINT_EFFECTS));
    if (seen.get(effect)?.has(k)) {
      errs.push({ ...fieldErrors.duplicate(p, t), detail: 'taints must be unique by key and effect pair' });
      return;
    }
    seen.set(effect, (seen.get(effect) ?? new Set()).add(k));
  });
  return errs;
}

function validateResources(node: JsonObject): FieldError[] {
  const status = objectAt(node, 'status');
  return [...validateQuantityMap(status?.capacity, 'status.capacity', true), ...validateQuantityMap(status?.allocatable, 'status.allocatable', true)];
}

/** validateNode is ValidateNode: a subdomain name, valid taints, quantities and pod CIDRs. */
export function validateNode(node: JsonObject): FieldError[] {
  const spec = objectAt(node, 'spec') ?? {};
  const errs = [...validateObjectMeta(node.metadata, { namespaced: false, nameFn: nameIsDNSSubdomain }), ...validateTaints(objectsAt(spec, 'taints')), ...validateResources(node)];
  const cidrs = arrayAt(spec, 'podCIDRs').map(String);
  cidrs.forEach((c, i) => {
    if (!isValidCIDR(c)) errs.push(fieldErrors.invalid(`spec.podCIDRs[${i}]`, c, 'must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)'));
  });
  if (cidrs.length > 1 && cidrs.every(isValidCIDR)) {
    const families = cidrs.map((c) => ipFamilyOf(c.split('/')[0]!));
    if (cidrs.length > 2 || families[0] === families[1]) errs.push(fieldErrors.invalid('spec.podCIDRs', cidrs, 'may specify no more than one CIDR for each IP family'));
    cidrs.forEach((c, i) => { if (cidrs.indexOf(c) < i) errs.push(fieldErrors.duplicate(`spec.podCIDRs[${i}]`, c)); });
  }
  return errs;
}

/** validateNodeUpdate is ValidateNodeUpdate: podCIDRs and providerID may only go from unset to set. */
export function validateNodeUpdate(node: JsonObject, old: JsonObject, opts: { allowUnconditionalUpdate?: boolean } = {}): FieldError[] {
  const spec = objectAt(node, 'spec') ?? {};
  const oldSpec = objectAt(old, 'spec') ?? {};
  const errs = [...validateObjectMetaUpdate(node.metadata, old.metadata, opts), ...validateResources(node)];
  const addresses = objectsAt(objectAt(node, 'status'), 'addresses');
  addresses.forEach((a, i) => {
    if (addresses.slice(0, i).some((b) => semanticEqual(a, b))) errs.push(fieldErrors.duplicate(`status.addresses[${i}]`, a));
  });
  const oldCIDRs = arrayAt(oldSpec, 'podCIDRs');
  const cidrs = arrayAt(spec, 'podCIDRs');
  const cidrMsg = 'node updates may not change podCIDR except from "" to valid';
  if (oldCIDRs.length > 0) {
    if (oldCIDRs.length !== cidrs.length) errs.push(fieldErrors.forbidden('spec.podCIDRs', cidrMsg));
    else oldCIDRs.forEach((c, i) => { if (c !== cidrs[i]) errs.push(fieldErrors.forbidden('spec.podCIDRs', cidrMsg)); });
  }
  const oldProvider = stringAt(oldSpec, 'providerID');
  if (oldProvider !== '' && oldProvider !== stringAt(spec, 'providerID')) {
    errs.push(fieldErrors.forbidden('spec.providerID', 'node updates may not change providerID except from "" to valid'));
  }
  errs.push(...validateTaints(objectsAt(spec, 'taints')));
  if (stringAt(spec, 'externalID') !== stringAt(oldSpec, 'externalID')) errs.push(fieldErrors.forbidden('spec.externalID', 'may not be updated'));
  return errs;
}
