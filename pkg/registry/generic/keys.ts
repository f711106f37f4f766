// Where objects live in the store: /registry/<resource>[.<group>]/<namespace>/<name>, or without
// the namespace for cluster-scoped resources (the layout kube-apiserver uses in etcd).
import type { ResourceInfo } from '../../../api/resources.js';

/** resourcePrefix is the store prefix of every object of a resource. */
export function resourcePrefix(info: ResourceInfo): string {
  return `/registry/${info.group === '' ? info.resource : `${info.resource}.${info.group}`}/`;
}

/** listPrefix is the prefix of a namespace's objects, or of all of them when namespace is empty. */
export function listPrefix(info: ResourceInfo, namespace: string | undefined): string {
  return info.namespaced && namespace ? `${resourcePrefix(info)}${namespace}/` : resourcePrefix(info);
}

/** objectKey is the store key of one object. */
export function objectKey(info: ResourceInfo, namespace: string | undefined, name: string): string {
  return info.namespaced ? `${resourcePrefix(info)}${namespace ?? ''}/${name}` : `${resourcePrefix(info)}${name}`;
}
