// A container's environment as the kubelet builds it (makeEnvironmentVariables): the kubernetes
// service's variables first, then envFrom, then env, each value expanded against what came before, with valueFrom
// resolved from the pod (downward API), its resources, ConfigMaps and Secrets.
import { parseQuantity } from '../../api/meta/quantity.js';
import type { EnvVar } from './runtime/interface.js';
import type { Container, Pod } from './types.js';

/** EnvError is a reference that cannot be resolved: the container waits with CreateContainerConfigError. */
export class EnvError extends Error {
  override name = 'EnvError';
}

/** ObjectData reads a ConfigMap's or a Secret's data (Secrets decoded); undefined when it does not exist. */
export type ObjectData = (kind: 'ConfigMap' | 'Secret', namespace: string, name: string) => Promise<Record<string, string> | undefined>;

/** EnvContext is what valueFrom may refer to besides the pod itself. */
export interface EnvContext {
  podIP: string;
  hostIP: string;
  /** node allocatable cpu (cores) and memory (bytes): the limits of a container without its own */
  allocatable: { cpu: number; memory: number };
  /** variables every container gets first (the kubernetes service's) */
  serviceEnv: Record<string, string>;
  data: ObjectData;
}

/**
 * expand replaces $(NAME) with lookup(NAME) as Kubernetes does: `$$` is a literal `$`, and a
 * reference to an unknown name stays as written.
 */
export function expand(input: string, lookup: (name: string) => string | undefined): string {
  let out = '';
  for (let i = 0; i < input.length; i++) {
    const c = input[i] as string;
    if (c === '$' && i + 1 < input.length) {
      const n = input[i + 1];
      if (n === '$') {
        out += '$';
        i++;
        continue;
      }
      if (n === '(') {
        const end = input.indexOf(')', i + 2);
        if (end >= 0) {
          const name = input.slice(i + 2, end);
          out += lookup(name) ?? `$(${name})`;
          i = end;
          continue;
        }
      }
    }
    out += c;
  }
  return out;
}

const SUBSCRIPT = /^metadata\.(labels|annotations)\['(.+)'\]$/;

/** fieldRefValue resolves a downward API fieldPath of the pod. */
export function fieldRefValue(pod: Pod, path: string, ctx: Pick<EnvContext, 'podIP' | 'hostIP'>): string {
  const m = SUBSCRIPT.exec(path);
  if (m) return (m[1] === 'labels' ? pod.metadata.labels : pod.metadata.annotations)?.[m[2] as string] ?? '';
  switch (path) {
    case 'metadata.name': return pod.metadata.name;
    case 'metadata.namespace': return pod.metadata.namespace;
    case 'metadata.uid': return pod.metadata.uid;
    case 'spec.nodeName': return pod.spec.nodeName ?? '';
    case 'spec.serviceAccountName': return pod.spec.serviceAccountName ?? '';
    case 'status.podIP': case 'status.podIPs': return ctx.podIP;
    case 'status.hostIP': case 'status.hostIPs': return ctx.hostIP;
    default: throw new EnvError(`unsupported fieldPath: ${path}`);
  }
}

/** resourceValue resolves a resourceFieldRef (limits default to the node's allocatable). */
export function resourceValue(c: Container, resource: string, divisorText: string | number | undefined, allocatable: EnvContext['allocatable']): string {
  const [kind, name] = resource.split('.');
  const raw = kind === 'limits' ? c.resources?.limits?.[name ?? ''] : c.resources?.requests?.[name ?? ''];
  const divisor = divisorText === undefined || divisorText === '' || divisorText === 0 ? 1 : parseQuantity(divisorText);
  if (name === 'cpu') {
    const cores = raw !== undefined ? parseQuantity(raw) : kind === 'limits' ? allocatable.cpu : 0;
    return String(Math.ceil(Math.round(cores * 1000) / Math.round(divisor * 1000)));
  }
  if (name === 'memory' || name === 'ephemeral-storage') {
    const bytes = raw !== undefined ? parseQuantity(raw) : kind === 'limits' && name === 'memory' ? allocatable.memory : 0;
    return String(Math.ceil(bytes / divisor));
  }
  throw new EnvError(`unsupported container resource: ${resource}`);
}

async function lookupKey(ctx: EnvContext, kind: 'ConfigMap' | 'Secret', ns: string, ref: { name: string; key: string; optional?: boolean }): Promise<string | undefined> {
  const data = await ctx.data(kind, ns, ref.name);
  if (!data) {
    if (ref.optional) return undefined;
    throw new EnvError(`${kind === 'ConfigMap' ? 'configmap' : 'secret'} "${ref.name}" not found`);
  }
  const v = data[ref.key];
  if (v === undefined && !ref.optional) throw new EnvError(`couldn't find key ${ref.key} in ${kind} ${ns}/${ref.name}`);
  return v;
}

/** containerEnv builds a container's environment, in order, with every reference resolved. */
export async function containerEnv(pod: Pod, c: Container, ctx: EnvContext): Promise<EnvVar[]> {
  const ns = pod.metadata.namespace;
  // Only the kubernetes service's variables, which Kubernetes gives whatever enableServiceLinks
  // says; links to the namespace's other services are not made.
  const vars = new Map<string, string>(Object.entries(ctx.serviceEnv));
  for (const from of c.envFrom ?? []) {
    const ref = from.configMapRef ?? from.secretRef;
    if (!ref) continue;
    const kind = from.configMapRef ? 'ConfigMap' : 'Secret';
    const data = await ctx.data(kind, ns, ref.name);
    if (!data) {
      if (ref.optional) continue;
      throw new EnvError(`${kind === 'ConfigMap' ? 'configmap' : 'secret'} "${ref.name}" not found`);
    }
    for (const [k, v] of Object.entries(data)) vars.set(`${from.prefix ?? ''}${k}`, v);
  }
  for (const e of c.env ?? []) {
    let value: string | undefined;
    const src = e.valueFrom;
    if (!src) value = expand(e.value ?? '', (n) => vars.get(n));
    else if (src.fieldRef) value = fieldRefValue(pod, src.fieldRef.fieldPath, ctx);
    else if (src.resourceFieldRef) {
      const target = src.resourceFieldRef.containerName ? [...pod.spec.containers, ...(pod.spec.initContainers ?? [])].find((x) => x.name === src.resourceFieldRef?.containerName) ?? c : c;
      value = resourceValue(target, src.resourceFieldRef.resource, src.resourceFieldRef.divisor, ctx.allocatable);
    } else if (src.configMapKeyRef) value = await lookupKey(ctx, 'ConfigMap', ns, src.configMapKeyRef);
    else if (src.secretKeyRef) value = await lookupKey(ctx, 'Secret', ns, src.secretKeyRef);
    if (value !== undefined) vars.set(e.name, value);
  }
  return [...vars].map(([name, value]) => ({ name, value }));
}

/** expandCommand expands $(VAR) in command and args against the container's environment. */
export function expandCommand(list: string[] | undefined, env: EnvVar[]): string[] | undefined {
  if (!list) return undefined;
  const vars = new Map(env.map((e) => [e.name, e.value]));
  return list.map((s) => expand(s, (n) => vars.get(n)));
}

/** serviceEnvFor is the environment a service gives containers (`KUBERNETES_SERVICE_HOST`, ...). */
export function serviceEnvFor(name: string, clusterIP: string, ports: Array<{ name?: string; port: number; protocol?: string }>): Record<string, string> {
  const prefix = name.toUpperCase().replace(/-/g, '_');
  const out: Record<string, string> = {};
  const first = ports[0];
  if (!first || !clusterIP || clusterIP === 'None') return out;
  out[`${prefix}_SERVICE_HOST`] = clusterIP;
  out[`${prefix}_SERVICE_PORT`] = String(first.port);
  for (const p of ports) if (p.name) out[`${prefix}_SERVICE_PORT_${p.name.toUpperCase().replace(/-/g, '_')}`] = String(p.port);
  const proto = (first.protocol ?? 'TCP').toLowerCase();
  out[`${prefix}_PORT`] = `${proto}://${clusterIP}:${first.port}`;
  for (const p of ports) {
    const pr = (p.protocol ?? 'TCP');
    const base = `${prefix}_PORT_${p.port}_${pr}`;
    out[base] = `${pr.toLowerCase()}://${clusterIP}:${p.port}`;
    out[`${base}_PROTO`] = pr.toLowerCase();
    out[`${base}_PORT`] = String(p.port);
    out[`${base}_ADDR`] = clusterIP;
  }
  return out;
}
