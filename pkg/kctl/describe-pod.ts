// `kctl describe pod` and the pod template block workloads share, as kubectl writes them.
import type { KubeObject } from '../../api/meta/object.js';
import { describeEvents, printAnnotationsMultiline, printLabelsMultiline, printTolerations, type PrefixWriter } from './describe-writer.js';
import { ageSince, asArray, asRecord, rfc1123z, str, stringMap } from './format.js';

type Obj = Record<string, unknown>;

/** controllerOf is "Kind/name" of an object's controller owner, or ''. */
export function controllerOf(obj: KubeObject): string {
  const ref = (obj.metadata?.ownerReferences ?? []).find((r) => r.controller === true);
  return ref ? `${ref.kind}/${ref.name}` : '';
}

/** describePod writes a pod's description. */
export function describePod(w: PrefixWriter, pod: KubeObject, events: Obj[] | undefined, now: number): void {
  const spec = asRecord(pod['spec']);
  const status = asRecord(pod['status']);
  const meta = pod.metadata ?? {};
  w.write(0, `Name:\t${meta.name ?? ''}\n`);
  w.write(0, `Namespace:\t${meta.namespace ?? ''}\n`);
  if (typeof spec['priority'] === 'number') w.write(0, `Priority:\t${spec['priority']}\n`);
  if (str(spec['priorityClassName'])) w.write(0, `Priority Class Name:\t${str(spec['priorityClassName'])}\n`);
  if (str(spec['runtimeClassName'])) w.write(0, `Runtime Class Name:\t${str(spec['runtimeClassName'])}\n`);
  if (str(spec['serviceAccountName'])) w.write(0, `Service Account:\t${str(spec['serviceAccountName'])}\n`);
  w.write(0, str(spec['nodeName']) ? `Node:\t${str(spec['nodeName'])}/${str(status['hostIP'])}\n` : 'Node:\t<none>\n');
  if (status['startTime']) w.write(0, `Start Time:\t${rfc1123z(status['startTime'])}\n`);
  printLabelsMultiline(w, 'Labels', meta.labels);
  printAnnotationsMultiline(w, 'Annotations', meta.annotations);
  const phase = str(status['phase']);
  if (meta.deletionTimestamp && phase !== 'Failed' && phase !== 'Succeeded') {
    w.write(0, `Status:\tTerminating (lasts ${ageSince(meta.deletionTimestamp, now)})\n`);
    w.write(0, `Termination Grace Period:\t${meta.deletionGracePeriodSeconds ?? 0}s\n`);
  } else w.write(0, `Status:\t${phase}\n`);
  if (str(status['reason'])) w.write(0, `Reason:\t${str(status['reason'])}\n`);
  if (str(status['message'])) w.write(0, `Message:\t${str(status['message'])}\n`);
  w.write(0, `IP:\t${str(status['podIP'])}\n`);
  const ips = asArray(status['podIPs']);
  if (ips.length === 0) w.write(0, 'IPs:\t<none>\n');
  else {
    w.write(0, 'IPs:\n');
    for (const ip of ips) w.write(1, `IP:\t${str(ip['ip'])}\n`);
  }
  const controlledBy = controllerOf(pod);
  if (controlledBy) w.write(0, `Controlled By:\t${controlledBy}\n`);
  if (str(status['nominatedNodeName'])) w.write(0, `NominatedNodeName:\t${str(status['nominatedNodeName'])}\n`);
  if (asArray(spec['initContainers']).length > 0) describeContainers(w, 'Init Containers', spec['initContainers'], status['initContainerStatuses'], '', pod);
  describeContainers(w, 'Containers', spec['containers'], status['containerStatuses'], '', pod);
  const conditions = asArray(status['conditions']);
  if (conditions.length > 0) {
    w.write(0, 'Conditions:\n  Type\tStatus\n');
    for (const c of conditions) w.write(1, `${str(c['type'])} \t${str(c['status'])} \n`);
  }
  describeVolumes(w, spec['volumes'], '');
  w.write(0, `QoS Class:\t${str(status['qosClass']) || qosClass(spec)}\n`);
  printLabelsMultiline(w, 'Node-Selectors', spec['nodeSelector']);
  printTolerations(w, 'Tolerations', spec['tolerations']);
  if (events) describeEvents(w, events, now);
}

// qos.GetPodQOS for pods whose status does not say: no requests or limits is BestEffort.
function qosClass(spec: Obj): string {
  const containers = [...asArray(spec['containers']), ...asArray(spec['initContainers'])];
  let any = false;
  let guaranteed = true;
  for (const c of containers) {
    const r = asRecord(c['resources']);
    const req = stringMap(r['requests']);
    const lim = stringMap(r['limits']);
    if (Object.keys(req).length || Object.keys(lim).length) any = true;
    for (const k of ['cpu', 'memory']) if (!lim[k] || (req[k] && req[k] !== lim[k])) guaranteed = false;
  }
  return !any ? 'BestEffort' : guaranteed ? 'Guaranteed' : 'Burstable';
}

/** describeContainers is kubectl's container block; space is '  ' inside a pod template. */
export function describeContainers(w: PrefixWriter, label: string, containers: unknown, statuses: unknown, space: string, pod?: KubeObject): void {
  const list = asArray(containers);
  const byName = new Map(asArray(statuses).map((s) => [str(s['name']), s]));
  w.write(0, `${space}${label}:${list.length === 0 ? ' <none>' : ''}\n`);
  for (const c of list) {
    const status = byName.get(str(c['name']));
    w.write(1, `${space ? ' ' : ''}${str(c['name'])}:\n`);
    if (status) w.write(2, `Container ID:\t${str(status['containerID'])}\n`);
    w.write(2, `Image:\t${str(c['image'])}\n`);
    if (status) w.write(2, `Image ID:\t${str(status['imageID'])}\n`);
    const ports = asArray(c['ports']);
    const portText = ports.map((p) => `${Number(p['containerPort'] ?? 0)}/${str(p['protocol'])}`).join(', ');
    const hostText = ports.map((p) => `${Number(p['hostPort'] ?? 0)}/${str(p['protocol'])}`).join(', ');
    w.write(2, portText.includes(',') ? `Ports:\t${portText}\n` : `Port:\t${portText || '<none>'}\n`);
    w.write(2, hostText.includes(',') ? `Host Ports:\t${hostText}\n` : `Host Port:\t${hostText || '<none>'}\n`);
    for (const [field, title] of [['command', 'Command'], ['args', 'Args']] as const) {
      const values = Array.isArray(c[field]) ? (c[field] as unknown[]).map(str) : [];
      if (values.length === 0) continue;
      w.write(2, `${title}:\n`);
      for (const v of values) for (const s of v.split('\n')) w.write(3, `${s}\n`);
    }
    if (status) describeState(w, status);
    describeResources(w, asRecord(c['resources']), 2);
    describeEnv(w, c, pod);
    const mounts = asArray(c['volumeMounts']).sort((a, b) => (str(a['mountPath']) < str(b['mountPath']) ? -1 : 1));
    w.write(2, `Mounts:${mounts.length === 0 ? '\t<none>' : ''}\n`);
    for (const m of mounts) {
      const flags = [m['readOnly'] === true ? 'ro' : 'rw', ...(str(m['subPath']) ? [`path=${JSON.stringify(str(m['subPath']))}`] : [])];
      w.write(3, `${str(m['mountPath'])} from ${str(m['name'])} (${flags.join(',')})\n`);
    }
  }
}

function describeState(w: PrefixWriter, status: Obj): void {
  const state = (name: string, s: Obj): void => {
    if (s['running']) {
      w.write(2, `${name}:\tRunning\n`);
      w.write(3, `Started:\t${rfc1123z(asRecord(s['running'])['startedAt'])}\n`);
    } else if (s['terminated']) {
      const t = asRecord(s['terminated']);
      w.write(2, `${name}:\tTerminated\n`);
      if (str(t['reason'])) w.write(3, `Reason:\t${str(t['reason'])}\n`);
      if (str(t['message'])) w.write(3, `Message:\t${str(t['message'])}\n`);
      w.write(3, `Exit Code:\t${Number(t['exitCode'] ?? 0)}\n`);
      if (Number(t['signal'] ?? 0) > 0) w.write(3, `Signal:\t${Number(t['signal'])}\n`);
      w.write(3, `Started:\t${rfc1123z(t['startedAt'])}\n`);
      w.write(3, `Finished:\t${rfc1123z(t['finishedAt'])}\n`);
    } else {
      w.write(2, `${name}:\tWaiting\n`);
      const reason = str(asRecord(s['waiting'])['reason']);
      if (reason) w.write(3, `Reason:\t${reason}\n`);
    }
  };
  state('State', asRecord(status['state']));
  if (asRecord(status['lastState'])['terminated']) state('Last State', asRecord(status['lastState']));
  w.write(2, `Ready:\t${status['ready'] === true ? 'True' : 'False'}\n`);
  w.write(2, `Restart Count:\t${Number(status['restartCount'] ?? 0)}\n`);
}

function describeResources(w: PrefixWriter, r: Obj, level: number): void {
  for (const [field, title] of [['limits', 'Limits'], ['requests', 'Requests']] as const) {
    const list = stringMap(r[field]);
    const names = Object.keys(list).sort();
    if (names.length > 0) w.write(level, `${title}:\n`);
    for (const n of names) w.write(level + 1, `${n}:\t${list[n]}\n`);
  }
}

// EnvValueRetriever: the value a downward-API field would give this pod (templates have none).
function fieldValue(pod: KubeObject | undefined, path: string): string {
  if (!pod) return '';
  const m = /^metadata\.(labels|annotations)\['(.*)'\]$/.exec(path);
  if (m) return stringMap(pod.metadata?.[m[1] as 'labels' | 'annotations'])[m[2] as string] ?? '';
  const fields: Record<string, unknown> = {
    'metadata.name': pod.metadata?.name,
    'metadata.namespace': pod.metadata?.namespace,
    'metadata.uid': pod.metadata?.uid,
    'spec.nodeName': asRecord(pod['spec'])['nodeName'],
    'spec.serviceAccountName': asRecord(pod['spec'])['serviceAccountName'],
    'status.hostIP': asRecord(pod['status'])['hostIP'],
    'status.podIP': asRecord(pod['status'])['podIP'],
  };
  return str(fields[path]);
}

function describeEnv(w: PrefixWriter, c: Obj, pod: KubeObject | undefined): void {
  const envFrom = asArray(c['envFrom']);
  if (envFrom.length > 0) {
    w.write(2, 'Environment Variables from:\n');
    for (const e of envFrom) {
      const ref = asRecord(e['configMapRef'] ?? e['secretRef']);
      const from = e['configMapRef'] ? 'ConfigMap' : 'Secret';
      const prefix = str(e['prefix']);
      w.write(3, `${str(ref['name'])}\t${from}${prefix ? ` with prefix '${prefix}'` : ''}\tOptional: ${ref['optional'] === true}\n`);
    }
  }
  const env = asArray(c['env']);
  w.write(2, `Environment:${env.length === 0 ? '\t<none>' : ''}\n`);
  for (const e of env) {
    const from = asRecord(e['valueFrom']);
    if (!e['valueFrom']) {
      str(e['value']).split('\n').forEach((s, i) => w.write(3, i === 0 ? `${str(e['name'])}:\t${s}\n` : `\t${s}\n`));
    } else if (from['fieldRef']) {
      const f = asRecord(from['fieldRef']);
      w.write(3, `${str(e['name'])}:\t${fieldValue(pod, str(f['fieldPath']))} (${str(f['apiVersion'])}:${str(f['fieldPath'])})\n`);
    } else if (from['resourceFieldRef']) w.write(3, `${str(e['name'])}:\t (${str(asRecord(from['resourceFieldRef'])['resource'])})\n`);
    else if (from['secretKeyRef']) {
      const s = asRecord(from['secretKeyRef']);
      w.write(3, `${str(e['name'])}:\t<set to the key '${str(s['key'])}' in secret '${str(s['name'])}'>\tOptional: ${s['optional'] === true}\n`);
    } else if (from['configMapKeyRef']) {
      const s = asRecord(from['configMapKeyRef']);
      w.write(3, `${str(e['name'])}:\t<set to the key '${str(s['key'])}' of config map '${str(s['name'])}'>\tOptional: ${s['optional'] === true}\n`);
    }
  }
}

const VOLUME_TYPES: Record<string, (v: Obj) => string[]> = {
  hostPath: (v) => ['Type:\tHostPath (bare host directory volume)', `    Path:\t${str(v['path'])}`, `    HostPathType:\t${str(v['type']) || '<none>'}`],
  emptyDir: (v) => ['Type:\tEmptyDir (a temporary directory that shares a pod\'s lifetime)', `    Medium:\t${str(v['medium'])}`, `    SizeLimit:\t${str(v['sizeLimit']) || '<unset>'}`],
  secret: (v) => ['Type:\tSecret (a volume populated by a Secret)', `    SecretName:\t${str(v['secretName'])}`, `    Optional:\t${v['optional'] === true}`],
  configMap: (v) => ['Type:\tConfigMap (a volume populated by a ConfigMap)', `    Name:\t${str(v['name'])}`, `    Optional:\t${v['optional'] === true}`],
  persistentVolumeClaim: (v) => ['Type:\tPersistentVolumeClaim (a reference to a PersistentVolumeClaim in the same namespace)', `    ClaimName:\t${str(v['claimName'])}`, `    ReadOnly:\t${v['readOnly'] === true}`],
};

/** describeVolumes is kubectl's Volumes block (the common volume types; others say <unknown>). */
export function describeVolumes(w: PrefixWriter, volumes: unknown, space: string): void {
  const list = asArray(volumes);
  if (list.length === 0) return w.write(0, `${space}Volumes:\t<none>\n`);
  w.write(0, `${space}Volumes:\n`);
  for (const v of list) {
    w.write(1, `${space ? ' ' : ''}${str(v['name'])}:\n`);
    const type = Object.keys(VOLUME_TYPES).find((t) => v[t] !== undefined);
    if (!type) w.write(1, '<unknown>\n');
    else w.write(2, `${(VOLUME_TYPES[type] as (v: Obj) => string[])(asRecord(v[type])).join('\n')}\n`);
  }
}

/** describePodTemplate is DescribePodTemplate, used by rc, rs, deployments, jobs. */
export function describePodTemplate(w: PrefixWriter, template: unknown): void {
  w.write(0, 'Pod Template:\n');
  if (template === undefined || template === null) return w.write(1, '<unset>');
  const t = asRecord(template);
  const meta = asRecord(t['metadata']);
  const spec = asRecord(t['spec']);
  printLabelsMultiline(w, '  Labels', meta['labels']);
  if (Object.keys(asRecord(meta['annotations'])).length > 0) printAnnotationsMultiline(w, '  Annotations', meta['annotations']);
  if (str(spec['serviceAccountName'])) w.write(1, `Service Account:\t${str(spec['serviceAccountName'])}\n`);
  if (asArray(spec['initContainers']).length > 0) describeContainers(w, 'Init Containers', spec['initContainers'], undefined, '  ');
  describeContainers(w, 'Containers', spec['containers'], undefined, '  ');
  describeVolumes(w, spec['volumes'], '  ');
  if (str(spec['priorityClassName'])) w.write(1, `Priority Class Name:\t${str(spec['priorityClassName'])}\n`);
  printLabelsMultiline(w, '  Node-Selectors', spec['nodeSelector']);
  printTolerations(w, '  Tolerations', spec['tolerations']);
}
