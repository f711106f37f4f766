// The hollow runtime's tiny shell: enough of `sh -c SCRIPT` for the fake to behave like a real
// container in the common, simple cases (print, exit with a code, sleep, trap SIGTERM), so one
// conformance suite runs against every runtime. Anything it does not understand (loops, pipes,
// substitutions) makes the program opaque: it then runs, silently, until stopped.

/** Stmt is one statement the fake shell understands. */
export type Stmt =
  | { kind: 'echo'; text: string; stderr: boolean }
  | { kind: 'exit'; code: number }
  | { kind: 'sleep'; seconds: number }
  | { kind: 'trap'; signals: string[]; action: Stmt[] | null }
  | { kind: 'pwd'; stderr: boolean }
  | { kind: 'status'; code: number };

/** Program is a parsed script; null means opaque (run until stopped, print nothing). */
export type Program = Stmt[] | null;

type Token = { word: string } | { op: string };

const KEYWORDS = new Set(['while', 'until', 'for', 'if', 'then', 'else', 'elif', 'fi', 'do', 'done', 'case', 'esac', 'function', '{', '}']);

// tokenize splits a script into words and operators, expanding $VAR outside single quotes.
function tokenize(script: string, env: Record<string, string>): Token[] | null {
  const out: Token[] = [];
  let word: string | null = null;
  const push = (): void => {
    if (word !== null) out.push({ word });
    word = null;
  };
  const expand = (i: number): [string, number] | null => {
    const m = /^\$(?:\{([A-Za-z_][A-Za-z0-9_]*)\}|([A-Za-z_][A-Za-z0-9_]*))/.exec(script.slice(i));
    if (!m) return null;
    return [env[m[1] ?? m[2] ?? ''] ?? '', m[0].length];
  };
  for (let i = 0; i < script.length; i++) {
    const ch = script[i] as string;
    if (ch === "'") {
      const end = script.indexOf("'", i + 1);
      if (end < 0) return null;
      word = (word ?? '') + script.slice(i + 1, end);
      i = end;
    } else if (ch === '"') {
      let j = i + 1;
      let s = '';
      for (; j < script.length && script[j] !== '"'; j++) {
        if (script[j] === '$') {
          if (script[j + 1] === '(') return null;
          const e = expand(j);
          if (e) { s += e[0]; j += e[1] - 1; continue; }
        }
        if (script[j] === '\\' && j + 1 < script.length) j++;
        s += script[j];
      }
      if (j >= script.length) return null;
      word = (word ?? '') + s;
      i = j;
    } else if (ch === '$') {
      const e = expand(i);
      if (!e) return null;
      word = (word ?? '') + e[0];
      i += e[1] - 1;
    } else if (ch === '\\' && i + 1 < script.length) {
      word = (word ?? '') + script[++i];
    } else if (/\s/.test(ch) && ch !== '\n') {
      push();
    } else if (ch === '\n' || ch === ';') {
      push();
      out.push({ op: ';' });
    } else if (ch === '&') {
      push();
      if (script[i + 1] === '&') return null;
      out.push({ op: '&' });
    } else if ('|()`<'.includes(ch)) {
      return null;
    } else if (ch === '>') {
      push();
      const m = /^(?:>&([12])|>>?\s*([^\s;&]+))/.exec(script.slice(i));
      if (!m) return null;
      out.push({ op: m[1] === '2' ? '>&2' : m[1] === '1' ? '>&1' : '>file' });
      i += m[0].length - 1;
    } else {
      // "1>&2" and "2>&1": the digit belongs to the redirection that follows.
      if (word === null && /[12]/.test(ch) && script[i + 1] === '>') continue;
      word = (word ?? '') + ch;
    }
  }
  push();
  return out;
}

/** parseScript parses SCRIPT of `sh -c SCRIPT` with env for $VAR expansion. */
export function parseScript(script: string, env: Record<string, string>): Program {
  const tokens = tokenize(script, env);
  if (!tokens) return null;
  const stmts: Stmt[] = [];
  let cur: Token[] = [];
  const flush = (): boolean => {
    if (cur.length === 0) return true;
    const s = statement(cur, env);
    cur = [];
    if (!s) return false;
    stmts.push(s);
    return true;
  };
  for (const t of tokens) {
    // "cmd &" runs in the background; the fake runs it in the foreground, which for the one
    // pattern that matters ("sleep N & wait") means the same thing.
    if ('op' in t && (t.op === ';' || t.op === '&')) {
      if (!flush()) return null;
    } else cur.push(t);
  }
  return flush() ? stmts : null;
}

function statement(tokens: Token[], env: Record<string, string>): Stmt | null {
  const words: string[] = [];
  let stderr = false;
  for (const t of tokens) {
    if ('word' in t) words.push(t.word);
    else if (t.op === '>&2') stderr = true;
    else if (t.op === '>file') return { kind: 'status', code: 0 }; // output to a file: the fake has no files
  }
  const [cmd, ...args] = words;
  if (cmd === undefined) return { kind: 'status', code: 0 };
  if (KEYWORDS.has(cmd)) return null;
  switch (cmd) {
    case 'echo': {
      const noNewline = args[0] === '-n';
      const text = (noNewline ? args.slice(1) : args).join(' ');
      return { kind: 'echo', text: noNewline ? text : `${text}\n`, stderr };
    }
    case 'exit': return { kind: 'exit', code: Number(args[0] ?? 0) & 0xff };
    case 'sleep': {
      const seconds = Number(args[0]);
      return Number.isFinite(seconds) ? { kind: 'sleep', seconds } : { kind: 'sleep', seconds: Infinity };
    }
    case 'wait': return { kind: 'status', code: 0 };
    case 'pwd': return { kind: 'pwd', stderr };
    case 'false': return { kind: 'status', code: 1 };
    case 'trap': {
      const [action, ...signals] = args;
      if (action === undefined) return { kind: 'status', code: 0 };
      const parsed = action === '' ? null : parseScript(action, env);
      if (action !== '' && parsed === null) return null;
      return { kind: 'trap', signals: signals.map(normalizeSignal), action: parsed };
    }
    default:
      // Other commands (true, touch, mkdir, httpd ...) succeed and print nothing.
      return { kind: 'status', code: 0 };
  }
}

/** normalizeSignal maps "TERM", "SIGTERM" and "15" to "SIGTERM". */
export function normalizeSignal(s: string): string {
  const numbers: Record<string, string> = { 1: 'SIGHUP', 2: 'SIGINT', 9: 'SIGKILL', 15: 'SIGTERM' };
  if (numbers[s]) return numbers[s] as string;
  return s.startsWith('SIG') ? s : `SIG${s}`;
}

/** programOf is the program of a container command: `sh -c SCRIPT` is parsed, anything else is opaque. */
export function programOf(argv: string[], env: Record<string, string>): Program {
  const shells = new Set(['sh', '/bin/sh', 'bash', '/bin/bash', 'ash', '/bin/ash']);
  if (argv.length >= 3 && shells.has(argv[0] as string) && argv[1] === '-c') return parseScript(argv[2] as string, env);
  if (argv.length >= 1 && ['true', '/bin/true'].includes(argv[0] as string)) return [];
  return null;
}
