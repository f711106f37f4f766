import t from 'tap';
import { parseRequestInfo } from './request-info.js';

const cases: Array<[string, object | undefined]> = [
  ['/api/v1/pods', { group: '', version: 'v1', resource: 'pods' }],
  ['/api/v1/namespaces/default/pods', { group: '', version: 'v1', namespace: 'default', resource: 'pods' }],
  ['/api/v1/namespaces/default/pods/web-1', { group: '', version: 'v1', namespace: 'default', resource: 'pods', name: 'web-1' }],
  ['/api/v1/namespaces/default/pods/web-1/status', { group: '', version: 'v1', namespace: 'default', resource: 'pods', name: 'web-1', subresource: 'status' }],
  ['/api/v1/namespaces', { group: '', version: 'v1', resource: 'namespaces' }],
  ['/api/v1/namespaces/kube-system', { group: '', version: 'v1', resource: 'namespaces', name: 'kube-system' }],
  ['/api/v1/namespaces/kube-system/status', { group: '', version: 'v1', resource: 'namespaces', name: 'kube-system', subresource: 'status' }],
  ['/api/v1/namespaces/ns1/finalize', { group: '', version: 'v1', resource: 'namespaces', name: 'ns1', subresource: 'finalize' }],
  ['/api/v1/nodes/n1/status', { group: '', version: 'v1', resource: 'nodes', name: 'n1', subresource: 'status' }],
  ['/apis/apps/v1/namespaces/x/deployments/d/scale?pretty=1', { group: 'apps', version: 'v1', namespace: 'x', resource: 'deployments', name: 'd', subresource: 'scale' }],
  ['/apis/apps/v1/deployments', { group: 'apps', version: 'v1', resource: 'deployments' }],
  ['/api', undefined],
  ['/api/v1', undefined],
  ['/apis/apps/v1', undefined],
  ['/api/v1/namespaces/a/pods/b/c/d', undefined],
  ['/healthz', undefined],
];
for (const [path, want] of cases) t.same(parseRequestInfo(path), want, path);
