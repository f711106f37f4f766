// Container resource requirements (limits and requests): names, quantities and request ≤ limit,
// as ValidateContainerResourceRequirements checks them.
import { fieldErrors, type FieldError } from '../../meta/field-error.js';
import { compareQuantities, formatQuantity, parseQuantityExact, QUANTITY_FORMAT_ERROR, QuantityError, type Quantity } from '../../meta/quantity.js';
import { IS_NEGATIVE_ERROR, invalidEach, isQualifiedName } from '../../meta/validation.js';
import { child, isJsonObject, key, objectAt } from '../../meta/validation-json.js';

const STANDARD_CONTAINER_RESOURCES = new Set(['cpu', 'memory', 'ephemeral-storage']);
// Standard resource names that are not for containers (quota and storage names).
const STANDARD_OTHER_RESOURCES = new Set([
  'requests.cpu', 'requests.memory', 'requests.ephemeral-storage', 'limits.cpu', 'limits.memory', 'limits.ephemeral-storage',
  'pods', 'services', 'replicationcontrollers', 'resourcequotas', 'secrets', 'configmaps', 'persistentvolumeclaims',
  'storage', 'requests.storage', 'services.nodeports', 'services.loadbalancers',
]);

const isHugePages = (name: string): boolean => name.startsWith('hugepages-');
const isNative = (name: string): boolean => !name.includes('/') || name.includes('kubernetes.io/');
const isExtended = (name: string): boolean => !isNative(name) && !name.startsWith('requests.') && isQualifiedName(`requests.${name}`).length === 0;
/** isOvercommitAllowed is IsOvercommitAllowed: native resources other than hugepages may have requests below limits. */
export const isOvercommitAllowed = (name: string): boolean => isNative(name) && !isHugePages(name);

function validateResourceName(name: string, path: string): FieldError[] {
  const errs = invalidEach(path, name, isQualifiedName(name));
  if (errs.length > 0) return errs;
  if (!name.includes('/')) {
    if (!STANDARD_CONTAINER_RESOURCES.has(name) && !STANDARD_OTHER_RESOURCES.has(name) && !isHugePages(name) && !name.startsWith('requests.hugepages-')) {
      errs.push(fieldErrors.invalid(path, name, 'must be a standard resource type or fully qualified'));
    }
    if (!STANDARD_CONTAINER_RESOURCES.has(name) && !isHugePages(name)) errs.push(fieldErrors.invalid(path, name, 'must be a standard resource for containers'));
  } else if (!isNative(name) && !isExtended(name)) {
    errs.push(fieldErrors.invalid(path, name, "doesn't follow extended resource name standard"));
  }
  return errs;
}

/** parseQuantityField parses a quantity field; a malformed one becomes an Invalid error (kube-apiserver refuses it while decoding, with the same message). */
export function parseQuantityField(value: unknown, path: string, errs: FieldError[]): Quantity | undefined {
  if (value === null || value === undefined) return parseQuantityExact('0');
  try {
    // Go reads a non-string JSON value's text as the quantity: `true` or `{}` fail the format check.
    if (typeof value !== 'string' && typeof value !== 'number') throw new QuantityError(QUANTITY_FORMAT_ERROR);
    return parseQuantityExact(String(value));
  } catch (e) {
    if (!(e instanceof QuantityError)) throw e;
    errs.push(fieldErrors.invalid(path, value, e.message));
    return undefined;
  }
}

// Huge pages are sized in whole pages of the size the resource name carries.
function hugePageError(name: string, q: Quantity): string | undefined {
  const size = name.startsWith('hugepages-') ? name.slice('hugepages-'.length) : '';
  let page: Quantity;
  try {
    page = parseQuantityExact(size);
  } catch {
    return undefined;
  }
  const scale = Math.min(q.scale, page.scale);
  const v = q.unscaled * 10n ** BigInt(q.scale - scale);
  const p = page.unscaled * 10n ** BigInt(page.scale - scale);
  if (p > 0n && v % p === 0n) return undefined;
  return `${formatQuantity(q)} is not positive integer multiple of ${name}`;
}

function validateQuantity(name: string, q: Quantity, path: string): FieldError[] {
  const errs: FieldError[] = [];
  if (q.negative) errs.push(fieldErrors.invalid(path, formatQuantity(q), IS_NEGATIVE_ERROR));
  if (isExtended(name) && (q.scale < 0 ? q.unscaled % 10n ** BigInt(-q.scale) !== 0n : false)) {
    errs.push(fieldErrors.invalid(path, formatQuantity(q), 'must be an integer'));
  }
  if (isHugePages(name)) {
    const msg = hugePageError(name, q);
    if (msg) errs.push(fieldErrors.invalid(path, formatQuantity(q), msg));
  }
  return errs;
}

/** validateContainerResources is ValidateContainerResourceRequirements over `resources` at path. */
export function validateContainerResources(resources: unknown, path: string): FieldError[] {
  const res = isJsonObject(resources) ? resources : {};
  const errs: FieldError[] = [];
  const limPath = child(path, 'limits');
  const reqPath = child(path, 'requests');
  const limits = new Map<string, Quantity>();
  let cpuOrMemory = false;
  let hugePages = false;
  for (const [name, value] of Object.entries(objectAt(res, 'limits') ?? {})) {
    const p = key(limPath, name);
    errs.push(...validateResourceName(name, p));
    const q = parseQuantityField(value, p, errs);
    if (!q) continue;
    errs.push(...validateQuantity(name, q, p));
    limits.set(name, q);
    if (name === 'cpu' || name === 'memory') cpuOrMemory = true;
    if (isHugePages(name)) hugePages = true;
  }
  for (const [name, value] of Object.entries(objectAt(res, 'requests') ?? {})) {
    const p = key(reqPath, name);
    errs.push(...validateResourceName(name, p));
    const q = parseQuantityField(value, p, errs);
    if (!q) continue;
    errs.push(...validateQuantity(name, q, p));
    const limit = limits.get(name);
    if (limit) {
      const cmp = compareQuantities(q, limit);
      if (cmp !== 0 && !isOvercommitAllowed(name)) {
        errs.push(fieldErrors.invalid(reqPath, formatQuantity(q), `must be equal to ${name} limit of ${formatQuantity(limit)}`));
      } else if (cmp > 0) {
        errs.push(fieldErrors.invalid(reqPath, formatQuantity(q), `must be less than or equal to ${name} limit of ${formatQuantity(limit)}`));
      }
    } else if (!isOvercommitAllowed(name)) {
      errs.push(fieldErrors.required(limPath, 'Limit must be set for non overcommitable resources'));
    }
    if (name === 'cpu' || name === 'memory') cpuOrMemory = true;
    if (isHugePages(name)) hugePages = true;
  }
  if (!cpuOrMemory && hugePages) errs.push(fieldErrors.forbidden(path, 'HugePages require cpu or memory'));
  return errs;
}

/** validateQuantityMap checks a map of quantities (node capacity, overhead): parsable and not negative; asChild names entries `path.name` as node status errors do. */
export function validateQuantityMap(list: unknown, path: string, asChild = false): FieldError[] {
  const errs: FieldError[] = [];
  if (!isJsonObject(list)) return errs;
  for (const [name, value] of Object.entries(list)) {
    const p = asChild ? child(path, name) : key(path, name);
    const q = parseQuantityField(value, p, errs);
    if (q) errs.push(...validateQuantity(name, q, p));
  }
  return errs;
}
