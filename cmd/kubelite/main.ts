// The multi-call binary, like hyperkube: `kubelite SUBCOMMAND ...`, or `kctl ...` when invoked
// under that name (a symlink, a copy, or the bin/kctl shim). Subcommands load lazily so that a
// quick `kctl` does not pay for the server's start-up.
import { basename } from 'node:path';
import { runCommand, type Command } from '../../pkg/util/command.js';

type Loader = () => Promise<Command>;

const SUBCOMMANDS: Record<string, { summary: string; load: Loader }> = {
  server: { summary: 'run every role in one process (start here)', load: async () => (await import('../server/main.js')).command as Command },
  apiserver: { summary: 'run the API server', load: async () => (await import('../apiserver/main.js')).command as Command },
  scheduler: { summary: 'run the scheduler', load: async () => (await import('../scheduler/main.js')).command as Command },
  'controller-manager': { summary: 'run the controller manager', load: async () => (await import('../controller-manager/main.js')).command as Command },
  kubelet: { summary: 'run a kubelet (node agent)', load: async () => (await import('../kubelet/main.js')).command as Command },
  proxy: { summary: 'run the service proxy', load: async () => (await import('../proxy/main.js')).command as Command },
  images: { summary: 'import, list and remove images in the node runtime', load: async () => (await import('../images/main.js')).command as Command },
  cleanup: { summary: 'stop kubelite\'s containers, remove its bridges, NAT rules and mounts', load: async () => (await import('../cleanup/main.js')).command as Command },
};

function usage(): string {
  const width = Math.max(...Object.keys(SUBCOMMANDS).map((n) => n.length), 4) + 2;
  const rows = Object.entries(SUBCOMMANDS).map(([name, s]) => `  ${name.padEnd(width)}${s.summary}`);
  rows.push(`  ${'kctl'.padEnd(width)}the command-line client (also installed as 'kctl')`);
  return `kubelite: a Kubernetes-lite control plane in one binary.\n\nUsage: kubelite SUBCOMMAND [flags]\n\nSubcommands:\n${rows.join('\n')}\n\nRun 'kubelite SUBCOMMAND --help' for the flags of each.\n`;
}

/**
 * invokedAs is the name the program was started under: kctl when called through a kctl link, copy
 * or shim. argv[1] holds that name in both forms: under node it is the script (bin/kctl.cjs, or
 * npm's .bin/kctl link to it); in the single binary Node repeats there the argv[0] it was given
 * ("kctl", "./kctl"). Not execPath: it resolves symlinks, so a kctl link would read as kubelite.
 */
function invokedAs(): string {
  return basename(process.argv[1] ?? '').replace(/\.(c?js|mjs|ts)$/, '') === 'kctl' ? 'kctl' : 'kubelite';
}

async function main(argv: string[]): Promise<number> {
  if (invokedAs() === 'kctl') return (await import('../kctl/main.js')).main(argv);
  const [sub, ...rest] = argv;
  if (sub === undefined || sub === '--help' || sub === '-h' || sub === 'help') {
    process.stdout.write(usage());
    return sub === undefined ? 2 : 0;
  }
  if (sub === 'kctl') return (await import('../kctl/main.js')).main(rest);
  if (sub === '--version' || sub === 'version') {
    process.stdout.write(`kubelite ${(await import('../../pkg/util/version.js')).VERSION.gitVersion}\n`);
    return 0;
  }
  const entry = SUBCOMMANDS[sub];
  if (!entry) {
    process.stderr.write(`kubelite: unknown subcommand "${sub}"\n\n${usage()}`);
    return 2;
  }
  return runCommand(await entry.load(), rest);
}

// argv[0] is node, or execPath in the single binary; argv[1] is the script, or there the name the
// binary was invoked under (see invokedAs). So user arguments start at 2 either way.
main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err: unknown) => {
    process.stderr.write(`kubelite: ${(err as Error)?.stack ?? String(err)}\n`);
    process.exit(1);
  },
);
