// The REST verbs on a resource: get, list, watch, create, update, patch, delete, deletecollection.
// Subresources are in subresources.ts. Every failure leaves as a StatusError.
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { KubeObject } from '../../../api/meta/object.js';
import { groupVersion } from '../../../api/resources.js';
import { errors, StatusError } from '../../../api/status.js';
import { list, watch } from '../../registry/generic/list-watch.js';
import { jsonTextNestsDeeperThan, MAX_NESTING_DEPTH } from '../../registry/generic/nesting.js';
import type { DeleteOptions, Registry } from '../../registry/generic/registry.js';
import { bodyText, mediaType, parseObjectBody } from '../body.js';
import { checkWriteFields, patchFieldChecker } from '../openapi/field-validation.js';
import { PatchError } from '../patch/errors.js';
import { applyPatch } from '../patch/apply-patch.js';
import { boolParam, dryRunParam, intParam, resourceVersionMatchParam, resourceVersionParam, type Query } from '../query.js';
import type { RequestInfo } from '../request-info.js';
import { compileFilter } from '../selectors.js';
import { tableView } from '../table/convert.js';
import { streamWatch } from '../watch-stream.js';

/** HandlerContext is what every resource handler needs besides the request. */
export interface HandlerContext {
  registry: Registry;
  info: RequestInfo;
  query: Query;
  /** watchTimeoutMs picks a watch's lifetime when the client gives no timeoutSeconds. */
  watchTimeoutMs: () => number;
  bookmarkIntervalMs: number;
  onWatchStart: () => () => void;
}

/** namespaceOf is the URL's namespace for namespaced resources. */
function namespaceOf(ctx: HandlerContext): string | undefined {
  return ctx.registry.info.namespaced ? ctx.info.namespace : undefined;
}

/** handleGet serves GET of one object, a list, or a watch. */
export async function handleGet(req: FastifyRequest, reply: FastifyReply, ctx: HandlerContext): Promise<unknown> {
  const reg = ctx.registry;
  // kubectl get asks for a Table (Accept: ...;as=Table;g=meta.k8s.io) to print the server's columns.
  const view = tableView(reg.info, req.headers.accept, ctx.query);
  // Parameters are checked up front: once a watch has hijacked the reply, an error can no longer
  // become a Status response.
  const rv = resourceVersionParam(ctx.query);
  if (ctx.info.name !== undefined) return view.object(await reg.get(namespaceOf(ctx), ctx.info.name));
  const filter = compileFilter(reg.info, ctx.query);
  const timeoutSeconds = intParam(ctx.query, 'timeoutSeconds');
  if (boolParam(ctx.query, 'watch')) {
    const bookmarks = boolParam(ctx.query, 'allowWatchBookmarks');
    const progress = { revision: 0 };
    const done = ctx.onWatchStart();
    reply.hijack();
    try {
      await streamWatch(reply.raw, view.events((signal) => watch(reg, namespaceOf(ctx), { filter, resourceVersion: rv, signal, progress })), {
        timeoutMs: timeoutSeconds !== undefined ? timeoutSeconds * 1000 : ctx.watchTimeoutMs(),
        bookmarks,
        bookmarkIntervalMs: ctx.bookmarkIntervalMs,
        bookmarkObject: view.bookmark(() => (progress.revision > 0 ? { kind: reg.info.kind, apiVersion: groupVersion(reg.info), metadata: { resourceVersion: String(progress.revision) } } : undefined)),
      });
    } finally {
      done();
    }
    return reply;
  }
  const limit = intParam(ctx.query, 'limit');
  return view.object(await list(reg, namespaceOf(ctx), {
    filter,
    limit,
    continue: ctx.query['continue'] || undefined,
    resourceVersion: rv,
    resourceVersionMatch: resourceVersionMatchParam(ctx.query),
  }));
}

/** handleCreate serves POST to a collection. */
export async function handleCreate(req: FastifyRequest, reply: FastifyReply, ctx: HandlerContext): Promise<unknown> {
  if (ctx.info.name !== undefined) throw errors.methodNotAllowed(`POST is not supported on ${ctx.registry.info.resource}/${ctx.info.name}`);
  if (ctx.registry.info.namespaced && !ctx.info.namespace) throw errors.notFound('namespaces', '', '');
  const obj = checkWriteFields(req, reply, ctx.query, ctx.registry.info, parseObjectBody(req.body, req.headers['content-type'], ctx.registry.info.kind), 'CreateOptions');
  const created = await ctx.registry.create(namespaceOf(ctx), obj, { dryRun: dryRunParam(ctx.query) });
  reply.code(201);
  return created;
}

/** handleUpdate serves PUT of one object. */
export async function handleUpdate(req: FastifyRequest, reply: FastifyReply, ctx: HandlerContext): Promise<unknown> {
  const name = requireName(ctx, 'PUT');
  const obj = checkWriteFields(req, reply, ctx.query, ctx.registry.info, parseObjectBody(req.body, req.headers['content-type'], ctx.registry.info.kind), 'UpdateOptions');
  return ctx.registry.update(namespaceOf(ctx), name, obj, { dryRun: dryRunParam(ctx.query) });
}

/** handlePatch serves PATCH of one object (and of its status when subresource is 'status'). */
export async function handlePatch(req: FastifyRequest, reply: FastifyReply, ctx: HandlerContext, subresource?: 'status'): Promise<unknown> {
  const name = requireName(ctx, 'PATCH');
  const reg = ctx.registry;
  const contentType = mediaType(req.headers['content-type']);
  const patch = bodyText(req.body);
  const dryRun = dryRunParam(ctx.query);
  const checkFields = patchFieldChecker(req, reply, ctx.query, reg.info);
  return reg.guaranteedUpdate(
    namespaceOf(ctx),
    name,
    (current) => {
      const patched = checkFields(patchObject(contentType, current, patch, groupVersion(reg.info), reg.info.kind));
      // A status patch changes only status; a main-resource patch leaves status to its owners.
      if (subresource === 'status') return { ...current, status: patched.status, metadata: { ...current.metadata, resourceVersion: patched.metadata?.resourceVersion } };
      if (reg.info.subresources.includes('status')) patched.status = current.status;
      return patched;
    },
    subresource === 'status' ? { dryRun, subresource: 'status' } : { dryRun },
  );
}

/** patchObject applies a patch body and maps the engine's errors to Statuses. */
export function patchObject(contentType: string, current: KubeObject, patch: string, apiVersion: string, kind: string): KubeObject {
  // The patch engines recurse through the patch, so its depth is bounded before they see it.
  if (jsonTextNestsDeeperThan(patch)) throw errors.badRequest(`the patch nests deeper than ${MAX_NESTING_DEPTH} levels`);
  try {
    return applyPatch(contentType, current as unknown as Parameters<typeof applyPatch>[1], patch, apiVersion, kind) as unknown as KubeObject;
  } catch (err) {
    if (err instanceof PatchError) {
      if (err.code === 422 && err.causes.length > 0) throw errors.invalid(kind, '', current.metadata?.name ?? '', [...err.causes]);
      // kube-apiserver answers 500 for strategic merge errors it does not classify (an unknown
      // $patch, a list item without its merge key), but the fault is the patch's: 400.
      if (err.code >= 500) throw errors.badRequest(err.message);
      throw new StatusError(err.code, err.reason as never, err.message);
    }
    throw err;
  }
}

/** deleteOptionsOf merges DeleteOptions from the body (if any) with the query, as kube-apiserver does. */
export function deleteOptionsOf(req: FastifyRequest, q: Query): DeleteOptions {
  const text = bodyText(req.body).trim();
  let body: Record<string, unknown> = {};
  if (text !== '') {
    const parsed = parseObjectBody(req.body, req.headers['content-type'] ?? 'application/json', 'DeleteOptions');
    body = parsed as Record<string, unknown>;
  }
  const opts: DeleteOptions = { dryRun: dryRunParam(q) || (Array.isArray(body['dryRun']) && body['dryRun'].includes('All')) };
  const grace = intParam(q, 'gracePeriodSeconds') ?? (typeof body['gracePeriodSeconds'] === 'number' ? body['gracePeriodSeconds'] : undefined);
  if (grace !== undefined) opts.gracePeriodSeconds = grace;
  const policy = q['propagationPolicy'] ?? (body['propagationPolicy'] as string | undefined) ?? (body['orphanDependents'] === true ? 'Orphan' : undefined);
  if (policy !== undefined) {
    if (policy !== 'Background' && policy !== 'Foreground' && policy !== 'Orphan') {
      throw errors.invalid('DeleteOptions', '', '', [{ type: 'FieldValueNotSupported', field: 'propagationPolicy', value: policy, detail: 'supported values: "Foreground", "Background", "Orphan", nil' }]);
    }
    opts.propagationPolicy = policy;
  }
  const pre = body['preconditions'] as { uid?: string; resourceVersion?: string } | undefined;
  if (pre && typeof pre === 'object') opts.preconditions = pre;
  return opts;
}

/** handleDelete serves DELETE of one object or of a collection. */
export async function handleDelete(req: FastifyRequest, _reply: FastifyReply, ctx: HandlerContext): Promise<unknown> {
  const opts = deleteOptionsOf(req, ctx.query);
  const reg = ctx.registry;
  if (ctx.info.name !== undefined) return reg.delete(namespaceOf(ctx), ctx.info.name, opts);
  // deletecollection: the objects matching the selectors, each deleted as a single delete would be.
  const matching = await list(reg, namespaceOf(ctx), { filter: compileFilter(reg.info, ctx.query) });
  const deleted: KubeObject[] = [];
  for (const obj of matching.items) {
    try {
      deleted.push(await reg.delete(obj.metadata?.namespace, obj.metadata?.name ?? '', opts));
    } catch (err) {
      if (!(err instanceof StatusError && err.reason === 'NotFound')) throw err; // gone meanwhile: fine
    }
  }
  return { ...matching, items: deleted };
}

function requireName(ctx: HandlerContext, verb: string): string {
  if (ctx.info.name === undefined) throw errors.methodNotAllowed(`${verb} is not supported on the collection ${ctx.registry.info.resource}`);
  return ctx.info.name;
}
