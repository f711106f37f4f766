// `kubelite controller-manager`: the controller manager (replication, deployments, daemon sets, endpoints, nodes, namespaces, GC).
import { controllerManagerFlags } from '../../pkg/controller/options.js';
import { commonFlags } from '../../pkg/util/common-flags.js';
import { notBuilt } from '../../pkg/util/command.js';

/** command is `kubelite controller-manager`. */
export const command = notBuilt('controller-manager', 'Run the controller manager (replication, deployments, daemon sets, endpoints, nodes, namespaces, GC).', { ...commonFlags, ...controllerManagerFlags }, 'issue 8');
