// The shared format rules, with Kubernetes' exact wording.
import t from 'tap';
import { fieldErrorMessage } from './field-error.js';
import {
  base64Error, ipFamilyOf, isConfigMapKey, isDNS1035Label, isDNS1123Label, isDNS1123Subdomain, isHTTPHeaderName, isQualifiedName,
  isRelaxedEnvVarName, isValidCIDR, isValidLabelValue, isValidPercent, isValidPortName, isValidPortNum, nameIsDNSSubdomain,
  regexError, validateDNS1123Subdomain, validateNonnegative, validatePathSegmentName, validateProtocol,
} from './validation.js';

const SUBDOMAIN_MSG = "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";
const LABEL_MSG = "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')";

t.test('RFC 1123 subdomains, with the message of the brief', async (t) => {
  t.strictSame(isDNS1123Subdomain('web-1.shop'), []);
  t.strictSame(isDNS1123Subdomain('Bad_Name'), [SUBDOMAIN_MSG]);
  t.strictSame(isDNS1123Subdomain('a'.repeat(254)), ['must be no more than 253 characters']);
  t.strictSame(isDNS1123Subdomain('-a'), [SUBDOMAIN_MSG]);
  t.equal(fieldErrorMessage(validateDNS1123Subdomain('Bad_Name', 'metadata.name')[0]!), `metadata.name: Invalid value: "Bad_Name": ${SUBDOMAIN_MSG}`);
});

t.test('RFC 1123 and 1035 labels', async (t) => {
  t.strictSame(isDNS1123Label('0abc'), []);
  t.strictSame(isDNS1123Label('Abc'), [LABEL_MSG], 'the double space before "or" is Go\'s');
  t.strictSame(isDNS1123Label('a.b'), ['must not contain dots']);
  t.strictSame(isDNS1123Label('a'.repeat(64)), ['must be no more than 63 characters']);
  t.strictSame(isDNS1035Label('0abc'), ["a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')"]);
  t.strictSame(isDNS1035Label('web'), []);
});

t.test('qualified names and label values', async (t) => {
  for (const ok of ['app', 'app.kubernetes.io/name', 'A_b.c-1', 'example.com/X']) t.strictSame(isQualifiedName(ok), [], ok);
  t.strictSame(isQualifiedName('/name'), ['prefix part must be non-empty']);
  t.strictSame(isQualifiedName('a/b/c'), ["a qualified name must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]') with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')"]);
  t.strictSame(isQualifiedName('Example.com/x'), [`prefix part ${SUBDOMAIN_MSG}`]);
  t.strictSame(isQualifiedName('x'.repeat(64)), ['name part must be no more than 63 characters']);
  t.equal(isQualifiedName('-x').length, 1);
  t.strictSame(isValidLabelValue(''), []);
  t.strictSame(isValidLabelValue('v1.2_3'), []);
  t.strictSame(isValidLabelValue('-bad'), ["a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')"]);
  t.strictSame(isValidLabelValue('v'.repeat(64)), ['must be no more than 63 characters']);
});

t.test('generateName may end with a dash; path segments', async (t) => {
  t.strictSame(nameIsDNSSubdomain('web-', true), []);
  t.strictSame(nameIsDNSSubdomain('web-', false), [SUBDOMAIN_MSG]);
  t.strictSame(validatePathSegmentName('a/b%c', false), ["may not contain '/'", "may not contain '%'"]);
  t.strictSame(validatePathSegmentName('..', false), ["may not be '..'"]);
  t.strictSame(validatePathSegmentName('Any Name_1', false), []);
});

t.test('ports and protocols', async (t) => {
  t.strictSame(isValidPortNum(1), []);
  t.strictSame(isValidPortNum(65535), []);
  t.strictSame(isValidPortNum(0), ['must be between 1 and 65535, inclusive']);
  t.strictSame(isValidPortNum(70000), ['must be between 1 and 65535, inclusive']);
  t.strictSame(isValidPortName('http'), []);
  t.strictSame(isValidPortName('8080'), ['must contain at least one letter (a-z)']);
  t.strictSame(isValidPortName('-Web--x'), ['must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)', 'must not contain consecutive hyphens', 'must not begin or end with a hyphen']);
  t.strictSame(isValidPortName('a-very-long-port-name'), ['must be no more than 15 characters']);
  t.strictSame(validateProtocol('TCP', 'p'), []);
  t.equal(fieldErrorMessage(validateProtocol('HTTP', 'spec.ports[0].protocol')[0]!), 'spec.ports[0].protocol: Unsupported value: "HTTP": supported values: "SCTP", "TCP", "UDP"');
  t.equal(fieldErrorMessage(validateProtocol('', 'p')[0]!), 'p: Required value');
});

t.test('env names, config keys, percents, headers', async (t) => {
  t.strictSame(isRelaxedEnvVarName('MY_VAR'), []);
  t.strictSame(isRelaxedEnvVarName('1st var.name-x'), [], 'relaxed: any printable ASCII but =');
  t.strictSame(isRelaxedEnvVarName('A=B'), ["a valid environment variable name must consist only of printable ASCII characters other than '='"]);
  t.strictSame(isRelaxedEnvVarName('ünï'), ["a valid environment variable name must consist only of printable ASCII characters other than '='"]);
  t.strictSame(isConfigMapKey('app.properties'), []);
  t.strictSame(isConfigMapKey('a/b'), [regexError("a valid config key must consist of alphanumeric characters, '-', '_' or '.'", '[-._a-zA-Z0-9]+', 'key.name', 'KEY_NAME', 'key-name')]);
  t.strictSame(isConfigMapKey('..x'), ["must not start with '..'"]);
  t.strictSame(isConfigMapKey('.'), ["must not be '.'"]);
  t.strictSame(isValidPercent('25%'), []);
  t.equal(isValidPercent('25').length, 1);
  t.strictSame(isHTTPHeaderName('X-Custom'), []);
  t.equal(isHTTPHeaderName('X Custom').length, 1);
});

t.test('IPs and CIDRs as ParseIPSloppy reads them', async (t) => {
  t.equal(ipFamilyOf('10.96.0.1'), 4);
  t.equal(ipFamilyOf('010.096.000.001'), 4, 'leading zeros are accepted');
  t.equal(ipFamilyOf('2001:db8::1'), 6);
  t.equal(ipFamilyOf('::ffff:10.0.0.1'), 4);
  t.equal(ipFamilyOf('10.0.0.256'), 0);
  t.equal(ipFamilyOf('None'), 0);
  t.ok(isValidCIDR('10.244.0.0/24'));
  t.ok(isValidCIDR('2001:db8::/64'));
  t.notOk(isValidCIDR('10.244.0.0/33'));
  t.notOk(isValidCIDR('10.244.0.0'));
});

t.test('base64 as encoding/json decodes []byte', async (t) => {
  t.equal(base64Error('aGVsbG8='), undefined);
  t.equal(base64Error(''), undefined);
  t.equal(base64Error('aGVs\nbG8='), undefined, 'newlines are skipped');
  t.equal(base64Error('hello'), 'illegal base64 data at input byte 4');
  t.equal(base64Error('aGVsbG8'), 'illegal base64 data at input byte 4', 'padding is required');
  t.equal(base64Error('a!=='), 'illegal base64 data at input byte 1');
  t.equal(base64Error('aGVsbG8=x'), 'illegal base64 data at input byte 8');
  t.equal(base64Error('aGVsbA='), 'illegal base64 data at input byte 7');
});

t.test('non-negative', async (t) => {
  t.strictSame(validateNonnegative(0, 'spec.replicas'), []);
  t.equal(fieldErrorMessage(validateNonnegative(-1, 'spec.replicas')[0]!), 'spec.replicas: Invalid value: -1: must be greater than or equal to 0');
});
