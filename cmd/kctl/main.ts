// `kctl` (also `kubelite kctl`): the command-line client.
import { kctlMain } from '../../pkg/kctl/main.js';

/** main runs kctl with its arguments (argv without the program name). */
export function main(argv: string[]): Promise<number> {
  return kctlMain(argv);
}
