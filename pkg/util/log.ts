// Logging: structured JSON (pino) with one child logger per role; human-readable on a TTY.
// Pretty-printing runs in the main thread (pino-pretty as a stream, not a transport), because
// transports spawn worker threads from files that do not exist inside the single binary.
import { pino, type Logger } from 'pino';
import pretty from 'pino-pretty';

export type { Logger } from 'pino';

const LEVELS = new Set(['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent']);

/** createLogger makes the process's root logger; roles take `logger.child({ role })`. */
export function createLogger(level: string, stream: NodeJS.WritableStream = process.stderr): Logger {
  if (!LEVELS.has(level)) throw new Error(`unknown log level "${level}"`);
  const tty = (stream as { isTTY?: boolean }).isTTY === true;
  if (tty) {
    return pino({ level }, pretty({ destination: stream, sync: true, colorize: true, ignore: 'pid,hostname', translateTime: 'HH:MM:ss.l' }));
  }
  return pino({ level, base: { pid: process.pid } }, stream);
}
