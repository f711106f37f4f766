// A Service's cluster IPs and IP families: how the service REST layer fills them in
// (NormalizeClusterIPs, initIPFamilyFields, patchAllocatedValues) and how they are validated
// (ValidateServiceClusterIPsRelatedFields and the update rules). Allocating the IP itself is the
// API server's job; this file only keeps the linked fields consistent.
import { fieldErrors, type FieldError } from '../../meta/field-error.js';
import { ipFamilyOf, IP_ERROR } from '../../meta/validation.js';
import { arrayAt, isSet, numberAt, objectAt, objectsAt, stringAt, type JsonObject } from '../../meta/validation-json.js';

const FAMILIES = ['IPv4', 'IPv6'];
const FAMILY_POLICIES = ['PreferDualStack', 'RequireDualStack', 'SingleStack'];

const clusterIPsOf = (spec: JsonObject): string[] => arrayAt(spec, 'clusterIPs').map(String);
/** isHeadless is isHeadlessService: clusterIPs is exactly ["None"]. */
export const isHeadless = (spec: JsonObject): boolean => {
  const ips = clusterIPsOf(spec);
  return ips.length === 1 && ips[0] === 'None';
};

/** defaultServiceIPFields fills clusterIPs from clusterIP and the IP family fields, as a single-stack IPv4 cluster's API server does on create. */
export function defaultServiceIPFields(spec: JsonObject): void {
  // clusterIPs follows clusterIP for every type, so validation can refuse it on an ExternalName.
  const clusterIP = stringAt(spec, 'clusterIP');
  if (clusterIP !== '' && clusterIPsOf(spec).length === 0) spec.clusterIPs = [clusterIP];
  if (spec.type === 'ExternalName') return;
  const ips = clusterIPsOf(spec);
  const families = arrayAt(spec, 'ipFamilies');
  if (!isSet(spec, 'ipFamilyPolicy')) spec.ipFamilyPolicy = ips.length === 2 || families.length === 2 ? 'RequireDualStack' : 'SingleStack';
  if (families.length === 0) {
    const inferred = ips.filter((ip) => ip !== 'None').map((ip) => (ipFamilyOf(ip) === 6 ? 'IPv6' : 'IPv4'));
    spec.ipFamilies = inferred.length > 0 ? inferred : ['IPv4'];
  }
}

/** prepareServiceUpdate carries allocated values a client left out (patchAllocatedValues) and keeps clusterIP and clusterIPs in step (NormalizeClusterIPs). */
export function prepareServiceUpdate(spec: JsonObject, oldSpec: JsonObject): void {
  const needsIP = (s: JsonObject): boolean => s.type !== 'ExternalName';
  if (needsIP(spec) && needsIP(oldSpec)) {
    if (stringAt(spec, 'clusterIP') === '' && stringAt(oldSpec, 'clusterIP') !== '') spec.clusterIP = oldSpec.clusterIP;
    if (clusterIPsOf(spec).length === 0 && clusterIPsOf(oldSpec).length > 0) spec.clusterIPs = oldSpec.clusterIPs;
  }
  const needsNodePorts = (s: JsonObject): boolean => s.type === 'NodePort' || (s.type === 'LoadBalancer' && s.allocateLoadBalancerNodePorts !== false);
  if (needsNodePorts(spec) && needsNodePorts(oldSpec)) {
    const used = (s: JsonObject): Set<number> => new Set(objectsAt(s, 'ports').map((p) => numberAt(p, 'nodePort') ?? 0).filter((n) => n !== 0));
    const newUsed = used(spec);
    const taken = new Set([...used(oldSpec)].filter((n) => newUsed.has(n)));
    // Old node ports are matched by port name: other port properties may have changed.
    const byName = new Map(objectsAt(oldSpec, 'ports').map((p) => [stringAt(p, 'name'), numberAt(p, 'nodePort') ?? 0]));
    for (const port of objectsAt(spec, 'ports')) {
      if (numberAt(port, 'nodePort')) continue;
      const old = byName.get(stringAt(port, 'name')) ?? 0;
      if (old !== 0 && !taken.has(old)) port.nodePort = old;
    }
  }
  const needsHealthCheck = (s: JsonObject): boolean => s.type === 'LoadBalancer' && s.externalTrafficPolicy === 'Local';
  if (needsHealthCheck(spec) && needsHealthCheck(oldSpec) && !numberAt(spec, 'healthCheckNodePort')) spec.healthCheckNodePort = oldSpec.healthCheckNodePort;
}

/** validateClusterIPFields is ValidateServiceClusterIPsRelatedFields. */
export function validateClusterIPFields(spec: JsonObject): FieldError[] {
  if (spec.type === 'ExternalName') return [];
  const errs: FieldError[] = [];
  const ips = clusterIPsOf(spec);
  const clusterIP = stringAt(spec, 'clusterIP');
  if (clusterIP !== '') {
    if (ips.length === 0) errs.push(fieldErrors.required('spec.clusterIPs'));
    else if (ips[0] !== clusterIP) errs.push(fieldErrors.invalid('spec.clusterIPs', ips, 'first value must match `clusterIP`'));
  } else if (ips.length > 0) {
    errs.push(fieldErrors.invalid('spec.clusterIPs', ips, 'must be empty when `clusterIP` is not specified'));
  }
  const families = arrayAt(spec, 'ipFamilies');
  const seen = new Set<unknown>();
  families.forEach((f, i) => {
    if (!FAMILIES.includes(f as string)) errs.push(fieldErrors.notSupported(`spec.ipFamilies[${i}]`, f, FAMILIES));
    if (seen.has(f)) errs.push(fieldErrors.duplicate(`spec.ipFamilies[${i}]`, f));
    seen.add(f);
  });
  if (isSet(spec, 'ipFamilyPolicy') && !FAMILY_POLICIES.includes(spec.ipFamilyPolicy as string)) {
    errs.push(fieldErrors.notSupported('spec.ipFamilyPolicy', spec.ipFamilyPolicy, FAMILY_POLICIES));
  }
  let badIPs = false;
  ips.forEach((ip, i) => {
    if (i === 0 && ip === 'None') {
      if (ips.length > 1) {
        badIPs = true;
        errs.push(fieldErrors.invalid('spec.clusterIPs', ips, "'None' must be the first and only value"));
      }
      return;
    }
    if (ipFamilyOf(ip) === 0) {
      badIPs = true;
      errs.push(fieldErrors.invalid(`spec.clusterIPs[${i}]`, ip, IP_ERROR));
    }
  });
  if (ips.length > 2) errs.push(fieldErrors.invalid('spec.clusterIPs', ips, 'may only hold up to 2 values'));
  if (badIPs) return errs;
  if (ips.length > 1 && ipFamilyOf(ips[0]!) === ipFamilyOf(ips[1]!)) {
    errs.push(fieldErrors.invalid('spec.clusterIPs', ips, 'may specify no more than one IP for each IP family'));
  }
  if (!isHeadless(spec)) {
    ips.forEach((ip, i) => {
      if (i >= families.length) return;
      const six = ipFamilyOf(ip) === 6;
      if (families[i] === 'IPv4' && six) errs.push(fieldErrors.invalid(`spec.clusterIPs[${i}]`, ip, `expected an IPv4 value as indicated by \`ipFamilies[${i}]\``));
      if (families[i] === 'IPv6' && !six) errs.push(fieldErrors.invalid(`spec.clusterIPs[${i}]`, ip, `expected an IPv6 value as indicated by \`ipFamilies[${i}]\``));
    });
  }
  return errs;
}

/** validateClusterIPUpdate is validateUpgradeDowngradeClusterIPs and validateUpgradeDowngradeIPFamilies: set IPs and families may not change. */
export function validateClusterIPUpdate(spec: JsonObject, oldSpec: JsonObject): FieldError[] {
  if (spec.type === 'ExternalName' || oldSpec.type === 'ExternalName') return [];
  const errs: FieldError[] = [];
  const ips = clusterIPsOf(spec);
  const oldIPs = clusterIPsOf(oldSpec);
  const singleStack = spec.ipFamilyPolicy === 'SingleStack';
  if (!(isHeadless(spec) && isHeadless(oldSpec))) {
    if (ips.length === oldIPs.length) {
      oldIPs.forEach((ip, i) => { if (ip !== ips[i]) errs.push(fieldErrors.invalid(`spec.clusterIPs[${i}]`, ips, 'may not change once set')); });
    } else if (oldIPs.length > ips.length) {
      if (ips.length === 0) errs.push(fieldErrors.invalid('spec.clusterIPs[0]', ips, 'primary clusterIP can not be unset'));
      if (ips.length > 0 && ips[0] !== oldIPs[0]) errs.push(fieldErrors.invalid('spec.clusterIPs[0]', ips, 'may not change once set'));
      if (ips.length === 1 && !singleStack) errs.push(fieldErrors.invalid('spec.ipFamilyPolicy', spec.ipFamilyPolicy ?? null, "must be set to 'SingleStack' when releasing the secondary clusterIP"));
    } else if (oldIPs.length > 0 && ips[0] !== oldIPs[0]) {
      errs.push(fieldErrors.invalid('spec.clusterIPs[0]', ips, 'may not change once set'));
    }
  }
  if (isHeadless(spec) !== isHeadless(oldSpec) || isHeadless(spec)) return errs;
  const families = arrayAt(spec, 'ipFamilies');
  const oldFamilies = arrayAt(oldSpec, 'ipFamilies');
  if (families.length === oldFamilies.length) {
    oldFamilies.forEach((f, i) => { if (f !== families[i]) errs.push(fieldErrors.invalid('spec.ipFamilies[0]', families, 'may not change once set')); });
  } else if (oldFamilies.length > families.length) {
    if (ips.length === 0) errs.push(fieldErrors.invalid('spec.ipFamilies[0]', families, 'primary ipFamily can not be unset'));
    if (families.length > 0 && families[0] !== oldFamilies[0]) errs.push(fieldErrors.invalid('spec.ipFamilies[0]', ips, 'may not change once set'));
    if (families.length === 1 && !singleStack) errs.push(fieldErrors.invalid('spec.ipFamilyPolicy', spec.ipFamilyPolicy ?? null, "must be set to 'SingleStack' when releasing the secondary ipFamily"));
  } else if (oldFamilies.length > 0 && families.length > 0 && families[0] !== oldFamilies[0]) {
    errs.push(fieldErrors.invalid('spec.ipFamilies[0]', ips, 'may not change once set'));
  }
  return errs;
}

/** serviceStatusDefaults fills ipMode VIP on load-balancer ingress IPs (SetDefaults_Service's status part). */
export function serviceStatusDefaults(svc: JsonObject): void {
  for (const ing of objectsAt(objectAt(objectAt(svc, 'status'), 'loadBalancer'), 'ingress')) {
    if (stringAt(ing, 'ip') !== '' && !isSet(ing, 'ipMode')) ing.ipMode = 'VIP';
  }
}
