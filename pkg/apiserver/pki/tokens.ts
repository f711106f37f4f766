// Bearer tokens: the admin token (in DATA_DIR/kubeconfig) and the node join token
// (DATA_DIR/node-token), made at first start, kept as files readable only by the owner.
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';

/** ensureToken returns the token stored in path, creating a random one when missing. */
export function ensureToken(path: string): string {
  if (existsSync(path)) {
    const t = readFileSync(path, 'utf8').trim();
    if (t.length >= 16) return t;
  }
  const token = randomBytes(24).toString('base64url');
  writeFileSync(path, token + '\n', { mode: 0o600 });
  return token;
}
