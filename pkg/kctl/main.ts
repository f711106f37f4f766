// kctl's entry point. The client and its commands arrive with issue 4; until then kctl answers
// `version --client` and says plainly that everything else is not built.
import { VERSION } from '../util/version.js';

const USAGE = `kctl controls a kubelite cluster (kubectl-compatible commands).

Usage: kctl COMMAND [flags]

Commands available in this build:
  version --client   print the client version

Not built yet (issue 4): run, get, describe, apply, create, delete, expose, resize, scale,
label, annotate, cordon, uncordon, cluster-info, config, api-resources, wait.
`;

/** kctlMain runs kctl and returns its exit code. */
export async function kctlMain(argv: string[]): Promise<number> {
  const [cmd] = argv;
  if (cmd === undefined || cmd === '--help' || cmd === '-h' || cmd === 'help') {
    process.stdout.write(USAGE);
    return cmd === undefined ? 1 : 0;
  }
  if (cmd === 'version' && argv.includes('--client')) {
    process.stdout.write(`Client Version: ${VERSION.gitVersion}\n`);
    return 0;
  }
  process.stderr.write(`error: kctl ${cmd}: not built yet (issue 4)\n`);
  return 1;
}
