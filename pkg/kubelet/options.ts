// The kubelet's flags.
import { hostname } from 'node:os';
import { clientFlags } from '../util/client-flags.js';
import { flag } from '../util/flags.js';

/** kubeletFlags are the flags of `kubelite kubelet`, also accepted by `server`. */
export const kubeletFlags = {
  ...clientFlags,
  server: flag('string', '', 'API server URL to join (empty: the local server\'s kubeconfig)'),
  token: flag('string', '', 'node join token of a remote API server (DATA_DIR/node-token on the server)'),
  nodeName: flag('string', hostname().toLowerCase(), 'name of this node', 'the hostname'),
  nodeLabels: flag('list', [], 'labels to register the node with, k=v,k2=v2'),
  runtime: flag('string', 'cri', 'container runtime: cri (containerd), process, or fake (hollow node)'),
  containerRuntimeEndpoint: flag('string', '', 'containerd socket to use; empty: start and supervise our own containerd'),
  maxPods: flag('int', 110, 'pods this node accepts'),
  nodeLeaseRenewInterval: flag('duration', 10_000, 'how often the node\'s Lease is renewed (heartbeat)'),
  nodeStatusReportFrequency: flag('duration', 300_000, 'how often node status is written when nothing changed'),
  podRelistPeriod: flag('duration', 1000, 'how often container states are relisted to notice dead containers'),
  crashLoopBackoffInitial: flag('duration', 10_000, 'first restart delay of a crashing container'),
  crashLoopBackoffMax: flag('duration', 300_000, 'longest restart delay of a crashing container'),
  clusterDns: flag('string', '10.96.0.10', 'DNS server written into pods\' resolv.conf'),
  clusterDomain: flag('string', 'cluster.local', 'cluster DNS domain'),
  kubeletPort: flag('int', 10250, 'HTTPS port of the kubelet (logs, exec, metrics)'),
  fakeStartDelay: flag('duration', 0, 'fake runtime: how long a container takes to start'),
  hollowNodes: flag('int', 0, 'fake runtime: run this many hollow nodes in one process, named NODE-NAME-N'),
};
