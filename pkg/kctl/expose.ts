// `kctl expose rc|deployment|rs|svc|pod NAME --port=80`: a Service selecting the same pods as
// the object (the rc's selector, the deployment's or replica set's matchLabels, the pod's labels),
// with the object's ports when --port is not given, as kubectl expose does.
import type { KubeObject } from '../../api/meta/object.js';
import type { Command } from './command.js';
import { CliError } from './errors.js';
import { F, flag } from './flags.js';
import { asArray, asRecord, str, stringMap } from './format.js';
import type { Mapping } from './mapper.js';
import { dryRunOf, Reporter, writeOptions } from './mutate.js';
import { parseKeyValues } from './run.js';
import { fetchOne, targetsFromArgs, targetsFromFiles } from './targets.js';

const EXPOSABLE = ['/Pod', '/Service', '/ReplicationController', 'apps/Deployment', 'apps/ReplicaSet'];

/** selectorOf is the label selector a Service needs to reach obj's pods. */
export function selectorOf(m: Pick<Mapping, 'group' | 'kind'>, obj: KubeObject): Record<string, string> {
  const spec = asRecord(obj['spec']);
  switch (`${m.group}/${m.kind}`) {
    case '/Pod':
      return stringMap(obj.metadata?.labels);
    case '/Service':
    case '/ReplicationController':
      return stringMap(spec['selector']);
    default: {
      const sel = asRecord(spec['selector']);
      if (asArray(sel['matchExpressions']).length > 0) throw new CliError(`couldn't convert expressions - "${JSON.stringify(sel['matchExpressions'])}" to map-based selector format`);
      return stringMap(sel['matchLabels']);
    }
  }
}

/** portsOf lists the ports and protocols obj declares (container ports, or a service's ports). */
export function portsOf(m: Pick<Mapping, 'group' | 'kind'>, obj: KubeObject): Array<{ port: number; protocol: string }> {
  const spec = asRecord(obj['spec']);
  if (m.kind === 'Service') return asArray(spec['ports']).map((p) => ({ port: Number(p['port']), protocol: str(p['protocol']) || 'TCP' }));
  const podSpec = m.kind === 'Pod' ? spec : asRecord(asRecord(spec['template'])['spec']);
  return asArray(podSpec['containers']).flatMap((c) => asArray(c['ports']).map((p) => ({ port: Number(p['containerPort']), protocol: str(p['protocol']) || 'TCP' })));
}

/** expose is `kctl expose`. */
export const expose: Command = {
  name: 'expose',
  summary: 'Take a replication controller, service, deployment, replica set or pod and expose it as a new Kubernetes service.',
  usage: 'kctl expose (-f FILENAME | TYPE NAME) [--port=port] [--protocol=TCP|UDP|SCTP] [--target-port=number-or-name] [--name=name] [--type=type] [flags]',
  examples: `# Create a service for a replicated nginx, which serves on port 80 and connects to the containers on port 8000
kctl expose rc nginx --port=80 --target-port=8000

# Expose a deployment on a node port
kctl expose deployment web --port=80 --type=NodePort`,
  flags: [
    F.filename, F.recursive, F.output, F.dryRun,
    flag('port', 'string', '', 'The port that the service should serve on. Copied from the resource being exposed, if unspecified.'),
    flag('target-port', 'string', '', 'Name or number for the port on the container that the service should direct traffic to.'),
    flag('protocol', 'string', '', 'The network protocol for the service to be created. Default is \'TCP\'.'),
    flag('name', 'string', '', 'The name for the newly created object.'),
    flag('type', 'string', '', 'Type for this service: ClusterIP, NodePort, LoadBalancer, or ExternalName. Default is \'ClusterIP\'.'),
    flag('selector', 'string', '', 'A label selector to use for this service. Only equality-based selector requirements are supported.', { short: 'l' }),
    flag('labels', 'string', '', 'Labels to apply to the service created by this call.'),
    flag('external-ip', 'string', '', 'Additional external IP address (not managed by Kubernetes) to accept for the service.'),
    flag('cluster-ip', 'string', '', 'ClusterIP to be assigned to the service. Leave empty to auto-allocate, or set to \'None\' to create a headless service.'),
    flag('session-affinity', 'string', '', 'If non-empty, set the session affinity for the service to this; legal values: \'None\', \'ClientIP\'.'),
  ],
  async run(ctx) {
    const files = ctx.flags.strings('filename');
    if (files.length === 0 && ctx.args.length === 0) throw new CliError('You must provide one or more resources by argument or filename.');
    const { targets, errors } = files.length > 0 ? await targetsFromFiles(ctx, files) : { targets: await targetsFromArgs(ctx, ctx.args), errors: [] as string[] };
    if (errors.length > 0) throw new CliError(errors[0] as string);
    const target = targets[0];
    if (!target || target.name === undefined) throw new CliError('resource(s) were provided, but no name was specified');
    if (!EXPOSABLE.includes(`${target.mapping.group}/${target.mapping.kind}`)) throw new CliError(`cannot expose a ${target.mapping.kind}`);
    const obj = await fetchOne(ctx, target);
    const selector = ctx.flags.string('selector') ? parseKeyValues(ctx.flags.string('selector'), 'selector') : selectorOf(target.mapping, obj);
    if (Object.keys(selector).length === 0) throw new CliError(`couldn't retrieve selectors via --selector flag or introspection: the ${target.mapping.kind} has no selector`);
    const protocol = ctx.flags.string('protocol');
    let ports: Array<{ port: number; protocol: string }>;
    if (ctx.flags.string('port')) {
      ports = ctx.flags.string('port').split(',').map((p) => {
        if (!/^\d+$/.test(p)) throw new CliError(`invalid port: ${p}`);
        return { port: Number(p), protocol: protocol || 'TCP' };
      });
    } else {
      ports = portsOf(target.mapping, obj).map((p) => ({ port: p.port, protocol: protocol || p.protocol }));
      if (ports.length === 0) throw new CliError("couldn't find port via --port flag or introspection\nSee 'kctl expose -h' for help and examples");
    }
    const targetPort = ctx.flags.string('target-port');
    const spec: Record<string, unknown> = {
      ports: ports.map((p, i) => ({
        ...(ports.length > 1 ? { name: `port-${i + 1}` } : {}),
        port: p.port,
        protocol: p.protocol,
        targetPort: targetPort === '' ? p.port : /^\d+$/.test(targetPort) ? Number(targetPort) : targetPort,
      })),
      selector,
    };
    if (ctx.flags.string('type')) spec['type'] = ctx.flags.string('type');
    if (ctx.flags.string('external-ip')) spec['externalIPs'] = [ctx.flags.string('external-ip')];
    if (ctx.flags.string('cluster-ip')) spec['clusterIP'] = ctx.flags.string('cluster-ip');
    if (ctx.flags.string('session-affinity')) spec['sessionAffinity'] = ctx.flags.string('session-affinity');
    const name = ctx.flags.string('name') || (obj.metadata?.name ?? '');
    const labels = ctx.flags.string('labels') ? parseKeyValues(ctx.flags.string('labels'), 'label') : stringMap(obj.metadata?.labels);
    const svc: KubeObject = { apiVersion: 'v1', kind: 'Service', metadata: { name, ...(Object.keys(labels).length > 0 ? { labels } : {}) }, spec };
    const dryRun = dryRunOf(ctx);
    const svcMapping = (await ctx.mapper()).resolve('services');
    const ns = target.namespace ?? ctx.namespace;
    const result = dryRun === 'client' ? { ...svc, metadata: { ...svc.metadata, namespace: ns } } : await ctx.client(svcMapping).create(ns, svc, writeOptions(dryRun));
    new Reporter(ctx, dryRun).done(svcMapping, result, 'exposed');
    return 0;
  },
};
