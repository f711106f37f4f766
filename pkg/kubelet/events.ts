// Events as client-go's recorder writes them for the kubelet: old-style core/v1 Events named
// `<object>.<hex nanos>`, and a repeat of the same event (object, field, reason, message) within
// ten minutes bumps the count of the first instead of writing a new one.
import { rfc3339 } from '../../api/meta/object.js';
import type { Clientset } from '../client/clientset.js';
import type { Logger } from '../util/log.js';

/** EventType is Normal or Warning. */
export type EventType = 'Normal' | 'Warning';

/** InvolvedObject names what an event is about. */
export interface InvolvedObject {
  kind: 'Pod' | 'Node';
  name: string;
  namespace?: string;
  uid?: string;
  /** e.g. spec.containers{web} */
  fieldPath?: string;
}

// A repeat later than this starts a new event, as client-go's aggregation window.
const REPEAT_WINDOW_MS = 10 * 60_000;
const MAX_REMEMBERED = 4096;

interface Remembered {
  name: string;
  namespace: string;
  count: number;
  firstTimestamp: string;
  at: number;
  /** writes of one event run in order: a count bump must not overtake the create */
  chain: Promise<void>;
}

/** EventSink receives events; the kubelet's is the API, tests may collect them. */
export interface EventSink {
  event(obj: InvolvedObject, type: EventType, reason: string, message: string): void;
}

/** EventRecorder writes events to the API, fire-and-forget (failures are logged, never thrown). */
export class EventRecorder implements EventSink {
  private readonly seen = new Map<string, Remembered>();

  constructor(
    private readonly clientset: Clientset,
    private readonly host: string,
    private readonly logger: Logger,
    private readonly component = 'kubelet',
  ) {}

  event(obj: InvolvedObject, type: EventType, reason: string, message: string): void {
    const namespace = obj.namespace || 'default';
    const key = [namespace, obj.kind, obj.name, obj.uid ?? '', obj.fieldPath ?? '', type, reason, message].join('\0');
    const now = Date.now();
    const events = this.clientset.resource('', 'events');
    const prev = this.seen.get(key);
    if (prev && now - prev.at < REPEAT_WINDOW_MS) {
      prev.count++;
      prev.at = now;
      const count = prev.count;
      prev.chain = prev.chain
        .then(() => events.patch(prev.namespace, prev.name, { count, lastTimestamp: rfc3339(new Date(now)) }, 'merge'))
        .then(() => undefined, (err: unknown) => this.logger.debug({ err, reason }, 'event update failed'));
      return;
    }
    const stamp = rfc3339(new Date(now));
    const name = `${obj.name}.${(BigInt(now) * 1_000_000n + BigInt(Math.floor(Math.random() * 1e6))).toString(16)}`;
    const body = {
      metadata: { name, namespace },
      involvedObject: { kind: obj.kind, apiVersion: 'v1', name: obj.name, ...(obj.namespace ? { namespace: obj.namespace } : {}), ...(obj.uid ? { uid: obj.uid } : {}), ...(obj.fieldPath ? { fieldPath: obj.fieldPath } : {}) },
      reason, message, type, count: 1, firstTimestamp: stamp, lastTimestamp: stamp,
      source: { component: this.component, host: this.host },
      reportingComponent: this.component, reportingInstance: this.host,
    };
    const rec: Remembered = { name, namespace, count: 1, firstTimestamp: stamp, at: now, chain: Promise.resolve() };
    rec.chain = events.create(namespace, body).then(() => undefined, (err: unknown) => this.logger.debug({ err, reason }, 'event write failed'));
    this.seen.set(key, rec);
    // The oldest half goes: a repeat of a forgotten event is written anew, which is only more writes.
    if (this.seen.size > MAX_REMEMBERED) {
      for (const k of this.seen.keys()) {
        this.seen.delete(k);
        if (this.seen.size <= MAX_REMEMBERED / 2) break;
      }
    }
  }

  /** flush resolves once every event written so far has been sent (tests, shutdown). */
  async flush(): Promise<void> {
    await Promise.all([...this.seen.values()].map((r) => r.chain));
  }
}

/** containerField is the fieldPath of a container in events, as the kubelet writes it. */
export function containerField(name: string, init: boolean): string {
  return `spec.${init ? 'initContainers' : 'containers'}{${name}}`;
}
