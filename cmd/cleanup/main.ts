// `kubelite cleanup`: stop every container kubelite started and remove its bridges, NAT rules and mounts.
import { CLEANERS, run } from '../../pkg/cleanup/run.js';
import { commonFlags } from '../../pkg/util/common-flags.js';
import { defineCommand } from '../../pkg/util/command.js';

/** command is `kubelite cleanup`. */
export const command = defineCommand({
  name: 'cleanup',
  usage: 'kubelite cleanup [flags]',
  description: 'Stop every container kubelite started and remove its bridges, NAT rules and mounts.\nThe store (cluster state) under --data-dir is kept.',
  flags: commonFlags,
  async run(values, { logger }) {
    if (CLEANERS.length === 0) {
      process.stdout.write('nothing to clean up: this build has no runtime or proxy that changes the machine yet\n');
      return 0;
    }
    const { removed, failed } = await run(values.dataDir, logger);
    for (const line of removed) process.stdout.write(`removed ${line}\n`);
    for (const line of failed) process.stderr.write(`failed: ${line}\n`);
    return failed.length > 0 ? 1 : 0;
  },
});
