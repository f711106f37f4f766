// Kubeconfig loading as kubectl does it: --kubeconfig, else $KUBECONFIG (a list of files merged,
// the first to set a key wins), else ~/.kube/config; then --context or current-context, and the
// context's namespace unless -n says otherwise.
import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { delimiter, dirname, isAbsolute, join } from 'node:path';
import { parse } from 'yaml';

/** ClientConfig is what a REST client needs to reach one cluster as one user. */
export interface ClientConfig {
  server: string;
  /** ca is the PEM of the cluster CA, if the config names one. */
  ca?: string;
  insecureSkipTLSVerify?: boolean;
  token?: string;
  clientCert?: string;
  clientKey?: string;
  namespace: string;
  contextName?: string;
}

/** KubeconfigOptions mirror kubectl's global flags. */
export interface KubeconfigOptions {
  kubeconfig?: string;
  context?: string;
  namespace?: string;
  /** env and home are injectable for tests. */
  env?: NodeJS.ProcessEnv;
  home?: string;
}

/** KubeconfigError says what is wrong with the configuration, in one line. */
export class KubeconfigError extends Error {
  override name = 'KubeconfigError';
}

interface Named<T> {
  name: string;
  [k: string]: unknown;
  value: T;
}

interface RawConfig {
  clusters: Array<Named<Record<string, unknown>>>;
  users: Array<Named<Record<string, unknown>>>;
  contexts: Array<Named<Record<string, unknown>>>;
  currentContext?: string;
}

/** kubeconfigFiles lists the files kubectl would read, in precedence order. */
export function kubeconfigFiles(opts: KubeconfigOptions = {}): string[] {
  const env = opts.env ?? process.env;
  if (opts.kubeconfig) return [opts.kubeconfig];
  if (env['KUBECONFIG']) return env['KUBECONFIG'].split(delimiter).filter((f) => f !== '');
  return [join(opts.home ?? homedir(), '.kube', 'config')];
}

/** loadClientConfig resolves the cluster, user and namespace to use. */
export function loadClientConfig(opts: KubeconfigOptions = {}): ClientConfig {
  const files = kubeconfigFiles(opts);
  if (opts.kubeconfig && !existsSync(opts.kubeconfig)) throw new KubeconfigError(`stat ${opts.kubeconfig}: no such file or directory`);
  const raw: RawConfig = { clusters: [], users: [], contexts: [] };
  for (const file of files) if (existsSync(file)) merge(raw, file);
  const contextName = opts.context || raw.currentContext;
  if (!contextName) throw new KubeconfigError(`no context is set: pass --context or set current-context in ${files.join(', ')} (a kubelite server writes DATA_DIR/kubeconfig)`);
  const context = raw.contexts.find((c) => c.name === contextName)?.value;
  if (!context) throw new KubeconfigError(`context "${contextName}" does not exist`);
  const cluster = raw.clusters.find((c) => c.name === context['cluster'])?.value;
  if (!cluster) throw new KubeconfigError(`cluster "${String(context['cluster'])}" of context "${contextName}" does not exist`);
  const user = raw.users.find((u) => u.name === context['user'])?.value ?? {};
  const server = String(cluster['server'] ?? '');
  if (!server) throw new KubeconfigError(`cluster "${String(context['cluster'])}" has no server`);
  const out: ClientConfig = { server, namespace: opts.namespace || String(context['namespace'] ?? '') || 'default', contextName };
  const ca = dataOrFile(cluster, 'certificate-authority');
  if (ca) out.ca = ca;
  if (cluster['insecure-skip-tls-verify'] === true) out.insecureSkipTLSVerify = true;
  const token = typeof user['token'] === 'string' ? user['token'] : user['tokenFile'] ? readFileSync(String(user['tokenFile']), 'utf8').trim() : undefined;
  if (token) out.token = token;
  const cert = dataOrFile(user, 'client-certificate');
  const key = dataOrFile(user, 'client-key');
  if (cert) out.clientCert = cert;
  if (key) out.clientKey = key;
  return out;
}

function merge(into: RawConfig, file: string): void {
  let doc: Record<string, unknown>;
  try {
    doc = (parse(readFileSync(file, 'utf8')) ?? {}) as Record<string, unknown>;
  } catch (err) {
    throw new KubeconfigError(`error loading config file "${file}": ${(err as Error).message.split('\n')[0]}`);
  }
  const base = dirname(file);
  const add = (list: Array<Named<Record<string, unknown>>>, entries: unknown, field: string): void => {
    for (const e of (Array.isArray(entries) ? entries : []) as Array<Record<string, unknown>>) {
      const name = String(e['name'] ?? '');
      if (!name || list.some((x) => x.name === name)) continue; // first file wins
      const value = { ...((e[field] ?? {}) as Record<string, unknown>) };
      // Relative paths in a kubeconfig are relative to the file, as kubectl resolves them.
      for (const k of ['certificate-authority', 'client-certificate', 'client-key', 'tokenFile']) {
        if (typeof value[k] === 'string' && !isAbsolute(value[k] as string)) value[k] = join(base, value[k] as string);
      }
      list.push({ name, value });
    }
  };
  add(into.clusters, doc['clusters'], 'cluster');
  add(into.users, doc['users'], 'user');
  add(into.contexts, doc['contexts'], 'context');
  if (!into.currentContext && typeof doc['current-context'] === 'string' && doc['current-context']) into.currentContext = doc['current-context'];
}

function dataOrFile(section: Record<string, unknown>, field: string): string | undefined {
  const data = section[`${field}-data`];
  if (typeof data === 'string' && data) return Buffer.from(data, 'base64').toString('utf8');
  const file = section[field];
  if (typeof file === 'string' && file) return readFileSync(file, 'utf8');
  return undefined;
}
