// A kubelet's pod machinery on the fake runtime without an API server, for unit tests: pod syncs
// run through real PodWorkers and timers; status writes, deletions and events are recorded.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { Registry } from 'prom-client';
import type { Clientset } from '../../client/clientset.js';
import { Backoff } from '../backoff.js';
import type { EventSink, InvolvedObject } from '../events.js';
import { ImageManager } from '../images.js';
import { KubeletMetrics } from '../metrics.js';
import { PodSyncer } from '../pod-sync.js';
import { PodWorkers } from '../pod-workers.js';
import { FakeRuntime, type FakeRuntimeOptions } from '../runtime/fake/runtime.js';
import { newPodRecord, type PodRecord, type SyncContext } from '../sync-context.js';
import type { Container, Pod, PodSpec, PodStatus } from '../types.js';

/** RecordedEvent is one event the harness saw. */
export interface RecordedEvent {
  obj: InvolvedObject;
  type: string;
  reason: string;
  message: string;
  at: number;
}

/** HarnessOptions tune the timers (short ones make tests fast). */
export interface HarnessOptions {
  crashInitialMs?: number;
  crashMaxMs?: number;
  imageInitialMs?: number;
  imageMaxMs?: number;
  retryMs?: number;
  fake?: FakeRuntimeOptions;
  runtime?: FakeRuntime;
}

let counter = 0;

/** pod builds a pod bound to node "n1" with the given containers. */
export function pod(name: string, containers: Container[], spec: Partial<PodSpec> = {}): Pod {
  counter++;
  return {
    apiVersion: 'v1', kind: 'Pod',
    metadata: { name, namespace: 'default', uid: `uid-${name}-${counter}`, resourceVersion: '1', creationTimestamp: new Date().toISOString() },
    spec: { nodeName: 'n1', restartPolicy: 'Always', terminationGracePeriodSeconds: 30, ...spec, containers },
    status: { phase: 'Pending', qosClass: 'BestEffort' },
  };
}

/** sh is a container running an `sh -c` script on the fake busybox image. */
export function sh(name: string, script: string, extra: Partial<Container> = {}): Container {
  return { name, image: 'localhost/kubelite/busybox:1', imagePullPolicy: 'IfNotPresent', command: ['sh', '-c', script], ...extra };
}

/** Harness drives PodSyncer over a FakeRuntime. */
export class Harness {
  readonly runtime: FakeRuntime;
  readonly events: RecordedEvent[] = [];
  readonly statuses = new Map<string, PodStatus[]>();
  readonly deleted: Array<{ name: string; opts: unknown }> = [];
  readonly records = new Map<string, PodRecord>();
  readonly syncer: PodSyncer;
  readonly workers: PodWorkers;
  readonly metrics = KubeletMetrics.for(new Registry());
  readonly errors: unknown[] = [];

  constructor(o: HarnessOptions = {}) {
    this.runtime = o.runtime ?? new FakeRuntime({ podCidr: '10.99.0.0/24', images: ['localhost/kubelite/busybox:1'], ...o.fake });
    const events: EventSink = { event: (obj, type, reason, message) => this.events.push({ obj, type, reason, message, at: Date.now() }) };
    const pods = {
      updateStatus: async (_ns: string, obj: { metadata: { name: string }; status: PodStatus }) => {
        const list = this.statuses.get(obj.metadata.name) ?? [];
        list.push(structuredClone(obj.status));
        this.statuses.set(obj.metadata.name, list);
        return { metadata: { resourceVersion: String(Date.now()) } };
      },
      delete: async (_ns: string, name: string, opts: unknown) => {
        this.deleted.push({ name, opts });
        return { status: 200 };
      },
    };
    const clientset = { resource: () => pods } as unknown as Clientset;
    const logger = pino({ level: 'silent' });
    const ctx: SyncContext = {
      nodeName: 'n1', runtime: this.runtime, runtimeName: 'fake', clientset, events,
      images: new ImageManager(this.runtime, events, new Backoff(o.imageInitialMs ?? 200, o.imageMaxMs ?? 1000), logger, undefined, o.retryMs ?? 100),
      crashBackoff: new Backoff(o.crashInitialMs ?? 200, o.crashMaxMs ?? 800), logger, metrics: this.metrics,
      logRoot: join(mkdtempSync(join(tmpdir(), 'kubelite-kubelet-')), 'pods'), dns: { clusterDns: '10.96.0.10', clusterDomain: 'cluster.local' },
      hostIP: '192.0.2.10', allocatable: { cpu: 4, memory: 8 * 2 ** 30 },
      serviceEnv: async () => ({ KUBERNETES_SERVICE_HOST: '10.96.0.1', KUBERNETES_SERVICE_PORT: '443' }),
      data: async (kind, _ns, name) => (kind === 'ConfigMap' && name === 'cfg' ? { color: 'blue' } : undefined),
      retryMs: o.retryMs ?? 100,
      schedule: (uid, at) => this.workers.enqueueAt(uid, at),
    };
    this.syncer = new PodSyncer(ctx);
    this.workers = new PodWorkers(async (uid, signal) => {
      const rec = this.records.get(uid);
      if (!rec) return;
      if ((await this.syncer.sync(rec, signal)) === 'forget' && !rec.pod) this.records.delete(uid);
    }, (_uid, err) => {
      this.errors.push(err);
      return o.retryMs ?? 100;
    });
  }

  /** apply hands the harness a pod (new or changed), as the informer would. */
  apply(p: Pod): void {
    const rec = this.records.get(p.metadata.uid) ?? newPodRecord(p.metadata.uid, p);
    rec.pod = p;
    rec.lastPod = p;
    this.records.set(p.metadata.uid, rec);
    if (p.metadata.deletionTimestamp) this.workers.interrupt(p.metadata.uid);
    this.workers.enqueue(p.metadata.uid);
  }

  /** remove says a pod is gone from the API. */
  remove(p: Pod): void {
    const rec = this.records.get(p.metadata.uid) ?? newPodRecord(p.metadata.uid, undefined);
    rec.pod = undefined;
    this.records.set(p.metadata.uid, rec);
    this.workers.enqueue(p.metadata.uid);
  }

  /** kick syncs a pod again, as a PLEG event would. */
  kick(p: Pod): void {
    this.workers.enqueue(p.metadata.uid);
  }

  /** status is the last status written for a pod; the pod object is updated with it, as the informer would. */
  status(p: Pod): PodStatus | undefined {
    const list = this.statuses.get(p.metadata.name);
    return list?.[list.length - 1];
  }

  /** until polls cond, kicking the pod (the PLEG's job) until it holds or timeoutMs passes. */
  async until<T>(p: Pod | undefined, what: string, cond: () => T | undefined | false, timeoutMs = 5000): Promise<T> {
    const end = Date.now() + timeoutMs;
    for (;;) {
      await this.workers.whenIdle();
      const v = cond();
      if (v !== undefined && v !== false) return v;
      if (Date.now() > end) throw new Error(`timed out waiting for ${what}; last status: ${JSON.stringify(p ? this.status(p) : undefined)}`);
      if (p) this.kick(p);
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  /** reasons lists the reasons of the events about a pod, in order. */
  reasons(p: Pod): string[] {
    return this.events.filter((e) => e.obj.uid === p.metadata.uid).map((e) => e.reason);
  }

  stop(): void {
    this.workers.stop();
  }
}
