// JSON values as YAML the way kubectl prints them (sigs.k8s.io/yaml over go-yaml v2): keys in
// go-yaml's order, sequences not indented under their key, strings plain when they would read
// back as strings, else quoted, multi-line strings as literal blocks, long plain lines folded
// past column 80. Byte-for-byte equal output lets people diff kctl and kubectl freely.

const BEST_WIDTH = 80;

const isLetter = (c: string): boolean => /\p{L}/u.test(c);
const isDigit = (c: string): boolean => c >= '0' && c <= '9';

/** compareKeys is go-yaml v2's keyList.Less for string keys: digit runs compare as numbers. */
export function compareKeys(a: string, b: string): number {
  const ar = [...a];
  const br = [...b];
  for (let i = 0; i < ar.length && i < br.length; i++) {
    const x = ar[i] as string;
    const y = br[i] as string;
    if (x === y) continue;
    const al = isLetter(x);
    const bl = isLetter(y);
    if (al && bl) return x < y ? -1 : 1;
    if (al || bl) return bl ? -1 : 1;
    let an = 0;
    let bn = 0;
    if (x === '0' || y === '0') {
      for (let j = i - 1; j >= 0 && isDigit(ar[j] as string); j--) {
        if (ar[j] !== '0') {
          an = 1;
          bn = 1;
          break;
        }
      }
    }
    let ai = i;
    let bi = i;
    for (; ai < ar.length && isDigit(ar[ai] as string); ai++) an = an * 10 + Number(ar[ai]);
    for (; bi < br.length && isDigit(br[bi] as string); bi++) bn = bn * 10 + Number(br[bi]);
    if (an !== bn) return an < bn ? -1 : 1;
    if (ai !== bi) return ai < bi ? -1 : 1;
    return x < y ? -1 : 1;
  }
  return ar.length - br.length;
}

const TIMESTAMP = /^\d{4}-\d{1,2}-\d{1,2}(?:[Tt]\d{1,2}:\d{1,2}:\d{1,2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})| \d{1,2}:\d{1,2}:\d{1,2}(?:\.\d+)?)?$/;
const FLOAT = /^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/;
const INT = /^[-+]?(0[xX][0-9a-fA-F]+|0[oO][0-7]+|0[bB][01]+|[0-9]+)$/;
const BASE60 = /^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?$/;
const SPECIAL_WORDS = new Set([
  'y', 'Y', 'yes', 'Yes', 'YES', 'on', 'On', 'ON', 'n', 'N', 'no', 'No', 'NO', 'off', 'Off', 'OFF',
  'true', 'True', 'TRUE', 'false', 'False', 'FALSE', 'null', 'Null', 'NULL', '~', '<<',
  '.nan', '.NaN', '.NAN', '.inf', '.Inf', '.INF', '+.inf', '+.Inf', '+.INF', '-.inf', '-.Inf', '-.INF',
]);

/** readsAsString is go-yaml's resolve(): would the plain text read back as a string? */
function readsAsString(s: string): boolean {
  if (s === '' || SPECIAL_WORDS.has(s)) return false;
  if (/^[-+.0-9]/.test(s)) {
    const plain = s.replace(/_/g, '');
    if (INT.test(plain) || FLOAT.test(plain) || TIMESTAMP.test(s) || /^[-+]?0b[01]+$/.test(plain)) return false;
  }
  return !BASE60.test(s);
}

const isBreak = (c: string): boolean => c === '\n' || c === '\r' || c === '\u0085' || c === '\u2028' || c === '\u2029';
const isPrintable = (c: string): boolean => {
  const cp = c.codePointAt(0) as number;
  return cp === 0x0a || (cp >= 0x20 && cp <= 0x7e) || (cp >= 0xa0 && cp <= 0xd7ff) || (cp >= 0xe000 && cp <= 0xfffd && cp !== 0xfeff);
};

interface Analysis {
  blockPlain: boolean;
  singleQuoted: boolean;
  block: boolean;
}

// yaml_emitter_analyze_scalar, for the block context kubectl's output is in.
function analyze(value: string): Analysis {
  if (value === '') return { blockPlain: true, singleQuoted: true, block: false };
  const chars = [...value];
  let blockIndicators = value.startsWith('---') || value.startsWith('...');
  let leadingSpace = false;
  let leadingBreak = false;
  let trailingSpace = false;
  let trailingBreak = false;
  let breakSpace = false;
  let spaceBreak = false;
  let previousSpace = false;
  let previousBreak = false;
  let lineBreaks = false;
  let special = false;
  let precededByWhitespace = true;
  chars.forEach((c, i) => {
    const next = chars[i + 1];
    const followedByWhitespace = next === undefined || next === ' ' || next === '\t' || isBreak(next);
    if (i === 0) {
      if ('#,[]{}&*!|>\'"%@`'.includes(c)) blockIndicators = true;
      else if ((c === '?' || c === ':' || c === '-') && followedByWhitespace) blockIndicators = true;
    } else if ((c === ':' && followedByWhitespace) || (c === '#' && precededByWhitespace)) blockIndicators = true;
    if (!isPrintable(c)) special = true;
    if (c === ' ') {
      if (i === 0) leadingSpace = true;
      if (i === chars.length - 1) trailingSpace = true;
      if (previousBreak) breakSpace = true;
      previousSpace = true;
      previousBreak = false;
    } else if (isBreak(c)) {
      lineBreaks = true;
      if (i === 0) leadingBreak = true;
      if (i === chars.length - 1) trailingBreak = true;
      if (previousSpace) spaceBreak = true;
      previousSpace = false;
      previousBreak = true;
    } else {
      previousSpace = false;
      previousBreak = false;
    }
    precededByWhitespace = c === ' ' || c === '\t' || isBreak(c) || c === '\0';
  });
  const a: Analysis = { blockPlain: true, singleQuoted: true, block: true };
  if (leadingSpace || leadingBreak || trailingSpace || trailingBreak) a.blockPlain = false;
  if (trailingSpace) a.block = false;
  if (breakSpace) a.blockPlain = a.singleQuoted = false;
  if (spaceBreak || special) a.blockPlain = a.singleQuoted = a.block = false;
  if (lineBreaks || blockIndicators) a.blockPlain = false;
  return a;
}

const ESCAPES: Record<number, string> = { 0: '0', 7: 'a', 8: 'b', 9: 't', 10: 'n', 11: 'v', 12: 'f', 13: 'r', 0x1b: 'e', 0x22: '"', 0x5c: '\\', 0x85: 'N', 0xa0: '_', 0x2028: 'L', 0x2029: 'P' };

/** Emitter accumulates output and knows the column, for folding. */
class Emitter {
  out = '';
  column = 0;
  private atLineStart = true;

  write(s: string): void {
    this.out += s;
    this.column += [...s].length;
    this.atLineStart = false;
  }

  newline(): void {
    this.out += '\n';
    this.column = 0;
    this.atLineStart = true;
  }

  /** indent moves to column `n` of a fresh line (no new line if already at its start). */
  indent(n: number): void {
    if (!this.atLineStart || this.column > n) this.newline();
    this.write(' '.repeat(n - this.column));
    this.atLineStart = n === 0 ? this.atLineStart : false;
  }

  scalar(value: string, indent: number, simpleKey: boolean): void {
    const a = analyze(value);
    let style: 'plain' | 'single' | 'double' | 'literal' = value.includes('\n') ? 'literal' : readsAsString(value) ? 'plain' : 'double';
    if (style === 'literal' && (simpleKey || !a.block)) style = 'double';
    if (style === 'plain' && !a.blockPlain) style = 'single';
    if (style === 'single' && !a.singleQuoted) style = 'double';
    const breaks = !simpleKey;
    if (style === 'plain') this.foldedRun([...value], indent, breaks, false);
    else if (style === 'single') {
      this.write("'");
      this.foldedRun([...value].map((c) => (c === "'" ? "''" : c)), indent, breaks, true);
      this.write("'");
    } else if (style === 'double') this.doubleQuoted(value, indent, breaks);
    else this.literal(value, indent);
  }

  // Plain and single-quoted text: a space past column 80 becomes a line break (folding).
  private foldedRun(chars: string[], indent: number, breaks: boolean, quoted: boolean): void {
    let spaces = false;
    chars.forEach((c, i) => {
      if (c === ' ') {
        const inner = !quoted || (i > 0 && i < chars.length - 1);
        if (breaks && !spaces && this.column > BEST_WIDTH && inner && chars[i + 1] !== ' ') this.indent(indent);
        else this.write(c);
        spaces = true;
      } else {
        this.write(c);
        spaces = false;
      }
    });
  }

  private doubleQuoted(value: string, indent: number, breaks: boolean): void {
    this.write('"');
    const chars = [...value];
    let spaces = false;
    chars.forEach((c, i) => {
      const cp = c.codePointAt(0) as number;
      if (!isPrintable(c) || cp === 0xfeff || isBreak(c) || c === '"' || c === '\\') {
        const e = ESCAPES[cp];
        const hex = (w: number): string => cp.toString(16).toUpperCase().padStart(w, '0');
        this.write(`\\${e ?? (cp <= 0xff ? `x${hex(2)}` : cp <= 0xffff ? `u${hex(4)}` : `U${hex(8)}`)}`);
        spaces = false;
      } else if (c === ' ') {
        if (breaks && !spaces && this.column > BEST_WIDTH && i > 0 && i < chars.length - 1) {
          this.indent(indent);
          if (chars[i + 1] === ' ') this.write('\\');
        } else this.write(c);
        spaces = true;
      } else {
        this.write(c);
        spaces = false;
      }
    });
    this.write('"');
  }

  private literal(value: string, indent: number): void {
    let hints = '';
    if (value.startsWith(' ') || isBreak(value[0] as string)) hints += '2';
    if (!value.endsWith('\n')) hints += '-';
    else if (value === '\n' || value.endsWith('\n\n')) hints += '+';
    this.write(`|${hints}`);
    this.newline();
    let lineStart = true;
    for (const c of value) {
      if (c === '\n') {
        this.newline();
        lineStart = true;
        continue;
      }
      if (lineStart) {
        this.write(' '.repeat(indent));
        lineStart = false;
      }
      this.write(c);
    }
  }
}

const isMap = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** goFloat is strconv.FormatFloat(f, 'g', -1, 64), as go-yaml prints non-integer numbers. */
export function goFloat(n: number): string {
  if (Number.isNaN(n)) return '.nan';
  if (!Number.isFinite(n)) return n > 0 ? '.inf' : '-.inf';
  if (Number.isInteger(n) && Math.abs(n) < 1e21) return String(n);
  const exp = Math.floor(Math.log10(Math.abs(n)));
  if (exp < -4 || exp >= 21) {
    const [m, e] = n.toExponential().split('e') as [string, string];
    const sign = e.startsWith('-') ? '-' : '+';
    return `${m}e${sign}${e.replace(/^[-+]/, '').padStart(2, '0')}`;
  }
  return String(n);
}

function scalarText(v: unknown): string | undefined {
  if (v === null || v === undefined) return 'null';
  if (typeof v === 'boolean') return String(v);
  if (typeof v === 'number') return goFloat(v);
  return undefined;
}

function emitValue(e: Emitter, v: unknown, indent: number): void {
  // After "key:" or "-": scalars and empty collections stay on the line.
  const plain = scalarText(v);
  if (plain !== undefined) return e.write(` ${plain}`);
  if (typeof v === 'string') {
    e.write(' ');
    return e.scalar(v, indent + 2, false);
  }
  if (Array.isArray(v) && v.length === 0) return e.write(' []');
  if (isMap(v) && Object.keys(v).length === 0) return e.write(' {}');
}

function emitMap(e: Emitter, obj: Record<string, unknown>, indent: number, inline: boolean): void {
  Object.keys(obj)
    .sort(compareKeys)
    .forEach((k, i) => {
      if (!(inline && i === 0)) e.indent(indent);
      e.scalar(k, indent, true);
      e.write(':');
      const v = obj[k];
      if (isMap(v) && Object.keys(v).length > 0) emitMap(e, v, indent + 2, false);
      else if (Array.isArray(v) && v.length > 0) emitSeq(e, v, indent, false);
      else emitValue(e, v, indent);
    });
}

function emitSeq(e: Emitter, arr: unknown[], indent: number, inline: boolean): void {
  arr.forEach((v, i) => {
    if (!(inline && i === 0)) e.indent(indent);
    e.write('-');
    if (isMap(v) && Object.keys(v).length > 0) {
      e.write(' ');
      emitMap(e, v, indent + 2, true);
    } else if (Array.isArray(v) && v.length > 0) {
      e.write(' ');
      emitSeq(e, v, indent + 2, true);
    } else emitValue(e, v, indent);
  });
}

/** toYAML renders a JSON value as kubectl's -o yaml does (ending in a newline). */
export function toYAML(value: unknown): string {
  const e = new Emitter();
  if (isMap(value) && Object.keys(value).length > 0) emitMap(e, value, 0, true);
  else if (Array.isArray(value) && value.length > 0) emitSeq(e, value, 0, true);
  else {
    const s = scalarText(value);
    if (s !== undefined) e.write(s);
    else if (typeof value === 'string') e.scalar(value, 0, false);
    else e.write(Array.isArray(value) ? '[]' : '{}');
  }
  if (!e.out.endsWith('\n')) e.newline();
  return e.out;
}
