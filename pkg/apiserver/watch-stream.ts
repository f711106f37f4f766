// Streams a watch as newline-delimited JSON events over a chunked response, as kube-apiserver
// does: bookmarks when asked, an ERROR event carrying a Status when the watch cannot go on (e.g.
// 410 Expired), and a clean end at the timeout or when the client goes away.
import type { ServerResponse } from 'node:http';
import { StatusError, errors } from '../../api/status.js';
import type { WatchEventObject } from '../registry/generic/list-watch.js';

/** WatchStreamOptions tune one watch response. */
export interface WatchStreamOptions {
  timeoutMs: number;
  bookmarks: boolean;
  bookmarkIntervalMs: number;
  /** bookmarkObject makes the object of a BOOKMARK event at the current revision. */
  bookmarkObject: () => Record<string, unknown>;
  onEvent?: () => void;
}

/** streamWatch writes events to res until they end, the timeout passes, or the client leaves. */
export async function streamWatch(res: ServerResponse, events: (signal: AbortSignal) => AsyncIterable<WatchEventObject>, opts: WatchStreamOptions): Promise<void> {
  const abort = new AbortController();
  const timer = setTimeout(() => abort.abort(), opts.timeoutMs);
  res.on('close', () => abort.abort());
  res.writeHead(200, { 'Content-Type': 'application/json', 'Cache-Control': 'no-cache, private', 'Transfer-Encoding': 'chunked' });
  res.flushHeaders();
  const write = (e: WatchEventObject): void => {
    if (!res.destroyed) res.write(JSON.stringify(e) + '\n');
  };
  const bookmarks = opts.bookmarks ? setInterval(() => write({ type: 'BOOKMARK', object: opts.bookmarkObject() }), opts.bookmarkIntervalMs) : undefined;
  try {
    for await (const e of events(abort.signal)) {
      write(e);
      opts.onEvent?.();
    }
  } catch (err) {
    if (!abort.signal.aborted) {
      const status = err instanceof StatusError ? err : errors.internal((err as Error).message);
      write({ type: 'ERROR', object: status.toStatus() as unknown as Record<string, unknown> });
    }
  } finally {
    clearTimeout(timer);
    if (bookmarks) clearInterval(bookmarks);
    abort.abort();
    if (!res.destroyed) res.end();
  }
}
