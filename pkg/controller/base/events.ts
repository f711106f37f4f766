// Events as client-go's legacy recorder writes them (core/v1, the ones `kubectl describe` and
// `kubectl get events` show): one Event per distinct (object, type, reason, message); when the
// same one happens again it is not created anew but its count and lastTimestamp are bumped, as
// the EventCorrelator does. Writes happen in the background, in order, and never fail a sync.
import { hostname } from 'node:os';
import type { KubeObject } from '../../../api/meta/object.js';
import { rfc3339 } from '../../../api/meta/object.js';
import type { Clientset } from '../../client/clientset.js';
import { isApiError } from '../../client/rest.js';
import type { Logger } from '../../util/log.js';

/** EventType is Normal or Warning. */
export type EventType = 'Normal' | 'Warning';

interface Seen {
  namespace: string;
  name: string;
  count: number;
}

// The correlator's cache size in client-go.
const CACHE_SIZE = 4096;
const MESSAGE_LIMIT = 1024;

/** EventRecorder records Events about objects on behalf of one component. */
export class EventRecorder {
  private readonly seen = new Map<string, Seen>();
  private chain: Promise<void> = Promise.resolve();
  private seq = 0;
  private readonly host = hostname();

  constructor(
    private readonly clientset: Clientset,
    readonly component: string,
    private readonly logger: Logger,
  ) {}

  /** event records that something happened to obj; it returns at once, the write follows. */
  event(obj: KubeObject, type: EventType, reason: string, message: string): void {
    const involved = involvedObject(obj);
    const text = message.length > MESSAGE_LIMIT ? message.slice(0, MESSAGE_LIMIT - 3) + '...' : message;
    const key = JSON.stringify([this.component, involved.kind, involved.namespace, involved.name, involved.uid, type, reason, text]);
    const now = rfc3339();
    this.chain = this.chain.then(() => this.write(key, involved, type, reason, text, now)).catch((err: unknown) => {
      this.logger.debug({ err, reason, object: `${involved.namespace}/${involved.name}` }, 'event not recorded');
    });
  }

  /** flush resolves once every event recorded so far has been written (or given up on). */
  flush(): Promise<void> {
    return this.chain;
  }

  private async write(key: string, involved: Involved, type: EventType, reason: string, message: string, now: string): Promise<void> {
    const events = this.clientset.resource('', 'events');
    const prev = this.seen.get(key);
    if (prev) {
      this.seen.delete(key); // re-inserted below: the Map's order is the LRU order
      try {
        await events.patch(prev.namespace, prev.name, { count: prev.count + 1, lastTimestamp: now, message }, 'strategic');
        this.remember(key, { ...prev, count: prev.count + 1 });
        return;
      } catch (err) {
        if (!isApiError(err, 'NotFound')) throw err; // expired (event TTL): start a new one
      }
    }
    // client-go names events <object>.<unix nanoseconds in hex>; the sequence keeps names unique
    // when two events land in the same millisecond.
    const name = `${involved.name}.${(BigInt(Date.now()) * 1_000_000n + BigInt(this.seq++ % 1_000_000)).toString(16)}`;
    const namespace = involved.namespace || 'default';
    await events.create(namespace, {
      metadata: { name, namespace },
      involvedObject: involved,
      reason,
      message,
      type,
      source: { component: this.component, host: this.host },
      firstTimestamp: now,
      lastTimestamp: now,
      count: 1,
      reportingComponent: this.component,
      reportingInstance: this.host,
    });
    this.remember(key, { namespace, name, count: 1 });
  }

  private remember(key: string, seen: Seen): void {
    this.seen.set(key, seen);
    if (this.seen.size > CACHE_SIZE) this.seen.delete(this.seen.keys().next().value as string);
  }
}

interface Involved {
  kind: string;
  namespace: string;
  name: string;
  uid: string;
  apiVersion: string;
  resourceVersion: string;
  [field: string]: string;
}

function involvedObject(obj: KubeObject): Involved {
  const m = obj.metadata ?? {};
  return { kind: obj.kind ?? '', namespace: m.namespace ?? '', name: m.name ?? '', uid: m.uid ?? '', apiVersion: obj.apiVersion ?? '', resourceVersion: m.resourceVersion ?? '' };
}
