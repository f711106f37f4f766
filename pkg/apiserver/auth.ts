// Authentication: a bearer token on every request but the public health and version endpoints;
// no anonymous writes (nor reads). Authorization is a hook, allow-all for authenticated users
// until RBAC arrives.
import { timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { errors } from '../../api/status.js';

/** UserInfo is who a request is from. */
export interface UserInfo {
  name: string;
  groups: string[];
}

/** TokenAuthenticator maps a bearer token to a user, or undefined. */
export type TokenAuthenticator = (token: string) => UserInfo | undefined;

/** Authorizer decides whether user may do verb on a path; throw or return false to refuse. */
export type Authorizer = (user: UserInfo, req: FastifyRequest) => boolean;

const PUBLIC = new Set(['/healthz', '/livez', '/readyz', '/version', '/openapi/v2', '/openapi/v3']);

/** staticTokens authenticates a fixed set of tokens (admin, node join). */
export function staticTokens(tokens: Array<{ token: string; user: UserInfo }>): TokenAuthenticator {
  const list = tokens.map((t) => ({ ...t, bytes: Buffer.from(t.token) }));
  return (token) => {
    const given = Buffer.from(token);
    return list.find((t) => t.bytes.length === given.length && timingSafeEqual(t.bytes, given))?.user;
  };
}

declare module 'fastify' {
  interface FastifyRequest {
    user?: UserInfo;
  }
}

/** installAuth adds the authentication and authorization hook. */
export function installAuth(app: FastifyInstance, authenticate: TokenAuthenticator, authorize: Authorizer = () => true): void {
  app.addHook('onRequest', async (req) => {
    const path = req.url.split('?')[0] as string;
    if (PUBLIC.has(path) || path.startsWith('/openapi/v3/')) return;
    const header = req.headers.authorization ?? '';
    const m = /^Bearer\s+(\S+)$/i.exec(header);
    const user = m ? authenticate(m[1] as string) : undefined;
    if (!user) throw errors.unauthorized();
    if (!authorize(user, req)) throw errors.forbidden(`User "${user.name}" cannot ${req.method.toLowerCase()} ${path}`);
    req.user = user;
  });
}
