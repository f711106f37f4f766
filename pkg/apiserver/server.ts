// The API server: fastify over HTTPS, one plugin per concern (health, discovery, resources,
// metrics), bearer-token authentication, and every error rendered as a Kubernetes Status.
import { join } from 'node:path';
import { networkInterfaces } from 'node:os';
import Fastify, { type FastifyInstance, type FastifyReply } from 'fastify';
import { errors, StatusError } from '../../api/status.js';
import { startEventExpiry } from '../registry/core/event-expiry.js';
import type { Registry } from '../registry/generic/registry.js';
import { RegistrySet } from '../registry/registry-set.js';
import { instrumentBackend, type StorageBackend } from '../registry/storage-backend.js';
import type { FlagValues } from '../util/flags.js';
import type { Logger } from '../util/log.js';
import { installAuth, staticTokens } from './auth.js';
import { bootstrap, ensureServiceAccount } from './bootstrap.js';
import { ApiServerMetrics } from './metrics.js';
import type { apiserverFlags } from './options.js';
import { ensureServingCerts } from './pki/certificates.js';
import { writeKubeconfig } from './pki/kubeconfig.js';
import { ServiceAccountTokens } from './pki/service-account-tokens.js';
import { ensureToken } from './pki/tokens.js';
import { discoveryRoutes } from './routes/discovery.js';
import { healthRoutes } from './routes/health.js';
import { resourceRoutes } from './routes/resources.js';

/** ApiServerOptions are the apiserver flags plus the data dir. */
export type ApiServerOptions = FlagValues<typeof apiserverFlags> & { dataDir: string };

/** ApiServer is a running API server. */
export interface ApiServer {
  app: FastifyInstance;
  /** url is https://host:port, reachable from this machine. */
  url: string;
  kubeconfigPath: string;
  adminToken: string;
  caPem: string;
  close(): Promise<void>;
}

/** MAX_BODY_BYTES is kube-apiserver's request size limit (3 MiB). */
const MAX_BODY_BYTES = 3 * 1024 * 1024;

/** defaultAdvertiseAddress picks the first non-internal IPv4 address of this machine. */
export function defaultAdvertiseAddress(): string {
  for (const addrs of Object.values(networkInterfaces())) {
    for (const a of addrs ?? []) if (a.family === 'IPv4' && !a.internal) return a.address;
  }
  return '127.0.0.1';
}

/** startApiServer serves store on HTTPS; it writes DATA_DIR/kubeconfig and DATA_DIR/node-token. */
export async function startApiServer(opts: ApiServerOptions, rawStore: StorageBackend, logger: Logger): Promise<ApiServer> {
  const advertise = opts.advertiseAddress || defaultAdvertiseAddress();
  const metrics = new ApiServerMetrics();
  const store = instrumentBackend(rawStore, (operation, type) => metrics.storage.startTimer({ operation, type }));
  const registries = await RegistrySet.create(store, opts);
  const pki = join(opts.dataDir, 'pki');
  const certs = await ensureServingCerts(pki, { ips: [advertise, registries.services.nthIP(1)], dns: [] });
  const adminToken = ensureToken(join(pki, 'admin-token'));
  const nodeToken = ensureToken(join(opts.dataDir, 'node-token'));
  const saTokens = ServiceAccountTokens.load(join(pki, 'sa.key'));

  const app = Fastify({
    https: { cert: certs.cert, key: certs.key },
    bodyLimit: MAX_BODY_BYTES,
    logger: false,
    forceCloseConnections: true,
    return503OnClosing: false,
    // A URL fastify cannot decode (a bad %-escape) is answered before any hook or handler runs;
    // without this it would be fastify's own JSON rather than a Status.
    frameworkErrors: (err, _req, reply) => {
      const status = toStatus(err);
      void (reply as FastifyReply).code(status.code).type('application/json').send(status.toStatus());
    },
  });
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'buffer' }, (_req, body, done) => done(null, body));
  installAuth(app, (token) =>
    staticTokens([
      { token: adminToken, user: { name: 'admin', groups: ['system:masters', 'system:authenticated'] } },
      { token: nodeToken, user: { name: 'system:node-bootstrap', groups: ['system:nodes', 'system:authenticated'] } },
    ])(token) ?? saTokens.verify(token),
  );
  app.setErrorHandler((err, req, reply) => {
    const status = toStatus(err);
    if (status.code >= 500) logger.error({ err, method: req.method, url: req.url }, 'request failed');
    void reply.code(status.code).type('application/json').send(status.toStatus());
  });
  app.setNotFoundHandler((_req, reply) => {
    void reply.code(404).type('application/json').send(new StatusError(404, 'NotFound', 'the server could not find the requested resource').toStatus());
  });
  await app.register(healthRoutes, { checks: [{ name: 'ping', check: () => true }, { name: 'etcd', check: () => rawStore.currentRevision() >= 0 }] });
  await app.register(discoveryRoutes);
  await app.register((await import('./openapi/routes.js')).openApiRoutes);
  await app.register(resourceRoutes, { registries, metrics, minRequestTimeoutMs: opts.minRequestTimeout, bookmarkIntervalMs: opts.watchBookmarkInterval });
  app.get('/metrics', async (_req, reply) => reply.type(metrics.registry.contentType).send(await metrics.registry.metrics()));

  // A new namespace gets its default ServiceAccount, whose token needs the keys made above.
  registries.namespaces().strategy.afterCreate = (ns) => ensureServiceAccount(registries, ns.metadata?.name ?? '', { caPem: certs.caCert, tokens: saTokens });
  const stopping = new AbortController();
  startEventExpiry(registries.get('', 'events') as Registry, opts.eventTtl, stopping.signal, (err) => logger.warn({ err }, 'event expiry sweep failed'));
  await app.listen({ host: opts.bindAddress, port: opts.securePort });
  const port = (app.server.address() as { port: number }).port;
  await bootstrap(registries, { advertiseAddress: advertise, port, caPem: certs.caCert, tokens: saTokens });
  const host = opts.bindAddress === '0.0.0.0' || opts.bindAddress === '::' ? '127.0.0.1' : opts.bindAddress;
  const url = `https://${host.includes(':') ? `[${host}]` : host}:${port}`;
  const kubeconfigPath = join(opts.dataDir, 'kubeconfig');
  writeKubeconfig(kubeconfigPath, url, certs.caCert, adminToken);
  logger.info({ url, kubeconfig: kubeconfigPath }, 'apiserver serving');
  return {
    app,
    url,
    kubeconfigPath,
    adminToken,
    caPem: certs.caCert,
    close: async () => {
      stopping.abort();
      await app.close();
    },
  };
}

// Errors from fastify itself (body too large, bad content) become the Statuses Kubernetes uses.
function toStatus(err: unknown): StatusError {
  if (err instanceof StatusError) return err;
  const e = err as { code?: string; statusCode?: number; message?: string };
  if (e.code === 'FST_ERR_CTP_BODY_TOO_LARGE') return errors.tooLarge('Request entity too large: limit is 3145728');
  if (e.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') return errors.unsupportedMediaType(e.message ?? 'unsupported media type');
  if (typeof e.statusCode === 'number' && e.statusCode >= 400 && e.statusCode < 500) return new StatusError(e.statusCode, 'BadRequest', e.message ?? 'bad request');
  return errors.internal(e.message ?? String(err));
}
