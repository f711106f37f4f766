// The subset of kubectl's JSONPath templates people use: `{.a.b}`, `{.items[*].metadata.name}`,
// `['dotted.key']`, indexes, `[?(@.type=="Ready")]` filters, `{range ...}{end}` and literal
// text, for `-o jsonpath=` and `wait --for=jsonpath=`.
import { goMarshal } from './format.js';

type Step = { kind: 'field'; name: string } | { kind: 'index'; index: number } | { kind: 'all' } | { kind: 'filter'; path: Step[]; op: '==' | '!=' | 'exists'; value?: string };

/** JSONPathError is a template that does not parse. */
export class JSONPathError extends Error {
  override name = 'JSONPathError';
}

/** parsePath parses `.a.b[0]['c.d'][*][?(@.x=="y")]` (the leading dot is optional). */
export function parsePath(text: string): Step[] {
  const steps: Step[] = [];
  let i = 0;
  const s = text.trim();
  while (i < s.length) {
    const c = s[i];
    if (c === '.') {
      i++;
      const m = /^[^.[\]]*/.exec(s.slice(i)) as RegExpExecArray;
      if (m[0] !== '') steps.push({ kind: 'field', name: m[0] });
      i += m[0].length;
    } else if (c === '[') {
      const end = matchBracket(s, i);
      const inner = s.slice(i + 1, end).trim();
      i = end + 1;
      if (inner === '*') steps.push({ kind: 'all' });
      else if (/^-?\d+$/.test(inner)) steps.push({ kind: 'index', index: Number(inner) });
      else if (/^'.*'$|^".*"$/.test(inner)) steps.push({ kind: 'field', name: inner.slice(1, -1) });
      else if (inner.startsWith('?(') && inner.endsWith(')')) steps.push(parseFilter(inner.slice(2, -1)));
      else throw new JSONPathError(`unrecognized character in action: ${inner}`);
    } else if (/[\w$@]/.test(c as string) && steps.length === 0 && i === 0) {
      const m = /^[^.[\]]*/.exec(s) as RegExpExecArray;
      if (m[0] !== '@' && m[0] !== '$') steps.push({ kind: 'field', name: m[0] });
      i += m[0].length;
    } else throw new JSONPathError(`unrecognized character in action: ${s.slice(i)}`);
  }
  return steps;
}

function matchBracket(s: string, open: number): number {
  let depth = 0;
  let quote = '';
  for (let i = open; i < s.length; i++) {
    const c = s[i];
    if (quote) {
      if (c === quote) quote = '';
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '[') depth++;
    else if (c === ']' && --depth === 0) return i;
  }
  throw new JSONPathError(`unclosed array expect ]`);
}

function parseFilter(expr: string): Step {
  const m = /^@(.*?)\s*(==|!=)\s*(?:"([^"]*)"|'([^']*)'|(\S+))$/.exec(expr.trim());
  if (m) return { kind: 'filter', path: parsePath(m[1] as string), op: m[2] as '==' | '!=', value: m[3] ?? m[4] ?? m[5] };
  const e = /^@(.*)$/.exec(expr.trim());
  if (e) return { kind: 'filter', path: parsePath(e[1] as string), op: 'exists' };
  throw new JSONPathError(`unrecognized filter: ${expr}`);
}

/** evaluate applies steps to a value and returns every match. */
export function evaluate(steps: readonly Step[], root: unknown): unknown[] {
  let cur: unknown[] = [root];
  for (const step of steps) {
    const next: unknown[] = [];
    for (const v of cur) {
      if (step.kind === 'field') {
        if (typeof v === 'object' && v !== null && !Array.isArray(v) && step.name in v) next.push((v as Record<string, unknown>)[step.name]);
      } else if (step.kind === 'index') {
        if (Array.isArray(v)) {
          const x = v[step.index < 0 ? v.length + step.index : step.index];
          if (x !== undefined) next.push(x);
        }
      } else if (step.kind === 'all') {
        if (Array.isArray(v)) next.push(...v);
        else if (typeof v === 'object' && v !== null) next.push(...Object.values(v));
      } else if (Array.isArray(v)) {
        for (const item of v) {
          const found = evaluate(step.path, item);
          const text = found.map(textOf);
          if (step.op === 'exists' ? found.length > 0 : step.op === '==' ? text.includes(step.value as string) : found.length > 0 && !text.includes(step.value as string)) next.push(item);
        }
      }
    }
    cur = next;
  }
  return cur;
}

/** textOf prints one result as kubectl does: strings raw, maps and lists as compact JSON. */
export function textOf(v: unknown): string {
  if (typeof v === 'string') return v;
  if (typeof v === 'object' && v !== null) return goMarshal(v);
  return String(v);
}

/** renderTemplate executes a `-o jsonpath=` template against an object. */
export function renderTemplate(template: string, data: unknown): string {
  let out = '';
  const parts = template.split(/(\{[^}]*\})/).filter((p) => p !== '');
  const run = (from: number, to: number, ctx: unknown): void => {
    for (let i = from; i < to; i++) {
      const p = parts[i] as string;
      if (!p.startsWith('{')) {
        out += p;
        continue;
      }
      const expr = p.slice(1, -1).trim();
      if (expr.startsWith('range ')) {
        let depth = 1;
        let end = i + 1;
        for (; end < to; end++) {
          const q = (parts[end] as string).replace(/\s/g, '');
          if (q.startsWith('{range')) depth++;
          if (q === '{end}' && --depth === 0) break;
        }
        for (const item of evaluate(parsePath(expr.slice(6)), ctx)) run(i + 1, end, item);
        i = end;
      } else if (/^".*"$|^'.*'$/.test(expr)) out += JSON.parse(expr.startsWith("'") ? `"${expr.slice(1, -1)}"` : expr) as string;
      else out += evaluate(parsePath(expr), ctx).map(textOf).join(' ');
    }
  };
  run(0, parts.length, data);
  return out;
}
