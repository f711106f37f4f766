// Which fields each kind can be selected by, as kube-apiserver decides it in two separate steps:
//  1. the field label conversion func a kind registers (pkg/apis/<group>/<version>/conversion.go),
//     run over every term of the selector: it accepts a label (maybe renaming it) or refuses it
//     with the kind's own message, which the API returns as 400 BadRequest. A kind that registers
//     none gets runtime.DefaultMetaV1FieldSelectorConversion: metadata.name and metadata.namespace.
//  2. the registry's ToSelectableFields (pkg/registry/.../strategy.go): the value of each
//     (converted) label on an object. A label accepted in 1 but absent in 2 reads as "".
// The two lists differ: Pods accept status.podIPs but never set it; apps/v1 registers no
// conversion, so ReplicaSets refuse status.replicas (kubernetes/kubernetes#135136). Values are
// Go's: a missing bool reads "false", a missing count "0".
import { SelectorError } from './label-selector-core.js';
import { goQuote } from './label-selector-validation.js';
import { parseFieldSelector, type FieldSelector } from './field-selector-core.js';

type Obj = Readonly<Record<string, unknown>>;
type Getter = (o: Obj) => string;

interface KindSpec {
  readonly group: string;
  readonly kind: string;
  /** labels the conversion func accepts unchanged */
  readonly labels: readonly string[];
  /** labels it accepts and renames: legacy or version-specific spellings → the canonical label */
  readonly aliases?: Readonly<Record<string, string>>;
  /** the conversion func's message for a label it refuses */
  readonly reject?: (label: string) => string;
  /** canonical label → its value on an object of this kind, in its served (v1) shape */
  readonly fields: Readonly<Record<string, Getter>>;
}

function get(o: unknown, path: string): unknown {
  let cur = o;
  for (const p of path.split('.')) cur = cur !== null && typeof cur === 'object' ? (cur as Obj)[p] : undefined;
  return cur;
}
const str = (path: string): Getter => (o) => {
  const v = get(o, path);
  return typeof v === 'string' ? v : v === undefined || v === null ? '' : String(v);
};
const bool = (path: string): Getter => (o) => String(get(o, path) === true);
const int = (path: string): Getter => (o) => {
  const v = get(o, path);
  return typeof v === 'number' ? String(Math.trunc(v)) : '0';
};
const firstOf = (a: Getter, b: Getter): Getter => (o) => a(o) || b(o);

const NAME = { 'metadata.name': str('metadata.name') };
const META = { ...NAME, 'metadata.namespace': str('metadata.namespace') };
const notSupported = (label: string): string => `field label not supported: ${label}`;
const EVENT_LABELS = ['involvedObject.kind', 'involvedObject.namespace', 'involvedObject.name', 'involvedObject.uid', 'involvedObject.apiVersion', 'involvedObject.resourceVersion', 'involvedObject.fieldPath'];

const SPECS: readonly KindSpec[] = [
  {
    group: '',
    kind: 'Pod',
    labels: ['metadata.name', 'metadata.namespace', 'spec.nodeName', 'spec.restartPolicy', 'spec.schedulerName', 'spec.serviceAccountName', 'spec.hostNetwork', 'status.phase', 'status.podIP', 'status.podIPs', 'status.nominatedNodeName'],
    aliases: { 'spec.host': 'spec.nodeName' },
    fields: {
      ...META,
      'spec.nodeName': str('spec.nodeName'),
      'spec.restartPolicy': str('spec.restartPolicy'),
      'spec.schedulerName': str('spec.schedulerName'),
      'spec.serviceAccountName': str('spec.serviceAccountName'),
      'spec.hostNetwork': bool('spec.hostNetwork'),
      'status.phase': str('status.phase'),
      'status.podIP': firstOf(str('status.podIPs.0.ip'), str('status.podIP')),
      'status.nominatedNodeName': str('status.nominatedNodeName'),
    },
  },
  { group: '', kind: 'Node', labels: ['metadata.name', 'spec.unschedulable'], fields: { ...NAME, 'spec.unschedulable': bool('spec.unschedulable') } },
  { group: '', kind: 'ReplicationController', labels: ['metadata.name', 'metadata.namespace', 'status.replicas'], fields: { ...META, 'status.replicas': int('status.replicas') } },
  {
    group: '',
    kind: 'Event',
    labels: [...EVENT_LABELS, 'reason', 'reportingComponent', 'source', 'type', 'metadata.namespace', 'metadata.name'],
    fields: {
      ...META,
      ...Object.fromEntries(EVENT_LABELS.map((l) => [l, str(l)])),
      reason: str('reason'),
      reportingComponent: str('reportingComponent'),
      source: firstOf(str('source.component'), str('reportingComponent')),
      type: str('type'),
    },
  },
  { group: '', kind: 'Namespace', labels: ['status.phase', 'metadata.name'], fields: { ...NAME, 'status.phase': str('status.phase') } },
  { group: '', kind: 'Secret', labels: ['type', 'metadata.namespace', 'metadata.name'], fields: { ...META, type: str('type') } },
  { group: '', kind: 'Service', labels: ['metadata.namespace', 'metadata.name', 'spec.clusterIP', 'spec.type'], fields: { ...META, 'spec.clusterIP': str('spec.clusterIP'), 'spec.type': str('spec.type') } },
  {
    group: 'batch',
    kind: 'Job',
    labels: ['metadata.name', 'metadata.namespace', 'status.successful'],
    reject: (label) => `field label ${goQuote(label)} not supported for Job`,
    fields: { ...META, 'status.successful': int('status.succeeded') },
  },
  {
    // events.k8s.io/v1 shares core Events' selectable fields; its spellings are renamed to them.
    group: 'events.k8s.io',
    kind: 'Event',
    labels: ['reason', 'source', 'type', 'metadata.namespace', 'metadata.name'],
    aliases: { ...Object.fromEntries(EVENT_LABELS.map((l) => [l.replace('involvedObject.', 'regarding.'), l])), reportingController: 'reportingComponent' },
    fields: {
      ...META,
      ...Object.fromEntries(EVENT_LABELS.map((l) => [l, str(l.replace('involvedObject.', 'regarding.'))])),
      reason: str('reason'),
      reportingComponent: str('reportingController'),
      source: firstOf(str('deprecatedSource.component'), str('reportingController')),
      type: str('type'),
    },
  },
  { group: 'certificates.k8s.io', kind: 'CertificateSigningRequest', labels: ['metadata.name', 'spec.signerName'], fields: { ...NAME, 'spec.signerName': str('spec.signerName') } },
];

/** DEFAULT_FIELD_LABELS: what a kind without its own conversion func (any CRD, all of apps/v1) accepts. */
export const DEFAULT_FIELD_LABELS: readonly string[] = ['metadata.name', 'metadata.namespace'];

const groupKind = (s: KindSpec): string => (s.group ? `${s.kind}.${s.group}` : s.kind);

/**
 * FIELD_LABELS: the field labels each kind's field selectors may use, keyed by GroupKind as
 * Kubernetes prints it (`Pod`, `Job.batch`, `Event.events.k8s.io`). Kinds not listed accept
 * DEFAULT_FIELD_LABELS.
 */
export const FIELD_LABELS: Readonly<Record<string, readonly string[]>> = Object.fromEntries(
  SPECS.map((s) => [groupKind(s), [...s.labels, ...Object.keys(s.aliases ?? {})]]),
);

/** The spec for a kind: by exact group when given, else the core kind of that name, else any. */
function specFor(kind: string, group?: string): KindSpec | undefined {
  if (group !== undefined) return SPECS.find((s) => s.kind === kind && s.group === group);
  return SPECS.find((s) => s.kind === kind && s.group === '') ?? SPECS.find((s) => s.kind === kind);
}

/** fieldLabelsFor: the labels a kind accepts (FIELD_LABELS or the default). */
export function fieldLabelsFor(kind: string, group?: string): readonly string[] {
  const s = specFor(kind, group);
  return s ? FIELD_LABELS[groupKind(s)]! : DEFAULT_FIELD_LABELS;
}

/**
 * convertFieldLabel is Scheme.ConvertFieldLabel for one term: the canonical [label, value], or a
 * SelectorError with the kind's message (`field label not supported: x` for most built-ins,
 * `"x" is not a known field selector: only "metadata.name", "metadata.namespace"` for the rest).
 */
export function convertFieldLabel(kind: string, label: string, value: string, group?: string): [string, string] {
  const s = specFor(kind, group);
  if (!s) {
    if (DEFAULT_FIELD_LABELS.includes(label)) return [label, value];
    throw new SelectorError(`${goQuote(label)} is not a known field selector: only "metadata.name", "metadata.namespace"`);
  }
  if (s.labels.includes(label)) return [label, value];
  const alias = s.aliases && Object.prototype.hasOwnProperty.call(s.aliases, label) ? s.aliases[label] : undefined;
  if (alias !== undefined) return [alias, value];
  throw new SelectorError((s.reject ?? notSupported)(label));
}

/**
 * parseFieldSelectorForKind parses `text` and runs every term through the kind's conversion, as
 * the list/watch/deletecollection handlers do; the result's fields are canonical labels, ready
 * for fieldGetter. Throws SelectorError (→ 400) on bad syntax or an unsupported field.
 */
export function parseFieldSelectorForKind(text: string, kind: string, group?: string): FieldSelector {
  return parseFieldSelector(text).transform((l, v) => convertFieldLabel(kind, l, v, group));
}

/**
 * fieldGetter reads canonical field labels off an object (its group taken from `group`, else from
 * obj.apiVersion): "" for a label the kind accepts but never sets, undefined for one it lacks.
 */
export function fieldGetter(kind: string, obj: Obj, group?: string): (path: string) => string | undefined {
  const apiVersion = typeof obj.apiVersion === 'string' ? obj.apiVersion : undefined;
  const g = group ?? (apiVersion === undefined ? undefined : apiVersion.includes('/') ? apiVersion.slice(0, apiVersion.indexOf('/')) : '');
  const s = specFor(kind, g);
  const fields: Readonly<Record<string, Getter>> = s?.fields ?? META;
  const accepted = s ? new Set([...s.labels, ...Object.values(s.aliases ?? {})]) : new Set(DEFAULT_FIELD_LABELS);
  return (path) => {
    if (Object.prototype.hasOwnProperty.call(fields, path)) return fields[path]!(obj);
    return accepted.has(path) ? '' : undefined;
  };
}
