// Runs a fake-shell program (script.ts) without a process: statements run synchronously up to a
// sleep, which becomes one timer, so a hollow container costs an object and at most one timer.
import { constants } from 'node:os';
import type { ExecResult } from '../interface.js';
import type { Stmt } from './script.js';

/** ProgramHost is what a running program does to the outside world. */
export interface ProgramHost {
  output(stream: 'stdout' | 'stderr', text: string): void;
  exit(code: number): void;
  workingDir: string;
}

const signalCode = (sig: string): number => 128 + ((constants.signals as Record<string, number>)[sig] ?? 0);

/** ProgramRun is one running program: a program counter, its traps, and the pending sleep. */
export class ProgramRun {
  private pc = 0;
  private timer: NodeJS.Timeout | null = null;
  private traps = new Map<string, Stmt[] | null>();
  private done = false;
  private last = 0;

  constructor(private readonly program: Stmt[], private readonly host: ProgramHost) {}

  /** start runs the program from its first statement. */
  start(): void {
    this.resume();
  }

  /** signal delivers sig the way a shell would: a trap runs its action, an ignored one does nothing. */
  signal(sig: string): void {
    if (this.done) return;
    if (sig !== 'SIGKILL' && this.traps.has(sig)) {
      const action = this.traps.get(sig);
      if (action === null || action === undefined) return;
      const code = runStatements(action, this.host, new Map());
      this.finish(code.exited ? code.code : signalCode(sig));
      return;
    }
    this.finish(signalCode(sig));
  }

  /** cancel drops the program without an exit (its container was removed). */
  cancel(): void {
    this.done = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  private resume(): void {
    while (!this.done && this.pc < this.program.length) {
      const s = this.program[this.pc++] as Stmt;
      if (s.kind === 'sleep') {
        if (s.seconds === Infinity || s.seconds > 1e6) return; // asleep until a signal
        this.timer = setTimeout(() => {
          this.timer = null;
          this.resume();
        }, s.seconds * 1000);
        this.timer.unref?.();
        return;
      }
      const r = runStatements([s], this.host, this.traps);
      if (r.exited) return this.finish(r.code);
      this.last = r.code;
    }
    if (!this.done) this.finish(this.last);
  }

  private finish(code: number): void {
    if (this.done) return;
    this.cancel();
    this.host.exit(code);
  }
}

/** runStatements runs statements that do not sleep; it stops at an exit. */
function runStatements(stmts: Stmt[], host: ProgramHost, traps: Map<string, Stmt[] | null>): { exited: boolean; code: number } {
  let last = 0;
  for (const s of stmts) {
    switch (s.kind) {
      case 'echo': host.output(s.stderr ? 'stderr' : 'stdout', s.text); last = 0; break;
      case 'pwd': host.output(s.stderr ? 'stderr' : 'stdout', `${host.workingDir}\n`); last = 0; break;
      case 'exit': return { exited: true, code: s.code };
      case 'status': last = s.code; break;
      case 'trap': for (const sig of s.signals) traps.set(sig, s.action); last = 0; break;
      case 'sleep': last = 0; break;
    }
  }
  return { exited: false, code: last };
}

/** execProgram runs a program to completion at once, sleeps skipped, as execSync does. */
export function execProgram(program: Stmt[], workingDir: string): ExecResult {
  const out = { stdout: '', stderr: '' };
  const host: ProgramHost = { output: (stream, text) => { out[stream] += text; }, exit: () => undefined, workingDir };
  const r = runStatements(program, host, new Map());
  return { ...out, exitCode: r.code };
}
