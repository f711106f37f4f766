// The REST operations this server serves, one per (path, method), named and tagged the way
// kube-apiserver's OpenAPI names them (listCoreV1NamespacedPod, x-kubernetes-action: list). Both
// documents render from this list, so /openapi/v2 and /openapi/v3 cannot disagree.
import { RESOURCES, type ResourceInfo } from '../../../api/resources.js';
import type { GroupVersionKind } from './dsl.js';
import { kindDefinition, listDefinition, META_PREFIX } from './definitions.js';

/** QUERY_PARAMETERS describes every query parameter an operation may declare. */
export const QUERY_PARAMETERS: Record<string, { type: 'string' | 'boolean' | 'integer'; description: string }> = {
  pretty: { type: 'string', description: "If 'true', then the output is pretty printed." },
  dryRun: { type: 'string', description: 'When present, indicates that modifications should not be persisted. The only valid value is "All".' },
  fieldManager: { type: 'string', description: 'fieldManager is a name associated with the actor or entity that is making these changes.' },
  fieldValidation: {
    type: 'string',
    description: 'fieldValidation instructs the server on how to handle objects in the request (POST/PUT/PATCH) containing unknown or duplicate fields. Valid values are: Ignore (drop them silently), Warn (drop them and send a warning header for each; the default) and Strict (fail the request with a BadRequest error).',
  },
  force: { type: 'boolean', description: 'Force is going to "force" Apply requests. It must be unset for non-apply patch requests.' },
  allowWatchBookmarks: { type: 'boolean', description: 'allowWatchBookmarks requests watch events with type "BOOKMARK".' },
  continue: { type: 'string', description: 'The continue option should be set when retrieving more results from the server.' },
  fieldSelector: { type: 'string', description: 'A selector to restrict the list of returned objects by their fields. Defaults to everything.' },
  labelSelector: { type: 'string', description: 'A selector to restrict the list of returned objects by their labels. Defaults to everything.' },
  limit: { type: 'integer', description: 'limit is a maximum number of responses to return for a list call.' },
  resourceVersion: { type: 'string', description: 'resourceVersion sets a constraint on what resource versions a request may be served from.' },
  resourceVersionMatch: { type: 'string', description: 'resourceVersionMatch determines how resourceVersion is applied to list calls.' },
  timeoutSeconds: { type: 'integer', description: 'Timeout for the list/watch call.' },
  watch: { type: 'boolean', description: 'Watch for changes to the described resources and return them as a stream of add, update, and remove notifications.' },
  gracePeriodSeconds: { type: 'integer', description: 'The duration in seconds before the object should be deleted.' },
  orphanDependents: { type: 'boolean', description: 'Deprecated: please use the PropagationPolicy.' },
  propagationPolicy: { type: 'string', description: "Whether and how garbage collection will be performed: 'Orphan', 'Background' or 'Foreground'." },
  container: { type: 'string', description: 'The container for which to stream logs or run the command.' },
  follow: { type: 'boolean', description: 'Follow the log stream of the pod.' },
  command: { type: 'string', description: 'Command is the remote command to execute.' },
};

const LIST = ['allowWatchBookmarks', 'continue', 'fieldSelector', 'labelSelector', 'limit', 'resourceVersion', 'resourceVersionMatch', 'timeoutSeconds', 'watch'];
const WRITE = ['dryRun', 'fieldManager', 'fieldValidation'];
const DELETE = ['dryRun', 'gracePeriodSeconds', 'orphanDependents', 'propagationPolicy'];

/** PATCH_CONTENT_TYPES are the patch bodies this server accepts (see patch/apply-patch.ts). */
export const PATCH_CONTENT_TYPES = ['application/json-patch+json', 'application/merge-patch+json', 'application/strategic-merge-patch+json'];

/** Operation is one served (path, method). */
export interface Operation {
  path: string;
  method: 'get' | 'put' | 'post' | 'patch' | 'delete';
  operationId: string;
  /** action is x-kubernetes-action: get, list, put, patch, post, delete, deletecollection, connect. */
  action: string;
  gvk: GroupVersionKind;
  description: string;
  tag: string;
  /** body names the request body's definition; PATCH bodies are metav1.Patch. */
  body?: string;
  /** response names the 200 response's definition, or 'string' for text. */
  response: string;
  query: string[];
  /** created lists the extra success codes of writes (201 Created, 202 Accepted). */
  created?: Array<'201' | '202'>;
}

/** groupIdentifier is kube's operation-id spelling of a group: '' → Core, coordination.k8s.io → Coordination. */
export function groupIdentifier(group: string): string {
  if (group === '') return 'Core';
  return group.replace(/\.k8s\.io$/, '').split('.').map((p) => p.charAt(0).toUpperCase() + p.slice(1)).join('');
}

/** tagOf is kube's tag for a group version, e.g. core_v1, apps_v1, coordination_v1. */
export function tagOf(group: string, version: string): string {
  const id = groupIdentifier(group);
  return `${id.charAt(0).toLowerCase()}${id.slice(1)}_${version}`;
}

/** pathPrefix is /api/v1 or /apis/<group>/<version>. */
export function pathPrefix(group: string, version: string): string {
  return group === '' ? `/api/${version}` : `/apis/${group}/${version}`;
}

const SCALE = { group: 'autoscaling', version: 'v1', kind: 'Scale' };
const SUBRESOURCE_KIND: Record<string, { gvk?: GroupVersionKind; definition?: string }> = {
  scale: { gvk: SCALE, definition: 'io.k8s.api.autoscaling.v1.Scale' },
  binding: { gvk: { group: '', version: 'v1', kind: 'Binding' }, definition: 'io.k8s.api.core.v1.Binding' },
  eviction: { gvk: { group: 'policy', version: 'v1', kind: 'Eviction' }, definition: 'io.k8s.api.policy.v1.Eviction' },
  exec: { gvk: { group: '', version: 'v1', kind: 'PodExecOptions' } },
};

const cap = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);

/** resourceOperations lists the operations of one served resource and its subresources. */
export function resourceOperations(r: ResourceInfo): Operation[] {
  const prefix = pathPrefix(r.group, r.version);
  const base = r.namespaced ? `${prefix}/namespaces/{namespace}/${r.resource}` : `${prefix}/${r.resource}`;
  const scope = r.namespaced ? 'Namespaced' : '';
  const id = (verb: string, suffix = '', collection = ''): string => `${verb}${groupIdentifier(r.group)}${cap(r.version)}${collection}${scope}${r.kind}${suffix}`;
  const kindDef = kindDefinition(r);
  const gvk = { group: r.group, version: r.version, kind: r.kind };
  const common = { gvk, tag: tagOf(r.group, r.version) };
  const ops: Operation[] = [
    { ...common, path: base, method: 'get', operationId: id('list'), action: 'list', description: `list or watch objects of kind ${r.kind}`, response: listDefinition(r), query: LIST },
    { ...common, path: base, method: 'post', operationId: id('create'), action: 'post', description: `create a ${r.kind}`, body: kindDef, response: kindDef, query: WRITE, created: ['201', '202'] },
    { ...common, path: base, method: 'delete', operationId: id('delete', '', 'Collection'), action: 'deletecollection', description: `delete collection of ${r.kind}`, body: `${META_PREFIX}DeleteOptions`, response: `${META_PREFIX}Status`, query: [...DELETE, ...LIST.filter((q) => q !== 'watch' && q !== 'allowWatchBookmarks')] },
    { ...common, path: `${base}/{name}`, method: 'get', operationId: id('read'), action: 'get', description: `read the specified ${r.kind}`, response: kindDef, query: [] },
    { ...common, path: `${base}/{name}`, method: 'put', operationId: id('replace'), action: 'put', description: `replace the specified ${r.kind}`, body: kindDef, response: kindDef, query: WRITE, created: ['201'] },
    { ...common, path: `${base}/{name}`, method: 'patch', operationId: id('patch'), action: 'patch', description: `partially update the specified ${r.kind}`, body: `${META_PREFIX}Patch`, response: kindDef, query: [...WRITE, 'force'], created: ['201'] },
    { ...common, path: `${base}/{name}`, method: 'delete', operationId: id('delete'), action: 'delete', description: `delete a ${r.kind}`, body: `${META_PREFIX}DeleteOptions`, response: kindDef, query: DELETE, created: ['202'] },
  ];
  if (r.namespaced) {
    ops.push({ ...common, path: `${prefix}/${r.resource}`, method: 'get', operationId: `list${groupIdentifier(r.group)}${cap(r.version)}${r.kind}ForAllNamespaces`, action: 'list', description: `list or watch objects of kind ${r.kind}`, response: listDefinition(r), query: LIST });
  }
  for (const sub of r.subresources) {
    const path = `${base}/{name}/${sub}`;
    const k = SUBRESOURCE_KIND[sub] ?? {};
    const subCommon = { ...common, path, gvk: k.gvk ?? gvk };
    const def = k.definition ?? kindDef;
    const what = `${sub} of the specified ${r.kind}`;
    if (sub === 'status' || sub === 'scale') {
      ops.push(
        { ...subCommon, method: 'get', operationId: id('read', cap(sub)), action: 'get', description: `read ${what}`, response: def, query: [] },
        { ...subCommon, method: 'put', operationId: id('replace', cap(sub)), action: 'put', description: `replace ${what}`, body: def, response: def, query: WRITE, created: ['201'] },
        { ...subCommon, method: 'patch', operationId: id('patch', cap(sub)), action: 'patch', description: `partially update ${what}`, body: `${META_PREFIX}Patch`, response: def, query: [...WRITE, 'force'], created: ['201'] },
      );
    } else if (sub === 'binding' || sub === 'eviction') {
      ops.push({ ...subCommon, method: 'post', operationId: id('create', cap(sub)), action: 'post', description: `create ${sub} of a ${r.kind}`, body: def, response: def, query: WRITE, created: ['201', '202'] });
    } else if (sub === 'finalize') {
      ops.push({ ...subCommon, method: 'put', operationId: id('replace', cap(sub)), action: 'put', description: `replace finalize of the specified ${r.kind}`, body: def, response: def, query: WRITE, created: ['201'] });
    } else if (sub === 'log') {
      ops.push({ ...subCommon, method: 'get', operationId: id('read', 'Log'), action: 'get', description: `read log of the specified ${r.kind}`, response: 'string', query: ['container', 'follow'] });
    } else if (sub === 'exec') {
      for (const method of ['get', 'post'] as const) {
        ops.push({ ...subCommon, method, operationId: `connect${groupIdentifier(r.group)}${cap(r.version)}${cap(method)}${scope}${r.kind}Exec`, action: 'connect', description: `connect ${method.toUpperCase()} requests to exec of ${r.kind}`, response: 'string', query: ['command', 'container'] });
      }
    }
  }
  return ops;
}

/** operations lists every served operation, optionally only those of one group version. */
export function operations(gv?: { group: string; version: string }): Operation[] {
  return RESOURCES.filter((r) => !gv || (r.group === gv.group && r.version === gv.version)).flatMap(resourceOperations);
}
