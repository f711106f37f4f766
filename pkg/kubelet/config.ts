// One kubelet's settings from the flags.
import { join } from 'node:path';
import type { KubeletConfig } from './kubelet.js';
import { defaultNodeIp, machineFacts } from './node-info.js';
import { nodeLabels, parseLabels } from './node-status.js';
import type { KubeletOptions } from './options.js';

/** kubeletConfig turns flags into one kubelet's settings. */
export function kubeletConfig(opts: KubeletOptions, nodeName = opts.nodeName, extraLabels: Record<string, string> = {}): KubeletConfig {
  const facts = machineFacts(opts.dataDir);
  return {
    nodeName,
    labels: nodeLabels(nodeName, facts.architecture, { ...parseLabels(opts.nodeLabels), ...extraLabels }),
    maxPods: opts.maxPods,
    nodeIp: opts.nodeIp || defaultNodeIp(),
    kubeletPort: opts.kubeletPort,
    logRoot: join(opts.dataDir, 'pods'),
    dns: { clusterDns: opts.clusterDns, clusterDomain: opts.clusterDomain },
    facts,
    leaseRenewMs: opts.nodeLeaseRenewInterval,
    statusUpdateMs: opts.nodeStatusUpdateFrequency,
    statusReportMs: opts.nodeStatusReportFrequency,
    relistMs: opts.podRelistPeriod,
    crashBackoffInitialMs: opts.crashLoopBackoffInitial,
    crashBackoffMaxMs: opts.crashLoopBackoffMax,
    imageBackoffInitialMs: opts.imagePullBackoffInitial,
    imageBackoffMaxMs: opts.imagePullBackoffMax,
    retryMs: opts.podSyncRetryPeriod,
  };
}
