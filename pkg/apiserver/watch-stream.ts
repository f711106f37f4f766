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
  /** bookmarkObject makes the object of a BOOKMARK event at the watch's position, or undefined when it has none yet. */
  bookmarkObject: () => Record<string, unknown> | undefined;
  onEvent?: () => void;
}

/** streamWatch writes events to res until they end, the timeout passes, or the client leaves. */
export async function streamWatch(res: ServerResponse, events: (signal: AbortSignal) => AsyncIterable<WatchEventObject>, opts: WatchStreamOptions): Promise<void> {
  const abort = new AbortController();
  const timer = setTimeout(() => abort.abort(), opts.timeoutMs);
  res.on('close', () => abort.abort());
  res.writeHead(200, { 'Content-Type': 'application/json', 'Cache-Control': 'no-cache, private', 'Transfer-Encoding': 'chunked' });
  res.flushHeaders();
  // write reports whether the socket wants more now; a slow client makes us wait for 'drain', so
  // its backlog stays in the store's bounded per-watcher queue instead of growing here.
  const write = (e: WatchEventObject): boolean => (res.destroyed ? true : res.write(lineOf(e)));
  const drained = (): Promise<void> => new Promise((resolve) => {
    const done = (): void => {
      res.off('drain', done);
      res.off('close', done);
      resolve();
    };
    res.on('drain', done);
    res.on('close', done);
  });
  const bookmark = (): void => {
    const object = opts.bookmarkObject();
    if (object) write({ type: 'BOOKMARK', object });
  };
  const bookmarks = opts.bookmarks ? setInterval(bookmark, opts.bookmarkIntervalMs) : undefined;
  try {
    for await (const e of events(abort.signal)) {
      if (!write(e)) await drained();
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

// Watchers of a resource share each event's object (the registry decodes it once for all of them),
// so its JSON is made once too; a filtered watch may report the same object as another type.
const lines = new WeakMap<object, { type: string; line: string }>();

function lineOf(e: WatchEventObject): string {
  const hit = lines.get(e.object);
  if (hit !== undefined && hit.type === e.type) return hit.line;
  const line = JSON.stringify(e) + '\n';
  lines.set(e.object, { type: e.type, line });
  return line;
}
