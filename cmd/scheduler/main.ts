// `kubelite scheduler`: the scheduler, which binds pending pods to nodes.
import { schedulerFlags } from '../../pkg/scheduler/options.js';
import { commonFlags } from '../../pkg/util/common-flags.js';
import { notBuilt } from '../../pkg/util/command.js';

/** command is `kubelite scheduler`. */
export const command = notBuilt('scheduler', 'Run the scheduler, which binds pending pods to nodes.', { ...commonFlags, ...schedulerFlags }, 'issue 7');
