// Running ip, iptables and friends: stdout back, stderr in the error, optional stdin (for
// iptables-restore), and a bounded run time so a stuck tool cannot stall the sync loop forever.
import { spawn } from 'node:child_process';

/** CommandError is a failed command; code is its exit code (-1: did not start or timed out). */
export class CommandError extends Error {
  override name = 'CommandError';
  constructor(
    message: string,
    readonly code: number,
    readonly stderr: string,
  ) {
    super(message);
  }
}

/** Exec runs one command and resolves with its stdout. */
export type Exec = (cmd: string, args: readonly string[], input?: string) => Promise<string>;

/** exec is the Exec of this machine. */
export const exec: Exec = (cmd, args, input) =>
  new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { stdio: ['pipe', 'pipe', 'pipe'], timeout: 30_000 });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (c: Buffer) => out.push(c));
    child.stderr.on('data', (c: Buffer) => err.push(c));
    child.once('error', (e) => reject(new CommandError(`${cmd}: ${e.message}`, -1, '')));
    child.once('close', (code) => {
      const stderr = Buffer.concat(err).toString().trim();
      if (code === 0) resolve(Buffer.concat(out).toString());
      else reject(new CommandError(`${cmd} ${args.join(' ')}: ${stderr || `exit ${code ?? 'signal'}`}`, code ?? -1, stderr));
    });
    child.stdin.on('error', () => undefined); // a tool that exits early closes its stdin; close reports why
    child.stdin.end(input ?? '');
  });

/** succeeds runs a command and tells whether it exited 0. */
export async function succeeds(run: Exec, cmd: string, args: readonly string[]): Promise<boolean> {
  return run(cmd, args).then(() => true, () => false);
}
