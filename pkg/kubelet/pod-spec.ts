// A pod's spec turned into what the runtime takes: the sandbox config (hostname, DNS, hostPorts,
// log directory, the labels that let a restarted kubelet find it again) and container configs.
import { join } from 'node:path';
import { parseQuantity } from '../../api/meta/quantity.js';
import { KUBELET_LABELS, type ContainerConfig, type DnsConfig, type EnvVar, type PodSandboxConfig, type PortMapping, type Resources } from './runtime/interface.js';
import { expandCommand } from './env.js';
import type { Container, Pod } from './types.js';

/** DnsSettings are the node's cluster DNS flags. */
export interface DnsSettings {
  clusterDns: string;
  clusterDomain: string;
}

/** podLogDirectory is where a pod's container logs go: DIR/pods/NAMESPACE_NAME_UID, as /var/log/pods. */
export function podLogDirectory(logRoot: string, pod: Pod): string {
  return join(logRoot, `${pod.metadata.namespace}_${pod.metadata.name}_${pod.metadata.uid}`);
}

/** podDns is the resolv.conf of a pod per its dnsPolicy; undefined means the node's own. */
export function podDns(pod: Pod, dns: DnsSettings): DnsConfig | undefined {
  const policy = pod.spec.dnsPolicy ?? 'ClusterFirst';
  const clusterFirst = dns.clusterDns !== '' && (policy === 'ClusterFirstWithHostNet' || (policy === 'ClusterFirst' && !pod.spec.hostNetwork));
  let out: DnsConfig | undefined;
  if (clusterFirst) {
    const d = dns.clusterDomain;
    out = { servers: [dns.clusterDns], searches: [`${pod.metadata.namespace}.svc.${d}`, `svc.${d}`, d], options: ['ndots:5'] };
  } else if (policy === 'None') {
    out = { servers: [], searches: [], options: [] };
  }
  const extra = pod.spec.dnsConfig;
  if (extra) {
    out ??= { servers: [], searches: [], options: [] };
    out.servers = [...new Set([...out.servers, ...(extra.nameservers ?? [])])];
    out.searches = [...new Set([...out.searches, ...(extra.searches ?? [])])];
    const opts = new Map(out.options.map((o) => [o.split(':')[0] as string, o]));
    for (const o of extra.options ?? []) opts.set(o.name, o.value !== undefined ? `${o.name}:${o.value}` : o.name);
    out.options = [...opts.values()];
  }
  return out;
}

/** hostPortMappings are the pod's hostPorts (none with hostNetwork, where ports are the node's anyway). */
export function hostPortMappings(pod: Pod): PortMapping[] {
  if (pod.spec.hostNetwork) return [];
  const out: PortMapping[] = [];
  for (const c of pod.spec.containers) {
    for (const p of c.ports ?? []) {
      if (!p.hostPort) continue;
      out.push({ protocol: p.protocol ?? 'TCP', containerPort: p.containerPort, hostPort: p.hostPort, ...(p.hostIP ? { hostIp: p.hostIP } : {}) });
    }
  }
  return out;
}

/** sandboxConfig describes the pod's sandbox; attempt counts the sandboxes the pod had before. */
export function sandboxConfig(pod: Pod, attempt: number, logRoot: string, dns: DnsSettings): PodSandboxConfig {
  const m = pod.metadata;
  const cfg: PodSandboxConfig = {
    name: m.name, namespace: m.namespace, uid: m.uid, attempt,
    hostname: (pod.spec.hostname || m.name).slice(0, 63).replace(/[-.]+$/, ''),
    logDirectory: podLogDirectory(logRoot, pod),
    labels: { ...(m.labels ?? {}), [KUBELET_LABELS.podName]: m.name, [KUBELET_LABELS.podNamespace]: m.namespace, [KUBELET_LABELS.podUid]: m.uid },
    annotations: { ...(m.annotations ?? {}) },
    portMappings: hostPortMappings(pod),
    hostNetwork: pod.spec.hostNetwork === true,
  };
  const d = podDns(pod, dns);
  if (d) cfg.dns = d;
  return cfg;
}

const cpuMillis = (q: string | number | undefined): number | undefined => (q === undefined ? undefined : Math.round(parseQuantity(q) * 1000));

/** containerResources are a container's CPU and memory settings for the runtime. */
export function containerResources(c: Container): Resources {
  const r: Resources = {};
  const limits = c.resources?.limits ?? {};
  const requests = c.resources?.requests ?? {};
  const cpuLimit = cpuMillis(limits['cpu']);
  const cpuRequest = cpuMillis(requests['cpu'] ?? limits['cpu']);
  if (cpuLimit) r.cpuLimitMillis = cpuLimit;
  if (cpuRequest) r.cpuRequestMillis = cpuRequest;
  if (limits['memory'] !== undefined) r.memoryLimitBytes = Math.round(parseQuantity(limits['memory']));
  return r;
}

/** containerConfig describes one start of a container: attempt is its restart count. */
export function containerConfig(pod: Pod, c: Container, attempt: number, image: string, env: EnvVar[]): ContainerConfig {
  const m = pod.metadata;
  const cfg: ContainerConfig = {
    name: c.name, attempt, image,
    env,
    labels: { [KUBELET_LABELS.podName]: m.name, [KUBELET_LABELS.podNamespace]: m.namespace, [KUBELET_LABELS.podUid]: m.uid, [KUBELET_LABELS.containerName]: c.name },
    annotations: { [KUBELET_LABELS.restartCount]: String(attempt) },
    logPath: `${c.name}/${attempt}.log`,
    resources: containerResources(c),
  };
  const command = expandCommand(c.command, env);
  const args = expandCommand(c.args, env);
  if (command) cfg.command = command;
  if (args) cfg.args = args;
  if (c.workingDir) cfg.workingDir = c.workingDir;
  const sc = c.securityContext;
  const podSc = pod.spec.securityContext;
  const runAsUser = sc?.runAsUser ?? podSc?.runAsUser;
  const runAsGroup = sc?.runAsGroup ?? podSc?.runAsGroup;
  if (sc || runAsUser !== undefined || runAsGroup !== undefined) {
    cfg.security = {
      ...(sc?.privileged !== undefined ? { privileged: sc.privileged } : {}),
      ...(sc?.readOnlyRootFilesystem !== undefined ? { readOnlyRootFilesystem: sc.readOnlyRootFilesystem } : {}),
      ...(sc?.capabilities ? { capabilities: sc.capabilities } : {}),
      ...(runAsUser !== undefined ? { runAsUser } : {}),
      ...(runAsGroup !== undefined ? { runAsGroup } : {}),
    };
  }
  return cfg;
}
