// The label selector string grammar, a port of the Lexer and Parser of
// k8s.io/apimachinery/pkg/labels/selector.go, quirks and messages included:
//
//   <selector>    ::= <requirement> | <requirement> "," <selector>
//   <requirement> ::= [!] KEY [ ("in" | "notin") "(" VALUES ")" | ("=" | "==" | "!=" | ">" | "<") VALUE ]
//
// Whitespace (space, tab, CR, LF) separates tokens; `in`/`notin` are keywords only where an
// operator may stand; a NUL byte ends the input as the Go lexer's sentinel does.
import { LabelSelector, SelectorError, newRequirement, type LabelOperator, type LabelRequirement } from './label-selector-core.js';
import { compareGo, goFieldError, isQualifiedName } from './label-selector-validation.js';

type Token = 'error' | 'eos' | 'cpar' | 'comma' | 'not' | 'deq' | 'eq' | 'gt' | 'ident' | 'in' | 'lt' | 'neq' | 'notin' | 'opar';

const STRING2TOKEN = new Map<string, Token>([
  [')', 'cpar'],
  [',', 'comma'],
  ['!', 'not'],
  ['==', 'deq'],
  ['=', 'eq'],
  ['>', 'gt'],
  ['in', 'in'],
  ['<', 'lt'],
  ['!=', 'neq'],
  ['notin', 'notin'],
  ['(', 'opar'],
]);
const BINARY_OPERATORS = 'in, notin, =, ==, !=, gt, lt';

const isWhitespace = (ch: string): boolean => ch === ' ' || ch === '\t' || ch === '\r' || ch === '\n';
const isSpecial = (ch: string): boolean => '=!(),><'.includes(ch) && ch !== '';

interface Item {
  tok: Token;
  lit: string;
}

/** lex splits the input into tokens, ending with one `eos`, exactly as Lexer.Lex would. */
export function lex(s: string): Item[] {
  let pos = 0;
  const read = (): string => (pos < s.length ? s[pos++]! : '\0');
  const unread = (): void => void pos--;
  const items: Item[] = [];
  for (;;) {
    let ch = read();
    while (isWhitespace(ch)) ch = read();
    if (ch === '\0') {
      items.push({ tok: 'eos', lit: '' });
      return items;
    }
    unread();
    let buf = '';
    if (isSpecial(ch)) {
      let last: Item | undefined;
      for (;;) {
        const c = read();
        if (c === '\0') break;
        if (!isSpecial(c)) {
          unread();
          break;
        }
        buf += c;
        const tok = STRING2TOKEN.get(buf);
        if (tok) last = { tok, lit: buf };
        else if (last) {
          unread();
          break;
        }
      }
      items.push(last ?? { tok: 'error', lit: `error expected: keyword found '${buf}'` });
    } else {
      for (;;) {
        const c = read();
        if (c === '\0') break;
        if (isSpecial(c) || isWhitespace(c)) {
          unread();
          break;
        }
        buf += c;
      }
      items.push({ tok: STRING2TOKEN.get(buf) ?? 'ident', lit: buf });
    }
  }
}

class Parser {
  private position = 0;
  constructor(private readonly items: Item[]) {}

  /** Where values may stand, the keywords in/notin are plain identifiers. */
  private at(i: number, values: boolean): Item {
    const it = this.items[Math.min(i, this.items.length - 1)]!;
    return values && (it.tok === 'in' || it.tok === 'notin') ? { tok: 'ident', lit: it.lit } : it;
  }
  private lookahead(values = true): Item {
    return this.at(this.position, values);
  }
  private consume(values = true): Item {
    return this.at(this.position++, values);
  }

  parse(): LabelRequirement[] {
    const reqs: LabelRequirement[] = [];
    for (;;) {
      const { tok, lit } = this.lookahead();
      if (tok === 'eos') return reqs;
      if (tok !== 'ident' && tok !== 'not') throw new SelectorError(`found '${lit}', expected: !, identifier, or 'end of string'`);
      try {
        reqs.push(this.parseRequirement());
      } catch (e) {
        throw new SelectorError(`unable to parse requirement: ${(e as Error).message}`);
      }
      const t = this.consume();
      if (t.tok === 'eos') return reqs;
      if (t.tok !== 'comma') throw new SelectorError(`found '${t.lit}', expected: ',' or 'end of string'`);
      const t2 = this.lookahead();
      if (t2.tok !== 'ident' && t2.tok !== 'not') throw new SelectorError(`found '${t2.lit}', expected: identifier after ','`);
    }
  }

  private parseRequirement(): LabelRequirement {
    let { tok, lit } = this.consume();
    let negated = false;
    if (tok === 'not') {
      negated = true;
      ({ tok, lit } = this.consume());
    }
    if (tok !== 'ident') throw new Error(`found '${lit}', expected: identifier`);
    const keyErrs = isQualifiedName(lit);
    if (keyErrs.length) throw new Error(goFieldError('', lit, keyErrs.join('; ')));
    const key = lit;
    const next = this.lookahead().tok;
    if (negated) return newRequirement(key, '!', []);
    if (next === 'eos' || next === 'comma') return newRequirement(key, 'exists', []);
    const op = this.parseOperator();
    const values = op === 'in' || op === 'notin' ? this.parseValues() : this.parseExactValue();
    return newRequirement(key, op, [...values].sort(compareGo));
  }

  private parseOperator(): LabelOperator {
    const { tok, lit } = this.consume(false);
    const ops: Partial<Record<Token, LabelOperator>> = { in: 'in', eq: '=', deq: '==', gt: 'gt', lt: 'lt', notin: 'notin', neq: '!=' };
    const op = ops[tok];
    if (!op) throw new Error(`found '${lit}', expected: ${BINARY_OPERATORS}`);
    return op;
  }

  private parseValues(): Set<string> {
    const first = this.consume();
    if (first.tok !== 'opar') throw new Error(`found '${first.lit}' expected: '('`);
    const { tok, lit } = this.lookahead();
    if (tok === 'cpar') {
      this.consume();
      return new Set(['']);
    }
    if (tok !== 'ident' && tok !== 'comma') throw new Error(`found '${lit}', expected: ',', ')' or identifier`);
    const s = this.parseIdentifiersList();
    if (this.consume().tok !== 'cpar') throw new Error(`found '${lit}', expected: ')'`);
    return s;
  }

  /** A possibly empty list of comma-separated, possibly empty identifiers: `(,a)`, `(a,,b)`, `(a,)`. */
  private parseIdentifiersList(): Set<string> {
    const s = new Set<string>();
    for (;;) {
      const { tok, lit } = this.consume();
      if (tok === 'ident') {
        s.add(lit);
        const t2 = this.lookahead();
        if (t2.tok === 'comma') continue;
        if (t2.tok === 'cpar') return s;
        throw new Error(`found '${t2.lit}', expected: ',' or ')'`);
      } else if (tok === 'comma') {
        if (s.size === 0) s.add('');
        const t2 = this.lookahead().tok;
        if (t2 === 'cpar') {
          s.add('');
          return s;
        }
        if (t2 === 'comma') {
          this.consume();
          s.add('');
        }
      } else {
        throw new Error(`found '${lit}', expected: ',', or identifier`);
      }
    }
  }

  private parseExactValue(): Set<string> {
    const { tok } = this.lookahead();
    if (tok === 'eos' || tok === 'comma') return new Set(['']);
    const t = this.consume();
    if (t.tok === 'ident') return new Set([t.lit]);
    throw new Error(`found '${t.lit}', expected: identifier`);
  }
}

/** parseLabelSelector is labels.Parse: the selector for `text`, or a SelectorError with k8s' message. */
export function parseLabelSelector(text: string): LabelSelector {
  return LabelSelector.of(new Parser(lex(text)).parse());
}
