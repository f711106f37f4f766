// `kubelite server` accepts every role's flags, so a one-node cluster is shaped with one command.
import { apiserverFlags } from '../apiserver/options.js';
import { controllerManagerFlags } from '../controller/options.js';
import { kubeletFlags } from '../kubelet/options.js';
import { proxyFlags } from '../proxy/options.js';
import { schedulerFlags } from '../scheduler/options.js';
import { commonFlags } from '../util/common-flags.js';
import { flag } from '../util/flags.js';

/** serverFlags is the union of every role's flags. */
export const serverFlags = {
  ...commonFlags,
  ...apiserverFlags,
  ...schedulerFlags,
  ...controllerManagerFlags,
  ...kubeletFlags,
  ...proxyFlags,
  // As k3s's --disable-agent/--disable-kube-proxy: one process, fewer roles, e.g. a control plane
  // whose nodes join from elsewhere (`--disable kubelet,proxy`).
  disable: flag('list', [], 'roles this server does not run: scheduler, controller-manager, kubelet, proxy'),
};
