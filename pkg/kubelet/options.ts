// The kubelet's flags.
import { hostname } from 'node:os';
import { clientFlags } from '../util/client-flags.js';
import { commonFlags } from '../util/common-flags.js';
import { flag, type FlagValues } from '../util/flags.js';

/** kubeletFlags are the flags of `kubelite kubelet`, also accepted by `server`. */
export const kubeletFlags = {
  ...clientFlags,
  server: flag('string', '', 'API server URL to join (empty: the local server\'s kubeconfig)'),
  token: flag('string', '', 'node join token of a remote API server (DATA_DIR/node-token on the server), or that file'),
  certificateAuthority: flag('string', '', 'with --server: PEM file of the cluster CA (the server\'s DATA_DIR/pki/ca.crt)'),
  insecureSkipTlsVerify: flag('bool', false, 'with --server: do not verify the API server\'s certificate (testing only)'),
  nodeName: flag('string', hostname().toLowerCase(), 'name of this node', 'the hostname'),
  nodeLabels: flag('list', [], 'labels to register the node with, k=v,k2=v2'),
  nodeIp: flag('string', '', 'InternalIP the node reports; empty: the first non-loopback IPv4 of this machine'),
  runtime: flag('string', 'cri', 'container runtime: cri (containerd), process, or fake (hollow node)'),
  containerRuntimeEndpoint: flag('string', '', 'containerd socket to use; empty: start and supervise our own containerd'),
  maxPods: flag('int', 110, 'pods this node accepts'),
  insecureRegistry: flag('list', [], 'host:port of plain-HTTP registries the own containerd may pull from'),
  // Declared as the apiserver declares them: the pod network's guard lets pods reach these ranges.
  clusterCidr: flag('string', '10.244.0.0/16', 'CIDR pod networks are allocated from, one block per node'),
  serviceClusterIpRange: flag('string', '10.96.0.0/16', 'CIDR ClusterIPs are allocated from (.1 = kubernetes, .10 = cluster DNS)'),
  nodeLeaseRenewInterval: flag('duration', 10_000, 'how often the node\'s Lease is renewed (heartbeat)'),
  nodeStatusUpdateFrequency: flag('duration', 10_000, 'how often node status is computed (and written if it changed)'),
  nodeStatusReportFrequency: flag('duration', 300_000, 'how often node status is written when nothing changed'),
  podRelistPeriod: flag('duration', 1000, 'how often container states are relisted to notice dead containers'),
  crashLoopBackoffInitial: flag('duration', 10_000, 'first restart delay of a crashing container'),
  crashLoopBackoffMax: flag('duration', 300_000, 'longest restart delay of a crashing container (the delay resets after twice this running)'),
  imagePullBackoffInitial: flag('duration', 10_000, 'first retry delay of a failed image pull'),
  imagePullBackoffMax: flag('duration', 300_000, 'longest retry delay of a failed image pull'),
  podSyncRetryPeriod: flag('duration', 10_000, 'retry delay of a pod whose sync failed (runtime or API error)'),
  clusterDns: flag('string', '10.96.0.10', 'DNS server written into pods\' resolv.conf'),
  clusterDomain: flag('string', 'cluster.local', 'cluster DNS domain'),
  kubeletPort: flag('int', 10250, 'HTTPS port of the kubelet (logs, exec, metrics)'),
  fakeStartDelay: flag('duration', 0, 'fake runtime: how long a container takes to start'),
  hollowNodes: flag('int', 0, 'fake runtime: run this many hollow nodes in one process, named NODE-NAME-N'),
};

/** KubeletOptions are the parsed flags the kubelet runs with (`server` passes a superset). */
export type KubeletOptions = FlagValues<typeof commonFlags & typeof kubeletFlags>;
