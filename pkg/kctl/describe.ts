// `kctl describe`: a readable page per object, with the events recorded about it (found by
// involvedObject name, namespace and uid), as kubectl describe prints them.
import type { KubeObject } from '../../api/meta/object.js';
import { isApiError } from '../client/rest.js';
import type { Command, Context } from './command.js';
import { describeNamespace, describeNode, describeService } from './describe-core.js';
import { describeConfigMap, describeEndpoints, describeGeneric, describeSecret, describeServiceAccount } from './describe-other.js';
import { describePod } from './describe-pod.js';
import { describeText, type PrefixWriter } from './describe-writer.js';
import { countPods, describeDaemonSet, describeDeployment, describeJob, describeReplicaSet, describeReplicationController, formatLabelSelector } from './describe-workloads.js';
import { CliError, errorMessage, printErrors } from './errors.js';
import { F, flag } from './flags.js';
import { asRecord, formatLabels, goMarshal, stringMap } from './format.js';
import type { Mapping } from './mapper.js';
import { fetchOne, listItems, targetsFromArgs, targetsFromFiles, type Target } from './targets.js';

type Obj = Record<string, unknown>;

/** describe is `kctl describe`. */
export const describe: Command = {
  name: 'describe',
  summary: 'Show details of a specific resource or group of resources.',
  usage: 'kctl describe (-f FILENAME | TYPE [NAME_PREFIX | -l label] | TYPE/NAME) [flags]',
  examples: `# Describe a node
kctl describe nodes node-1

# Describe a pod
kctl describe pods/nginx

# Describe all pods managed by the 'frontend' replication controller
kctl describe pods frontend`,
  flags: [F.allNamespaces, F.selector, F.filename, F.recursive, flag('show-events', 'bool', true, 'If true, display events related to the described object.')],
  async run(ctx) {
    const files = ctx.flags.strings('filename');
    if (files.length === 0 && ctx.args.length === 0) throw new CliError('You must specify the type of resource to describe. Use "kctl api-resources" for a complete list of supported resources.');
    const allNs = ctx.flags.bool('all-namespaces');
    const { targets, errors } = files.length > 0 ? await targetsFromFiles(ctx, files) : { targets: await targetsFromArgs(ctx, ctx.args, { allNamespaces: allNs }), errors: [] as string[] };
    const objects: Array<{ mapping: Mapping; obj: KubeObject; prefixed: boolean }> = [];
    for (const t of targets) {
      try {
        const found = await resolve(ctx, t, files.length === 0 && ctx.args.length === 2);
        for (const obj of found.objects) objects.push({ mapping: t.mapping, obj, prefixed: found.prefixed });
      } catch (err) {
        if (!isApiError(err)) throw err;
        errors.push(errorMessage(err));
      }
    }
    let first = true;
    for (const { mapping, obj, prefixed } of objects) {
      const page = await describeOne(ctx, mapping, obj);
      // kubectl prints prefix matches each followed by a newline, and other pages separated by a blank line.
      ctx.out(prefixed ? `${page}\n` : first ? page : `\n\n${page}`);
      first = false;
    }
    if (objects.length === 0 && errors.length === 0) ctx.err(allNs || targets.some((t) => !t.mapping.namespaced) ? 'No resources found\n' : `No resources found in ${ctx.namespace} namespace.\n`);
    printErrors(ctx, errors);
    return errors.length > 0 ? 1 : 0;
  },
};

// With exactly TYPE NAME, a name that is not found is a prefix, as in kubectl: `describe pods
// web` describes web-1 and web-2.
async function resolve(ctx: Context, t: Target, prefixOk: boolean): Promise<{ objects: KubeObject[]; prefixed: boolean }> {
  if (t.name === undefined) return { objects: await listItems(ctx, t, { labelSelector: ctx.flags.string('selector') || undefined }), prefixed: false };
  try {
    return { objects: [await fetchOne(ctx, t)], prefixed: false };
  } catch (err) {
    if (!isApiError(err, 'NotFound') || !prefixOk) throw err;
    const matches = (await listItems(ctx, { ...t, name: undefined })).filter((o) => (o.metadata?.name ?? '').startsWith(t.name as string));
    if (matches.length === 0) throw err;
    return { objects: matches, prefixed: true };
  }
}

async function events(ctx: Context, obj: KubeObject, uid = obj.metadata?.uid ?? ''): Promise<Obj[] | undefined> {
  if (!ctx.flags.bool('show-events')) return undefined;
  const mapper = await ctx.mapper();
  const ev = mapper.find('events');
  if (!ev) return [];
  const ns = obj.metadata?.namespace ?? '';
  const fieldSelector = `involvedObject.name=${obj.metadata?.name ?? ''},involvedObject.namespace=${ns},involvedObject.uid=${uid}`;
  try {
    return (await listItems(ctx, { mapping: ev, namespace: ns || undefined }, { fieldSelector })) as Obj[];
  } catch {
    return [];
  }
}

async function podsMatching(ctx: Context, obj: KubeObject, selector: string): Promise<KubeObject[]> {
  const pods = (await ctx.mapper()).find('pods');
  if (!pods || selector === '<none>') return [];
  try {
    return await listItems(ctx, { mapping: pods, namespace: obj.metadata?.namespace }, { labelSelector: selector });
  } catch {
    return [];
  }
}

async function describeOne(ctx: Context, m: Mapping, obj: KubeObject): Promise<string> {
  const now = ctx.now();
  const key = `${m.group}/${m.kind}`;
  const spec = asRecord(obj['spec']);
  const text = (body: (w: PrefixWriter) => void): string => describeText(body);
  switch (key) {
    case '/Pod': {
      const ev = await events(ctx, obj);
      return text((w) => describePod(w, obj, ev, now));
    }
    case '/ReplicationController': {
      const pods = countPods(await podsMatching(ctx, obj, formatLabels(stringMap(spec['selector']))), obj.metadata?.uid);
      const ev = await events(ctx, obj);
      return text((w) => describeReplicationController(w, obj, pods, ev, now));
    }
    case 'apps/ReplicaSet':
    case 'apps/DaemonSet': {
      const pods = countPods(await podsMatching(ctx, obj, formatLabelSelector(spec['selector'])), obj.metadata?.uid);
      const ev = await events(ctx, obj);
      return text((w) => (m.kind === 'ReplicaSet' ? describeReplicaSet(w, obj, pods, ev, now) : describeDaemonSet(w, obj, pods, ev, now)));
    }
    case 'apps/Deployment': {
      const ev = await events(ctx, obj);
      const rss = await replicaSetsOf(ctx, obj);
      return text((w) => describeDeployment(w, obj, rss, ev, now));
    }
    case 'batch/Job': {
      const ev = await events(ctx, obj);
      return text((w) => describeJob(w, obj, ev, now));
    }
    case '/Service': {
      const ev = await events(ctx, obj);
      const epMapping = (await ctx.mapper()).find('endpoints');
      let ep: KubeObject | undefined;
      if (epMapping) ep = await fetchOne(ctx, { mapping: epMapping, namespace: obj.metadata?.namespace, name: obj.metadata?.name ?? '' }).catch(() => undefined);
      return text((w) => describeService(w, obj, ep, ev, now));
    }
    case '/Node':
      return describeNodePage(ctx, obj);
    case '/Namespace':
      return text((w) => describeNamespace(w, obj));
    case '/ConfigMap': {
      const ev = await events(ctx, obj);
      return text((w) => describeConfigMap(w, obj, ev, now));
    }
    case '/Secret':
      return text((w) => describeSecret(w, obj));
    case '/ServiceAccount': {
      const secretsMapping = (await ctx.mapper()).find('secrets');
      const secrets = secretsMapping ? await listItems(ctx, { mapping: secretsMapping, namespace: obj.metadata?.namespace }).catch(() => undefined) : undefined;
      const ev = await events(ctx, obj);
      return text((w) => describeServiceAccount(w, obj, secrets, ev, now));
    }
    case '/Endpoints': {
      const ev = await events(ctx, obj);
      return text((w) => describeEndpoints(w, obj, ev, now));
    }
    default: {
      const ev = await events(ctx, obj);
      return text((w) => describeGeneric(w, obj, ev, now));
    }
  }
}

// The deployment's replica sets: those it controls; the one whose template matches is the new one.
async function replicaSetsOf(ctx: Context, d: KubeObject): Promise<{ old: KubeObject[]; current?: KubeObject }> {
  const rsMapping = (await ctx.mapper()).find('replicasets.apps');
  if (!rsMapping) return { old: [] };
  const selector = formatLabelSelector(asRecord(d['spec'])['selector']);
  const all = await listItems(ctx, { mapping: rsMapping, namespace: d.metadata?.namespace }, { labelSelector: selector === '<none>' ? undefined : selector }).catch(() => []);
  const owned = all.filter((rs) => (rs.metadata?.ownerReferences ?? []).some((r) => r.controller === true && r.uid === d.metadata?.uid));
  const template = goMarshal(withoutHash(asRecord(d['spec'])['template']));
  const current = owned.find((rs) => goMarshal(withoutHash(asRecord(rs['spec'])['template'])) === template);
  return { old: owned.filter((rs) => rs !== current), current };
}

function withoutHash(template: unknown): unknown {
  const t = structuredClone(asRecord(template));
  const labels = asRecord(asRecord(t['metadata'])['labels']);
  delete labels['pod-template-hash'];
  return t;
}

async function describeNodePage(ctx: Context, node: KubeObject): Promise<string> {
  const mapper = await ctx.mapper();
  const name = node.metadata?.name ?? '';
  const podsMapping = mapper.find('pods');
  const pods = podsMapping
    ? await listItems(ctx, { mapping: podsMapping, namespace: undefined }, { fieldSelector: `spec.nodeName=${name},status.phase!=Succeeded,status.phase!=Failed` }).catch(() => [])
    : [];
  const leaseMapping = mapper.find('leases.coordination.k8s.io');
  let lease: KubeObject | string = `leases.coordination.k8s.io "${name}" not found`;
  if (leaseMapping) {
    try {
      lease = await fetchOne(ctx, { mapping: leaseMapping, namespace: 'kube-node-lease', name });
    } catch (err) {
      lease = (err as Error).message;
    }
  }
  // Node events are recorded against the node's uid by controllers and against its name by kubelets.
  const ev = await events(ctx, node);
  const byName = await events(ctx, node, name);
  const all = ev && byName ? [...ev, ...byName] : undefined;
  return describeText((w) => describeNode(w, node, pods, lease, all, ctx.now()));
}
