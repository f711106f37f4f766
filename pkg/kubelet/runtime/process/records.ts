// The process runtime's on-disk record of the processes it started, one file per running
// container, so that `kubelite cleanup` can stop what a crashed kubelet left running. A record
// names the process by PID and start time together: a PID alone may belong to someone else by then.
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** ProcessRecord identifies one running container process. */
export interface ProcessRecord {
  containerId: string;
  pid: number;
  /** field 22 of /proc/PID/stat: start time in clock ticks since boot */
  startTicks: string;
}

/** processStartTicks reads a process's start time, or null when it is gone. */
export function processStartTicks(pid: number): string | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) may contain spaces and parentheses: count from the last ')'.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return fields[19] ?? null;
  } catch {
    return null;
  }
}

/** writeRecord notes a started container process. */
export function writeRecord(dir: string, rec: ProcessRecord): void {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, `${rec.containerId}.json`), JSON.stringify(rec));
}

/** removeRecord forgets a container process (it exited, or was removed). */
export function removeRecord(dir: string, containerId: string): void {
  rmSync(join(dir, `${containerId}.json`), { force: true });
}

/** readRecords lists the records in dir; unreadable files are skipped. */
export function readRecords(dir: string): ProcessRecord[] {
  let names: string[];
  try {
    names = readdirSync(dir).filter((n) => n.endsWith('.json'));
  } catch {
    return [];
  }
  const out: ProcessRecord[] = [];
  for (const n of names) {
    try {
      out.push(JSON.parse(readFileSync(join(dir, n), 'utf8')) as ProcessRecord);
    } catch {
      // a record cut short by a crash: nothing to identify the process by
    }
  }
  return out;
}

/** isSameProcess tells whether the record's process still runs (and is not a newer one with the same PID). */
export function isSameProcess(rec: ProcessRecord): boolean {
  return processStartTicks(rec.pid) === rec.startTicks;
}
