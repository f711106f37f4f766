// The pieces every describer shares, ported from kubectl's describe.go so the output lines up
// the same: a prefix writer over a tab writer (two spaces per level), multi-line label and
// annotation blocks, tolerations and taints, and the Events table.
import { ageSince, asArray, asRecord, str, stringMap } from './format.js';
import { TabWriter } from './tabwriter.js';

/** PrefixWriter writes text at an indentation level into a describe tab writer. */
export class PrefixWriter {
  constructor(readonly tw: TabWriter) {}

  write(level: number, text: string): void {
    this.tw.write('  '.repeat(level) + escape(text));
  }

  /** line writes text and a newline with no indentation (Go's Sprintln). */
  line(text: string): void {
    this.tw.write(`${escape(text)}\n`);
  }

  /** flush ends the current alignment block (the Events table aligns on its own). */
  flush(): void {
    this.tw.flush();
  }
}

const escape = (s: string): string => s.replace(/\x1b/g, '^[').replace(/\r/g, '\\r');

/** describeText runs a describer body and returns its aligned text. */
export function describeText(body: (w: PrefixWriter) => void): string {
  let out = '';
  const tw = TabWriter.forDescribe((s) => (out += s));
  body(new PrefixWriter(tw));
  tw.flush();
  return out;
}

/** printLabelsMultiline is kubectl's: the first pair after the title, the rest aligned below. */
export function printLabelsMultiline(w: PrefixWriter, title: string, labels: unknown, initialIndent = '', innerIndent = '\t'): void {
  w.write(0, `${initialIndent}${title}:${innerIndent}`);
  const map = stringMap(labels);
  const keys = Object.keys(map).sort();
  if (keys.length === 0) return w.line('<none>');
  keys.forEach((k, i) => {
    if (i !== 0) w.write(0, `${initialIndent}${innerIndent}`);
    w.write(0, `${k}=${map[k]}\n`);
  });
}

const MAX_ANNOTATION_LEN = 140;
const SKIPPED_ANNOTATIONS = new Set(['kubectl.kubernetes.io/last-applied-configuration']);

/** printAnnotationsMultiline is kubectl's, long or multi-line values on lines of their own. */
export function printAnnotationsMultiline(w: PrefixWriter, title: string, annotations: unknown): void {
  w.write(0, `${title}:\t`);
  const map = stringMap(annotations);
  const keys = Object.keys(map).filter((k) => !SKIPPED_ANNOTATIONS.has(k)).sort();
  if (keys.length === 0) return w.line('<none>');
  keys.forEach((k, i) => {
    if (i !== 0) w.write(0, '\t');
    const value = (map[k] as string).replace(/\n$/, '');
    if (value.length + k.length + 2 > MAX_ANNOTATION_LEN || value.includes('\n')) {
      w.write(0, `${k}:\n`);
      for (const s of value.split('\n')) w.write(0, `\t  ${s.length > MAX_ANNOTATION_LEN - 2 ? `${s.slice(0, MAX_ANNOTATION_LEN - 2)}...` : s}\n`);
    } else w.write(0, `${k}: ${value}\n`);
  });
}

/** printTolerations is printTolerationsMultilineWithIndent. */
export function printTolerations(w: PrefixWriter, title: string, tolerations: unknown): void {
  w.write(0, `${title}:\t`);
  const list = asArray(tolerations).sort((a, b) => (str(a['key']) < str(b['key']) ? -1 : str(a['key']) > str(b['key']) ? 1 : 0));
  if (list.length === 0) return w.line('<none>');
  list.forEach((t, i) => {
    if (i !== 0) w.write(0, '\t');
    let s = str(t['key']);
    if (str(t['value'])) s += `=${str(t['value'])}`;
    if (str(t['effect'])) s += `:${str(t['effect'])}`;
    if (t['operator'] === 'Exists' && !str(t['value'])) s += str(t['key']) || str(t['effect']) ? ' op=Exists' : 'op=Exists';
    if (typeof t['tolerationSeconds'] === 'number') s += ` for ${t['tolerationSeconds']}s`;
    w.write(0, `${s}\n`);
  });
}

/** printTaints is printNodeTaintsMultiline. */
export function printTaints(w: PrefixWriter, title: string, taints: unknown): void {
  w.write(0, `${title}:\t`);
  const key = (t: Record<string, unknown>): string => `${str(t['effect'])},${str(t['key'])}`;
  const list = asArray(taints).sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
  if (list.length === 0) return w.line('<none>');
  list.forEach((t, i) => {
    if (i !== 0) w.write(0, '\t');
    w.write(0, `${str(t['key'])}${str(t['value']) ? `=${str(t['value'])}` : ''}:${str(t['effect'])}\n`);
  });
}

// event.SortableEvents: a series' last observation, else lastTimestamp, else eventTime.
const eventTime = (e: Record<string, unknown>): number =>
  Date.parse(e['series'] ? str(asRecord(e['series'])['lastObservedTime']) : str(e['lastTimestamp']) || str(e['eventTime'])) || 0;

/** describeEvents is DescribeEvents: `Events: <none>` or the Type/Reason/Age/From/Message table. */
export function describeEvents(w: PrefixWriter, events: Array<Record<string, unknown>>, now: number): void {
  if (events.length === 0) return w.write(0, 'Events:\t<none>\n');
  w.flush();
  const sorted = [...events].sort((a, b) => eventTime(a) - eventTime(b));
  w.write(0, 'Events:\n  Type\tReason\tAge\tFrom\tMessage\n');
  w.write(1, '----\t------\t----\t----\t-------\n');
  for (const e of sorted) {
    const first = str(e['eventTime']) ? ageSince(e['eventTime'], now) : ageSince(e['firstTimestamp'], now);
    const series = asRecord(e['series']);
    const count = typeof e['count'] === 'number' ? e['count'] : 0;
    let interval = first;
    if (e['series']) interval = `${ageSince(series['lastObservedTime'], now)} (x${String(series['count'] ?? 0)} over ${first})`;
    else if (count > 1) interval = `${ageSince(e['lastTimestamp'], now)} (x${count} over ${first})`;
    const source = str(asRecord(e['source'])['component']) || str(e['reportingComponent']);
    w.write(1, `${str(e['type'])}\t${str(e['reason'])}\t${interval}\t${source}\t${str(e['message']).trim()}\n`);
  }
}
