// `kctl version`: the client's version and, unless --client, the server's /version.
import { VERSION } from '../util/version.js';
import type { Command, Context } from './command.js';
import { F, flag } from './flags.js';
import { parseOutput, toJSON } from './output.js';
import { toYAML } from './yaml-emit.js';

function clientInfo(): Record<string, string> {
  const [major = '0', minor = '0'] = VERSION.version.split('.');
  return {
    major,
    minor,
    gitVersion: VERSION.gitVersion,
    gitCommit: '',
    gitTreeState: 'clean',
    buildDate: '1970-01-01T00:00:00Z',
    goVersion: `node${process.versions.node}`,
    compiler: 'tsc',
    platform: `${process.platform}/${process.arch === 'x64' ? 'amd64' : process.arch}`,
  };
}

/** version is `kctl version`. */
export const version: Command = {
  name: 'version',
  summary: 'Print the client and server version information.',
  usage: 'kctl version [flags]',
  examples: '# Print the client and server versions for the current context\nkctl version',
  flags: [flag('client', 'bool', false, 'If true, shows client version only (no server required).'), { ...F.output, help: 'One of \'yaml\' or \'json\'.' }],
  async run(ctx: Context) {
    const format = parseOutput(ctx.flags.string('output'), ['json', 'yaml']);
    const out: Record<string, unknown> = { clientVersion: clientInfo() };
    let failure: unknown;
    if (!ctx.flags.bool('client')) {
      try {
        out['serverVersion'] = (await ctx.rest().request<Record<string, unknown>>({ path: '/version' })).body;
      } catch (err) {
        failure = err;
      }
    }
    if (format.kind === 'json') ctx.out(toJSON(out));
    else if (format.kind === 'yaml') ctx.out(toYAML(out));
    else {
      ctx.out(`Client Version: ${VERSION.gitVersion}\n`);
      const server = out['serverVersion'] as { gitVersion?: string } | undefined;
      if (server) ctx.out(`Server Version: ${server.gitVersion ?? ''}\n`);
    }
    if (failure) throw failure;
    return 0;
  },
};
