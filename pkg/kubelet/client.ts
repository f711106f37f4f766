// How a standalone kubelet reaches the API server: --kubeconfig (default DATA_DIR/kubeconfig, as on
// the server's own machine), or k3s-style --server with the node join token and the cluster CA.
import { existsSync, readFileSync } from 'node:fs';
import { Registry } from 'prom-client';
import { SharedInformerFactory } from '../client/cache/informer-factory.js';
import { Clientset } from '../client/clientset.js';
import type { ClientConfig } from '../client/kubeconfig.js';
import { roleContext, type RoleContext } from '../client/role-context.js';
import { UserFacingError } from '../util/command.js';
import type { Logger } from '../util/log.js';
import type { KubeletOptions } from './options.js';

const USER_AGENT = 'kubelite-kubelet';

/** joinConfig is the client configuration of --server/--token/--certificate-authority. */
export function joinConfig(opts: Pick<KubeletOptions, 'server' | 'token' | 'certificateAuthority' | 'insecureSkipTlsVerify'>): ClientConfig {
  if (!opts.token) throw new UserFacingError('--server needs --token: the server\'s DATA_DIR/node-token (its text, or the file)');
  // The token may be given as the file the server wrote, which is easier to pass around than its text.
  const token = existsSync(opts.token) ? readFileSync(opts.token, 'utf8').trim() : opts.token;
  const config: ClientConfig = { server: opts.server, token, namespace: 'default' };
  if (opts.certificateAuthority) {
    if (!existsSync(opts.certificateAuthority)) throw new UserFacingError(`--certificate-authority ${opts.certificateAuthority}: no such file`);
    config.ca = readFileSync(opts.certificateAuthority, 'utf8');
  } else if (opts.insecureSkipTlsVerify) {
    config.insecureSkipTLSVerify = true;
  } else {
    throw new UserFacingError('--server needs --certificate-authority FILE (the server\'s DATA_DIR/pki/ca.crt), or --insecure-skip-tls-verify');
  }
  return config;
}

/** kubeletRoleContext builds the standalone kubelet's context. */
export function kubeletRoleContext(opts: KubeletOptions, logger: Logger): RoleContext {
  if (!opts.server) {
    try {
      return roleContext({ kubeconfig: opts.kubeconfig, dataDir: opts.dataDir }, logger, USER_AGENT);
    } catch (err) {
      throw new UserFacingError(`${(err as Error).message}; run the kubelet where a kubelite apiserver wrote DATA_DIR/kubeconfig, or join one with --server, --token and --certificate-authority`);
    }
  }
  const clientset = new Clientset(joinConfig(opts), USER_AGENT);
  return { clientset, informers: new SharedInformerFactory(clientset), logger, metrics: new Registry() };
}
