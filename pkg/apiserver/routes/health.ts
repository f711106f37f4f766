// /healthz, /livez, /readyz (with ?verbose like kube-apiserver) and /version: readable without a
// token, as Kubernetes' system:public-info-viewer role allows.
import type { FastifyInstance } from 'fastify';
import { VERSION } from '../../util/version.js';

/** HealthCheck is one named check; it throws or returns false when unhealthy. */
export type HealthCheck = { name: string; check: () => boolean | Promise<boolean> };

/** kubernetesVersion is the Kubernetes API level we follow (kubectl compares minor versions). */
export const KUBERNETES_VERSION = { major: '1', minor: '32', gitVersion: 'v1.32.0' };

/** healthRoutes registers the health and version endpoints. */
export async function healthRoutes(app: FastifyInstance, opts: { checks: HealthCheck[] }): Promise<void> {
  for (const path of ['/healthz', '/livez', '/readyz']) {
    app.get(path, async (req, reply) => {
      const results = await Promise.all(opts.checks.map(async (c) => [c.name, await Promise.resolve(c.check()).catch(() => false)] as const));
      const ok = results.every(([, r]) => r);
      reply.code(ok ? 200 : 500).type('text/plain; charset=utf-8');
      if ('verbose' in (req.query as object)) {
        return results.map(([n, r]) => `[${r ? '+' : '-'}]${n} ${r ? 'ok' : 'failed'}`).join('\n') + `\n${path.slice(1)} check ${ok ? 'passed' : 'failed'}\n`;
      }
      return ok ? 'ok' : `${path.slice(1)} check failed`;
    });
  }
  app.get('/version', async () => ({
    ...KUBERNETES_VERSION,
    gitVersion: `${KUBERNETES_VERSION.gitVersion}+kubelite.${VERSION.version}`,
    gitCommit: '',
    gitTreeState: 'clean',
    buildDate: '1970-01-01T00:00:00Z',
    goVersion: `node${process.versions.node}`,
    compiler: 'tsc',
    platform: `${process.platform}/${process.arch === 'x64' ? 'amd64' : process.arch}`,
  }));
}
