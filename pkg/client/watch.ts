// Decodes a watch response (newline-delimited JSON events) into an async stream. An ERROR event
// carries a Status; it ends the stream as an ApiError (410 Expired means: relist).
import type { KubeObject } from '../../api/meta/object.js';
import { ApiError, type RequestOptions, type RestClient } from './rest.js';

/** WatchEvent is one decoded event. BOOKMARK objects carry only a resourceVersion. */
export interface WatchEvent<T extends KubeObject = KubeObject> {
  type: 'ADDED' | 'MODIFIED' | 'DELETED' | 'BOOKMARK';
  object: T;
}

/** watchEvents opens one watch and yields its events until the server or signal ends it. */
export async function* watchEvents<T extends KubeObject = KubeObject>(rest: RestClient, opts: RequestOptions & { signal: AbortSignal }): AsyncGenerator<WatchEvent<T>> {
  const res = await rest.stream({ ...opts, query: { ...opts.query, watch: 'true' } });
  const abort = (): void => void res.destroy();
  opts.signal.addEventListener('abort', abort, { once: true });
  let buf = '';
  try {
    for await (const chunk of res) {
      buf += (chunk as Buffer).toString('utf8');
      let nl: number;
      while ((nl = buf.indexOf('\n')) >= 0) {
        const line = buf.slice(0, nl).trim();
        buf = buf.slice(nl + 1);
        if (line === '') continue;
        const event = JSON.parse(line) as { type: string; object: Record<string, unknown> };
        if (event.type === 'ERROR') {
          const s = event.object as { code?: number; reason?: string; message?: string };
          throw new ApiError(s.code ?? 500, s.reason ?? '', s.message ?? 'watch error', event.object);
        }
        yield event as unknown as WatchEvent<T>;
      }
    }
  } catch (err) {
    if (!opts.signal.aborted) throw err;
  } finally {
    opts.signal.removeEventListener('abort', abort);
    res.destroy();
  }
}
