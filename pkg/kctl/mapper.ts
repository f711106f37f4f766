// kctl's RESTMapper: which resource a word on the command line or a manifest's apiVersion/kind
// means, learned from the server's discovery documents, so kctl knows exactly the kinds the
// server serves (and says so, as kubectl does, when it does not).
import type { ResourceInfo } from '../../api/resources.js';
import type { RestClient } from '../client/rest.js';
import { CliError } from './errors.js';

/** Mapping is a served resource plus its verbs, from discovery. */
export interface Mapping extends ResourceInfo {
  verbs: string[];
}

interface APIResource {
  name: string;
  singularName?: string;
  namespaced: boolean;
  kind: string;
  verbs?: string[];
  shortNames?: string[];
  categories?: string[];
}

interface APIResourceList {
  groupVersion: string;
  resources: APIResource[];
}

interface APIGroupList {
  groups: Array<{ name: string; preferredVersion?: { version: string }; versions: Array<{ version: string }> }>;
}

/** kindName is kubectl's lower-case `kind.group` naming: `pod`, `deployment.apps`. */
export function kindName(info: Pick<ResourceInfo, 'kind' | 'group'>): string {
  return `${info.kind.toLowerCase()}${info.group ? `.${info.group}` : ''}`;
}

/** qualifiedResource is `pods` or `deployments.apps`, as the server's messages name resources. */
export function qualifiedResource(info: Pick<ResourceInfo, 'resource' | 'group'>): string {
  return info.group ? `${info.resource}.${info.group}` : info.resource;
}

/** apiVersionOf is the apiVersion field of a mapping's objects. */
export function apiVersionOf(info: Pick<ResourceInfo, 'group' | 'version'>): string {
  return info.group ? `${info.group}/${info.version}` : info.version;
}

/** Mapper resolves resource words and kinds against discovery. */
export class Mapper {
  constructor(readonly mappings: readonly Mapping[]) {}

  /** discover reads the server's discovery documents (preferred versions only, like kubectl). */
  static async discover(rest: RestClient): Promise<Mapper> {
    const lists: Array<Promise<APIResourceList | undefined>> = [];
    const get = async <T>(path: string): Promise<T | undefined> => {
      try {
        return (await rest.request<T>({ path })).body;
      } catch (err) {
        if ((err as { code?: unknown }).code === 'ECONNREFUSED' || (err as { reason?: string }).reason === 'Unauthorized') throw err;
        return undefined;
      }
    };
    const [core, groups] = await Promise.all([get<{ versions: string[] }>('/api'), get<APIGroupList>('/apis')]);
    if (!core && !groups) throw new CliError('the server did not answer discovery requests (/api, /apis)');
    for (const v of core?.versions ?? []) lists.push(get<APIResourceList>(`/api/${v}`));
    for (const g of groups?.groups ?? []) {
      const version = g.preferredVersion?.version ?? g.versions[0]?.version;
      if (version) lists.push(get<APIResourceList>(`/apis/${g.name}/${version}`));
    }
    const mappings: Mapping[] = [];
    for (const list of await Promise.all(lists)) {
      if (!list) continue;
      const [group, version] = list.groupVersion.includes('/') ? (list.groupVersion.split('/') as [string, string]) : ['', list.groupVersion];
      for (const r of list.resources) {
        if (r.name.includes('/')) continue;
        const subresources = list.resources.filter((s) => s.name.startsWith(`${r.name}/`)).map((s) => s.name.slice(r.name.length + 1));
        mappings.push({
          group,
          version,
          resource: r.name,
          singular: r.singularName || r.kind.toLowerCase(),
          kind: r.kind,
          namespaced: r.namespaced,
          shortNames: r.shortNames ?? [],
          categories: r.categories ?? [],
          subresources,
          verbs: r.verbs ?? [],
        });
      }
    }
    return new Mapper(mappings);
  }

  /**
   * resolve maps a resource word (pods, pod, po, Pod, deployments.apps, deploy.v1.apps) to its
   * mapping; unknown words fail as kubectl's "the server doesn't have a resource type".
   */
  resolve(word: string): Mapping {
    const found = this.find(word);
    if (!found) throw new CliError(`the server doesn't have a resource type "${word}"`);
    return found;
  }

  /** find is resolve without the error. */
  find(word: string): Mapping | undefined {
    const w = word.toLowerCase();
    const matches = (m: Mapping, name: string): boolean => m.resource === name || m.singular === name || m.shortNames.includes(name) || m.kind.toLowerCase() === name;
    const direct = this.mappings.find((m) => matches(m, w));
    if (direct) return direct;
    // resource.group or resource.version.group
    const dot = w.indexOf('.');
    if (dot < 0) return undefined;
    const name = w.slice(0, dot);
    const rest = w.slice(dot + 1);
    const withGroup = this.mappings.find((m) => m.group === rest && matches(m, name));
    if (withGroup) return withGroup;
    const vdot = rest.indexOf('.');
    if (vdot < 0) return this.mappings.find((m) => m.group === '' && m.version === rest && matches(m, name));
    const version = rest.slice(0, vdot);
    const group = rest.slice(vdot + 1);
    return this.mappings.find((m) => m.group === group && m.version === version && matches(m, name));
  }

  /** category lists the resources in a discovery category ("all"), in discovery order. */
  category(name: string): Mapping[] {
    return this.mappings.filter((m) => m.categories.includes(name));
  }

  /** forKind maps a manifest's apiVersion and kind, or undefined when the server lacks it. */
  forKind(apiVersion: string, kind: string): Mapping | undefined {
    return this.mappings.find((m) => m.kind === kind && apiVersionOf(m) === apiVersion);
  }
}
