// Ages as kubectl prints them: apimachinery's duration.HumanDuration, so an AGE cell reads the
// same ("3m2s", "2d3h", "45d") as one from kube-apiserver.

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;

/** humanDuration is duration.HumanDuration for a span in milliseconds: ~2-3 significant figures. */
export function humanDuration(ms: number): string {
  // Go truncates toward zero; up to 2s in the future still reads as "0s" to absorb clock skew.
  const seconds = Math.trunc(ms / SECOND);
  if (seconds < -1) return '<invalid>';
  if (seconds < 0) return '0s';
  if (seconds < 60 * 2) return `${seconds}s`;
  const minutes = Math.trunc(ms / MINUTE);
  if (minutes < 10) {
    const s = seconds % 60;
    return s === 0 ? `${minutes}m` : `${minutes}m${s}s`;
  }
  if (minutes < 60 * 3) return `${minutes}m`;
  const hours = Math.trunc(ms / HOUR);
  if (hours < 8) {
    const m = minutes % 60;
    return m === 0 ? `${hours}h` : `${hours}h${m}m`;
  }
  if (hours < 48) return `${hours}h`;
  const days = Math.trunc(hours / 24);
  if (hours < 24 * 8) {
    const h = hours % 24;
    return h === 0 ? `${days}d` : `${days}d${h}h`;
  }
  if (hours < 24 * 365 * 2) return `${days}d`;
  const years = Math.trunc(days / 365);
  if (hours < 24 * 365 * 8) {
    const dy = days % 365;
    return dy === 0 ? `${years}y` : `${years}y${dy}d`;
  }
  return `${years}y`;
}

/** parseTime reads an RFC 3339 metav1.Time / MicroTime; undefined stands for Go's zero time. */
export function parseTime(value: unknown): number | undefined {
  if (typeof value !== 'string' || value === '') return undefined;
  const t = Date.parse(value);
  return Number.isNaN(t) ? undefined : t;
}

/** translateTimestampSince is the printers' age of a timestamp: "<unknown>" when it is unset. */
export function translateTimestampSince(timestamp: unknown, now: number): string {
  const t = typeof timestamp === 'number' ? timestamp : parseTime(timestamp);
  return t === undefined ? '<unknown>' : humanDuration(now - t);
}
