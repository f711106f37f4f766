// resource.Quantity as apimachinery parses and prints it: the same accepted grammar (quirks
// included: "." and "Gi" alone parse as zero), the same nano rounding, and the same output, which
// reuses the client's string when Go would (it caches canonical-looking input) and otherwise
// prints the canonical form, so `0.5` reads back as `500m` and `1024Mi` as `1Gi`.

/** QUANTITY_FORMAT_ERROR is ErrFormatWrong's message, which clients see for a malformed quantity. */
export const QUANTITY_FORMAT_ERROR = "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'";
/** QUANTITY_SUFFIX_ERROR is ErrSuffix's message. */
export const QUANTITY_SUFFIX_ERROR = "unable to parse quantity's suffix";

/** QuantityError is a string that is not a quantity; message is apimachinery's. */
export class QuantityError extends Error {
  override name = 'QuantityError';
}

/** QuantityFormat is how a quantity prints: as it was written (by family), like Go's Format. */
export type QuantityFormat = 'DecimalSI' | 'BinarySI' | 'DecimalExponent';

/** Quantity is an exact parsed quantity: sign × unscaled × 10^scale. */
export interface Quantity {
  negative: boolean;
  unscaled: bigint;
  scale: number;
  format: QuantityFormat;
  /** cached is the input, kept when Go keeps it (it already looks canonical). */
  cached?: string;
}

const DEC_SUFFIX: Record<string, number> = { n: -9, u: -6, m: -3, '': 0, k: 3, M: 6, G: 9, T: 12, P: 15, E: 18 };
const BIN_SUFFIX: Record<string, number> = { Ki: 10, Mi: 20, Gi: 30, Ti: 40, Pi: 50, Ei: 60 };
const SUFFIX_CHARS = 'eEinumkKMGTP';
const isDigit = (c: string | undefined): boolean => c !== undefined && c >= '0' && c <= '9';
const pow10 = (n: number): bigint => 10n ** BigInt(n);

interface Split { negative: boolean; num: string; denom: string; suffix: string }

// parseQuantityString, step for step, so odd input gets Go's answer rather than a stricter one.
function split(str: string): Split {
  let negative = false;
  let pos = 0;
  const end = str.length;
  if (str[0] === '-') { negative = true; pos++; } else if (str[0] === '+') pos++;
  while (pos < end && str[pos] === '0') pos++;
  if (pos >= end) return { negative, num: '0', denom: '', suffix: '' };
  let i = pos;
  while (i < end && isDigit(str[i])) i++;
  const num = str.slice(pos, i) || '0';
  if (i >= end) return { negative, num, denom: '', suffix: '' };
  pos = i;
  let denom = '';
  if (str[pos] === '.') {
    pos++;
    i = pos;
    while (i < end && isDigit(str[i])) i++;
    denom = str.slice(pos, i);
    if (i >= end) return { negative, num, denom, suffix: '' };
    pos = i;
  }
  const suffixStart = pos;
  i = pos;
  while (i < end && SUFFIX_CHARS.includes(str[i]!)) i++;
  if (i >= end) return { negative, num, denom, suffix: str.slice(suffixStart) };
  pos = i;
  if (str[pos] === '-' || str[pos] === '+') pos++;
  for (i = pos; i < end; i++) if (!isDigit(str[i])) throw new QuantityError(QUANTITY_FORMAT_ERROR);
  return { negative, num, denom, suffix: str.slice(suffixStart) };
}

function interpret(suffix: string): { base: 10 | 2; exponent: number; format: QuantityFormat } {
  if (suffix in DEC_SUFFIX) return { base: 10, exponent: DEC_SUFFIX[suffix]!, format: 'DecimalSI' };
  if (suffix in BIN_SUFFIX) return { base: 2, exponent: BIN_SUFFIX[suffix]!, format: 'BinarySI' };
  if (suffix.length > 1 && (suffix[0] === 'e' || suffix[0] === 'E') && /^[-+]?[0-9]+$/.test(suffix.slice(1))) {
    const exponent = Number(suffix.slice(1));
    if (Number.isSafeInteger(exponent)) return { base: 10, exponent, format: 'DecimalExponent' };
  }
  throw new QuantityError(QUANTITY_SUFFIX_ERROR);
}

// The fast path of ParseQuantity decides whether Go keeps the input string for output.
function keepsInput(s: Split, base: 10 | 2, exponent: number): boolean {
  if (base === 10) {
    const precision = 18 - (s.num.length + s.denom.length);
    const scale = exponent - s.denom.length;
    if (precision < 0 || scale < -9) return false;
    const shifted = s.num + s.denom;
    return scale % 3 === 0 && !shifted.endsWith('000') && shifted[0] !== '0';
  }
  if (exponent < 0 || s.denom.length > 0) return false;
  const precision = 15 - s.num.length - Math.trunc(Math.fround(exponent * 3) / 10) - 1;
  if (precision < 0) return false;
  const value = BigInt(s.num);
  if (value << BigInt(exponent) > 2n ** 63n - 1n) return false;
  return exponent % 10 === 0 && (value & 7n) !== 0n;
}

/** parseQuantityExact parses a quantity exactly; it throws QuantityError with Go's message. */
export function parseQuantityExact(input: string): Quantity {
  const str = input.trim();
  if (str === '') throw new QuantityError(QUANTITY_FORMAT_ERROR);
  if (str === '0') return { negative: false, unscaled: 0n, scale: 0, format: 'DecimalSI', cached: '0' };
  const s = split(str);
  const { base, exponent, format } = interpret(s.suffix);
  let unscaled = BigInt(s.num + s.denom);
  let scale = -s.denom.length;
  if (base === 10) scale += exponent;
  else unscaled <<= BigInt(exponent);
  // Non-zero values round up to a whole nano: asking for a sliver of a resource still gets some.
  if (unscaled !== 0n && scale < -9) {
    const d = pow10(-9 - scale);
    unscaled = (unscaled + d - 1n) / d;
    scale = -9;
  }
  let fmt = format;
  if (fmt === 'BinarySI' && unscaled !== 0n && scale < 0 && unscaled < pow10(-scale)) fmt = 'DecimalSI';
  const q: Quantity = { negative: s.negative && unscaled !== 0n, unscaled, scale, format: fmt };
  if (keepsInput(s, base, exponent)) q.cached = str;
  return q;
}

/** parseQuantity is the quantity's value in base units (cores, bytes); it throws QuantityError. */
export function parseQuantity(input: string | number): number {
  return quantityValue(parseQuantityExact(String(input)));
}

/** quantityValue is a parsed quantity as a number of base units. */
export function quantityValue(q: Quantity): number {
  const v = q.scale >= 0 ? Number(q.unscaled * pow10(q.scale)) : Number(q.unscaled) / 10 ** -q.scale;
  return q.negative ? -v : v;
}

/** compareQuantities is <0, 0 or >0 as a is less than, equal to or greater than b. */
export function compareQuantities(a: Quantity, b: Quantity): number {
  const scale = Math.min(a.scale, b.scale);
  const av = a.unscaled * pow10(a.scale - scale) * (a.negative ? -1n : 1n);
  const bv = b.unscaled * pow10(b.scale - scale) * (b.negative ? -1n : 1n);
  return av < bv ? -1 : av > bv ? 1 : 0;
}

/** roundUpQuantity is Quantity.RoundUp: at least `scale` precision, away from zero, cache kept if exact. */
export function roundUpQuantity(q: Quantity, scale: number): Quantity {
  if (q.scale >= scale) return q;
  const d = pow10(scale - q.scale);
  const unscaled = (q.unscaled + d - 1n) / d;
  return { negative: q.negative && unscaled !== 0n, unscaled, scale, format: q.format };
}

const DEC_NAMES = new Map(Object.entries(DEC_SUFFIX).map(([k, v]) => [v, k]));
const BIN_NAMES = new Map(Object.entries(BIN_SUFFIX).map(([k, v]) => [v, k]));

/** formatQuantity prints a quantity as Quantity.String does. */
export function formatQuantity(q: Quantity): string {
  if (q.cached !== undefined) return q.cached;
  if (q.unscaled === 0n) return '0';
  const sign = q.negative ? '-' : '';
  let format = q.format;
  if (format === 'BinarySI') {
    const magnitudeBelow1024 = q.scale >= 0 ? q.unscaled * pow10(q.scale) < 1024n : q.unscaled < 1024n * pow10(-q.scale);
    const whole = q.scale >= 0 || q.unscaled % pow10(-q.scale) === 0n;
    if (magnitudeBelow1024 || !whole) format = 'DecimalSI';
    else {
      let amount = q.scale >= 0 ? q.unscaled * pow10(q.scale) : q.unscaled / pow10(-q.scale);
      let exponent = 0;
      while (amount % 1024n === 0n) { amount /= 1024n; exponent += 10; }
      return sign + amount.toString() + (BIN_NAMES.get(exponent) ?? '');
    }
  }
  let amount = q.unscaled;
  let exponent = q.scale;
  while (amount % 10n === 0n) { amount /= 10n; exponent++; }
  while (((exponent % 3) + 3) % 3 !== 0) { amount *= 10n; exponent--; }
  let suffix: string;
  if (format === 'DecimalExponent') suffix = exponent === 0 ? '' : `e${exponent}`;
  else suffix = DEC_NAMES.get(exponent) ?? `e${exponent}`;
  return sign + amount.toString() + suffix;
}

/** canonicalQuantity is what Kubernetes stores for a quantity written as input; milli applies the ResourceList rounding. */
export function canonicalQuantity(input: string | number, opts: { milli?: boolean } = {}): string {
  const q = parseQuantityExact(String(input));
  return formatQuantity(opts.milli ? roundUpQuantity(q, -3) : q);
}
