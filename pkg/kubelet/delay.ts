// Waiting inside the kubelet's long-running loops.

/**
 * delay waits ms, or less when signal aborts; it never rejects. Unlike pkg/client's sleep it
 * removes its abort listener, which matters in loops that wait every second for days.
 */
export function delay(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const done = (): void => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal?.addEventListener('abort', done, { once: true });
  });
}
