// Runs the built kubelite (bin/kubelite.cjs → dist/kubelite.cjs) as a user would, for e2e tests.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** ROOT is the repository root. */
export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '../..');
/** KUBELITE is the path of the runnable multi-call script. */
export const KUBELITE = join(ROOT, 'bin/kubelite.cjs');

/** ensureBuilt builds dist/kubelite.cjs when it is missing (the test command builds it first anyway). */
export function ensureBuilt(): void {
  if (existsSync(join(ROOT, 'dist/kubelite.cjs'))) return;
  const r = spawnSync(process.execPath, [join(ROOT, 'hack/build.mjs')], { stdio: 'inherit' });
  if (r.status !== 0) throw new Error('build failed');
}

/** runSync runs `kubelite ARGS` (or another script) to completion. */
export function runSync(args: string[], script = KUBELITE): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [script, ...args], { encoding: 'utf8', timeout: 30_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Running is a long-lived kubelite process whose output is collected. */
export interface Running {
  child: ChildProcess;
  output: () => string;
  /** waitFor resolves when the output matches, rejects on timeout or exit. */
  waitFor: (re: RegExp, timeoutMs?: number) => Promise<void>;
  /** stop sends SIGTERM and resolves with the exit code. */
  stop: () => Promise<number | null>;
}

/** start launches `kubelite ARGS` in the background. */
export function start(args: string[]): Running {
  const child = spawn(process.execPath, [KUBELITE, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  const listeners = new Set<() => void>();
  const onData = (b: Buffer): void => {
    out += b.toString();
    listeners.forEach((l) => l());
  };
  child.stdout?.on('data', onData);
  child.stderr?.on('data', onData);
  let stopping = false;
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code, signal) => {
    // A server that dies on its own is a bug: leave its last words in the test log.
    if (!stopping) process.stderr.write(`kubelite ${args[0]} exited unexpectedly (code ${code}, signal ${signal}); last output:\n${out.slice(-4000)}\n`);
    listeners.forEach((l) => l());
    resolve(code);
  }));
  return {
    child,
    output: () => out,
    waitFor: (re, timeoutMs = 60_000) =>
      new Promise((resolve, reject) => {
        const check = (): void => {
          if (re.test(out)) done(resolve);
          else if (child.exitCode !== null) done(() => reject(new Error(`exited ${child.exitCode} before ${re}: ${out}`)));
        };
        const timer = setTimeout(() => done(() => reject(new Error(`timed out waiting for ${re}: ${out}`))), timeoutMs);
        const done = (f: () => void): void => {
          clearTimeout(timer);
          listeners.delete(check);
          f();
        };
        listeners.add(check);
        check();
      }),
    stop: async () => {
      stopping = true;
      if (child.exitCode === null) child.kill('SIGTERM');
      return exited;
    },
  };
}
