// Subresources: status, scale (autoscaling/v1 Scale), pods/binding, pods/eviction,
// namespaces/finalize; pods/log and pods/exec go to the pod's kubelet.
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { KubeObject } from '../../../api/meta/object.js';
import { isObject } from '../../../api/meta/object.js';
import { errors } from '../../../api/status.js';
import type { Registry } from '../../registry/generic/registry.js';
import { bodyText, mediaType, parseObjectBody } from '../body.js';
import { dryRunParam } from '../query.js';
import { deleteOptionsOf, handlePatch, patchObject, type HandlerContext } from './resource.js';

/** handleSubresource serves `<resource>/<name>/<subresource>` for every verb. */
export async function handleSubresource(req: FastifyRequest, reply: FastifyReply, ctx: HandlerContext): Promise<unknown> {
  const { registry: reg, info } = ctx;
  const sub = info.subresource as string;
  const name = info.name as string;
  const ns = reg.info.namespaced ? info.namespace : undefined;
  if (!reg.info.subresources.includes(sub)) throw errors.notFound(`${reg.info.resource}/${sub}`, reg.info.group, name);
  const method = req.method;
  const dryRun = dryRunParam(ctx.query);
  switch (sub) {
    case 'status':
      if (method === 'GET') return reg.get(ns, name);
      if (method === 'PUT') return reg.update(ns, name, parseObjectBody(req.body, req.headers['content-type'], reg.info.kind), { dryRun, subresource: 'status' });
      if (method === 'PATCH') return handlePatch(req, reply, ctx, 'status');
      break;
    case 'scale':
      return handleScale(req, reg, ns, name, dryRun);
    case 'binding':
      if (method === 'POST') return bindPod(req, reply, reg, ns, name, dryRun);
      break;
    case 'eviction':
      if (method === 'POST') {
        await reg.delete(ns, name, deleteOptionsOf(req, ctx.query));
        reply.code(201);
        return { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Success', code: 201 };
      }
      break;
    case 'finalize':
      if (method === 'PUT') {
        const body = parseObjectBody(req.body, req.headers['content-type'], reg.info.kind);
        return reg.guaranteedUpdate(ns, name, (cur) => ({ ...cur, spec: { ...(cur.spec as object), finalizers: (body.spec as { finalizers?: string[] } | undefined)?.finalizers ?? [] } }), { dryRun, subresource: 'finalize' });
      }
      break;
    case 'log':
    case 'exec':
      throw errors.unavailable(`pods/${sub} is served through the pod's kubelet, which is not built yet (issue 5)`);
  }
  throw errors.methodNotAllowed(`${method} is not supported on ${reg.info.resource}/${sub}`);
}

// Scale is read from and written to spec.replicas; the selector is printed as a label query.
async function handleScale(req: FastifyRequest, reg: Registry, ns: string | undefined, name: string, dryRun: boolean): Promise<unknown> {
  if (req.method === 'GET') return toScale(await reg.get(ns, name));
  let replicasOf: (cur: KubeObject) => unknown;
  if (req.method === 'PUT') {
    const scale = parseObjectBody(req.body, req.headers['content-type'], 'Scale');
    // Go's JSON leaves out a zero count ({"spec":{}}), so a missing replicas means 0.
    replicasOf = () => (scale.spec as { replicas?: unknown } | undefined)?.replicas ?? 0;
    const rv = scale.metadata?.resourceVersion;
    const updated = await reg.guaranteedUpdate(ns, name, (cur) => setReplicas(cur, replicasOf(cur), rv), { dryRun });
    return toScale(updated);
  }
  if (req.method === 'PATCH') {
    const patch = bodyText(req.body);
    const type = mediaType(req.headers['content-type']);
    const updated = await reg.guaranteedUpdate(ns, name, (cur) => {
      const patched = patchObject(type, toScale(cur), patch, 'autoscaling/v1', 'Scale');
      return setReplicas(cur, (patched.spec as { replicas?: unknown } | undefined)?.replicas, undefined);
    }, { dryRun });
    return toScale(updated);
  }
  throw errors.methodNotAllowed(`${req.method} is not supported on ${reg.info.resource}/scale`);
}

function setReplicas(obj: KubeObject, replicas: unknown, resourceVersion: string | undefined): KubeObject {
  if (typeof replicas !== 'number' || !Number.isInteger(replicas) || replicas < 0) {
    throw errors.invalid('Scale', 'autoscaling', obj.metadata?.name ?? '', [{ type: 'FieldValueInvalid', field: 'spec.replicas', value: replicas, detail: 'must be greater than or equal to 0' }]);
  }
  const meta = { ...obj.metadata };
  if (resourceVersion) meta.resourceVersion = resourceVersion;
  return { ...obj, metadata: meta, spec: { ...(obj.spec as object), replicas } };
}

/** toScale renders the autoscaling/v1 Scale of a workload. */
export function toScale(obj: KubeObject): KubeObject {
  const spec = (obj.spec ?? {}) as { replicas?: number; selector?: unknown };
  const status = (obj.status ?? {}) as { replicas?: number };
  const m = obj.metadata ?? {};
  return {
    kind: 'Scale',
    apiVersion: 'autoscaling/v1',
    metadata: { name: m.name, namespace: m.namespace, uid: m.uid, resourceVersion: m.resourceVersion, creationTimestamp: m.creationTimestamp },
    spec: { replicas: spec.replicas ?? 0 },
    status: { replicas: status.replicas ?? 0, selector: selectorText(spec.selector) },
  };
}

function selectorText(sel: unknown): string {
  if (!isObject(sel)) return '';
  const labels = (isObject(sel['matchLabels']) ? sel['matchLabels'] : 'matchExpressions' in sel ? {} : sel) as Record<string, unknown>;
  const parts = Object.keys(labels).sort().map((k) => `${k}=${String(labels[k])}`);
  for (const e of (sel['matchExpressions'] as Array<{ key: string; operator: string; values?: string[] }> | undefined) ?? []) {
    if (e.operator === 'In') parts.push(`${e.key} in (${(e.values ?? []).join(',')})`);
    else if (e.operator === 'NotIn') parts.push(`${e.key} notin (${(e.values ?? []).join(',')})`);
    else if (e.operator === 'Exists') parts.push(e.key);
    else if (e.operator === 'DoesNotExist') parts.push(`!${e.key}`);
  }
  return parts.join(',');
}

// A binding sets spec.nodeName once; binding an already bound pod is a Conflict, as in Kubernetes.
async function bindPod(req: FastifyRequest, reply: FastifyReply, reg: Registry, ns: string | undefined, name: string, dryRun: boolean): Promise<unknown> {
  const binding = parseObjectBody(req.body, req.headers['content-type'], 'Binding');
  const target = binding['target'] as { name?: string; kind?: string } | undefined;
  if (!target?.name) throw errors.invalid('Binding', '', name, [{ type: 'FieldValueRequired', field: 'target.name', detail: '' }]);
  await reg.guaranteedUpdate(ns, name, (pod) => {
    const spec = (pod.spec ?? {}) as { nodeName?: string };
    if (pod.metadata?.deletionTimestamp) throw errors.conflict('pods', '', name, 'pod is being deleted, cannot be assigned to a host');
    if (spec.nodeName) throw errors.conflict('pods', '', name, `pod ${name} is already assigned to node "${spec.nodeName}"`);
    const status = { ...(pod.status as object), conditions: [...(((pod.status as { conditions?: unknown[] })?.conditions) ?? []).filter((c) => (c as { type?: string }).type !== 'PodScheduled'), { type: 'PodScheduled', status: 'True', lastProbeTime: null, lastTransitionTime: new Date().toISOString().replace(/\.\d{3}Z$/, 'Z') }] };
    return { ...pod, spec: { ...spec, nodeName: target.name }, status };
  }, { dryRun, subresource: 'binding' });
  reply.code(201);
  return { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Success', code: 201 };
}
