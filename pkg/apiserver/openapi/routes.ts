// Serves /openapi/v2 (JSON or gnostic protobuf, by Accept) and /openapi/v3 (discovery, then one
// document per group version) with kube-openapi's caching contract: each v3 document is
// advertised as ?hash=<sha512>, a matching hash is cacheable forever, a stale one redirects.
import { createHash } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { StatusError } from '../../../api/status.js';
import { openApiV3Document, swaggerDocument, v3DocumentPaths } from './documents.js';
import { encodeDocument, PROTOBUF_V2 } from './proto-v2.js';

const JSON_TYPE = 'application/json';
const PROTOBUF_V2_LEGACY = 'application/com.github.proto-openapi.spec.v2.v1.0+protobuf';

interface Rendered {
  body: Buffer;
  etag: string;
}

const render = (body: Buffer): Rendered => ({ body, etag: createHash('sha512').update(body).digest('hex').toUpperCase() });

/** negotiate picks the first offered media type the Accept header admits, by q-value; undefined for none. */
export function negotiate(accept: string | undefined, offered: readonly string[]): string | undefined {
  if (!accept || accept.trim() === '') return offered[0];
  const clauses = accept.split(',').map((part, i) => {
    const [range = '', ...params] = part.split(';').map((s) => s.trim());
    const q = params.find((p) => p.startsWith('q='));
    return { range: range.toLowerCase(), q: q ? Number(q.slice(2)) : 1, i };
  }).filter((c) => c.range !== '' && c.q > 0).sort((a, b) => b.q - a.q || a.i - b.i);
  for (const c of clauses) {
    const [type, sub] = c.range.split('/');
    const hit = offered.find((o) => {
      const [ot, os] = o.split('/');
      return (type === '*' || type === ot) && (sub === '*' || sub === os);
    });
    if (hit) return hit;
  }
  return undefined;
}

function notAcceptable(offered: readonly string[]): StatusError {
  return new StatusError(406, 'NotAcceptable', `only the following media types are accepted: ${offered.join(', ')}`);
}

function send(req: FastifyRequest, reply: FastifyReply, r: Rendered, type: string): FastifyReply {
  reply.header('ETag', `"${r.etag}"`).header('Vary', 'Accept');
  if (req.headers['if-none-match'] === `"${r.etag}"`) return reply.code(304).send();
  return reply.type(type).send(r.body);
}

/** openApiRoutes registers /openapi/v2, /openapi/v3 and /openapi/v3/<group-version>. */
export async function openApiRoutes(app: FastifyInstance): Promise<void> {
  let v2Json: Rendered | undefined;
  let v2Proto: Rendered | undefined;
  const v3 = new Map<string, Rendered>();
  const v3Rendered = (path: string): Rendered | undefined => {
    let r = v3.get(path);
    if (!r) {
      const doc = openApiV3Document(path);
      if (!doc) return undefined;
      r = render(Buffer.from(JSON.stringify(doc)));
      v3.set(path, r);
    }
    return r;
  };

  app.get('/openapi/v2', async (req, reply) => {
    const offered = [JSON_TYPE, PROTOBUF_V2, PROTOBUF_V2_LEGACY];
    const type = negotiate(req.headers.accept, offered);
    if (!type) throw notAcceptable(offered);
    if (type === JSON_TYPE) {
      v2Json ??= render(Buffer.from(JSON.stringify(swaggerDocument())));
      return send(req, reply, v2Json, JSON_TYPE);
    }
    v2Proto ??= render(Buffer.from(encodeDocument(swaggerDocument())));
    // Answered as the "@"-less spelling, as kube-openapi does: Go's mime parser (and fastify's)
    // refuses "@" in a media type, and client-go parses the Content-Type of every response.
    return send(req, reply, v2Proto, PROTOBUF_V2_LEGACY);
  });

  app.get('/openapi/v3', async (req, reply) => {
    const paths: Record<string, { serverRelativeURL: string }> = {};
    for (const p of v3DocumentPaths()) paths[p] = { serverRelativeURL: `/openapi/v3/${p}?hash=${(v3Rendered(p) as Rendered).etag}` };
    return send(req, reply, render(Buffer.from(JSON.stringify({ paths }))), JSON_TYPE);
  });

  app.get('/openapi/v3/*', async (req, reply) => {
    const path = (req.params as { '*': string })['*'].replace(/\/+$/, '');
    const r = v3Rendered(path);
    if (!r) throw new StatusError(404, 'NotFound', 'the server could not find the requested resource');
    if (!negotiate(req.headers.accept, [JSON_TYPE])) throw notAcceptable([JSON_TYPE]);
    const hash = (req.query as Record<string, string | undefined>)['hash'];
    if (hash !== undefined && hash !== '') {
      if (hash !== r.etag) return reply.redirect(`/openapi/v3/${path}?hash=${r.etag}`, 301);
      const expires = new Date(Date.now() + 365 * 24 * 3600 * 1000).toUTCString();
      reply.header('Cache-Control', 'public, immutable').header('Expires', expires);
    } else {
      reply.header('Cache-Control', 'no-cache, private');
    }
    return send(req, reply, r, JSON_TYPE);
  });
}
