// Load shapes for the API server benchmark: closed-loop creates (N clients, each waiting for its
// answer), an open-loop arrival rate (sends at fixed times, latency counted from the scheduled
// time so a slow server cannot slow the load down), a large list, and watch fan-out.
import { typicalPod } from '../../fixtures/objects/corpus.js';
import type { ApiClient } from '../../lib/https-client.js';
import { percentile, summarize, type Summary } from './stats.js';

/** Outcome is a latency summary plus the requests that failed. */
export interface Outcome extends Summary {
  errors: number;
  firstError?: string;
}

const NAME = '__NAME__';

/** podJson is a realistic pod as a controller would create it (about 1.5 KB), named name. */
export function podJson(name: string): string {
  return POD_TEMPLATE.replace(NAME, name);
}

const POD_TEMPLATE = (() => {
  const pod = typicalPod() as { metadata: Record<string, unknown>; spec: Record<string, unknown>; status?: unknown };
  // What the server sets (uid, timestamps, status) and the scheduler sets (nodeName) are left out.
  for (const k of ['namespace', 'uid', 'resourceVersion', 'creationTimestamp', 'generateName']) delete pod.metadata[k];
  delete pod.spec['nodeName'];
  delete pod.status;
  pod.metadata['name'] = NAME;
  // Config through the environment and a mounted volume, as most application pods have.
  const container = (pod.spec['containers'] as Array<Record<string, unknown>>)[0] as Record<string, unknown>;
  container['env'] = [
    { name: 'LOG_LEVEL', value: 'info' },
    { name: 'POD_NAME', valueFrom: { fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.name' } } },
    { name: 'DATABASE_URL', valueFrom: { secretKeyRef: { name: 'web-db', key: 'url' } } },
  ];
  container['volumeMounts'] = [{ name: 'config', mountPath: '/etc/web', readOnly: true }];
  pod.spec['volumes'] = [{ name: 'config', configMap: { name: 'web-config', defaultMode: 420 } }];
  return JSON.stringify(pod);
})();

/** Names hands out unique pod names. */
export class Names {
  private n = 0;
  constructor(private readonly prefix: string) {}
  next(): string {
    return `${this.prefix}-${(this.n++).toString(36)}`;
  }
}

async function createPod(client: ApiClient, ns: string, name: string): Promise<string | undefined> {
  const r = await client.send('POST', `/api/v1/namespaces/${ns}/pods`, { body: podJson(name), contentType: 'application/json' });
  return r.status === 201 ? undefined : `${r.status} ${r.text.slice(0, 300)}`;
}

function outcome(samples: number[], seconds: number, errors: string[]): Outcome {
  const o: Outcome = { ...summarize(samples, seconds), errors: errors.length };
  if (errors[0] !== undefined) o.firstError = errors[0];
  return o;
}

/** closedLoop runs `clients` concurrent create loops for `seconds`. */
export async function closedLoop(client: ApiClient, ns: string, names: Names, clients: number, seconds: number): Promise<Outcome> {
  const samples: number[] = [];
  const errors: string[] = [];
  const started = performance.now();
  const end = started + seconds * 1000;
  const loop = async (): Promise<void> => {
    while (performance.now() < end) {
      const t0 = performance.now();
      const err = await createPod(client, ns, names.next()).catch((e: Error) => e.message);
      if (err === undefined) samples.push(performance.now() - t0);
      else errors.push(err);
    }
  };
  await Promise.all(Array.from({ length: clients }, loop));
  return outcome(samples, (performance.now() - started) / 1000, errors);
}

/**
 * openLoop sends `rate` creates per second for `seconds`, each at its scheduled time whatever the
 * answers so far, and measures each from that time: queueing in client or server counts.
 */
export async function openLoop(client: ApiClient, ns: string, names: Names, rate: number, seconds: number): Promise<Outcome> {
  const total = Math.round(rate * seconds);
  const interval = 1000 / rate;
  const samples: number[] = [];
  const errors: string[] = [];
  const inflight: Array<Promise<void>> = [];
  const t0 = performance.now() + 20;
  let next = 0;
  await new Promise<void>((resolve) => {
    const tick = (): void => {
      const now = performance.now();
      while (next < total && t0 + next * interval <= now) {
        const due = t0 + next * interval;
        next++;
        inflight.push(
          createPod(client, ns, names.next())
            .catch((e: Error) => e.message)
            .then((err) => {
              if (err === undefined) samples.push(performance.now() - due);
              else errors.push(err);
            }),
        );
      }
      if (next < total) setTimeout(tick, Math.max(0, t0 + next * interval - performance.now()));
      else resolve();
    };
    tick();
  });
  await Promise.all(inflight);
  return outcome(samples, seconds, errors);
}

/** fill creates n pods with `clients` concurrent creators. */
export async function fill(client: ApiClient, ns: string, names: Names, n: number, clients: number): Promise<void> {
  let left = n;
  const loop = async (): Promise<void> => {
    while (left > 0) {
      left--;
      const err = await createPod(client, ns, names.next());
      if (err !== undefined) throw new Error(`filling ${ns}: ${err}`);
    }
  };
  await Promise.all(Array.from({ length: clients }, loop));
}

/** listLatency times `runs` full GETs of path (response read to the end) and returns the median. */
export async function listLatency(client: ApiClient, path: string, runs: number): Promise<{ median: number; min: number; max: number; items: number; bytes: number }> {
  const times: number[] = [];
  let items = 0;
  let bytes = 0;
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    const r = await client.send('GET', path, { timeoutMs: 120_000 });
    times.push(performance.now() - t0);
    if (r.status !== 200) throw new Error(`GET ${path}: ${r.status} ${r.text.slice(0, 300)}`);
    items = (JSON.parse(r.text) as { items: unknown[] }).items.length;
    bytes = Buffer.byteLength(r.text);
  }
  times.sort((a, b) => a - b);
  return { median: percentile(times, 50), min: times[0] as number, max: times[times.length - 1] as number, items, bytes };
}

/** WatchOutcome is the fan-out latency and how many of the expected events arrived. */
export interface WatchOutcome extends Summary {
  delivered: number;
  expected: number;
}

/**
 * watchFanout opens `watchers` watches on ns, then creates `writes` pods at `rate` per second and
 * measures, for every watcher and write, the time from the write's start to the event's arrival.
 */
export async function watchFanout(client: ApiClient, ns: string, names: Names, watchers: number, writes: number, rate: number): Promise<WatchOutcome> {
  const listed = await client.json<{ metadata: { resourceVersion: string } }>('GET', `/api/v1/namespaces/${ns}/pods?limit=1`);
  const starts = new Map<string, number>();
  const samples: number[] = [];
  const onLine = (line: string): void => {
    // metadata.name is the object's first "name"; cheaper than parsing 100 copies of every event.
    const at = line.indexOf('"name":"');
    const t0 = at < 0 ? undefined : starts.get(line.slice(at + 8, line.indexOf('"', at + 8)));
    if (t0 !== undefined) samples.push(performance.now() - t0);
  };
  const path = `/api/v1/namespaces/${ns}/pods?watch=true&resourceVersion=${listed.metadata.resourceVersion}&timeoutSeconds=300`;
  const streams = Array.from({ length: watchers }, () => client.watch(path, onLine));
  try {
    const statuses = await Promise.all(streams.map((s) => s.ready));
    if (statuses.some((s) => s !== 200)) throw new Error(`watch statuses: ${statuses.join(',')}`);
    const expected = writes * watchers;
    const t0 = performance.now();
    const writesDone: Array<Promise<unknown>> = [];
    for (let i = 0; i < writes; i++) {
      const due = t0 + (i * 1000) / rate;
      const wait = due - performance.now();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      const name = names.next();
      starts.set(name, performance.now());
      writesDone.push(createPod(client, ns, name));
    }
    await Promise.all(writesDone);
    const deadline = performance.now() + 15_000;
    while (samples.length < expected && performance.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    return { ...summarize(samples, (performance.now() - t0) / 1000), delivered: samples.length, expected };
  } finally {
    for (const s of streams) s.close();
  }
}
