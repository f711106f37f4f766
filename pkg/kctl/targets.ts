// Which objects a command means, from its arguments as kubectl reads them (TYPE, TYPE1,TYPE2,
// TYPE NAME..., TYPE/NAME..., `all`) or from -f manifests, and fetching them: one GET per name,
// one paged LIST per type, as plain objects or as the server's Tables.
import type { KubeList, KubeObject } from '../../api/meta/object.js';
import type { Context } from './command.js';
import { CliError } from './errors.js';
import { loadManifests, type ManifestDoc } from './manifest.js';
import { apiVersionOf, type Mapper, type Mapping } from './mapper.js';

/** Target is one GET (name set) or one LIST (no name) of one resource. */
export interface Target {
  mapping: Mapping;
  /** namespace is undefined for cluster-scoped resources and lists across all namespaces. */
  namespace: string | undefined;
  name?: string;
  /** doc is the manifest document a target came from (-f). */
  doc?: ManifestDoc;
}

/** TABLE_ACCEPT is what kubectl get sends to receive server-side Tables. */
export const TABLE_ACCEPT = 'application/json;as=Table;v=v1;g=meta.k8s.io,application/json;as=Table;v=v1beta1;g=meta.k8s.io,application/json';

/** namespaceFor is the namespace a request for mapping uses. */
export function namespaceFor(ctx: Context, m: Mapping, allNamespaces = false): string | undefined {
  if (!m.namespaced) return undefined;
  return allNamespaces ? undefined : ctx.namespace;
}

/** splitTypes expands `pods,svc` and `all` into mappings, in order, without repeats. */
export function splitTypes(mapper: Mapper, word: string): Mapping[] {
  const out: Mapping[] = [];
  for (const w of word.split(',').filter((x) => x !== '')) {
    const found = w === 'all' && !mapper.find('all') ? mapper.category('all') : [mapper.resolve(w)];
    for (const m of found) if (!out.includes(m)) out.push(m);
  }
  return out;
}

/**
 * targetsFromArgs reads `TYPE[,TYPE] [NAME...]` or `TYPE/NAME...`; allNamespaces lists across
 * namespaces (names are then not allowed, as in kubectl).
 */
export async function targetsFromArgs(ctx: Context, args: readonly string[], opts: { allNamespaces?: boolean } = {}): Promise<Target[]> {
  if (args.length === 0) return [];
  const mapper = await ctx.mapper();
  if (args.some((a) => a.includes('/'))) {
    if (!args.every((a) => a.includes('/'))) {
      throw new CliError(`there is no need to specify a resource type as a separate argument when passing arguments in resource/name form (e.g. 'kctl get resource/<resource_name>' instead of 'kctl get resource resource/<resource_name>'`);
    }
    return args.map((a) => {
      const slash = a.indexOf('/');
      const name = a.slice(slash + 1);
      if (name === '') throw new CliError(`arguments in resource/name form must have a single resource and name`);
      const mapping = mapper.resolve(a.slice(0, slash));
      return { mapping, namespace: namespaceFor(ctx, mapping), name };
    });
  }
  const [types, ...names] = args as [string, ...string[]];
  const mappings = splitTypes(mapper, types);
  if (names.length > 0 && opts.allNamespaces && mappings.some((m) => m.namespaced)) throw new CliError('a resource cannot be retrieved by name across all namespaces');
  if (names.length === 0) return mappings.map((mapping) => ({ mapping, namespace: namespaceFor(ctx, mapping, opts.allNamespaces) }));
  return mappings.flatMap((mapping) => names.map((name) => ({ mapping, namespace: namespaceFor(ctx, mapping), name })));
}

/** ManifestTargets are the objects of -f files plus the messages of what could not be used. */
export interface ManifestTargets {
  targets: Target[];
  errors: string[];
}

/**
 * targetsFromFiles reads -f manifests and maps each object; kinds the server lacks and namespace
 * clashes become error lines, the rest proceed.
 */
export async function targetsFromFiles(ctx: Context, files: readonly string[]): Promise<ManifestTargets> {
  const loaded = await loadManifests(files, { recursive: ctx.flags.bool('recursive'), stdin: () => ctx.io.stdin() });
  const errors = [...loaded.errors];
  const targets: Target[] = [];
  if (loaded.docs.length === 0) return { targets, errors };
  const mapper = await ctx.mapper();
  for (const doc of loaded.docs) {
    const obj = doc.object;
    const mapping = mapper.forKind(String(obj.apiVersion), String(obj.kind));
    const name = obj.metadata?.name ?? '';
    const ns = obj.metadata?.namespace ?? '';
    if (!mapping) {
      const version = String(obj.apiVersion);
      errors.push(`resource mapping not found for name: "${name}" namespace: "${ns}" from "${doc.source}": no matches for kind "${obj.kind}" in version "${version}"`);
      continue;
    }
    let namespace: string | undefined;
    if (mapping.namespaced) {
      namespace = ns || ctx.namespace;
      if (ns && ctx.explicitNamespace && ns !== ctx.namespace) {
        errors.push(`the namespace from the provided object "${ns}" does not match the namespace "${ctx.namespace}". You must pass '--namespace=${ns}' to perform this operation.`);
        continue;
      }
    }
    targets.push({ mapping, namespace, name, doc });
  }
  return { targets, errors };
}

/** ListQuery are the selectors of a LIST. */
export interface ListQuery {
  labelSelector?: string;
  fieldSelector?: string;
}

/** fetchOne GETs one object (as a Table when accept asks for one). */
export async function fetchOne(ctx: Context, t: Target, accept?: string): Promise<KubeObject> {
  const path = ctx.client(t.mapping).path(t.namespace, t.name);
  return (await ctx.rest().request<KubeObject>({ path, accept })).body;
}

/**
 * fetchPages LISTs in pages of 500 (kubectl's --chunk-size) and returns each page, so Tables
 * print page after page and plain lists can be joined.
 */
export async function fetchPages(ctx: Context, t: Target, q: ListQuery, accept?: string): Promise<KubeObject[]> {
  const path = ctx.client(t.mapping).path(t.namespace);
  const pages: KubeObject[] = [];
  let cont: string | undefined;
  do {
    const page = (await ctx.rest().request<KubeObject>({ path, accept, query: { labelSelector: q.labelSelector, fieldSelector: q.fieldSelector, limit: 500, continue: cont } })).body;
    pages.push(page);
    cont = (page.metadata as { continue?: string } | undefined)?.continue || undefined;
  } while (cont);
  return pages;
}

/** listItems LISTs all pages and returns the items with apiVersion and kind filled in. */
export async function listItems(ctx: Context, t: Target, q: ListQuery = {}): Promise<KubeObject[]> {
  const pages = await fetchPages(ctx, t, q);
  return pages.flatMap((p) => withKind(t.mapping, (p as unknown as KubeList).items ?? []));
}

/** withKind sets apiVersion and kind on list items, which servers may omit. */
export function withKind(m: Mapping, items: KubeObject[]): KubeObject[] {
  return items.map((i) => ({ apiVersion: apiVersionOf(m), kind: m.kind, ...i }));
}

/**
 * selectTargets is what the commands acting on named objects share (delete, label, annotate,
 * scale, wait): -f manifests or TYPE NAME arguments, with a bare TYPE expanded through -l or
 * --all into the objects it matches, and kubectl's error when neither was given.
 */
export async function selectTargets(ctx: Context, args: readonly string[] = ctx.args): Promise<ManifestTargets & { expanded: boolean }> {
  const files = ctx.flags.strings('filename');
  const flagOn = (name: string): boolean => ctx.flags.declared(name) && ctx.flags.bool(name);
  const allNamespaces = flagOn('all-namespaces');
  const { targets, errors } = files.length > 0 ? await targetsFromFiles(ctx, files) : { targets: await targetsFromArgs(ctx, args, { allNamespaces }), errors: [] as string[] };
  const lists = targets.filter((t) => t.name === undefined);
  if (lists.length === 0) return { targets, errors, expanded: false };
  const selector = ctx.flags.declared('selector') ? ctx.flags.string('selector') : '';
  if (!flagOn('all') && !selector) throw new CliError('resource(s) were provided, but no name was specified');
  const named: Target[] = targets.filter((t) => t.name !== undefined);
  for (const t of lists) for (const o of await listItems(ctx, t, { labelSelector: selector || undefined })) named.push({ mapping: t.mapping, namespace: o.metadata?.namespace, name: o.metadata?.name ?? '' });
  return { targets: named, errors, expanded: true };
}
