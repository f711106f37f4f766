// The one error the object codec throws, so the store can report a corrupt value as such instead of
// surfacing whatever protobufjs or JSON.parse happened to throw.

/** CodecError reports bytes that are not a stored object, or a value that cannot be encoded. */
export class CodecError extends Error {
  override name = 'CodecError';
}

/** codecError wraps a lower-level failure, keeping it as the cause. */
export function codecError(what: string, err: unknown): CodecError {
  if (err instanceof CodecError) return err;
  const detail = err instanceof Error ? err.message : String(err);
  return new CodecError(`${what}: ${detail}`, { cause: err });
}
