// Continue tokens for paginated lists: the last key returned and the revision of the first page,
// opaque to clients (base64 JSON, like the apiserver's), checked on the way back in.
import { StorageError } from '../errors.js';

/** encodeContinue makes the token for the page after `after`, at `revision`. */
export function encodeContinue(prefix: string, after: string, revision: number): string {
  return Buffer.from(JSON.stringify({ v: 1, k: after.slice(prefix.length), r: revision })).toString('base64url');
}

/** decodeContinue parses a token for prefix, or throws InvalidContinue. */
export function decodeContinue(token: string, prefix: string): { after: string; revision: number } {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
  } catch {
    parsed = undefined;
  }
  const t = parsed as { v?: unknown; k?: unknown; r?: unknown } | undefined;
  if (!t || t.v !== 1 || typeof t.k !== 'string' || !Number.isSafeInteger(t.r) || (t.r as number) <= 0) {
    throw new StorageError('InvalidContinue', 'continue token is not valid for this list', prefix);
  }
  return { after: prefix + t.k, revision: t.r as number };
}
