// The API server's flags (and the store's, which only the API server opens).
import { flag } from '../util/flags.js';

/** apiserverFlags are the flags of `kubelite apiserver`, also accepted by `server`. */
export const apiserverFlags = {
  bindAddress: flag('string', '0.0.0.0', 'address the API server listens on'),
  advertiseAddress: flag('string', '', 'address the kubernetes service points at; empty: the first non-loopback IPv4 of this machine'),
  securePort: flag('int', 6443, 'HTTPS port of the API server'),
  serviceClusterIpRange: flag('string', '10.96.0.0/16', 'CIDR ClusterIPs are allocated from (.1 = kubernetes, .10 = cluster DNS)'),
  serviceNodePortRange: flag('string', '30000-32767', 'port range NodePorts are allocated from'),
  clusterCidr: flag('string', '10.244.0.0/16', 'CIDR pod networks are allocated from, one block per node'),
  nodeCidrMaskSize: flag('int', 24, 'prefix length of each node\'s pod CIDR'),
  eventTtl: flag('duration', 3_600_000, 'how long events are kept'),
  storageCompactionInterval: flag('duration', 300_000, 'how often the store compacts history older than one interval'),
  storageWatchBuffer: flag('int', 10_000, 'events a slow watcher may fall behind before its watch is closed'),
  minRequestTimeout: flag('duration', 1_800_000, 'watches last between this and twice this before the client must re-watch'),
  watchBookmarkInterval: flag('duration', 60_000, 'how often a watch that allows bookmarks gets one'),
};
