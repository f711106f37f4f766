// `kctl api-resources`: the served resources from discovery, in kubectl's columns and order
// (API group, then name).
import type { Command } from './command.js';
import { CliError } from './errors.js';
import { F, flag } from './flags.js';
import { apiVersionOf, type Mapping } from './mapper.js';
import { TabWriter } from './tabwriter.js';

/** apiResources is `kctl api-resources`. */
export const apiResources: Command = {
  name: 'api-resources',
  summary: 'Print the supported API resources on the server.',
  usage: 'kctl api-resources [flags]',
  examples: '# Print the supported API resources\nkctl api-resources\n\n# Print the supported namespaced resources\nkctl api-resources --namespaced=true',
  flags: [
    { ...F.output, help: "Output format. One of: (wide, name)." },
    F.noHeaders,
    flag('namespaced', 'bool', true, 'If false, non-namespaced resources will be returned, otherwise returning namespaced resources by default.'),
    flag('api-group', 'string', '', 'Limit to resources in the specified API group.'),
    flag('verbs', 'strings', [], 'Limit to resources that support the specified verbs.'),
    flag('sort-by', 'string', '', "If non-empty, sort list of resources using specified field. The field can be either 'name' or 'kind'."),
  ],
  async run(ctx) {
    const output = ctx.flags.string('output');
    if (!['', 'wide', 'name'].includes(output)) throw new CliError(`--output ${output} is not available`);
    let list: Mapping[] = [...(await ctx.mapper()).mappings];
    if (ctx.flags.changed('namespaced')) list = list.filter((m) => m.namespaced === ctx.flags.bool('namespaced'));
    if (ctx.flags.changed('api-group')) list = list.filter((m) => m.group === ctx.flags.string('api-group'));
    const verbs = ctx.flags.strings('verbs');
    if (verbs.length > 0) list = list.filter((m) => verbs.every((v) => m.verbs.includes(v)));
    const sortBy = ctx.flags.string('sort-by');
    const key = (m: Mapping): string => (sortBy === 'name' ? m.resource : sortBy === 'kind' ? m.kind : m.group);
    list.sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : a.resource < b.resource ? -1 : a.resource > b.resource ? 1 : 0));
    if (output === 'name') {
      for (const m of list) ctx.out(`${m.resource}${m.group ? `.${m.group}` : ''}\n`);
      return 0;
    }
    const w = TabWriter.forTables((s) => ctx.out(s));
    const wide = output === 'wide';
    if (!ctx.flags.bool('no-headers')) w.write(`NAME\tSHORTNAMES\tAPIVERSION\tNAMESPACED\tKIND${wide ? '\tVERBS\tCATEGORIES' : ''}\n`);
    for (const m of list) {
      const row = [m.resource, m.shortNames.join(','), apiVersionOf(m), String(m.namespaced), m.kind];
      if (wide) row.push([...m.verbs].sort().join(','), m.categories.join(','));
      w.write(`${row.join('\t')}\n`);
    }
    w.flush();
    return 0;
  },
};
