// A minimal HTTPS client for talking to the API server in tests and benchmarks: keep-alive
// connections, the cluster CA trusted, the bearer token attached, raw bodies sent as given (so
// malformed ones reach the server byte for byte), and every request bounded by a timeout.
import type { IncomingHttpHeaders } from 'node:http';
import { Agent, request } from 'node:https';

/** ClientOptions say where the server is and how to authenticate. */
export interface ClientOptions {
  url: string;
  caPem: string;
  token: string;
  /** maxSockets bounds concurrent connections (default: unbounded, one per in-flight request). */
  maxSockets?: number;
  timeoutMs?: number;
}

/** SendOptions describe one request; token null sends no Authorization header. */
export interface SendOptions {
  body?: string | Buffer;
  contentType?: string;
  token?: string | null;
  headers?: Record<string, string>;
  timeoutMs?: number;
}

/** Reply is a whole response. */
export interface Reply {
  status: number;
  headers: IncomingHttpHeaders;
  text: string;
}

/** WatchStream is an open streaming GET; lines arrive through the callback given to watch(). */
export interface WatchStream {
  /** ready resolves with the status once the response headers arrive. */
  ready: Promise<number>;
  close(): void;
}

/** ApiClient sends requests over a pool of keep-alive TLS connections. */
export class ApiClient {
  readonly agent: Agent;
  private readonly host: string;
  private readonly port: number;

  constructor(private readonly opts: ClientOptions) {
    const u = new URL(opts.url);
    this.host = u.hostname.replace(/^\[|\]$/g, '');
    this.port = Number(u.port);
    this.agent = new Agent({ ca: opts.caPem, keepAlive: true, maxSockets: opts.maxSockets ?? Infinity, scheduling: 'lifo' });
  }

  private headers(o: SendOptions): Record<string, string> {
    const h: Record<string, string> = { Accept: 'application/json', ...o.headers };
    const token = o.token === undefined ? this.opts.token : o.token;
    if (token !== null) h['Authorization'] = `Bearer ${token}`;
    if (o.body !== undefined) {
      h['Content-Length'] = String(Buffer.byteLength(o.body));
      if (o.contentType !== undefined) h['Content-Type'] = o.contentType;
    }
    return h;
  }

  /** send resolves with the whole response, or rejects on a network error or timeout. */
  send(method: string, path: string, o: SendOptions = {}): Promise<Reply> {
    const timeoutMs = o.timeoutMs ?? this.opts.timeoutMs ?? 30_000;
    return new Promise((resolve, reject) => {
      const req = request({ host: this.host, port: this.port, method, path, agent: this.agent, headers: this.headers(o) }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          clearTimeout(timer);
          resolve({ status: res.statusCode ?? 0, headers: res.headers, text: Buffer.concat(chunks).toString('utf8') });
        });
        res.on('error', fail);
      });
      const timer = setTimeout(() => req.destroy(new Error(`no complete response within ${timeoutMs} ms`)), timeoutMs);
      function fail(err: Error): void {
        clearTimeout(timer);
        reject(err);
      }
      req.on('error', fail);
      req.end(o.body);
    });
  }

  /** json sends a JSON body (when given) and parses the reply, throwing on a non-2xx status. */
  async json<T>(method: string, path: string, body?: unknown): Promise<T> {
    const r = await this.send(method, path, body === undefined ? {} : { body: JSON.stringify(body), contentType: 'application/json' });
    if (r.status < 200 || r.status > 299) throw new Error(`${method} ${path}: ${r.status} ${r.text.slice(0, 500)}`);
    return JSON.parse(r.text) as T;
  }

  /** watch opens a streaming GET on its own connection and calls onLine for each line. */
  watch(path: string, onLine: (line: string) => void): WatchStream {
    let settle: (status: number) => void = () => undefined;
    let fail: (err: Error) => void = () => undefined;
    const ready = new Promise<number>((resolve, reject) => {
      settle = resolve;
      fail = reject;
    });
    const req = request({ host: this.host, port: this.port, method: 'GET', path, agent: false, ca: this.opts.caPem, headers: this.headers({}) }, (res) => {
      settle(res.statusCode ?? 0);
      let buf = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        buf += chunk;
        for (let i = buf.indexOf('\n'); i >= 0; i = buf.indexOf('\n')) {
          onLine(buf.slice(0, i));
          buf = buf.slice(i + 1);
        }
      });
      res.on('error', () => undefined);
    });
    req.on('error', (err) => fail(err));
    req.end();
    return { ready, close: () => req.destroy() };
  }

  close(): void {
    this.agent.destroy();
  }
}
