// Body parse errors read like Go's encoding/json, which kube-apiserver returns to kubectl.
import t from 'tap';
import { goSyntaxError, JsonSyntaxError, parseJson } from './json-syntax.js';

t.test('messages match encoding/json', async (t) => {
  const cases: [string, string][] = [
    ['', 'unexpected end of JSON input'],
    ['   ', 'unexpected end of JSON input'],
    ['{"a":1', 'unexpected end of JSON input'],
    ['"abc', 'unexpected end of JSON input'],
    ['nul', 'unexpected end of JSON input'],
    ['[1,', 'unexpected end of JSON input'],
    ['{"a":}', "invalid character '}' looking for beginning of value"],
    ['[1,]', "invalid character ']' looking for beginning of value"],
    ['<THIS IS NOT JSON>', "invalid character '<' looking for beginning of value"],
    ['{a:1}', "invalid character 'a' looking for beginning of object key string"],
    ['{"a":1,}', "invalid character '}' looking for beginning of object key string"],
    ['{"a" 1}', "invalid character '1' after object key"],
    ['{"a":1 "b":2}', "invalid character '\"' after object key:value pair"],
    ['[1 2]', "invalid character '2' after array element"],
    ['{"a":1}x', "invalid character 'x' after top-level value"],
    ['01', "invalid character '1' after top-level value"],
    ['-x', "invalid character 'x' in numeric literal"],
    ['1.x', "invalid character 'x' after decimal point in numeric literal"],
    ['1ex', "invalid character 'x' in exponent of numeric literal"],
    ['tru', 'unexpected end of JSON input'],
    ['trux', "invalid character 'x' in literal true (expecting 'e')"],
    ['fals3', "invalid character '3' in literal false (expecting 'e')"],
    ['"a\\x"', "invalid character 'x' in string escape code"],
    ['"\\u12G4"', "invalid character 'G' in \\u hexadecimal character escape"],
    ['"a\nb"', "invalid character '\\n' in string literal"],
    ["'a'", "invalid character '\\'' looking for beginning of value"],
  ];
  for (const [text, message] of cases) {
    t.equal(goSyntaxError(text), message, JSON.stringify(text));
    t.throws(() => parseJson(text), new JsonSyntaxError(message));
  }
});

t.test('valid JSON has no error and parses', async (t) => {
  for (const text of ['{}', '[]', ' {"a": [1, -2.5e+3, true, false, null, "x\\u00e9\\n"], "b": {}} ', '0', '"s"', '[[]]', '{"a":{"b":[{}]}}']) {
    t.equal(goSyntaxError(text), undefined, text);
    t.strictSame(parseJson(text), JSON.parse(text));
  }
});
