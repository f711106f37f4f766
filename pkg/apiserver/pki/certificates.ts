// Certificates for the API server: a cluster CA and a serving certificate it signs, made at first
// start under DATA_DIR/pki and reused afterwards. ECDSA P-256 through WebCrypto (@peculiar/x509
// builds the X.509 structures): fast to generate, and accepted by kubectl and client-go.
import { webcrypto } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import * as x509 from '@peculiar/x509';

x509.cryptoProvider.set(webcrypto as unknown as Parameters<typeof x509.cryptoProvider.set>[0]);

type KeyPair = webcrypto.CryptoKeyPair;

const ALG = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' } as const;
const TEN_YEARS_MS = 10 * 365 * 24 * 3600 * 1000;

/** ServingCerts are PEM texts for the HTTPS server and for clients to trust. */
export interface ServingCerts {
  caCert: string;
  cert: string;
  key: string;
}

/** ensureServingCerts returns the certificates under pkiDir, creating them when missing. */
export async function ensureServingCerts(pkiDir: string, extraSans: { ips: string[]; dns: string[] }): Promise<ServingCerts> {
  const paths = { caCert: join(pkiDir, 'ca.crt'), caKey: join(pkiDir, 'ca.key'), cert: join(pkiDir, 'apiserver.crt'), key: join(pkiDir, 'apiserver.key') };
  if (Object.values(paths).every((p) => existsSync(p))) {
    return { caCert: readFileSync(paths.caCert, 'utf8'), cert: readFileSync(paths.cert, 'utf8'), key: readFileSync(paths.key, 'utf8') };
  }
  mkdirSync(pkiDir, { recursive: true, mode: 0o700 });
  const now = new Date(Date.now() - 60_000); // tolerate small clock skew between nodes
  const notAfter = new Date(now.getTime() + TEN_YEARS_MS);

  const caKeys = (await webcrypto.subtle.generateKey(ALG, true, ['sign', 'verify'])) as KeyPair;
  const caCert = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: serial(),
    name: 'CN=kubelite-ca',
    notBefore: now,
    notAfter,
    keys: caKeys,
    signingAlgorithm: ALG,
    extensions: [
      new x509.BasicConstraintsExtension(true, undefined, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign | x509.KeyUsageFlags.digitalSignature, true),
      await x509.SubjectKeyIdentifierExtension.create(caKeys.publicKey),
    ],
  });

  const keys = (await webcrypto.subtle.generateKey(ALG, true, ['sign', 'verify'])) as KeyPair;
  const dns = ['localhost', 'kubernetes', 'kubernetes.default', 'kubernetes.default.svc', 'kubernetes.default.svc.cluster.local', hostname(), ...extraSans.dns];
  const ips = ['127.0.0.1', '::1', ...extraSans.ips];
  const cert = await x509.X509CertificateGenerator.create({
    serialNumber: serial(),
    subject: 'CN=kube-apiserver',
    issuer: caCert.subject,
    notBefore: now,
    notAfter,
    publicKey: keys.publicKey,
    signingKey: caKeys.privateKey,
    signingAlgorithm: ALG,
    extensions: [
      new x509.BasicConstraintsExtension(false, undefined, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.keyEncipherment, true),
      new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.serverAuth]),
      new x509.SubjectAlternativeNameExtension([
        ...[...new Set(dns)].map((value): x509.JsonGeneralName => ({ type: 'dns', value })),
        ...[...new Set(ips)].map((value): x509.JsonGeneralName => ({ type: 'ip', value })),
      ]),
      await x509.AuthorityKeyIdentifierExtension.create(caCert),
    ],
  });

  const out: ServingCerts = { caCert: caCert.toString('pem'), cert: cert.toString('pem'), key: await pemKey(keys.privateKey) };
  writeFileSync(paths.caKey, await pemKey(caKeys.privateKey), { mode: 0o600 });
  writeFileSync(paths.key, out.key, { mode: 0o600 });
  writeFileSync(paths.cert, out.cert);
  writeFileSync(paths.caCert, out.caCert); // last: its presence with the others means a complete set
  return out;
}

async function pemKey(key: webcrypto.CryptoKey): Promise<string> {
  const der = Buffer.from(await webcrypto.subtle.exportKey('pkcs8', key));
  return `-----BEGIN PRIVATE KEY-----\n${der.toString('base64').replace(/.{64}/g, '$&\n').replace(/\n$/, '')}\n-----END PRIVATE KEY-----\n`;
}

function serial(): string {
  return Buffer.from(webcrypto.getRandomValues(new Uint8Array(16))).toString('hex').replace(/^[89a-f]/, '1');
}
