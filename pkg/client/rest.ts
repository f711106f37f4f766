// The REST client every role and kctl use: HTTPS with keep-alive, the kubeconfig's CA and
// credentials, Kubernetes Status errors as ApiError, retries with backoff on connection failures,
// and 429/Retry-After honoured.
import { Agent, request as httpsRequest } from 'node:https';
import { request as httpRequest, Agent as HttpAgent, type IncomingMessage } from 'node:http';
import type { ClientConfig } from './kubeconfig.js';

/** ApiError is a failed request: the server's Status when it sent one. */
export class ApiError extends Error {
  override name = 'ApiError';
  constructor(
    readonly code: number,
    readonly reason: string,
    message: string,
    readonly status?: Record<string, unknown>,
  ) {
    super(message);
  }
}

/** isApiError narrows to ApiError, optionally with a reason (NotFound, Conflict, ...). */
export function isApiError(err: unknown, reason?: string): err is ApiError {
  return err instanceof ApiError && (reason === undefined || err.reason === reason);
}

/** RequestOptions describe one call. */
export interface RequestOptions {
  method?: string;
  path: string;
  query?: Record<string, string | number | boolean | undefined>;
  body?: unknown;
  contentType?: string;
  accept?: string;
  signal?: AbortSignal;
  /** retries caps attempts on connection errors and 429s (default 5). */
  retries?: number;
}

/** Response is a decoded answer. */
export interface Response<T> {
  status: number;
  headers: IncomingMessage['headers'];
  body: T;
}

const RETRYABLE = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EAI_AGAIN', 'EHOSTUNREACH']);

/** RestClient talks to one API server. */
export class RestClient {
  private readonly url: URL;
  private readonly agent: Agent | HttpAgent;

  constructor(readonly config: ClientConfig, private readonly userAgent = 'kubelite') {
    this.url = new URL(config.server);
    this.agent =
      this.url.protocol === 'https:'
        ? new Agent({ keepAlive: true, maxSockets: 64, ca: config.ca, cert: config.clientCert, key: config.clientKey, rejectUnauthorized: !config.insecureSkipTLSVerify })
        : new HttpAgent({ keepAlive: true, maxSockets: 64 });
  }

  /** request sends a call and decodes the JSON answer; non-2xx answers throw ApiError. */
  async request<T = unknown>(opts: RequestOptions): Promise<Response<T>> {
    const attempts = opts.retries ?? 5;
    for (let attempt = 0; ; attempt++) {
      try {
        const res = await this.send(opts);
        const text = await readBody(res);
        if ((res.statusCode === 429 || res.statusCode === 503) && attempt + 1 < attempts && res.headers['retry-after']) {
          await sleep(Math.min(Number(res.headers['retry-after']) || 1, 30) * 1000, opts.signal);
          continue;
        }
        if ((res.statusCode ?? 0) >= 400) throw toApiError(res.statusCode ?? 0, text);
        return { status: res.statusCode ?? 0, headers: res.headers, body: (text === '' ? undefined : parseJson(text)) as T };
      } catch (err) {
        const code = (err as { code?: string }).code ?? '';
        // A refused connection never reached the server, so any verb may be retried; other
        // connection failures only for reads, which are safe to repeat.
        const safe = code === 'ECONNREFUSED' || (opts.method ?? 'GET') === 'GET';
        if (!RETRYABLE.has(code) || !safe || attempt + 1 >= attempts || opts.signal?.aborted) throw err;
        await sleep(Math.min(250 * 2 ** attempt, 5000), opts.signal);
      }
    }
  }

  /** stream opens a long request (watch, logs) and returns the raw response once headers arrive. */
  async stream(opts: RequestOptions): Promise<IncomingMessage> {
    const res = await this.send(opts);
    if ((res.statusCode ?? 0) >= 400) throw toApiError(res.statusCode ?? 0, await readBody(res));
    return res;
  }

  /** close drops pooled connections. */
  close(): void {
    this.agent.destroy();
  }

  private send(opts: RequestOptions): Promise<IncomingMessage> {
    const path = this.url.pathname.replace(/\/$/, '') + opts.path + queryString(opts.query);
    const payload = opts.body === undefined ? undefined : typeof opts.body === 'string' || Buffer.isBuffer(opts.body) ? opts.body : JSON.stringify(opts.body);
    const headers: Record<string, string> = { Accept: opts.accept ?? 'application/json', 'User-Agent': this.userAgent };
    if (this.config.token) headers['Authorization'] = `Bearer ${this.config.token}`;
    if (payload !== undefined) {
      headers['Content-Type'] = opts.contentType ?? 'application/json';
      headers['Content-Length'] = String(Buffer.byteLength(payload));
    }
    const send = this.url.protocol === 'https:' ? httpsRequest : httpRequest;
    return new Promise((resolve, reject) => {
      const req = send({ host: this.url.hostname, port: this.url.port, path, method: opts.method ?? 'GET', headers, agent: this.agent, signal: opts.signal }, resolve);
      req.on('error', reject);
      if (payload !== undefined) req.write(payload);
      req.end();
    });
  }
}

function queryString(q: RequestOptions['query']): string {
  if (!q) return '';
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(q)) if (v !== undefined && v !== '') params.set(k, String(v));
  const s = params.toString();
  return s ? `?${s}` : '';
}

function readBody(res: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    res.on('data', (c: Buffer) => chunks.push(c));
    res.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    res.on('error', reject);
  });
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** toApiError turns an error response into an ApiError, keeping the Status when there is one. */
export function toApiError(code: number, text: string): ApiError {
  const body = parseJson(text);
  if (typeof body === 'object' && body !== null && (body as { kind?: string }).kind === 'Status') {
    const s = body as { reason?: string; message?: string };
    return new ApiError(code, s.reason ?? '', s.message ?? `the server responded with ${code}`, body as Record<string, unknown>);
  }
  return new ApiError(code, code === 401 ? 'Unauthorized' : code === 404 ? 'NotFound' : '', typeof body === 'string' && body ? body.slice(0, 200) : `the server responded with ${code}`);
}

/** sleep waits ms, or less when signal aborts. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener('abort', () => {
      clearTimeout(timer);
      resolve();
    }, { once: true });
  });
}
