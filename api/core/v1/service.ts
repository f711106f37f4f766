// Service: SetDefaults_Service (plus the IP family fields the service REST layer fills in),
// ValidateService and ValidateServiceUpdate. Allocating cluster IPs and node ports is the API
// server's job and must happen before validation, as kube-apiserver allocates before validating.
import { fieldErrors, type FieldError } from '../../meta/field-error.js';
import {
  invalidEach, ipFamilyOf, IP_ERROR, isValidCIDR, isValidPortNum, nameIsDNS1035Label, validateDNS1123Label,
  validateDNS1123Subdomain, validateProtocol, validateQualifiedName,
} from '../../meta/validation.js';
import { child, ensureObject, isSet, numberAt, objectAt, objectsAt, setDefault, setDefaultPointer, stringAt, type JsonObject } from '../../meta/validation-json.js';
import { validateLabels, validateObjectMeta, validateObjectMetaUpdate } from '../../meta/validation-meta.js';
import { validatePortNumOrName } from './containers.js';
import { defaultServiceIPFields, isHeadless, prepareServiceUpdate, serviceStatusDefaults, validateClusterIPFields, validateClusterIPUpdate } from './service-ips.js';

const SERVICE_TYPES = ['ClusterIP', 'ExternalName', 'LoadBalancer', 'NodePort'];
const TRAFFIC_POLICIES = ['Cluster', 'Local'];
// PreferClose is GA; PreferSameZone and PreferSameNode are beta (on) from 1.34.
const TRAFFIC_DISTRIBUTIONS = ['PreferClose', 'PreferSameZone', 'PreferSameNode'];
/** DEFAULT_CLIENT_IP_TIMEOUT is DefaultClientIPServiceAffinitySeconds (3 hours). */
export const DEFAULT_CLIENT_IP_TIMEOUT = 10800;
const MAX_CLIENT_IP_TIMEOUT = 86400;

const externallyAccessible = (spec: JsonObject): boolean =>
  spec.type === 'LoadBalancer' || spec.type === 'NodePort' || (spec.type === 'ClusterIP' && Array.isArray(spec.externalIPs) && spec.externalIPs.length > 0);

/** defaultService applies SetDefaults_Service and fills clusterIPs, ipFamilies and ipFamilyPolicy, in place. */
export function defaultService(svc: JsonObject): void {
  const spec = ensureObject(svc, 'spec');
  if (!spec) return;
  setDefault(spec, 'sessionAffinity', 'None');
  if (spec.sessionAffinity === 'None') delete spec.sessionAffinityConfig;
  if (spec.sessionAffinity === 'ClientIP' && numberAt(objectAt(objectAt(spec, 'sessionAffinityConfig'), 'clientIP'), 'timeoutSeconds') === undefined) {
    spec.sessionAffinityConfig = { clientIP: { timeoutSeconds: DEFAULT_CLIENT_IP_TIMEOUT } };
  }
  setDefault(spec, 'type', 'ClusterIP');
  for (const port of objectsAt(spec, 'ports')) {
    setDefault(port, 'protocol', 'TCP');
    if (port.targetPort === undefined || port.targetPort === null || port.targetPort === 0 || port.targetPort === '') port.targetPort = port.port;
  }
  if (externallyAccessible(spec)) setDefault(spec, 'externalTrafficPolicy', 'Cluster');
  if (spec.type === 'NodePort' || spec.type === 'LoadBalancer' || spec.type === 'ClusterIP') setDefaultPointer(spec, 'internalTrafficPolicy', 'Cluster');
  if (spec.type === 'LoadBalancer') setDefaultPointer(spec, 'allocateLoadBalancerNodePorts', true);
  serviceStatusDefaults(svc);
  defaultServiceIPFields(spec);
}

/** prepareServiceForUpdate keeps the allocated values a client left out of an update (kubectl replace). */
export function prepareServiceForUpdate(svc: JsonObject, old: JsonObject): void {
  const spec = objectAt(svc, 'spec');
  const oldSpec = objectAt(old, 'spec');
  if (spec && oldSpec) prepareServiceUpdate(spec, oldSpec);
}

function validatePorts(spec: JsonObject): FieldError[] {
  const errs: FieldError[] = [];
  const ports = objectsAt(spec, 'ports');
  const names = new Set<string>();
  ports.forEach((port, i) => {
    const p = `spec.ports[${i}]`;
    const name = stringAt(port, 'name');
    if (ports.length > 1 && name === '') errs.push(fieldErrors.required(child(p, 'name')));
    else if (name !== '') {
      errs.push(...validateDNS1123Label(name, child(p, 'name')));
      if (names.has(name)) errs.push(fieldErrors.duplicate(child(p, 'name'), name));
      else names.add(name);
    }
    const n = numberAt(port, 'port') ?? 0;
    errs.push(...invalidEach(child(p, 'port'), n, isValidPortNum(n)));
    errs.push(...validateProtocol(port.protocol, child(p, 'protocol')));
    errs.push(...validatePortNumOrName(port.targetPort, child(p, 'targetPort')));
    if (isSet(port, 'appProtocol')) errs.push(...validateQualifiedName(stringAt(port, 'appProtocol'), child(p, 'appProtocol')));
    if (spec.type === 'ClusterIP' && numberAt(port, 'nodePort')) {
      errs.push(fieldErrors.forbidden(child(p, 'nodePort'), "may not be used when `type` is 'ClusterIP'"));
    }
  });
  const nodePorts = new Set<string>();
  ports.forEach((port, i) => {
    const nodePort = numberAt(port, 'nodePort') ?? 0;
    if (nodePort === 0) return;
    const id = `${stringAt(port, 'protocol')}/${nodePort}`;
    if (nodePorts.has(id)) errs.push(fieldErrors.duplicate(`spec.ports[${i}].nodePort`, nodePort));
    nodePorts.add(id);
  });
  const seen = new Set<string>();
  ports.forEach((port, i) => {
    const id = `${stringAt(port, 'protocol')}/${numberAt(port, 'port') ?? 0}`;
    if (seen.has(id)) errs.push(fieldErrors.duplicate(`spec.ports[${i}]`, { protocol: stringAt(port, 'protocol'), port: numberAt(port, 'port') ?? 0 }));
    seen.add(id);
  });
  return errs;
}

function validateAffinity(spec: JsonObject): FieldError[] {
  const affinity = stringAt(spec, 'sessionAffinity');
  if (affinity === '') return [fieldErrors.required('spec.sessionAffinity')];
  if (affinity !== 'ClientIP' && affinity !== 'None') return [fieldErrors.notSupported('spec.sessionAffinity', affinity, ['ClientIP', 'None'])];
  const config = objectAt(spec, 'sessionAffinityConfig');
  if (affinity === 'None') return config ? [fieldErrors.forbidden('spec.sessionAffinityConfig', 'must not be set when session affinity is None')] : [];
  const when = 'when session affinity type is ClientIP';
  if (!config) return [fieldErrors.required('spec.sessionAffinityConfig', when)];
  const clientIP = objectAt(config, 'clientIP');
  if (!clientIP) return [fieldErrors.required('spec.sessionAffinityConfig.clientIP', when)];
  const timeout = numberAt(clientIP, 'timeoutSeconds');
  if (timeout === undefined) return [fieldErrors.required('spec.sessionAffinityConfig.clientIP.timeoutSeconds', when)];
  if (timeout <= 0 || timeout > MAX_CLIENT_IP_TIMEOUT) {
    return [fieldErrors.invalid('spec.sessionAffinityConfig.clientIP.timeoutSeconds', timeout, `must be greater than 0 and less than ${MAX_CLIENT_IP_TIMEOUT}`)];
  }
  return [];
}

function validateTraffic(spec: JsonObject): FieldError[] {
  const errs: FieldError[] = [];
  const etp = stringAt(spec, 'externalTrafficPolicy');
  if (!externallyAccessible(spec)) {
    if (etp !== '') errs.push(fieldErrors.invalid('spec.externalTrafficPolicy', etp, 'may only be set for externally-accessible services'));
  } else if (etp === '') errs.push(fieldErrors.required('spec.externalTrafficPolicy'));
  else if (!TRAFFIC_POLICIES.includes(etp)) errs.push(fieldErrors.notSupported('spec.externalTrafficPolicy', etp, TRAFFIC_POLICIES));
  const hc = numberAt(spec, 'healthCheckNodePort') ?? 0;
  if (!(spec.type === 'LoadBalancer' && etp === 'Local')) {
    if (hc !== 0) errs.push(fieldErrors.invalid('spec.healthCheckNodePort', hc, "may only be set when `type` is 'LoadBalancer' and `externalTrafficPolicy` is 'Local'"));
  } else if (hc === 0) errs.push(fieldErrors.required('spec.healthCheckNodePort'));
  else errs.push(...invalidEach('spec.healthCheckNodePort', hc, isValidPortNum(hc)));
  if (!isSet(spec, 'internalTrafficPolicy')) {
    if (spec.type === 'NodePort' || spec.type === 'LoadBalancer' || spec.type === 'ClusterIP') errs.push(fieldErrors.required('spec.internalTrafficPolicy'));
  } else if (!TRAFFIC_POLICIES.includes(spec.internalTrafficPolicy as string)) {
    errs.push(fieldErrors.notSupported('spec.internalTrafficPolicy', spec.internalTrafficPolicy, TRAFFIC_POLICIES));
  }
  if (isSet(spec, 'trafficDistribution') && !TRAFFIC_DISTRIBUTIONS.includes(spec.trafficDistribution as string)) {
    errs.push(fieldErrors.notSupported('spec.trafficDistribution', spec.trafficDistribution, TRAFFIC_DISTRIBUTIONS));
  }
  return errs;
}

function validateTypeRules(spec: JsonObject): FieldError[] {
  const errs: FieldError[] = [];
  const type = stringAt(spec, 'type');
  if ((type === 'LoadBalancer' || type === 'NodePort') && isHeadless(spec)) {
    errs.push(fieldErrors.invalid('spec.clusterIPs[0]', 'None', `may not be set to 'None' for ${type} services`));
  }
  if (type === 'ExternalName') {
    if (Array.isArray(spec.clusterIPs) && spec.clusterIPs.length > 0) errs.push(fieldErrors.forbidden('spec.clusterIPs', 'may not be set for ExternalName services'));
    if (Array.isArray(spec.ipFamilies) && spec.ipFamilies.length > 0) errs.push(fieldErrors.forbidden('spec.ipFamilies', 'may not be set for ExternalName services'));
    if (isSet(spec, 'ipFamilyPolicy')) errs.push(fieldErrors.forbidden('spec.ipFamilyPolicy', 'may not be set for ExternalName services'));
    const cname = stringAt(spec, 'externalName').replace(/\.$/, '');
    if (cname !== '') errs.push(...validateDNS1123Subdomain(cname, 'spec.externalName'));
    else errs.push(fieldErrors.required('spec.externalName'));
  }
  if (type === '') errs.push(fieldErrors.required('spec.type'));
  else if (!SERVICE_TYPES.includes(type)) errs.push(fieldErrors.notSupported('spec.type', type, SERVICE_TYPES));
  const ranges = Array.isArray(spec.loadBalancerSourceRanges) ? spec.loadBalancerSourceRanges.map(String) : [];
  if (ranges.length > 0) {
    // Kubernetes spells this path with a capital L.
    if (type !== 'LoadBalancer') errs.push(fieldErrors.forbidden('spec.LoadBalancerSourceRanges', "may only be used when `type` is 'LoadBalancer'"));
    ranges.forEach((r, i) => {
      if (!isValidCIDR(r.trim())) errs.push(fieldErrors.invalid(`spec.LoadBalancerSourceRanges[${i}]`, r.trim(), 'must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)'));
    });
  }
  if (isSet(spec, 'allocateLoadBalancerNodePorts') && type !== 'LoadBalancer') {
    errs.push(fieldErrors.forbidden('spec.allocateLoadBalancerNodePorts', "may only be used when `type` is 'LoadBalancer'"));
  }
  if (type === 'LoadBalancer' && !isSet(spec, 'allocateLoadBalancerNodePorts')) errs.push(fieldErrors.required('allocateLoadBalancerNodePorts'));
  if (isSet(spec, 'loadBalancerClass')) {
    if (type === 'LoadBalancer') errs.push(...validateQualifiedName(stringAt(spec, 'loadBalancerClass'), 'spec.loadBalancerClass'));
    else errs.push(fieldErrors.forbidden('spec.loadBalancerClass', "may only be used when `type` is 'LoadBalancer'"));
  }
  return errs;
}

/** validateService is ValidateService (create). */
export function validateService(svc: JsonObject): FieldError[] {
  const spec = objectAt(svc, 'spec') ?? {};
  const errs = validateObjectMeta(svc.metadata, { namespaced: true, nameFn: nameIsDNS1035Label });
  const ports = objectsAt(spec, 'ports');
  if (ports.length === 0 && !isHeadless(spec) && spec.type !== 'ExternalName') errs.push(fieldErrors.required('spec.ports'));
  errs.push(...validateTypeRules(spec));
  errs.push(...validatePorts(spec));
  if (isSet(spec, 'selector')) errs.push(...validateLabels(spec.selector, 'spec.selector'));
  errs.push(...validateAffinity(spec));
  errs.push(...validateClusterIPFields(spec));
  (Array.isArray(spec.externalIPs) ? spec.externalIPs.map(String) : []).forEach((ip, i) => {
    const p = `spec.externalIPs[${i}]`;
    if (ipFamilyOf(ip) === 0) errs.push(fieldErrors.invalid(p, ip, IP_ERROR));
    else if (/^(0\.0\.0\.0|::)$/.test(ip)) errs.push(fieldErrors.invalid(p, ip, `may not be unspecified (${ip})`));
    else if (/^127\.|^::1$/.test(ip)) errs.push(fieldErrors.invalid(p, ip, 'may not be in the loopback range (127.0.0.0/8, ::1/128)'));
    else if (/^169\.254\.|^fe[89ab]/i.test(ip)) errs.push(fieldErrors.invalid(p, ip, 'may not be in the link-local range (169.254.0.0/16, fe80::/10)'));
  });
  errs.push(...validateTraffic(spec));
  return errs;
}

/** validateServiceUpdate is ValidateServiceUpdate: cluster IPs, IP families and the load balancer class may not change once set. */
export function validateServiceUpdate(svc: JsonObject, old: JsonObject, opts: { allowUnconditionalUpdate?: boolean } = {}): FieldError[] {
  const spec = objectAt(svc, 'spec') ?? {};
  const oldSpec = objectAt(old, 'spec') ?? {};
  const errs = [...validateObjectMetaUpdate(svc.metadata, old.metadata, opts), ...validateClusterIPUpdate(spec, oldSpec)];
  if (spec.type === 'LoadBalancer' && oldSpec.type === 'LoadBalancer' && (spec.loadBalancerClass ?? null) !== (oldSpec.loadBalancerClass ?? null)) {
    errs.push(fieldErrors.invalid('spec.loadBalancerClass', spec.loadBalancerClass ?? null, 'may not change once set'));
  }
  const needsHC = (s: JsonObject): boolean => s.type === 'LoadBalancer' && s.externalTrafficPolicy === 'Local';
  if (needsHC(spec) && needsHC(oldSpec) && numberAt(spec, 'healthCheckNodePort') !== numberAt(oldSpec, 'healthCheckNodePort')) {
    errs.push(fieldErrors.forbidden('spec.healthCheckNodePort', 'field is immutable'));
  }
  return [...errs, ...validateService(svc)];
}
