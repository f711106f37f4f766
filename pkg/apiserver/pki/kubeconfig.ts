// The admin kubeconfig written at DATA_DIR/kubeconfig: the same file serves kctl and kubectl.
import { writeFileSync } from 'node:fs';
import { stringify } from 'yaml';

/** writeKubeconfig writes a kubeconfig for server with the CA inline and a bearer token. */
export function writeKubeconfig(path: string, server: string, caPem: string, token: string, user = 'admin'): void {
  const config = {
    apiVersion: 'v1',
    kind: 'Config',
    clusters: [{ name: 'kubelite', cluster: { server, 'certificate-authority-data': Buffer.from(caPem).toString('base64') } }],
    users: [{ name: user, user: { token } }],
    contexts: [{ name: 'kubelite', context: { cluster: 'kubelite', user, namespace: 'default' } }],
    'current-context': 'kubelite',
    preferences: {},
  };
  writeFileSync(path, stringify(config), { mode: 0o600 });
}
