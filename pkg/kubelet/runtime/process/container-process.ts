// One container of the process runtime: its command as a host process in a process group of its
// own, so that stopping or losing the main process takes every process it started with it, as
// the end of a container's PID namespace would.
import { spawn, type ChildProcess } from 'node:child_process';
import { constants } from 'node:os';
import { CriLogWriter } from '../log-writer.js';

/** ProcessExit is how a container process ended. */
export interface ProcessExit {
  exitCode: number;
  reason: 'Completed' | 'Error' | 'StartError';
  message: string;
  finishedAt: number;
}

/** ProcessSpec is everything needed to start a container's process. */
export interface ProcessSpec {
  argv: string[];
  env: Record<string, string>;
  cwd: string | undefined;
  logPath: string;
}

/** signalExitCode is the shell convention for a process ended by a signal: 128 + its number. */
export function signalExitCode(signal: NodeJS.Signals): number {
  return 128 + (constants.signals[signal] ?? 0);
}

// How long exit waits for the output pipes to drain after the main process is gone.
const DRAIN_MS = 500;

/** ContainerProcess runs and watches one container's command. */
export class ContainerProcess {
  private child: ChildProcess | null = null;
  private log: CriLogWriter | null = null;
  private exitResult: ProcessExit | null = null;
  private readonly exitWaiters: Array<(e: ProcessExit) => void> = [];

  constructor(private readonly spec: ProcessSpec) {}

  /** pid of the main process while it runs. */
  get pid(): number | undefined {
    return this.exitResult ? undefined : this.child?.pid;
  }

  /** exited is how the process ended, or null while it runs. */
  get exited(): ProcessExit | null {
    return this.exitResult;
  }

  /** start spawns the process; it rejects (and records a StartError exit) when it cannot. */
  async start(): Promise<void> {
    const [file, ...args] = this.spec.argv;
    if (file === undefined) throw new Error('no command');
    this.log = new CriLogWriter(this.spec.logPath);
    // detached: a new process group (pgid = pid), so signals reach the whole container, and a
    // Ctrl-C aimed at the kubelet's terminal does not reach the pods.
    const child = spawn(file, args, { cwd: this.spec.cwd, env: this.spec.env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    this.child = child;
    await new Promise<void>((resolve, reject) => {
      child.once('spawn', resolve);
      child.once('error', (err) => {
        this.finish({ exitCode: 128, reason: 'StartError', message: err.message, finishedAt: Date.now() });
        reject(err);
      });
    });
    child.stdout?.on('data', (c: Buffer) => this.log?.write('stdout', c));
    child.stderr?.on('data', (c: Buffer) => this.log?.write('stderr', c));
    child.once('exit', (code, signal) => {
      const exitCode = code ?? signalExitCode(signal ?? 'SIGKILL');
      const finishedAt = Date.now();
      // The main process is the container: what it leaves behind goes with it.
      this.killGroup('SIGKILL');
      const done = (): void => this.finish({ exitCode, reason: exitCode === 0 ? 'Completed' : 'Error', message: '', finishedAt });
      const timer = setTimeout(done, DRAIN_MS);
      child.once('close', () => {
        clearTimeout(timer);
        done();
      });
    });
  }

  /** signal sends sig to the container's whole process group. */
  killGroup(sig: NodeJS.Signals): void {
    const pid = this.child?.pid;
    if (pid === undefined) return;
    try {
      process.kill(-pid, sig);
    } catch {
      // ESRCH: the group is gone already
    }
  }

  /** stop sends SIGTERM, then SIGKILL after graceMs, and resolves with the exit. */
  async stop(graceMs: number): Promise<ProcessExit> {
    if (this.exitResult) return this.exitResult;
    if (!this.child) throw new Error('not started');
    this.killGroup('SIGTERM');
    const timer = setTimeout(() => this.killGroup('SIGKILL'), Math.max(0, graceMs));
    try {
      return await this.waitExit();
    } finally {
      clearTimeout(timer);
    }
  }

  /** waitExit resolves once the process has exited and its output is written. */
  waitExit(): Promise<ProcessExit> {
    if (this.exitResult) return Promise.resolve(this.exitResult);
    return new Promise((resolve) => this.exitWaiters.push(resolve));
  }

  private finish(e: ProcessExit): void {
    if (this.exitResult) return;
    this.exitResult = e;
    this.log?.close();
    this.log = null;
    for (const w of this.exitWaiters.splice(0)) w(e);
  }
}
