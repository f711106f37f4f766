// What exists from the start, as in Kubernetes: the default, kube-system and kube-public
// namespaces, the `kubernetes` service (ClusterIP .1) with endpoints at this API server, and a
// `default` ServiceAccount with a token Secret in every namespace. Idempotent: run at every start.
import type { KubeObject } from '../../api/meta/object.js';
import { StatusError } from '../../api/status.js';
import type { Registry } from '../registry/generic/registry.js';
import type { RegistrySet } from '../registry/registry-set.js';
import type { ServiceAccountTokens } from './pki/service-account-tokens.js';

/** BootstrapOptions say where the API server can be reached and how to sign tokens. */
export interface BootstrapOptions {
  advertiseAddress: string;
  port: number;
  caPem: string;
  tokens: ServiceAccountTokens;
}

const exists = (err: unknown): boolean => err instanceof StatusError && (err.reason === 'AlreadyExists' || err.reason === 'Conflict');

// Look before creating: on a restart the objects exist, and a create would first trip over
// allocations they already hold (the kubernetes service's .1) rather than report AlreadyExists.
async function ensure(reg: Registry, namespace: string | undefined, obj: KubeObject): Promise<void> {
  const name = obj.metadata?.name ?? '';
  if (await reg.get(reg.info.namespaced ? namespace : undefined, name).then(() => true, () => false)) return;
  await reg.create(namespace, obj).catch((err: unknown) => {
    if (!exists(err)) throw err;
  });
}

/** ensureServiceAccount gives a namespace its default ServiceAccount and token Secret. */
export async function ensureServiceAccount(regs: RegistrySet, namespace: string, opts: Pick<BootstrapOptions, 'caPem' | 'tokens'>): Promise<void> {
  const b64 = (s: string): string => Buffer.from(s).toString('base64');
  await ensure(regs.get('', 'serviceaccounts') as Registry, namespace, { metadata: { name: 'default' } });
  await ensure(regs.get('', 'secrets') as Registry, namespace, {
    metadata: { name: 'default-token', annotations: { 'kubernetes.io/service-account.name': 'default' } },
    type: 'kubernetes.io/service-account-token',
    data: { token: b64(opts.tokens.sign(namespace, 'default')), 'ca.crt': b64(opts.caPem), namespace: b64(namespace) },
  });
}

/** bootstrap creates the objects every cluster starts with. */
export async function bootstrap(regs: RegistrySet, opts: BootstrapOptions): Promise<void> {
  const namespaces = regs.get('', 'namespaces') as Registry;
  for (const name of ['default', 'kube-system', 'kube-public', 'kube-node-lease']) {
    await ensure(namespaces, undefined, { metadata: { name } });
    await ensureServiceAccount(regs, name, opts);
  }
  const services = regs.get('', 'services') as Registry;
  await ensure(services, 'default', {
    metadata: { name: 'kubernetes', labels: { component: 'apiserver', provider: 'kubernetes' } },
    spec: { clusterIP: regs.services.nthIP(1), ports: [{ name: 'https', port: 443, protocol: 'TCP', targetPort: opts.port }], sessionAffinity: 'None', type: 'ClusterIP' },
  });
  // The endpoints follow this server's address, which may change between starts. Endpoints may
  // not point at loopback (pods could not reach it), so a loopback-only machine gets none.
  if (opts.advertiseAddress.startsWith('127.') || opts.advertiseAddress === '::1') return;
  const endpoints = regs.get('', 'endpoints') as Registry;
  const subsets = [{ addresses: [{ ip: opts.advertiseAddress }], ports: [{ name: 'https', port: opts.port, protocol: 'TCP' }] }];
  await endpoints.update('default', 'kubernetes', { metadata: { name: 'kubernetes' }, subsets }).catch(async (err: unknown) => {
    if (!(err instanceof StatusError && err.reason === 'NotFound')) throw err;
    await ensure(endpoints, 'default', { metadata: { name: 'kubernetes' }, subsets });
  });
}
