// `kubelite proxy`: the service proxy, which makes ClusterIPs and NodePorts reach endpoints.
import { proxyFlags } from '../../pkg/proxy/options.js';
import { commonFlags } from '../../pkg/util/common-flags.js';
import { notBuilt } from '../../pkg/util/command.js';

/** command is `kubelite proxy`. */
export const command = notBuilt('proxy', 'Run the service proxy, which makes ClusterIPs and NodePorts reach endpoints.', { ...commonFlags, ...proxyFlags }, 'issue 9');
