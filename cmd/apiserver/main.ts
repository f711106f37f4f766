// `kubelite apiserver`: the API server, REST and watch over the store.
import { apiserverFlags } from '../../pkg/apiserver/options.js';
import { commonFlags } from '../../pkg/util/common-flags.js';
import { notBuilt } from '../../pkg/util/command.js';

/** command is `kubelite apiserver`. */
export const command = notBuilt('apiserver', 'Run the API server, REST and watch over the store.', { ...commonFlags, ...apiserverFlags }, 'issue 3');
