// An in-process API server on a random loopback port over a temp LevelDB, for integration tests,
// with a tiny HTTPS client that carries the admin token and trusts the cluster CA.
import { mkdtempSync, rmSync } from 'node:fs';
import { Agent, request } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { apiserverFlags } from '../../pkg/apiserver/options.js';
import { startApiServer, type ApiServer } from '../../pkg/apiserver/server.js';
import { LevelStore } from '../../pkg/storage/level/store.js';
import { defaults } from './flag-defaults.js';

/** TestApi is a running server plus a client for it. */
export interface TestApi {
  server: ApiServer;
  dataDir: string;
  /** call sends one request; body objects are sent as JSON unless contentType says otherwise. */
  call: (method: string, path: string, body?: unknown, opts?: { token?: string | null; contentType?: string; accept?: string }) => Promise<{ status: number; body: any; text: string; headers: Record<string, unknown> }>;
  /** stream opens a watch and collects its newline-delimited events. */
  stream: (path: string) => { events: any[]; close: () => void; waitFor: (n: number, timeoutMs?: number) => Promise<any[]> };
  close: () => Promise<void>;
}

/** startTestApi starts the server; close() stops it and removes its data. */
export async function startTestApi(overrides: Record<string, unknown> = {}): Promise<TestApi> {
  const dataDir = mkdtempSync(join(tmpdir(), 'kubelite-api-'));
  const compactionInterval = typeof overrides['storageCompactionInterval'] === 'number' ? overrides['storageCompactionInterval'] : 0;
  const store = await LevelStore.open(join(dataDir, 'store'), { compactionInterval });
  const server = await startApiServer({ ...defaults(apiserverFlags), dataDir, securePort: 0, bindAddress: '127.0.0.1', ...overrides }, store, pino({ level: 'silent' }));
  const agent = new Agent({ ca: server.caPem, keepAlive: true });
  const url = new URL(server.url);
  const headersFor = (token: string | null | undefined, extra: Record<string, string>): Record<string, string> => {
    const h: Record<string, string> = { ...extra };
    if (token !== null) h['Authorization'] = `Bearer ${token ?? server.adminToken}`;
    return h;
  };
  const call: TestApi['call'] = (method, path, body, opts = {}) =>
    new Promise((resolve, reject) => {
      const payload = body === undefined ? undefined : typeof body === 'string' || Buffer.isBuffer(body) ? body : JSON.stringify(body);
      const req = request({ host: url.hostname, port: url.port, path, method, agent, headers: headersFor(opts.token, { ...(payload !== undefined ? { 'Content-Type': opts.contentType ?? 'application/json', 'Content-Length': String(Buffer.byteLength(payload)) } : {}), Accept: opts.accept ?? 'application/json' }) }, (res) => {
        let text = '';
        res.on('data', (c: Buffer) => (text += c.toString()));
        res.on('end', () => {
          let parsed: unknown;
          try {
            parsed = JSON.parse(text);
          } catch {
            parsed = undefined;
          }
          resolve({ status: res.statusCode ?? 0, body: parsed, text, headers: res.headers });
        });
      });
      req.on('error', reject);
      if (payload !== undefined) req.write(payload);
      req.end();
    });
  const stream: TestApi['stream'] = (path) => {
    const events: any[] = [];
    let buf = '';
    const waiters = new Set<() => void>();
    const req = request({ host: url.hostname, port: url.port, path, method: 'GET', agent: new Agent({ ca: server.caPem }), headers: headersFor(undefined, { Accept: 'application/json' }) }, (res) => {
      res.on('data', (c: Buffer) => {
        buf += c.toString();
        let i;
        while ((i = buf.indexOf('\n')) >= 0) {
          events.push(JSON.parse(buf.slice(0, i)));
          buf = buf.slice(i + 1);
        }
        waiters.forEach((w) => w());
      });
    });
    req.on('error', () => undefined);
    req.end();
    return {
      events,
      close: () => req.destroy(),
      waitFor: (n, timeoutMs = 5000) =>
        new Promise((resolve, reject) => {
          const check = (): void => {
            if (events.length >= n) {
              waiters.delete(check);
              clearTimeout(timer);
              resolve(events.slice(0, n));
            }
          };
          const timer = setTimeout(() => {
            waiters.delete(check);
            reject(new Error(`got ${events.length} of ${n} watch events: ${JSON.stringify(events.map((e) => [e.type, e.object?.metadata?.name]))}`));
          }, timeoutMs);
          waiters.add(check);
          check();
        }),
    };
  };
  return {
    server,
    dataDir,
    call,
    stream,
    close: async () => {
      agent.destroy();
      await server.close();
      await store.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
