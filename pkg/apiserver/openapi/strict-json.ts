// Finds the strict-decoding problems of a JSON body in one pass over its text, in document order:
// fields the schema does not know and fields given twice. JSON.parse keeps the last of duplicated
// members silently, so the text itself is the only place duplicates can be seen.
import { fieldNav, itemNav, joinPath, type NavNode } from './schema-nav.js';

/** FieldIssue is one strict-decoding problem at a field path such as `spec.containers[0].foo`. */
export interface FieldIssue {
  kind: 'unknown' | 'duplicate';
  path: string;
}

/** MAX_ISSUES caps what one body can report, as sigs.k8s.io/json caps saved strict errors. */
export const MAX_ISSUES = 100;

class Malformed extends Error {}

/**
 * scanJsonFields reports the unknown and duplicated fields of text read against root. Inside an
 * unknown field nothing is reported (a decoder skips it whole). Text that is not JSON yields no
 * issues: the body parser has already refused it, with a better message.
 */
export function scanJsonFields(text: string, root: NavNode): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const seenIssues = new Set<string>();
  const report = (kind: FieldIssue['kind'], path: string): void => {
    const key = `${kind} ${path}`;
    if (seenIssues.has(key) || issues.length >= MAX_ISSUES) return;
    seenIssues.add(key);
    issues.push({ kind, path });
  };
  const n = text.length;
  let i = 0;
  const peek = (): string => {
    if (i >= n) throw new Malformed();
    return text[i] as string;
  };
  const skipSpace = (): void => {
    while (i < n && (text[i] === ' ' || text[i] === '\t' || text[i] === '\n' || text[i] === '\r')) i++;
  };
  const expect = (c: string): void => {
    skipSpace();
    if (peek() !== c) throw new Malformed();
    i++;
  };
  const readString = (): string => {
    const start = i;
    i++; // opening quote
    while (peek() !== '"') i += text[i] === '\\' ? 2 : 1;
    i++;
    return JSON.parse(text.slice(start, i)) as string;
  };

  // node undefined: inside an unknown field, where nothing is checked.
  const value = (node: NavNode | undefined, path: string, depth: number): void => {
    if (depth > 1000) throw new Malformed(); // deeper than any API type; not worth a stack overflow
    skipSpace();
    const c = peek();
    if (c === '{') {
      i++;
      skipSpace();
      if (peek() === '}') return void i++;
      const seen = new Set<string>();
      for (;;) {
        skipSpace();
        if (peek() !== '"') throw new Malformed();
        const key = readString();
        expect(':');
        const p = joinPath(path, key);
        const child = node && fieldNav(node, key);
        if (node && child === undefined) report('unknown', p);
        else if (node && seen.has(key)) report('duplicate', p);
        seen.add(key);
        value(child, p, depth + 1);
        skipSpace();
        const sep = peek();
        i++;
        if (sep === '}') return;
        if (sep !== ',') throw new Malformed();
      }
    }
    if (c === '[') {
      i++;
      skipSpace();
      if (peek() === ']') return void i++;
      for (let index = 0; ; index++) {
        value(node && itemNav(node), `${path}[${index}]`, depth + 1);
        skipSpace();
        const sep = peek();
        i++;
        if (sep === ']') return;
        if (sep !== ',') throw new Malformed();
      }
    }
    if (c === '"') return void readString();
    const start = i;
    while (i < n && !',}] \t\n\r'.includes(text[i] as string)) i++;
    if (i === start) throw new Malformed();
  };

  try {
    value(root, '', 0);
  } catch (err) {
    if (err instanceof Malformed || err instanceof SyntaxError) return [];
    throw err;
  }
  return issues;
}
