// The shared format rules of apimachinery's util/validation, with Kubernetes' exact messages
// (v1.33 wording): names, label keys and values, ports, IPs, env names, config keys. Each `is*`
// returns the list of problems (empty when valid), as Go does; `validate*` wrap them as FieldErrors.
import { isIP } from 'node:net';
import { fieldErrors, type FieldError } from './field-error.js';

/** maxLenError is MaxLenError. */
export const maxLenError = (n: number): string => `must be no more than ${n} characters`;
/** emptyError is EmptyError. */
export const emptyError = (): string => 'must be non-empty';
/** inclusiveRangeError is InclusiveRangeError. */
export const inclusiveRangeError = (lo: number, hi: number): string => `must be between ${lo} and ${hi}, inclusive`;
/** IS_NEGATIVE_ERROR is IsNegativeErrorMsg. */
export const IS_NEGATIVE_ERROR = 'must be greater than or equal to 0';
/** FIELD_IMMUTABLE is FieldImmutableErrorMsg. */
export const FIELD_IMMUTABLE = 'field is immutable';

/** regexError is RegexError, double space before `or` included, as Go prints it. */
export function regexError(msg: string, fmt: string, ...examples: string[]): string {
  if (examples.length === 0) return `${msg} (regex used for validation is '${fmt}')`;
  return `${msg} (e.g. ${examples.map((e, i) => `${i > 0 ? ' or ' : ''}'${e}', `).join('')}regex used for validation is '${fmt}')`;
}

const DNS1123_LABEL_FMT = '[a-z0-9]([-a-z0-9]*[a-z0-9])?';
const DNS1123_SUBDOMAIN_FMT = `${DNS1123_LABEL_FMT}(\\.${DNS1123_LABEL_FMT})*`;
const DNS1035_LABEL_FMT = '[a-z]([-a-z0-9]*[a-z0-9])?';
const QNAME_FMT = '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]';
const LABEL_VALUE_FMT = `(${QNAME_FMT})?`;
const CONFIG_MAP_KEY_FMT = '[-._a-zA-Z0-9]+';
const PERCENT_FMT = '[0-9]+%';
const HTTP_HEADER_FMT = '[-A-Za-z0-9]+';
const anchored = (fmt: string): RegExp => new RegExp(`^${fmt}$`);
const DNS1123_LABEL = anchored(DNS1123_LABEL_FMT);
const DNS1123_SUBDOMAIN = anchored(DNS1123_SUBDOMAIN_FMT);
const DNS1035_LABEL = anchored(DNS1035_LABEL_FMT);
const QNAME = anchored(QNAME_FMT);
const LABEL_VALUE = anchored(LABEL_VALUE_FMT);

// Go's len() counts bytes; a name with non-ASCII characters fails the regex anyway, but the length
// message must agree with Go's count.
const byteLength = (s: string): number => Buffer.byteLength(s, 'utf8');

/** isDNS1123Label tests an RFC 1123 label (namespace names, container names, port names). */
export function isDNS1123Label(value: string): string[] {
  const errs: string[] = [];
  if (byteLength(value) > 63) errs.push(maxLenError(63));
  if (!DNS1123_LABEL.test(value)) {
    if (DNS1123_SUBDOMAIN.test(value)) errs.push('must not contain dots');
    else errs.push(regexError("a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character", DNS1123_LABEL_FMT, 'my-name', '123-abc'));
  }
  return errs;
}

/** isDNS1123Subdomain tests an RFC 1123 subdomain (the names of most kinds). */
export function isDNS1123Subdomain(value: string): string[] {
  const errs: string[] = [];
  if (byteLength(value) > 253) errs.push(maxLenError(253));
  if (!DNS1123_SUBDOMAIN.test(value)) {
    errs.push(regexError("a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character", DNS1123_SUBDOMAIN_FMT, 'example.com'));
  }
  return errs;
}

/** isDNS1035Label tests an RFC 1035 label (service names). */
export function isDNS1035Label(value: string): string[] {
  const errs: string[] = [];
  if (byteLength(value) > 63) errs.push(maxLenError(63));
  if (!DNS1035_LABEL.test(value)) {
    errs.push(regexError("a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character", DNS1035_LABEL_FMT, 'my-name', 'abc-123'));
  }
  return errs;
}

const QNAME_MSG = "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";

/** isQualifiedName tests a qualified name: label keys, annotation keys, finalizers, condition types. */
export function isQualifiedName(value: string): string[] {
  const errs: string[] = [];
  const parts = value.split('/');
  let name: string;
  if (parts.length === 1) name = parts[0]!;
  else if (parts.length === 2) {
    const prefix = parts[0]!;
    name = parts[1]!;
    if (prefix.length === 0) errs.push(`prefix part ${emptyError()}`);
    else errs.push(...isDNS1123Subdomain(prefix).map((m) => `prefix part ${m}`));
  } else {
    return [`a qualified name ${regexError(QNAME_MSG, QNAME_FMT, 'MyName', 'my.name', '123-abc')} with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')`];
  }
  if (name.length === 0) errs.push(`name part ${emptyError()}`);
  else if (byteLength(name) > 63) errs.push(`name part ${maxLenError(63)}`);
  if (!QNAME.test(name)) errs.push(`name part ${regexError(QNAME_MSG, QNAME_FMT, 'MyName', 'my.name', '123-abc')}`);
  return errs;
}

/** isValidLabelValue tests a label value (may be empty). */
export function isValidLabelValue(value: string): string[] {
  const errs: string[] = [];
  if (byteLength(value) > 63) errs.push(maxLenError(63));
  if (!LABEL_VALUE.test(value)) {
    errs.push(regexError("a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character", LABEL_VALUE_FMT, 'MyValue', 'my_value', '12345'));
  }
  return errs;
}

function chdirPrefix(value: string): string[] {
  if (value === '.') return ["must not be '.'"];
  if (value === '..') return ["must not be '..'"];
  if (value.startsWith('..')) return ["must not start with '..'"];
  return [];
}

/** isConfigMapKey tests a key of a ConfigMap or Secret. */
export function isConfigMapKey(value: string): string[] {
  const errs: string[] = [];
  if (byteLength(value) > 253) errs.push(maxLenError(253));
  if (!anchored(CONFIG_MAP_KEY_FMT).test(value)) {
    errs.push(regexError("a valid config key must consist of alphanumeric characters, '-', '_' or '.'", CONFIG_MAP_KEY_FMT, 'key.name', 'KEY_NAME', 'key-name'));
  }
  return [...errs, ...chdirPrefix(value)];
}

/** isRelaxedEnvVarName tests an env var name as Kubernetes 1.32+ does (RelaxedEnvironmentVariableValidation is on). */
export function isRelaxedEnvVarName(value: string): string[] {
  const errs: string[] = [];
  if (value.length === 0) errs.push(`environment variable name ${emptyError()}`);
  if (/[^\x20-\x7e]|=/.test(value)) errs.push("a valid environment variable name must consist only of printable ASCII characters other than '='");
  return errs;
}

/** isValidPortNum tests a port number, 1 to 65535. */
export function isValidPortNum(port: number): string[] {
  return Number.isInteger(port) && port >= 1 && port <= 65535 ? [] : [inclusiveRangeError(1, 65535)];
}

/** isValidPortName tests an IANA_SVC_NAME port name. */
export function isValidPortName(port: string): string[] {
  const errs: string[] = [];
  if (byteLength(port) > 15) errs.push(maxLenError(15));
  if (!/^[-a-z0-9]+$/.test(port)) errs.push('must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)');
  if (!/[a-z]/.test(port)) errs.push('must contain at least one letter (a-z)');
  if (port.includes('--')) errs.push('must not contain consecutive hyphens');
  if (port.length > 0 && (port.startsWith('-') || port.endsWith('-'))) errs.push('must not begin or end with a hyphen');
  return errs;
}

/** isValidPercent tests `<digits>%`. */
export function isValidPercent(percent: string): string[] {
  return anchored(PERCENT_FMT).test(percent) ? [] : [regexError("a valid percent string must be a numeric string followed by an ending '%'", PERCENT_FMT, '1%', '93%')];
}

/** isHTTPHeaderName tests an HTTP header name. */
export function isHTTPHeaderName(value: string): string[] {
  return anchored(HTTP_HEADER_FMT).test(value) ? [] : [regexError("a valid HTTP header must consist of alphanumeric characters or '-'", HTTP_HEADER_FMT, 'X-Header-Name')];
}

// ParseIPSloppy accepts IPv4 octets with leading zeros (read as decimal).
const sloppy = (ip: string): string => (/^[0-9.]+$/.test(ip) ? ip.split('.').map((o) => o.replace(/^0+(?=\d)/, '')).join('.') : ip);

/** ipFamilyOf is 4 or 6 for an IP that ParseIPSloppy accepts, 0 otherwise. */
export function ipFamilyOf(ip: string): 0 | 4 | 6 {
  const s = sloppy(ip);
  const v = isIP(s);
  if (v !== 6) return v as 0 | 4;
  return /^::ffff:\d+\.\d+\.\d+\.\d+$/i.test(s) ? 4 : 6;
}

/** IP_ERROR is IsValidIP's message. */
export const IP_ERROR = 'must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)';

/** isValidCIDR tests a CIDR as ParseCIDRSloppy does. */
export function isValidCIDR(value: string): boolean {
  const m = /^([^/]+)\/(\d{1,3})$/.exec(value);
  if (!m) return false;
  const family = ipFamilyOf(m[1]!);
  const bits = Number(m[2]);
  return family !== 0 && bits <= (family === 4 && !m[1]!.includes(':') ? 32 : 128);
}

/** NameValidator is ValidateNameFunc: prefix is true for a generateName. */
export type NameValidator = (name: string, prefix: boolean) => string[];

// A generateName may end in '-': the random suffix makes the final name valid.
const maskTrailingDash = (name: string): string => (name.length > 1 && name.endsWith('-') ? `${name.slice(0, -2)}a` : name);

/** nameIsDNSSubdomain is NameIsDNSSubdomain (most kinds). */
export const nameIsDNSSubdomain: NameValidator = (name, prefix) => isDNS1123Subdomain(prefix ? maskTrailingDash(name) : name);
/** nameIsDNSLabel is NameIsDNSLabel (namespaces). */
export const nameIsDNSLabel: NameValidator = (name, prefix) => isDNS1123Label(prefix ? maskTrailingDash(name) : name);
/** nameIsDNS1035Label is NameIsDNS1035Label (services). */
export const nameIsDNS1035Label: NameValidator = (name, prefix) => isDNS1035Label(prefix ? maskTrailingDash(name) : name);

/** validatePathSegmentName is ValidatePathSegmentName: what every name must be to sit in a URL. */
export const validatePathSegmentName: NameValidator = (name, prefix) => {
  if (!prefix && (name === '.' || name === '..')) return [`may not be '${name}'`];
  return ['/', '%'].filter((c) => name.includes(c)).map((c) => `may not contain '${c}'`);
};

/** SUPPORTED_PROTOCOLS are the port protocols, sorted as sets.List prints them. */
export const SUPPORTED_PROTOCOLS = ['SCTP', 'TCP', 'UDP'] as const;

/** invalidEach turns each message of an `is*` check into an Invalid error at path. */
export function invalidEach(path: string, value: unknown, msgs: string[]): FieldError[] {
  return msgs.map((m) => fieldErrors.invalid(path, value, m));
}

/** notFound is field.NotFound, which the shared helpers lack: `<path>: Not found: <value>`. */
export function notFound(path: string, value: unknown): FieldError {
  return { type: 'FieldValueNotFound', field: path, value, detail: '' };
}

/** validateDNS1123Label is ValidateDNS1123Label. */
export function validateDNS1123Label(value: string, path: string): FieldError[] {
  return invalidEach(path, value, isDNS1123Label(value));
}

/** validateDNS1123Subdomain is ValidateDNS1123Subdomain. */
export function validateDNS1123Subdomain(value: string, path: string): FieldError[] {
  return invalidEach(path, value, isDNS1123Subdomain(value));
}

/** validateQualifiedName is ValidateQualifiedName (and ValidateLabelName). */
export function validateQualifiedName(value: string, path: string): FieldError[] {
  return invalidEach(path, value, isQualifiedName(value));
}

/** validateNonnegative is ValidateNonnegativeField. */
export function validateNonnegative(value: number | undefined, path: string): FieldError[] {
  return value !== undefined && value < 0 ? [fieldErrors.invalid(path, value, IS_NEGATIVE_ERROR)] : [];
}

/** validateProtocol checks a port protocol: required, then one of TCP, UDP, SCTP. */
export function validateProtocol(protocol: unknown, path: string): FieldError[] {
  if (protocol === undefined || protocol === null || protocol === '') return [fieldErrors.required(path)];
  return (SUPPORTED_PROTOCOLS as readonly unknown[]).includes(protocol) ? [] : [fieldErrors.notSupported(path, protocol, SUPPORTED_PROTOCOLS)];
}

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/**
 * base64Error is the error Go's base64.StdEncoding gives for s (`illegal base64 data at input byte
 * N`), or undefined when s decodes: how encoding/json refuses a bad []byte field (Secret data).
 */
export function base64Error(s: string): string | undefined {
  const corrupt = (at: number): string => `illegal base64 data at input byte ${at}`;
  let si = 0;
  while (si < s.length) {
    let j = 0;
    for (; j < 4; j++) {
      if (si === s.length) {
        if (j === 0) return undefined;
        return corrupt(si - j);
      }
      const c = s[si++]!;
      if (B64.includes(c)) continue;
      if (c === '\n' || c === '\r') { j--; continue; }
      if (c !== '=') return corrupt(si - 1);
      if (j < 2) return corrupt(si - 1);
      if (j === 2) {
        while (si < s.length && (s[si] === '\n' || s[si] === '\r')) si++;
        if (si === s.length) return corrupt(s.length);
        if (s[si] !== '=') return corrupt(si - 1);
        si++;
      }
      while (si < s.length && (s[si] === '\n' || s[si] === '\r')) si++;
      return si < s.length ? corrupt(si) : undefined;
    }
  }
  return undefined;
}
