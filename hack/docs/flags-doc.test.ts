// docs/flags.md is exactly what the flag declarations say, and role flag sets agree where they overlap.
import { readFileSync } from 'node:fs';
import t from 'tap';
import { apiserverFlags } from '../../pkg/apiserver/options.js';
import { controllerManagerFlags } from '../../pkg/controller/options.js';
import { kubeletFlags } from '../../pkg/kubelet/options.js';
import { proxyFlags } from '../../pkg/proxy/options.js';
import { schedulerFlags } from '../../pkg/scheduler/options.js';
import { commonFlags } from '../../pkg/util/common-flags.js';
import { mergeFlagSets } from '../../pkg/util/flags.js';
import { renderFlagsDoc } from './flags-doc.js';

t.equal(readFileSync(new URL('../../docs/flags.md', import.meta.url), 'utf8'), renderFlagsDoc(), 'docs/flags.md is current (npm run gen)');
t.doesNotThrow(() => mergeFlagSets(commonFlags, apiserverFlags, schedulerFlags, controllerManagerFlags, kubeletFlags, proxyFlags), 'a flag shared by two roles is declared alike');
