// `kubelite cleanup`: stop every container kubelite started and remove its bridges, NAT rules and mounts.
import { CLEANERS, run } from '../../pkg/cleanup/run.js';
import { RUNTIME_CLEANERS } from '../../pkg/kubelet/runtime/cleanup.js';
import { commonFlags } from '../../pkg/util/common-flags.js';
import { defineCommand } from '../../pkg/util/command.js';

/** command is `kubelite cleanup`. */
export const command = defineCommand({
  name: 'cleanup',
  usage: 'kubelite cleanup [flags]',
  description: 'Stop every container kubelite started and remove its bridges, NAT rules and mounts.\nThe store (cluster state) under --data-dir is kept.',
  flags: commonFlags,
  async run(values, { logger }) {
    // The composition root wires the cleaners: pkg/cleanup may not import the roles.
    for (const c of RUNTIME_CLEANERS) if (!CLEANERS.includes(c)) CLEANERS.push(c);
    const { removed, failed } = await run(values.dataDir, logger);
    for (const line of removed) process.stdout.write(`removed ${line}\n`);
    for (const line of failed) process.stderr.write(`failed: ${line}\n`);
    if (removed.length === 0 && failed.length === 0) process.stdout.write(`nothing to clean up under ${values.dataDir}\n`);
    return failed.length > 0 ? 1 : 0;
  },
});
