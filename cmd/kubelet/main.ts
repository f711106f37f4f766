// `kubelite kubelet`: the kubelet, which runs the pods bound to this node.
import { kubeletFlags } from '../../pkg/kubelet/options.js';
import { commonFlags } from '../../pkg/util/common-flags.js';
import { notBuilt } from '../../pkg/util/command.js';

/** command is `kubelite kubelet`. */
export const command = notBuilt('kubelet', 'Run the kubelet, which runs the pods bound to this node.', { ...commonFlags, ...kubeletFlags }, 'issue 5');
