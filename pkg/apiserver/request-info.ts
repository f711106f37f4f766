// Parses a resource URL the way kube-apiserver's RequestInfoFactory does:
//   /api/v1[/namespaces/{ns}]/{resource}[/{name}[/{subresource}]]
//   /apis/{group}/{version}[/namespaces/{ns}]/{resource}[/{name}[/{subresource}]]
// /api/v1/namespaces/{name}[/status|/finalize] is the namespace itself.

/** RequestInfo is what a resource URL addresses. */
export interface RequestInfo {
  group: string;
  version: string;
  namespace?: string;
  resource: string;
  name?: string;
  subresource?: string;
}

const NAMESPACE_SUBRESOURCES = new Set(['status', 'finalize']);

/** parseRequestInfo returns what path addresses, or undefined for a path that names no resource. */
export function parseRequestInfo(path: string): RequestInfo | undefined {
  const parts = path.split('?')[0]!.split('/').filter((p) => p !== '').map(decodeURIComponent);
  let group: string;
  let version: string;
  let rest: string[];
  if (parts[0] === 'api' && parts.length >= 2) {
    group = '';
    version = parts[1] as string;
    rest = parts.slice(2);
  } else if (parts[0] === 'apis' && parts.length >= 3) {
    group = parts[1] as string;
    version = parts[2] as string;
    rest = parts.slice(3);
  } else {
    return undefined;
  }
  if (rest.length === 0) return undefined;
  if (rest[0] === 'namespaces' && rest.length >= 3 && !(group === '' && rest.length === 3 && NAMESPACE_SUBRESOURCES.has(rest[2] as string))) {
    const [, namespace, resource, name, subresource, ...extra] = rest;
    if (extra.length > 0) return undefined;
    return clean({ group, version, namespace, resource: resource as string, name, subresource });
  }
  const [resource, name, subresource, ...extra] = rest;
  if (extra.length > 0) return undefined;
  return clean({ group, version, resource: resource as string, name, subresource });
}

function clean(info: RequestInfo): RequestInfo {
  for (const k of ['namespace', 'name', 'subresource'] as const) if (info[k] === undefined) delete info[k];
  return info;
}
