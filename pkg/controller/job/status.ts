// A Job's bookkeeping, free of I/O: how many pods should be running, whether it has failed
// (backoffLimit, activeDeadlineSeconds) or completed, and its conditions.
import type { LabelSelectorObject } from '../../../api/meta/label-selector.js';
import type { KubeObject } from '../../../api/meta/object.js';
import type { Condition, Pod, PodTemplateSpec } from '../base/types.js';

/** JobStatus is batch/v1 JobStatus. */
export interface JobStatus {
  active?: number;
  succeeded?: number;
  failed?: number;
  ready?: number;
  startTime?: string;
  completionTime?: string;
  conditions?: Condition[];
  [field: string]: unknown;
}

/** Job is batch/v1 Job. */
export interface Job extends KubeObject {
  spec: {
    parallelism?: number;
    /** completions is null (or absent) for a work-queue Job that ends with its first success. */
    completions?: number | null;
    backoffLimit?: number;
    activeDeadlineSeconds?: number;
    suspend?: boolean;
    selector?: LabelSelectorObject;
    template: PodTemplateSpec;
    [field: string]: unknown;
  };
  status?: JobStatus;
}

/** isFinished: the Job has a Complete or Failed condition that is True. */
export function isFinished(job: Job): boolean {
  return (job.status?.conditions ?? []).some((c) => (c.type === 'Complete' || c.type === 'Failed') && c.status === 'True');
}

/** wantActive is how many pods should be running now (manageJob's arithmetic). */
export function wantActive(job: Job, active: number, succeeded: number): number {
  const parallelism = job.spec.parallelism ?? 1;
  if (job.spec.suspend) return 0;
  const completions = job.spec.completions;
  if (completions === undefined || completions === null) return succeeded > 0 ? Math.min(active, parallelism) : parallelism;
  return Math.max(0, Math.min(completions - succeeded, parallelism));
}

/** restartsOf sums container restarts: with restartPolicy OnFailure, failures show up as restarts. */
export function restartsOf(pods: readonly Pod[]): number {
  return pods.reduce((n, p) => n + (p.status?.containerStatuses ?? []).reduce((m, c) => m + (c.restartCount ?? 0), 0), 0);
}

/** failure returns why the Job has failed, if it has. */
export function failure(job: Job, active: readonly Pod[], failed: number, now = Date.now()): { reason: string; message: string } | undefined {
  const limit = job.spec.backoffLimit ?? 6;
  const onFailure = job.spec.template.spec.restartPolicy === 'OnFailure';
  if (failed > limit || (onFailure && limit >= 0 && restartsOf(active) + failed > limit)) return { reason: 'BackoffLimitExceeded', message: 'Job has reached the specified backoff limit' };
  const deadline = job.spec.activeDeadlineSeconds;
  const started = Date.parse(job.status?.startTime ?? '');
  if (deadline !== undefined && !Number.isNaN(started) && now - started >= deadline * 1000) return { reason: 'DeadlineExceeded', message: 'Job was active longer than specified deadline' };
  return undefined;
}

/** isComplete: enough pods succeeded (or, without completions, one did and none is running). */
export function isComplete(job: Job, succeeded: number, active: number): boolean {
  const completions = job.spec.completions;
  return completions === undefined || completions === null ? succeeded > 0 && active === 0 : succeeded >= completions;
}

/** finishedCondition is the Complete or Failed condition a finishing Job gets. */
export function finishedCondition(type: 'Complete' | 'Failed', now: string, reason?: string, message?: string): Condition {
  const c: Condition = { type, status: 'True', lastProbeTime: now, lastTransitionTime: now };
  if (reason) c.reason = reason;
  if (message) c.message = message;
  return c;
}
