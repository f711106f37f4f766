// Endpoints: port protocol TCP by default (SetDefaults_Endpoints) and ValidateEndpoints, on
// create and update alike.
import { fieldErrors, type FieldError } from '../../meta/field-error.js';
import {
  invalidEach, ipFamilyOf, IP_ERROR, isValidPortNum, nameIsDNSSubdomain, validateDNS1123Label, validateProtocol, validateQualifiedName,
} from '../../meta/validation.js';
import { child, index, isSet, numberAt, objectsAt, setDefault, stringAt, type JsonObject } from '../../meta/validation-json.js';
import { validateObjectMeta, validateObjectMetaUpdate } from '../../meta/validation-meta.js';

/** defaultEndpoints applies SetDefaults_Endpoints in place. */
export function defaultEndpoints(ep: JsonObject): void {
  for (const subset of objectsAt(ep, 'subsets')) for (const port of objectsAt(subset, 'ports')) setDefault(port, 'protocol', 'TCP');
}

// ValidateNonSpecialIP: endpoints may not point at unspecified, loopback or link-local addresses.
function nonSpecialIPErrors(ip: string, path: string): FieldError[] {
  if (ipFamilyOf(ip) === 0) return [fieldErrors.invalid(path, ip, 'must be a valid IP address')];
  if (/^0+\.0+\.0+\.0+$|^::$/.test(ip)) return [fieldErrors.invalid(path, ip, `may not be unspecified (${ip})`)];
  if (/^0*127\.|^::1$/.test(ip)) return [fieldErrors.invalid(path, ip, 'may not be in the loopback range (127.0.0.0/8, ::1/128)')];
  if (/^0*169\.0*254\.|^fe[89ab]/i.test(ip)) return [fieldErrors.invalid(path, ip, 'may not be in the link-local range (169.254.0.0/16, fe80::/10)')];
  if (/^0*224\.0+\.0+\.|^ff02:/i.test(ip)) return [fieldErrors.invalid(path, ip, 'may not be in the link-local multicast range (224.0.0.0/24, ff02::/10)')];
  return [];
}

function validateAddress(address: JsonObject, path: string): FieldError[] {
  const ip = stringAt(address, 'ip');
  const errs: FieldError[] = ipFamilyOf(ip) === 0 ? [fieldErrors.invalid(child(path, 'ip'), ip, IP_ERROR)] : [];
  const hostname = stringAt(address, 'hostname');
  if (hostname !== '') errs.push(...validateDNS1123Label(hostname, child(path, 'hostname')));
  if (isSet(address, 'nodeName')) {
    const node = stringAt(address, 'nodeName');
    errs.push(...invalidEach(child(path, 'nodeName'), node, nameIsDNSSubdomain(node, false)));
  }
  return [...errs, ...nonSpecialIPErrors(ip, child(path, 'ip'))];
}

/** validateEndpoints is ValidateEndpoints: every subset has addresses, valid IPs and valid ports. */
export function validateEndpoints(ep: JsonObject): FieldError[] {
  const errs = validateObjectMeta(ep.metadata, { namespaced: true, nameFn: nameIsDNSSubdomain });
  objectsAt(ep, 'subsets').forEach((subset, i) => {
    const p = index('subsets', i);
    const addresses = objectsAt(subset, 'addresses');
    const notReady = objectsAt(subset, 'notReadyAddresses');
    if (addresses.length === 0 && notReady.length === 0) errs.push(fieldErrors.required(p, 'must specify `addresses` or `notReadyAddresses`'));
    addresses.forEach((a, j) => errs.push(...validateAddress(a, index(child(p, 'addresses'), j))));
    notReady.forEach((a, j) => errs.push(...validateAddress(a, index(child(p, 'notReadyAddresses'), j))));
    const ports = objectsAt(subset, 'ports');
    ports.forEach((port, j) => {
      const pp = index(child(p, 'ports'), j);
      const name = stringAt(port, 'name');
      if (ports.length > 1 && name === '') errs.push(fieldErrors.required(child(pp, 'name')));
      else if (name !== '') errs.push(...validateDNS1123Label(name, child(pp, 'name')));
      const n = numberAt(port, 'port') ?? 0;
      errs.push(...invalidEach(child(pp, 'port'), n, isValidPortNum(n)));
      errs.push(...validateProtocol(port.protocol, child(pp, 'protocol')));
      if (isSet(port, 'appProtocol')) errs.push(...validateQualifiedName(stringAt(port, 'appProtocol'), child(pp, 'appProtocol')));
    });
  });
  return errs;
}

/** validateEndpointsUpdate is ValidateEndpointsUpdate. */
export function validateEndpointsUpdate(ep: JsonObject, old: JsonObject, opts: { allowUnconditionalUpdate?: boolean } = {}): FieldError[] {
  return [...validateObjectMetaUpdate(ep.metadata, old.metadata, opts), ...validateEndpoints(ep)];
}
