// Writes container output in the CRI log format that containerd writes and `kubectl logs` reads:
// `<RFC3339Nano time> <stdout|stderr> <F|P> <text>` per line, P marking a line split because it
// was too long. Used by the runtimes that have no containerd to do it (process, fake).
import { mkdirSync, openSync, writeSync, closeSync } from 'node:fs';
import { dirname } from 'node:path';
import { StringDecoder } from 'node:string_decoder';

/** MAX_LINE matches containerd's default max_container_log_line_size: longer lines are split with P. */
export const MAX_LINE = 16 * 1024;

let lastNanos = 0n;

/**
 * rfc3339Nano is the current time with nine fractional digits. Date has only milliseconds, so
 * the sub-millisecond part comes from a counter that keeps stamps strictly increasing: log
 * readers (and `kubectl logs --since-time`) order lines by these stamps.
 */
export function rfc3339Nano(nowMs: number = Date.now()): string {
  let nanos = BigInt(nowMs) * 1_000_000n;
  if (nanos <= lastNanos) nanos = lastNanos + 1n;
  lastNanos = nanos;
  const ms = Number(nanos / 1_000_000n);
  const frac = (nanos % 1_000_000_000n).toString().padStart(9, '0');
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, `.${frac}Z`);
}

/** formatLogLine is one CRI log line, newline included. */
export function formatLogLine(stream: 'stdout' | 'stderr', text: string, partial = false): string {
  return `${rfc3339Nano()} ${stream} ${partial ? 'P' : 'F'} ${text}\n`;
}

/**
 * CriLogWriter turns a process's stdout/stderr chunks into CRI log lines. Writes are synchronous
 * on purpose: they are small, and a container that exits right after printing must find its last
 * lines in the file by the time its status says exited.
 */
export class CriLogWriter {
  private fd: number | null;
  private pending: Record<'stdout' | 'stderr', string> = { stdout: '', stderr: '' };
  // A chunk can end inside a multi-byte character; the decoder keeps the tail for the next one.
  private decoders = { stdout: new StringDecoder('utf8'), stderr: new StringDecoder('utf8') };

  constructor(readonly path: string) {
    mkdirSync(dirname(path), { recursive: true });
    this.fd = openSync(path, 'a', 0o640);
  }

  /** write adds a chunk of output; complete lines are written at once, the rest waits for more. */
  write(stream: 'stdout' | 'stderr', chunk: Buffer | string): void {
    let buf = this.pending[stream] + (typeof chunk === 'string' ? chunk : this.decoders[stream].write(chunk));
    let nl: number;
    let out = '';
    while ((nl = buf.indexOf('\n')) >= 0) {
      out += this.lines(stream, buf.slice(0, nl));
      buf = buf.slice(nl + 1);
    }
    while (buf.length > MAX_LINE) {
      out += formatLogLine(stream, buf.slice(0, MAX_LINE), true);
      buf = buf.slice(MAX_LINE);
    }
    this.pending[stream] = buf;
    this.append(out);
  }

  /** flush writes what is left of an unterminated last line. */
  flush(): void {
    for (const stream of ['stdout', 'stderr'] as const) {
      this.pending[stream] += this.decoders[stream].end();
      if (this.pending[stream] !== '') this.append(formatLogLine(stream, this.pending[stream]));
      this.pending[stream] = '';
    }
  }

  /** close flushes and closes the file; later writes are dropped. */
  close(): void {
    this.flush();
    if (this.fd !== null) closeSync(this.fd);
    this.fd = null;
  }

  private lines(stream: 'stdout' | 'stderr', line: string): string {
    let out = '';
    while (line.length > MAX_LINE) {
      out += formatLogLine(stream, line.slice(0, MAX_LINE), true);
      line = line.slice(MAX_LINE);
    }
    return out + formatLogLine(stream, line);
  }

  private append(text: string): void {
    if (text !== '' && this.fd !== null) writeSync(this.fd, text);
  }
}
