// `kctl describe` for the workloads: replication controllers, replica sets, deployments,
// daemon sets and jobs, with their pods' phases counted as kubectl counts them.
import type { KubeObject } from '../../api/meta/object.js';
import { controllerOf, describePodTemplate } from './describe-pod.js';
import { describeEvents, printAnnotationsMultiline, printLabelsMultiline, type PrefixWriter } from './describe-writer.js';
import { asArray, asRecord, formatLabels, rfc1123z, str, stringMap } from './format.js';

type Obj = Record<string, unknown>;

/** PodCounts are the phases of a controller's pods: running, waiting, succeeded, failed. */
export type PodCounts = [number, number, number, number];

/** countPods counts the pods owned by uid, by phase. */
export function countPods(pods: KubeObject[], uid: string | undefined): PodCounts {
  const c: PodCounts = [0, 0, 0, 0];
  for (const p of pods) {
    const ref = (p.metadata?.ownerReferences ?? []).find((r) => r.controller === true);
    if (!ref || ref.uid !== uid) continue;
    const phase = str(asRecord(p['status'])['phase']);
    const i = ['Running', 'Pending', 'Succeeded', 'Failed'].indexOf(phase);
    if (i >= 0) c[i]++;
  }
  return c;
}

/** formatLabelSelector is metav1.FormatLabelSelector. */
export function formatLabelSelector(sel: unknown): string {
  const s = asRecord(sel);
  if (sel === undefined || sel === null) return '<none>';
  const parts = Object.keys(stringMap(s['matchLabels'])).sort().map((k) => `${k}=${stringMap(s['matchLabels'])[k]}`);
  for (const e of asArray(s['matchExpressions'])) {
    const values = Array.isArray(e['values']) ? (e['values'] as string[]) : [];
    const op = str(e['operator']);
    if (op === 'In') parts.push(`${str(e['key'])} in (${values.join(',')})`);
    else if (op === 'NotIn') parts.push(`${str(e['key'])} notin (${values.join(',')})`);
    else if (op === 'Exists') parts.push(str(e['key']));
    else if (op === 'DoesNotExist') parts.push(`!${str(e['key'])}`);
  }
  const text = parts.join(',');
  return text === '' ? '<none>' : text;
}

function podStatusLine(w: PrefixWriter, c: PodCounts): void {
  w.write(0, `Pods Status:\t${c[0]} Running / ${c[1]} Waiting / ${c[2]} Succeeded / ${c[3]} Failed\n`);
}

function conditionsTable(w: PrefixWriter, status: Obj): void {
  const conditions = asArray(status['conditions']);
  if (conditions.length === 0) return;
  w.write(0, 'Conditions:\n  Type\tStatus\tReason\n');
  w.write(1, '----\t------\t------\n');
  for (const c of conditions) w.write(1, `${str(c['type'])} \t${str(c['status'])}\t${str(c['reason'])}\n`);
}

/** describeReplicationController writes an rc's description. */
export function describeReplicationController(w: PrefixWriter, rc: KubeObject, pods: PodCounts, events: Obj[] | undefined, now: number): void {
  const spec = asRecord(rc['spec']);
  const status = asRecord(rc['status']);
  w.write(0, `Name:\t${rc.metadata?.name ?? ''}\n`);
  w.write(0, `Namespace:\t${rc.metadata?.namespace ?? ''}\n`);
  w.write(0, `Selector:\t${formatLabels(stringMap(spec['selector']))}\n`);
  printLabelsMultiline(w, 'Labels', rc.metadata?.labels);
  printAnnotationsMultiline(w, 'Annotations', rc.metadata?.annotations);
  w.write(0, `Replicas:\t${Number(status['replicas'] ?? 0)} current / ${Number(spec['replicas'] ?? 0)} desired\n`);
  podStatusLine(w, pods);
  describePodTemplate(w, spec['template']);
  conditionsTable(w, status);
  if (events) describeEvents(w, events, now);
}

/** describeReplicaSet writes a replica set's description. */
export function describeReplicaSet(w: PrefixWriter, rs: KubeObject, pods: PodCounts, events: Obj[] | undefined, now: number): void {
  const spec = asRecord(rs['spec']);
  const status = asRecord(rs['status']);
  w.write(0, `Name:\t${rs.metadata?.name ?? ''}\n`);
  w.write(0, `Namespace:\t${rs.metadata?.namespace ?? ''}\n`);
  w.write(0, `Selector:\t${formatLabelSelector(spec['selector'])}\n`);
  printLabelsMultiline(w, 'Labels', rs.metadata?.labels);
  printAnnotationsMultiline(w, 'Annotations', rs.metadata?.annotations);
  const controlledBy = controllerOf(rs);
  if (controlledBy) w.write(0, `Controlled By:\t${controlledBy}\n`);
  w.write(0, `Replicas:\t${Number(status['replicas'] ?? 0)} current / ${Number(spec['replicas'] ?? 0)} desired\n`);
  podStatusLine(w, pods);
  describePodTemplate(w, spec['template']);
  conditionsTable(w, status);
  if (events) describeEvents(w, events, now);
}

/** describeDeployment writes a deployment's description; rss are its replica sets, newest last. */
export function describeDeployment(w: PrefixWriter, d: KubeObject, rss: { old: KubeObject[]; current?: KubeObject }, events: Obj[] | undefined, now: number): void {
  const spec = asRecord(d['spec']);
  const status = asRecord(d['status']);
  const strategy = asRecord(spec['strategy']);
  w.write(0, `Name:\t${d.metadata?.name ?? ''}\n`);
  w.write(0, `Namespace:\t${d.metadata?.namespace ?? ''}\n`);
  w.write(0, `CreationTimestamp:\t${rfc1123z(d.metadata?.creationTimestamp)}\n`);
  printLabelsMultiline(w, 'Labels', d.metadata?.labels);
  printAnnotationsMultiline(w, 'Annotations', d.metadata?.annotations);
  w.write(0, `Selector:\t${formatLabelSelector(spec['selector']).replace('<none>', '')}\n`);
  const n = (o: Obj, k: string): number => Number(o[k] ?? 0);
  w.write(0, `Replicas:\t${n(spec, 'replicas')} desired | ${n(status, 'updatedReplicas')} updated | ${n(status, 'replicas')} total | ${n(status, 'availableReplicas')} available | ${n(status, 'unavailableReplicas')} unavailable\n`);
  w.write(0, `StrategyType:\t${str(strategy['type'])}\n`);
  w.write(0, `MinReadySeconds:\t${n(spec, 'minReadySeconds')}\n`);
  if (strategy['rollingUpdate']) {
    const ru = asRecord(strategy['rollingUpdate']);
    w.write(0, `RollingUpdateStrategy:\t${str(ru['maxUnavailable'])} max unavailable, ${str(ru['maxSurge'])} max surge\n`);
  }
  describePodTemplate(w, spec['template']);
  conditionsTable(w, status);
  const line = (list: KubeObject[]): string =>
    list.map((rs) => `${rs.metadata?.name ?? ''} (${n(asRecord(rs['status']), 'replicas')}/${n(asRecord(rs['spec']), 'replicas')} replicas created)`).join(', ') || '<none>';
  if (rss.old.length > 0 || rss.current) {
    w.write(0, `OldReplicaSets:\t${line(rss.old)}\n`);
    w.write(0, `NewReplicaSet:\t${line(rss.current ? [rss.current] : [])}\n`);
  }
  if (events) describeEvents(w, events, now);
}

/** describeDaemonSet writes a daemon set's description. */
export function describeDaemonSet(w: PrefixWriter, ds: KubeObject, pods: PodCounts, events: Obj[] | undefined, now: number): void {
  const spec = asRecord(ds['spec']);
  const status = asRecord(ds['status']);
  const n = (k: string): number => Number(status[k] ?? 0);
  w.write(0, `Name:\t${ds.metadata?.name ?? ''}\n`);
  w.write(0, `Namespace:\t${ds.metadata?.namespace ?? ''}\n`);
  w.write(0, `Selector:\t${formatLabelSelector(spec['selector']).replace('<none>', '')}\n`);
  w.write(0, `Node-Selector:\t${formatLabels(stringMap(asRecord(asRecord(spec['template'])['spec'])['nodeSelector']))}\n`);
  printLabelsMultiline(w, 'Labels', ds.metadata?.labels);
  printAnnotationsMultiline(w, 'Annotations', ds.metadata?.annotations);
  w.write(0, `Desired Number of Nodes Scheduled: ${n('desiredNumberScheduled')}\n`);
  w.write(0, `Current Number of Nodes Scheduled: ${n('currentNumberScheduled')}\n`);
  w.write(0, `Number of Nodes Scheduled with Up-to-date Pods: ${n('updatedNumberScheduled')}\n`);
  w.write(0, `Number of Nodes Scheduled with Available Pods: ${n('numberAvailable')}\n`);
  w.write(0, `Number of Nodes Misscheduled: ${n('numberMisscheduled')}\n`);
  podStatusLine(w, pods);
  describePodTemplate(w, spec['template']);
  if (events) describeEvents(w, events, now);
}

/** describeJob writes a job's description. */
export function describeJob(w: PrefixWriter, job: KubeObject, events: Obj[] | undefined, now: number): void {
  const spec = asRecord(job['spec']);
  const status = asRecord(job['status']);
  const n = (k: string): number => Number(status[k] ?? 0);
  w.write(0, `Name:\t${job.metadata?.name ?? ''}\n`);
  w.write(0, `Namespace:\t${job.metadata?.namespace ?? ''}\n`);
  w.write(0, `Selector:\t${formatLabelSelector(spec['selector']).replace('<none>', '')}\n`);
  printLabelsMultiline(w, 'Labels', job.metadata?.labels);
  printAnnotationsMultiline(w, 'Annotations', job.metadata?.annotations);
  if (typeof spec['parallelism'] === 'number') w.write(0, `Parallelism:\t${spec['parallelism']}\n`);
  w.write(0, `Completions:\t${typeof spec['completions'] === 'number' ? spec['completions'] : '<unset>'}\n`);
  if (str(spec['completionMode'])) w.write(0, `Completion Mode:\t${str(spec['completionMode'])}\n`);
  if (typeof spec['suspend'] === 'boolean') w.write(0, `Suspend:\t${spec['suspend']}\n`);
  if (typeof spec['backoffLimit'] === 'number') w.write(0, `Backoff Limit:\t${spec['backoffLimit']}\n`);
  if (status['startTime']) w.write(0, `Start Time:\t${rfc1123z(status['startTime'])}\n`);
  if (status['completionTime']) w.write(0, `Completed At:\t${rfc1123z(status['completionTime'])}\n`);
  w.write(0, typeof status['ready'] === 'number'
    ? `Pods Statuses:\t${n('active')} Active (${n('ready')} Ready) / ${n('succeeded')} Succeeded / ${n('failed')} Failed\n`
    : `Pods Statuses:\t${n('active')} Active / ${n('succeeded')} Succeeded / ${n('failed')} Failed\n`);
  describePodTemplate(w, spec['template']);
  if (events) describeEvents(w, events, now);
}
