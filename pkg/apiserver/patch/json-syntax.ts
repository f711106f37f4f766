// Parsing a patch body, failing with the words Go's encoding/json uses ("invalid character '}'
// looking for beginning of value"), because kubectl prints kube-apiserver's message verbatim and
// V8's wording ("Unexpected token '}'") would look foreign next to it.

import type { JsonValue } from './json-value.js';

/** JsonSyntaxError is a body that is not JSON; message is Go's SyntaxError text. */
export class JsonSyntaxError extends Error {
  override name = 'JsonSyntaxError';
}

/** parseJson parses text as JSON, throwing JsonSyntaxError with Go's message on bad input. */
export function parseJson(text: string): JsonValue {
  try {
    return JSON.parse(text) as JsonValue;
  } catch {
    throw new JsonSyntaxError(goSyntaxError(text) ?? 'invalid JSON');
  }
}

const isSpace = (c: string): boolean => c === ' ' || c === '\t' || c === '\n' || c === '\r';
const isDigit = (c: string): boolean => c >= '0' && c <= '9';
const isHex = (c: string): boolean => isDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');

/** quoteChar is encoding/json's quoteChar: the offending character in single quotes. */
function quoteChar(c: string): string {
  if (c === "'") return `'\\''`;
  if (c === '"') return `'"'`;
  const q = JSON.stringify(c);
  return `'${q.slice(1, -1)}'`;
}

/**
 * goSyntaxError walks text with encoding/json's scanner states and returns the message of its
 * first error, or undefined when the text is valid JSON.
 */
export function goSyntaxError(text: string): string | undefined {
  // Each frame is what the enclosing container expects next.
  const stack: ('key' | 'colon' | 'objValue' | 'arrValue')[] = [];
  let i = 0;
  const bad = (ctx: string): string => `invalid character ${quoteChar(text[i] as string)} ${ctx}`;
  const eof = 'unexpected end of JSON input';
  const skip = (): void => {
    while (i < text.length && isSpace(text[i] as string)) i++;
  };

  const scanString = (): string | undefined => {
    i++; // opening quote
    for (;;) {
      if (i >= text.length) return eof;
      const c = text[i] as string;
      if (c === '"') return void i++;
      if (c < ' ') return bad('in string literal');
      if (c !== '\\') {
        i++;
        continue;
      }
      i++;
      if (i >= text.length) return eof;
      const e = text[i] as string;
      if ('bfnrt\\/"'.includes(e)) {
        i++;
        continue;
      }
      if (e !== 'u') return bad('in string escape code');
      i++;
      for (let n = 0; n < 4; n++, i++) {
        if (i >= text.length) return eof;
        if (!isHex(text[i] as string)) return bad('in \\u hexadecimal character escape');
      }
    }
  };

  const scanNumber = (): string | undefined => {
    if (text[i] === '-') {
      i++;
      if (i >= text.length) return eof;
      if (!isDigit(text[i] as string)) return bad('in numeric literal');
    }
    if (text[i] === '0') i++;
    else while (i < text.length && isDigit(text[i] as string)) i++;
    if (text[i] === '.') {
      i++;
      if (i >= text.length) return eof;
      if (!isDigit(text[i] as string)) return bad('after decimal point in numeric literal');
      while (i < text.length && isDigit(text[i] as string)) i++;
    }
    if (text[i] === 'e' || text[i] === 'E') {
      i++;
      if (text[i] === '+' || text[i] === '-') i++;
      if (i >= text.length) return eof;
      if (!isDigit(text[i] as string)) return bad('in exponent of numeric literal');
      while (i < text.length && isDigit(text[i] as string)) i++;
    }
    return undefined;
  };

  const scanLiteral = (word: string): string | undefined => {
    for (let n = 0; n < word.length; n++, i++) {
      if (i >= text.length) return eof;
      if (text[i] !== word[n]) return bad(`in literal ${word} (expecting ${quoteChar(word[n] as string)})`);
    }
    return undefined;
  };

  // Scans one value start; containers push a frame and return so the loop handles their members.
  const beginValue = (): string | undefined => {
    skip();
    if (i >= text.length) return eof;
    const c = text[i] as string;
    if (c === '{') {
      i++;
      skip();
      if (text[i] === '}') return void i++;
      stack.push('key');
      return undefined;
    }
    if (c === '[') {
      i++;
      skip();
      if (text[i] === ']') return void i++;
      stack.push('arrValue');
      return beginValue();
    }
    if (c === '"') return scanString();
    if (c === '-' || isDigit(c)) return scanNumber();
    if (c === 't') return scanLiteral('true');
    if (c === 'f') return scanLiteral('false');
    if (c === 'n') return scanLiteral('null');
    return bad('looking for beginning of value');
  };

  let err = beginValue();
  while (err === undefined && stack.length > 0) {
    skip();
    if (i >= text.length) return eof;
    const top = stack[stack.length - 1];
    const c = text[i] as string;
    if (top === 'key') {
      if (c !== '"') return bad('looking for beginning of object key string');
      err = scanString();
      stack[stack.length - 1] = 'colon';
    } else if (top === 'colon') {
      if (c !== ':') return bad('after object key');
      i++;
      stack[stack.length - 1] = 'objValue';
      err = beginValue();
    } else if (top === 'objValue') {
      // A value just ended inside an object.
      if (c === ',') {
        i++;
        skip();
        stack[stack.length - 1] = 'key';
      } else if (c === '}') {
        i++;
        stack.pop();
      } else return bad('after object key:value pair');
    } else {
      if (c === ',') {
        i++;
        err = beginValue();
      } else if (c === ']') {
        i++;
        stack.pop();
      } else return bad('after array element');
    }
  }
  if (err !== undefined) return err;
  skip();
  if (i < text.length) return bad('after top-level value');
  return undefined;
}
