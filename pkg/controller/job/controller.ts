// The Job controller: run pods from the template until `completions` of them succeed, at most
// `parallelism` at a time; fail the Job (deleting what still runs) once more than backoffLimit
// pods have failed or activeDeadlineSeconds has passed. Pods are owned through a controller
// ownerReference and tracked with expectations like a ReplicaSet's; counts only ever grow, so a
// finished pod removed by the pod GC is not run again.
import { labelSelectorFromObject } from '../../../api/meta/label-selector.js';
import { rfc3339 } from '../../../api/meta/object.js';
import { objectOf } from '../../client/cache/deltas.js';
import { metaNamespaceKey } from '../../client/cache/indexer.js';
import type { SharedInformer } from '../../client/cache/shared-informer.js';
import type { ResourceClient } from '../../client/resource-client.js';
import { isApiError } from '../../client/rest.js';
import type { ControllerContext } from '../base/context.js';
import { Controller } from '../base/controller.js';
import type { EventRecorder } from '../base/events.js';
import { Expectations } from '../base/expectations.js';
import { semanticEqual } from '../base/hash.js';
import { claimObjects, controllerRefOf, newControllerRef, recheckOwner } from '../base/owner-refs.js';
import { deletionOrder, isPodActive, isPodReady, podFromTemplate } from '../base/pods.js';
import type { Pod } from '../base/types.js';
import { slowStartBatch } from '../replicaset/manage.js';
import { failure, finishedCondition, isComplete, isFinished, wantActive, type Job, type JobStatus } from './status.js';

/** JobController runs Jobs. */
export class JobController extends Controller {
  /** expectations is exposed for tests. */
  readonly expectations = new Expectations();
  private readonly jobs: SharedInformer<Job>;
  private readonly pods: SharedInformer<Pod>;
  private readonly jobClient: ResourceClient<Job>;
  private readonly podClient: ResourceClient<Pod>;
  private readonly recorder: EventRecorder;

  constructor(ctx: ControllerContext) {
    super('job', ctx);
    this.jobClient = ctx.clientset.resource('batch', 'jobs') as ResourceClient<Job>;
    this.podClient = ctx.clientset.resource('', 'pods') as ResourceClient<Pod>;
    this.recorder = ctx.recorder('job-controller');
    this.jobs = this.watch<Job>('batch', 'jobs', {
      onAdd: (j) => this.enqueue(j),
      onUpdate: (_o, j) => this.enqueue(j),
      onDelete: (obj) => {
        const key = metaNamespaceKey(objectOf(obj));
        this.expectations.delete(key);
        this.enqueue(key);
      },
    });
    this.pods = this.watch<Pod>('', 'pods', {
      onAdd: (p) => {
        const job = this.ownerOf(p);
        if (!job) return;
        if (p.metadata?.deletionTimestamp) this.expectations.deletionObserved(metaNamespaceKey(job), metaNamespaceKey(p));
        else this.expectations.creationObserved(metaNamespaceKey(job));
        this.enqueue(job);
      },
      onUpdate: (old, p) => {
        const job = this.ownerOf(p) ?? this.ownerOf(old);
        if (!job) return;
        if (p.metadata?.deletionTimestamp) this.expectations.deletionObserved(metaNamespaceKey(job), metaNamespaceKey(p));
        this.enqueue(job);
      },
      onDelete: (obj) => {
        const p = objectOf(obj);
        const job = this.ownerOf(p);
        if (!job) return;
        this.expectations.deletionObserved(metaNamespaceKey(job), metaNamespaceKey(p));
        this.enqueue(job);
      },
    });
  }

  protected async sync(key: string): Promise<void> {
    const job = this.jobs.lister().get(key);
    if (!job) {
      this.expectations.delete(key);
      return;
    }
    if (isFinished(job)) return;
    const { selector } = labelSelectorFromObject(job.spec.selector);
    if (!selector || selector.isEmpty()) return;
    const ns = job.metadata?.namespace ?? '';
    const pods = await claimObjects(this.pods.lister().namespaced(ns).list(), {
      owner: job,
      ref: newControllerRef(job, 'batch/v1', 'Job'),
      client: this.podClient,
      matches: (p) => selector.matches(p.metadata?.labels),
      canAdopt: () => recheckOwner(this.jobClient, job),
    });
    let active = pods.filter(isPodActive);
    const old = job.status ?? {};
    const succeeded = Math.max(old.succeeded ?? 0, pods.filter((p) => p.status?.phase === 'Succeeded').length);
    const failed = Math.max(old.failed ?? 0, pods.filter((p) => p.status?.phase === 'Failed').length);
    const now = rfc3339();
    const status: JobStatus = { ...structuredClone(old) };
    if (!status.startTime && !job.spec.suspend) status.startTime = now;
    const probe: Job = { ...job, status };
    const failedWhy = failure(probe, active, failed);
    let err: unknown;
    if (failedWhy) {
      await this.deletePods(key, job, active).catch((e: unknown) => (err = e));
      active = [];
      status.conditions = [...(status.conditions ?? []), finishedCondition('Failed', now, failedWhy.reason, failedWhy.message)];
      this.recorder.event(job, 'Warning', failedWhy.reason, failedWhy.message);
    } else {
      if (this.expectations.satisfied(key) && !job.metadata?.deletionTimestamp) {
        active = await this.manage(key, job, active, succeeded).catch((e: unknown) => {
          err = e;
          return active;
        });
      }
      if (isComplete(job, succeeded, active.length)) {
        status.conditions = [...(status.conditions ?? []), finishedCondition('Complete', now)];
        status.completionTime = now;
        this.recorder.event(job, 'Normal', 'Completed', 'Job completed');
      } else if (job.spec.activeDeadlineSeconds !== undefined && status.startTime) {
        this.enqueueAfter(key, Date.parse(status.startTime) + job.spec.activeDeadlineSeconds * 1000 - Date.now() + 10);
      }
    }
    Object.assign(status, { active: active.length, succeeded, failed, ready: active.filter(isPodReady).length });
    for (const k of ['active', 'succeeded', 'failed'] as const) if (status[k] === 0) delete status[k];
    if (!semanticEqual(old, status)) await this.jobClient.updateStatus(ns, { ...job, status });
    if (err) throw err;
  }

  // manageJob: create or delete pods toward wantActive; returns the pods that stay active.
  private async manage(key: string, job: Job, active: Pod[], succeeded: number): Promise<Pod[]> {
    const want = wantActive(job, active.length, succeeded);
    if (active.length > want) {
      const victims = [...active].sort(deletionOrder).slice(0, active.length - want);
      await this.deletePods(key, job, victims);
      return active.filter((p) => !victims.includes(p));
    }
    const n = want - active.length;
    if (n <= 0) return active;
    this.expectations.expectCreations(key, n);
    const ref = newControllerRef(job, 'batch/v1', 'Job');
    const created: Pod[] = [];
    const { successes, error } = await slowStartBatch(n, 1, async () => {
      try {
        const pod = await this.podClient.create(job.metadata?.namespace, podFromTemplate(job.spec.template, job, ref));
        created.push(pod);
        this.recorder.event(job, 'Normal', 'SuccessfulCreate', `Created pod: ${pod.metadata?.name ?? ''}`);
      } catch (e) {
        this.recorder.event(job, 'Warning', 'FailedCreate', `Error creating: ${(e as Error).message}`);
        throw e;
      }
    });
    for (let i = successes; i < n; i++) this.expectations.creationObserved(key);
    if (error) throw error;
    return [...active, ...created];
  }

  private async deletePods(key: string, job: Job, pods: Pod[]): Promise<void> {
    if (pods.length === 0) return;
    this.expectations.expectDeletions(key, pods.map(metaNamespaceKey));
    const errors: unknown[] = [];
    await Promise.all(pods.map(async (p) => {
      try {
        await this.podClient.delete(p.metadata?.namespace, p.metadata?.name ?? '', { preconditions: { uid: p.metadata?.uid } });
        this.recorder.event(job, 'Normal', 'SuccessfulDelete', `Deleted pod: ${p.metadata?.name ?? ''}`);
      } catch (e) {
        this.expectations.deletionObserved(key, metaNamespaceKey(p));
        if (!isApiError(e, 'NotFound')) errors.push(e);
      }
    }));
    if (errors.length > 0) throw errors[0];
  }

  private ownerOf(pod: Pod): Job | undefined {
    const ref = controllerRefOf(pod);
    if (ref?.kind !== 'Job') return undefined;
    const job = this.jobs.lister().namespaced(pod.metadata?.namespace ?? '').get(ref.name);
    return job?.metadata?.uid === ref.uid ? job : undefined;
  }
}

/** newJobController builds the Job controller. */
export function newJobController(ctx: ControllerContext): JobController {
  return new JobController(ctx);
}
