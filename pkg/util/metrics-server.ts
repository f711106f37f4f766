// A role's own /metrics and /healthz endpoint (plain HTTP, loopback by default), for roles run
// standalone; in `kubelite server` the API server's port is not used for other roles' metrics.
import { createServer, type Server } from 'node:http';
import type { Registry } from 'prom-client';

/** serveMetrics listens on "host:port" and serves registry until signal aborts; resolves with the bound address. */
export function serveMetrics(address: string, registry: Registry, signal: AbortSignal): Promise<{ url: string; server: Server }> {
  const i = address.lastIndexOf(':');
  const host = address.slice(0, i) || '127.0.0.1';
  const port = Number(address.slice(i + 1) || 0);
  const server = createServer((req, res) => {
    if (req.url === '/healthz' || req.url === '/readyz' || req.url === '/livez') {
      res.writeHead(200, { 'Content-Type': 'text/plain' }).end('ok');
      return;
    }
    if (req.url !== '/metrics') {
      res.writeHead(404).end();
      return;
    }
    registry.metrics().then(
      (text) => res.writeHead(200, { 'Content-Type': registry.contentType }).end(text),
      (err: Error) => res.writeHead(500).end(err.message),
    );
  });
  signal.addEventListener('abort', () => server.close(), { once: true });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      const a = server.address() as { port: number };
      resolve({ url: `http://${host}:${a.port}`, server });
    });
  });
}
