// ServiceAccount tokens: `<base64url(namespace:name)>.<HMAC-SHA256>` under a key kept in
// DATA_DIR/pki/sa.key. Verifiable without a lookup (as Kubernetes' signed JWTs are), so a pod's
// token works from the moment its Secret exists.
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import type { UserInfo } from '../auth.js';

/** ServiceAccountTokens signs and verifies ServiceAccount tokens. */
export class ServiceAccountTokens {
  private constructor(private readonly key: Buffer) {}

  /** load reads the signing key at path, creating it when missing. */
  static load(path: string): ServiceAccountTokens {
    if (!existsSync(path)) writeFileSync(path, randomBytes(32).toString('hex') + '\n', { mode: 0o600 });
    return new ServiceAccountTokens(Buffer.from(readFileSync(path, 'utf8').trim(), 'hex'));
  }

  /** sign makes the token of namespace/name. */
  sign(namespace: string, name: string): string {
    const subject = Buffer.from(`${namespace}:${name}`).toString('base64url');
    return `kls.${subject}.${this.mac(subject)}`;
  }

  /** verify returns the ServiceAccount user of a valid token. */
  verify(token: string): UserInfo | undefined {
    const [prefix, subject, mac] = token.split('.');
    if (prefix !== 'kls' || !subject || !mac) return undefined;
    const want = Buffer.from(this.mac(subject));
    const got = Buffer.from(mac);
    if (want.length !== got.length || !timingSafeEqual(want, got)) return undefined;
    const [namespace, name] = Buffer.from(subject, 'base64url').toString('utf8').split(':');
    return { name: `system:serviceaccount:${namespace}:${name}`, groups: ['system:serviceaccounts', `system:serviceaccounts:${namespace}`, 'system:authenticated'] };
  }

  private mac(subject: string): string {
    return createHmac('sha256', this.key).update(subject).digest('base64url');
  }
}
