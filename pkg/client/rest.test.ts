// The REST client's resilience: 429/Retry-After honoured, refused connections retried with
// backoff, Status errors surfaced as ApiError with the server's reason.
import { createServer, type Server } from 'node:http';
import t from 'tap';
import { ApiError, RestClient } from './rest.js';

function serve(handler: (n: number) => { status: number; body: unknown; headers?: Record<string, string> }): Promise<{ server: Server; url: string; calls: () => number }> {
  let n = 0;
  const server = createServer((_req, res) => {
    const r = handler(n++);
    res.writeHead(r.status, { 'Content-Type': 'application/json', ...r.headers }).end(JSON.stringify(r.body));
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({ server, url: `http://127.0.0.1:${(server.address() as { port: number }).port}`, calls: () => n })));
}

t.test('429 with Retry-After is retried after the delay', async (t) => {
  const s = await serve((n) => (n === 0 ? { status: 429, body: { kind: 'Status', reason: 'TooManyRequests', message: 'slow down' }, headers: { 'Retry-After': '1' } } : { status: 200, body: { ok: true } }));
  t.teardown(() => s.server.close());
  const c = new RestClient({ server: s.url, namespace: 'default' });
  const started = Date.now();
  const r = await c.request<{ ok: boolean }>({ path: '/x' });
  t.same(r.body, { ok: true });
  t.equal(s.calls(), 2);
  t.ok(Date.now() - started >= 900, 'waited for Retry-After');
  c.close();
});

t.test('a refused connection is retried, then succeeds once the server is up', async (t) => {
  const probe = await serve(() => ({ status: 200, body: {} }));
  const url = probe.url;
  await new Promise<void>((r) => probe.server.close(() => r()));
  const c = new RestClient({ server: url, namespace: 'default' });
  const port = Number(new URL(url).port);
  const late = createServer((_req, res) => res.writeHead(200, { 'Content-Type': 'application/json' }).end('{"late":true}'));
  setTimeout(() => late.listen(port, '127.0.0.1'), 400);
  t.teardown(() => late.close());
  const r = await c.request<{ late: boolean }>({ method: 'POST', path: '/y', body: {} });
  t.same(r.body, { late: true }, 'a POST is retried too: a refused connection never reached the server');
  c.close();
});

t.test('errors carry the Status reason', async (t) => {
  const s = await serve(() => ({ status: 404, body: { kind: 'Status', apiVersion: 'v1', status: 'Failure', reason: 'NotFound', message: 'pods "x" not found', code: 404 } }));
  t.teardown(() => s.server.close());
  const c = new RestClient({ server: s.url, namespace: 'default' });
  const err = await c.request({ path: '/z' }).catch((e: unknown) => e);
  t.ok(err instanceof ApiError);
  t.match(err, { code: 404, reason: 'NotFound', message: 'pods "x" not found' });
  t.equal(s.calls(), 1, 'a 404 is not retried');
  c.close();
});
