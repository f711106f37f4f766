// `kctl describe` for config maps, secrets, service accounts and endpoints, and the generic
// describer every other kind gets (all fields, labelled as kubectl labels them).
import type { KubeObject } from '../../api/meta/object.js';
import { describeEvents, printAnnotationsMultiline, printLabelsMultiline, type PrefixWriter } from './describe-writer.js';
import { asArray, goValue, str, stringMap } from './format.js';

type Obj = Record<string, unknown>;

/** describeConfigMap writes a config map's description. */
export function describeConfigMap(w: PrefixWriter, cm: KubeObject, events: Obj[] | undefined, now: number): void {
  w.write(0, `Name:\t${cm.metadata?.name ?? ''}\n`);
  w.write(0, `Namespace:\t${cm.metadata?.namespace ?? ''}\n`);
  printLabelsMultiline(w, 'Labels', cm.metadata?.labels);
  printAnnotationsMultiline(w, 'Annotations', cm.metadata?.annotations);
  w.write(0, '\nData\n====\n');
  const data = stringMap(cm['data']);
  for (const k of Object.keys(data).sort()) w.write(0, `${k}:\n----\n${data[k]}\n\n`);
  w.write(0, '\nBinaryData\n====\n');
  const binary = stringMap(cm['binaryData']);
  for (const k of Object.keys(binary).sort()) w.write(0, `${k}: ${Buffer.from(binary[k] as string, 'base64').length} bytes\n`);
  w.write(0, '\n');
  if (events) describeEvents(w, events, now);
}

/** describeSecret writes a secret's description: sizes, never values. */
export function describeSecret(w: PrefixWriter, secret: KubeObject): void {
  w.write(0, `Name:\t${secret.metadata?.name ?? ''}\n`);
  w.write(0, `Namespace:\t${secret.metadata?.namespace ?? ''}\n`);
  printLabelsMultiline(w, 'Labels', secret.metadata?.labels);
  printAnnotationsMultiline(w, 'Annotations', secret.metadata?.annotations);
  w.write(0, `\nType:\t${str(secret['type'])}\n`);
  w.write(0, '\nData\n====\n');
  const data = stringMap(secret['data']);
  for (const k of Object.keys(data).sort()) w.write(0, `${k}:\t${Buffer.from(data[k] as string, 'base64').length} bytes\n`);
}

// camelcase.Split then title case, as kubectl's smartLabelFor labels unknown fields.
function smartLabel(field: string): string {
  if (/[^\p{L}-]/u.test(field)) return field;
  const runs = field.match(/\p{Lu}+|\p{Ll}+|-+/gu) ?? [field];
  const parts: string[] = [];
  for (const r of runs) {
    const prev = parts[parts.length - 1];
    // "APIVersion": the last capital of a capital run starts the next word.
    if (prev && /^\p{Lu}{2,}$/u.test(prev) && /^\p{Ll}/u.test(r)) {
      parts[parts.length - 1] = prev.slice(0, -1);
      parts.push(prev.slice(-1) + r);
    } else if (prev && /^\p{Lu}$/u.test(prev) && /^\p{Ll}/u.test(r)) parts[parts.length - 1] = prev + r;
    else parts.push(r);
  }
  return parts
    .filter((p) => p !== '_')
    .map((p) => (['API', 'URL', 'UID', 'OSB', 'GUID'].includes(p.toUpperCase()) ? p.toUpperCase() : p.charAt(0).toUpperCase() + p.slice(1)))
    .join(' ');
}

const GENERIC_SKIP = ['.metadata.managedFields', '.metadata.name', '.metadata.namespace', '.metadata.labels', '.metadata.annotations'];

function printContent(w: PrefixWriter, level: number, content: Obj, prefix: string): void {
  for (const field of Object.keys(content).sort()) {
    const value = content[field];
    const path = `${prefix}.${field}`;
    if (GENERIC_SKIP.includes(path)) continue;
    if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
      w.write(level, `${smartLabel(field)}:\n`);
      printContent(w, level + 1, value as Obj, path);
    } else if (Array.isArray(value)) {
      w.write(level, `${smartLabel(field)}:\n`);
      for (const child of value) {
        if (typeof child === 'object' && child !== null && !Array.isArray(child)) printContent(w, level + 1, child as Obj, path);
        else w.write(level + 1, `${goValue(child)}\n`);
      }
    } else w.write(level, `${smartLabel(field)}:\t${goValue(value)}\n`);
  }
}

/** describeGeneric is kubectl's genericDescriber, for kinds without a describer of their own. */
export function describeGeneric(w: PrefixWriter, obj: KubeObject, events: Obj[] | undefined, now: number): void {
  w.write(0, `Name:\t${obj.metadata?.name ?? ''}\n`);
  w.write(0, `Namespace:\t${obj.metadata?.namespace ?? ''}\n`);
  printLabelsMultiline(w, 'Labels', obj.metadata?.labels);
  printAnnotationsMultiline(w, 'Annotations', obj.metadata?.annotations);
  printContent(w, 0, obj as Obj, '');
  if (events) describeEvents(w, events, now);
}

/** describeServiceAccount writes a service account's description; secrets are its namespace's. */
export function describeServiceAccount(w: PrefixWriter, sa: KubeObject, secrets: KubeObject[] | undefined, events: Obj[] | undefined, now: number): void {
  w.write(0, `Name:\t${sa.metadata?.name ?? ''}\n`);
  w.write(0, `Namespace:\t${sa.metadata?.namespace ?? ''}\n`);
  printLabelsMultiline(w, 'Labels', sa.metadata?.labels);
  printAnnotationsMultiline(w, 'Annotations', sa.metadata?.annotations);
  const existing = new Set((secrets ?? []).map((s) => s.metadata?.name ?? ''));
  const tokens = (secrets ?? []).filter((s) => s['type'] === 'kubernetes.io/service-account-token' && s.metadata?.annotations?.['kubernetes.io/service-account.name'] === sa.metadata?.name && s.metadata?.annotations?.['kubernetes.io/service-account.uid'] === sa.metadata?.uid);
  // The headers carry trailing spaces so the names line up even across the three lists, as in kubectl.
  const groups: Array<[string, string[]]> = [
    ['Image pull secrets:', asArray(sa['imagePullSecrets']).map((s) => str(s['name']))],
    ['Mountable secrets: ', asArray(sa['secrets']).map((s) => str(s['name']))],
    ['Tokens:            ', tokens.map((s) => s.metadata?.name ?? '')],
  ];
  for (const [header, names] of groups) {
    if (names.length === 0) w.write(0, `${header}\t<none>\n`);
    names.forEach((n, i) => w.write(0, `${i === 0 ? header : ' '.repeat(19)}\t${n}${secrets && !existing.has(n) ? ' (not found)' : ''}\n`));
  }
  if (events) describeEvents(w, events, now);
}

/** describeEndpoints writes an Endpoints object's description. */
export function describeEndpoints(w: PrefixWriter, ep: KubeObject, events: Obj[] | undefined, now: number): void {
  w.write(0, `Name:\t${ep.metadata?.name ?? ''}\n`);
  w.write(0, `Namespace:\t${ep.metadata?.namespace ?? ''}\n`);
  printLabelsMultiline(w, 'Labels', ep.metadata?.labels);
  printAnnotationsMultiline(w, 'Annotations', ep.metadata?.annotations);
  w.write(0, 'Subsets:\n');
  for (const ss of asArray(ep['subsets'])) {
    const ips = (field: string): string => asArray(ss[field]).map((a) => str(a['ip'])).join(',') || '<none>';
    w.write(1, `Addresses:\t${ips('addresses')}\n`);
    w.write(1, `NotReadyAddresses:\t${ips('notReadyAddresses')}\n`);
    const ports = asArray(ss['ports']);
    if (ports.length > 0) {
      w.write(1, 'Ports:\n');
      w.write(2, 'Name\tPort\tProtocol\n');
      w.write(2, '----\t----\t--------\n');
      for (const p of ports) w.write(2, `${str(p['name']) || '<unset>'}\t${Number(p['port'] ?? 0)}\t${str(p['protocol'])}\n`);
    }
    w.write(0, '\n');
  }
  if (events) describeEvents(w, events, now);
}
