// Routes every resource URL (/api/v1/..., /apis/<group>/<version>/...) to its registry and verb
// handler, and records kube-apiserver's request metrics for it.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { errors, StatusError } from '../../../api/status.js';
import type { RegistrySet } from '../../registry/registry-set.js';
import { handleCreate, handleDelete, handleGet, handlePatch, handleUpdate, type HandlerContext } from '../handlers/resource.js';
import { handleSubresource } from '../handlers/subresources.js';
import type { ApiServerMetrics } from '../metrics.js';
import { boolParam, queryOf } from '../query.js';
import { parseRequestInfo, type RequestInfo } from '../request-info.js';

/** ResourceRouteOptions configure the resource routes. */
export interface ResourceRouteOptions {
  registries: RegistrySet;
  metrics: ApiServerMetrics;
  minRequestTimeoutMs: number;
  bookmarkIntervalMs: number;
}

type Handler = (req: FastifyRequest, reply: FastifyReply, ctx: HandlerContext) => Promise<unknown>;
const HANDLERS: Record<string, Handler> = { GET: handleGet, POST: handleCreate, PUT: handleUpdate, PATCH: handlePatch, DELETE: handleDelete };

/** resourceRoutes registers the catch-all resource routes. */
export async function resourceRoutes(app: FastifyInstance, opts: ResourceRouteOptions): Promise<void> {
  const serve = async (req: FastifyRequest, reply: FastifyReply): Promise<unknown> => {
    const info = parseRequestInfo(req.url);
    if (!info) throw new StatusError(404, 'NotFound', 'the server could not find the requested resource');
    const registry = opts.registries.get(info.group, info.resource) ?? unknownResource(info);
    if (registry.info.version !== info.version) unknownResource(info);
    const query = queryOf(req.query);
    const handler = info.subresource !== undefined ? handleSubresource : HANDLERS[req.method];
    if (!handler) throw errors.methodNotAllowed(`${req.method} is not supported`);
    const labels = metricLabels(req.method, info, registry.info.namespaced, boolParam(query, 'watch'), query['dryRun'] === 'All');
    const mutating = req.method !== 'GET';
    opts.metrics.inflight.inc({ request_kind: mutating ? 'mutating' : 'readOnly' });
    const started = performance.now();
    let code = 500;
    try {
      const ctx: HandlerContext = {
        registry,
        info,
        query,
        // Like kube-apiserver: a random lifetime in [min, 2·min) so clients do not re-watch in lockstep.
        watchTimeoutMs: () => opts.minRequestTimeoutMs * (1 + Math.random()),
        bookmarkIntervalMs: opts.bookmarkIntervalMs,
        onWatchStart: () => {
          const l = { verb: 'WATCH', group: info.group, version: info.version, resource: info.resource, subresource: '', scope: labels.scope, component: 'apiserver' };
          opts.metrics.longRunning.inc(l);
          return () => opts.metrics.longRunning.dec(l);
        },
      };
      const result = await handler(req, reply, ctx);
      code = reply.statusCode;
      return result;
    } catch (err) {
      code = (err as { code?: number }).code && typeof (err as { code?: number }).code === 'number' ? (err as { code: number }).code : 500;
      throw err;
    } finally {
      opts.metrics.inflight.dec({ request_kind: mutating ? 'mutating' : 'readOnly' });
      opts.metrics.requests.inc({ ...labels, code: String(code) });
      if (labels.verb !== 'WATCH') opts.metrics.duration.observe(labels, (performance.now() - started) / 1000);
    }
  };
  for (const prefix of ['/api/*', '/apis/*']) {
    app.route({ method: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'], url: prefix, handler: serve });
  }
}

// Kinds we do not serve get a NotFound that names the resource and group/version.
function unknownResource(info: RequestInfo): never {
  const gv = info.group === '' ? info.version : `${info.group}/${info.version}`;
  throw new StatusError(404, 'NotFound', `the server could not find the requested resource: this server does not serve "${info.resource}" in ${gv}`, { group: info.group, kind: info.resource });
}

function metricLabels(method: string, info: RequestInfo, namespaced: boolean, watching: boolean, dryRun: boolean) {
  let verb = method;
  if (method === 'GET' && info.name === undefined) verb = watching ? 'WATCH' : 'LIST';
  if (method === 'DELETE' && info.name === undefined) verb = 'DELETECOLLECTION';
  const scope = info.name !== undefined ? 'resource' : namespaced && info.namespace ? 'namespace' : 'cluster';
  return { verb, dry_run: dryRun ? 'All' : '', group: info.group, version: info.version, resource: info.resource, subresource: info.subresource ?? '', scope, component: 'apiserver' };
}
