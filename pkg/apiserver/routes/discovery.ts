// Discovery: /api, /api/v1, /apis, /apis/<group>[/<version>], built from api/resources.ts, so
// kubectl and client libraries learn every kind, verb, short name and subresource we serve.
import type { FastifyInstance } from 'fastify';
import { groupVersion, RESOURCES, type ResourceInfo } from '../../../api/resources.js';
import { errors } from '../../../api/status.js';

const MAIN_VERBS = ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'];
const SUB_VERBS: Record<string, string[]> = {
  status: ['get', 'patch', 'update'],
  scale: ['get', 'patch', 'update'],
  binding: ['create'],
  eviction: ['create'],
  log: ['get'],
  exec: ['create', 'get'],
  finalize: ['update'],
};
const SUB_KIND: Record<string, (r: ResourceInfo) => { kind: string; group?: string; version?: string }> = {
  scale: () => ({ kind: 'Scale', group: 'autoscaling', version: 'v1' }),
  binding: () => ({ kind: 'Binding' }),
  eviction: () => ({ kind: 'Eviction', group: 'policy', version: 'v1' }),
  log: () => ({ kind: 'Pod' }),
  exec: () => ({ kind: 'PodExecOptions' }),
};

function resourceList(gv: string, resources: readonly ResourceInfo[]): object {
  const out: object[] = [];
  for (const r of resources) {
    out.push({ name: r.resource, singularName: r.singular, namespaced: r.namespaced, kind: r.kind, verbs: MAIN_VERBS, ...(r.shortNames.length ? { shortNames: r.shortNames } : {}), ...(r.categories.length ? { categories: r.categories } : {}) });
    for (const sub of r.subresources) {
      const k = SUB_KIND[sub]?.(r) ?? { kind: r.kind };
      out.push({ name: `${r.resource}/${sub}`, singularName: '', namespaced: r.namespaced, ...k, verbs: SUB_VERBS[sub] ?? ['get'] });
    }
  }
  return { kind: 'APIResourceList', apiVersion: 'v1', groupVersion: gv, resources: out };
}

function groups(): Map<string, string[]> {
  const m = new Map<string, string[]>();
  for (const r of RESOURCES) {
    if (r.group === '') continue;
    const versions = m.get(r.group) ?? [];
    if (!versions.includes(r.version)) versions.push(r.version);
    m.set(r.group, versions);
  }
  return m;
}

function apiGroup(name: string, versions: string[]): object {
  const vs = versions.map((version) => ({ groupVersion: `${name}/${version}`, version }));
  return { kind: 'APIGroup', apiVersion: 'v1', name, versions: vs, preferredVersion: vs[0] };
}

/** discoveryRoutes registers the discovery endpoints. */
export async function discoveryRoutes(app: FastifyInstance): Promise<void> {
  app.get('/api', async (req) => ({
    kind: 'APIVersions',
    versions: ['v1'],
    serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress: `${req.hostname}` }],
  }));
  app.get('/api/v1', async () => resourceList('v1', RESOURCES.filter((r) => r.group === '')));
  app.get('/apis', async () => ({ kind: 'APIGroupList', apiVersion: 'v1', groups: [...groups()].map(([name, versions]) => apiGroup(name, versions)) }));
  app.get('/apis/:group', async (req) => {
    const { group } = req.params as { group: string };
    const versions = groups().get(group);
    if (!versions) throw errors.notFound('', '', group);
    return apiGroup(group, versions);
  });
  app.get('/apis/:group/:version', async (req) => {
    const { group, version } = req.params as { group: string; version: string };
    const rs = RESOURCES.filter((r) => r.group === group && r.version === version);
    if (rs.length === 0) throw errors.notFound('', '', `${group}/${version}`);
    return resourceList(groupVersion(rs[0] as ResourceInfo), rs);
  });
}
