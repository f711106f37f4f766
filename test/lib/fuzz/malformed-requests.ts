// Malformed requests that are not about the body: URLs, methods, query parameters, selectors,
// continue tokens, content types, credentials, subresources and delete options.
import { KINDS, kindNamed } from './objects.js';
import { objectPath, type FuzzContext, type FuzzRequest } from './request.js';

const BAD_LABEL_SELECTORS = ['a==b==c', '!', 'a in (', 'a in (b', 'a,,b', '=', '=b', 'a notin b', 'a=b c', 'a>5x', 'a in ()x', '!a=b', 'a!', `${'k'.repeat(70)}=v`, 'a=' + 'v'.repeat(70), 'A B', 'a=(b)', 'a=b,', ',', 'a/b/c=d', '-a=b', 'a=b=c', 'a<', 'a>b', 'exists a'];
const BAD_FIELD_SELECTORS = ['foo=bar', 'metadata.name==a==b', '=x', 'metadata.name in (a)', 'metadata.labels=x', '!metadata.name', 'metadata.name>1', 'metadata.namespace'];
const UNKNOWN_PATHS = ['/apis/foo/v1/bars', '/api/v2/pods', '/api/v2/namespaces/NS/pods', '/apis/apps/v2/namespaces/NS/deployments', '/api/v1/namespaces/NS/foos', '/apis/apps/v1/namespaces/NS/pods', '/api/v1/namespaces/NS/deployments', '/apis/apps/v1beta1/namespaces/NS/deployments', '/api/v1/namespaces/NS/configmaps/a/b/c/d', '/api/v1/namespaces/NS/pods/x/y/z', '/apis/extensions/v1beta1/ingresses', '/nope', '/api/v1/namespaces/NS/configmaps/x/nosuchsub', '/api/v1/namespaces/NS/pods/x/frobnicate', '/apis/apps/v1/namespaces/NS/deployments/x/logs', '/api/v1/namespaces/NS/configmaps/x/status', '/api/v1/namespaces/NS/configmaps/x/scale'];
const ODD_PATHS = ['/api/v1/namespaces/%ZZ/configmaps', '/api/v1/namespaces/NS/configmaps/%E0%A4%A', '/api/v1/namespaces/NS/configmaps/%', '/api/v1/namespaces/NS/configmaps/a%00b', '/api/v1/namespaces/NS/configmaps/..%2F..%2Fsecrets', '/api/v1/namespaces//configmaps', '/api//v1/namespaces/NS/configmaps', '/api/v1/namespaces/NS/configmaps/%2e%2e', '/api/v1/namespaces/NS/configmaps?%zz=1', '/api/v1/namespaces/NS/configmaps?limit=%zz', '/api/v1/namespaces/NS/configmaps/' + 'x'.repeat(4000)];
const BAD_QUERIES: ReadonlyArray<[string, string, readonly number[] | undefined]> = [
  ['GET', 'limit=-1', [400]],
  ['GET', 'limit=abc', [400]],
  ['GET', 'limit=1.5', [400]],
  ['GET', 'limit=99999999999999999999999', [400]],
  ['GET', 'watch=maybe', [400]],
  ['GET', 'watch=true&timeoutSeconds=abc', [400]],
  ['GET', 'watch=true&timeoutSeconds=-5', [400]],
  ['GET', 'watch=1&allowWatchBookmarks=perhaps&timeoutSeconds=1', [400]],
  ['GET', 'timeoutSeconds=abc', [400]],
  ['GET', 'resourceVersion=abc', [400]],
  ['GET', 'resourceVersion=-1', [400]],
  ['GET', 'resourceVersion=1.5&resourceVersionMatch=NotOlderThan', [400]],
  ['GET', 'resourceVersion=abc&resourceVersionMatch=Exact', [400]],
  ['GET', 'resourceVersion=0&resourceVersionMatch=Exact', [400]],
  ['GET', 'resourceVersionMatch=Exact', [400]],
  ['GET', 'resourceVersionMatch=Bogus&resourceVersion=1', [400]],
  ['GET', 'watch=true&resourceVersion=abc', [400]],
  ['GET', 'watch=true&resourceVersion=-7', [400]],
  ['GET', 'watch=true&resourceVersion=1.5', [400]],
  ['GET', 'limit=1&continue=garbage', [400]],
  ['GET', 'limit=1&continue=%%%', [400]],
  ['GET', `continue=${Buffer.from('{"v":1,"k":"x","r":-4}').toString('base64url')}`, [400]],
  ['GET', `continue=${Buffer.from('{"v":2,"k":"x","r":4}').toString('base64url')}`, [400]],
  ['GET', `continue=${Buffer.from('{"v":1,"k":5,"r":4}').toString('base64url')}`, [400]],
  ['GET', `continue=${Buffer.from('{"v":1,"k":"","r":99999999999}').toString('base64url')}`, [400]],
  ['GET', `continue=${Buffer.from('[]').toString('base64url')}&limit=2`, [400]],
  ['GET', 'continue=bnVsbA&resourceVersionMatch=Exact&resourceVersion=5', [400]],
  ['POST', 'dryRun=Some', [400]],
  ['POST', 'dryRun=all', [400]],
  ['DELETE', 'dryRun=Some', [400]],
  ['DELETE', 'gracePeriodSeconds=abc', [400]],
  ['DELETE', 'gracePeriodSeconds=-1', undefined],
  ['DELETE', 'propagationPolicy=Sideways', [422]],
  ['PATCH', 'dryRun=None', [400]],
  ['PUT', 'dryRun=Some', [400]],
];
const WRONG_CONTENT_TYPES = ['text/plain', 'application/xml', 'application/vnd.kubernetes.protobuf', 'multipart/form-data; boundary=x', 'application/x-www-form-urlencoded', 'application/json-patch+json', 'application/merge-patch+json', 'image/png', 'application/cbor', 'nonsense'];
const BAD_DELETE_BODIES: ReadonlyArray<[string, readonly number[] | undefined]> = [
  ['{', [400]],
  ['[1]', [400]],
  ['"x"', [400]],
  ['{"propagationPolicy":"Sideways"}', [422]],
  ['{"propagationPolicy":5}', [422]],
  ['{"preconditions":{"uid":"not-the-uid"}}', [409]],
  ['{"preconditions":{"resourceVersion":"abc"}}', [409]],
];

/** malformedRequest draws one malformed request that is not a bad create, update or patch body. */
export function malformedRequest(ctx: FuzzContext): FuzzRequest {
  const { rng, ns } = ctx;
  const kind = rng.pick(KINDS);
  const collection = kind.collection(ns);
  const victim = objectPath(kind, ns, ctx.victim(kind));
  const body = JSON.stringify(kind.make(ctx.fresh('bad'), 0));
  switch (rng.int(11)) {
    case 0:
      return { category: 'bad label selector', method: 'GET', path: `${collection}?labelSelector=${encodeURIComponent(rng.pick(BAD_LABEL_SELECTORS))}`, expect: 'reject', codes: [400] };
    case 1:
      return { category: 'bad field selector', method: rng.pick(['GET', 'GET', 'DELETE']), path: `${collection}?fieldSelector=${encodeURIComponent(rng.pick(BAD_FIELD_SELECTORS))}`, expect: 'reject', codes: [400] };
    case 2: {
      const path = rng.pick(UNKNOWN_PATHS).replace('NS', ns);
      return { category: 'unknown resource', method: rng.pick(['GET', 'POST', 'PUT', 'DELETE']), path, body, contentType: 'application/json', expect: 'reject', codes: [404, 405] };
    }
    case 3:
      // GET only: a lenient path parser may read an odd path as a real collection.
      return { category: 'odd path', method: 'GET', path: rng.pick(ODD_PATHS).replace('NS', ns), expect: 'either' };
    case 4: {
      const [method, query, codes] = rng.pick(BAD_QUERIES);
      const path = method === 'GET' || method === 'POST' ? collection : victim;
      const withBody = method === 'POST' || method === 'PUT' || method === 'PATCH';
      const payload = method === 'PATCH' ? '{"metadata":{"labels":{"q":"1"}}}' : body;
      const contentType = method === 'PATCH' ? 'application/merge-patch+json' : 'application/json';
      return { category: `bad query ${method} ${query}`, method, path: `${path}?${query}`, expect: 'reject', ...(codes ? { codes } : {}), ...(withBody ? { body: method === 'PUT' ? JSON.stringify(kind.make(ctx.victim(kind), 0)) : payload, contentType } : {}) };
    }
    case 5:
      return wrongMethod(ctx);
    case 6:
      return { category: 'wrong content type', method: rng.pick(['POST', 'PUT']), path: rng.chance(0.5) ? collection : victim, body, contentType: rng.pick(WRONG_CONTENT_TYPES), expect: 'reject', codes: [415, 405] };
    case 7: {
      const token = rng.pick<string | null>([null, '', 'wrong', 'x'.repeat(5000), 'Bearer', 'a b']);
      return { category: 'bad credentials', method: rng.pick(['GET', 'POST', 'DELETE']), path: collection, token, expect: 'reject', codes: [401] };
    }
    case 8: {
      const [text, codes] = rng.pick(BAD_DELETE_BODIES);
      return { category: `bad delete options ${text}`, method: 'DELETE', path: victim, body: text, contentType: 'application/json', expect: 'reject', ...(codes ? { codes } : {}) };
    }
    case 9:
      return badSubresource(ctx);
    default: {
      const missing = objectPath(kind, rng.chance(0.5) ? ns : `no-such-ns-${rng.int(100)}`, ctx.fresh('missing'));
      return { category: 'no such object', method: rng.pick(['GET', 'PUT', 'DELETE']), path: missing, body, contentType: 'application/json', expect: 'reject', codes: [400, 404] };
    }
  }
}

function wrongMethod(ctx: FuzzContext): FuzzRequest {
  const { rng, ns } = ctx;
  const kind = rng.pick(KINDS);
  const body = JSON.stringify(kind.make(ctx.victim(kind), 0));
  const options = [
    { method: 'PUT', path: kind.collection(ns) },
    { method: 'PATCH', path: kind.collection(ns) },
    { method: 'POST', path: objectPath(kind, ns, ctx.victim(kind)) },
    { method: 'DELETE', path: objectPath(kind, ns, ctx.victim(kind), 'status') },
    { method: 'POST', path: objectPath(kindNamed('pods'), ns, ctx.victim(kindNamed('pods')), 'status') },
    { method: 'DELETE', path: objectPath(kindNamed('deployments'), ns, ctx.victim(kindNamed('deployments')), 'scale') },
    { method: 'GET', path: objectPath(kindNamed('pods'), ns, ctx.victim(kindNamed('pods')), 'binding') },
    { method: 'POST', path: '/api/v1/namespaces' + '/' + ns + '/status' },
    { method: 'OPTIONS', path: kind.collection(ns) },
    { method: 'POST', path: `/api/v1/configmaps` },
  ];
  const o = rng.pick(options);
  return { category: `wrong method ${o.method}`, ...o, body, contentType: 'application/json', expect: 'reject', codes: [404, 405] };
}

function badSubresource(ctx: FuzzContext): FuzzRequest {
  const { rng, ns } = ctx;
  const pods = kindNamed('pods');
  const workload = rng.pick([kindNamed('deployments'), kindNamed('replicationcontrollers')]);
  const scale = objectPath(workload, ns, ctx.victim(workload), 'scale');
  const options: FuzzRequest[] = [
    { category: 'scale: replicas "three"', method: 'PUT', path: scale, body: '{"apiVersion":"autoscaling/v1","kind":"Scale","spec":{"replicas":"three"}}', contentType: 'application/json', expect: 'reject', codes: [422] },
    { category: 'scale: negative', method: 'PATCH', path: scale, body: '{"spec":{"replicas":-1}}', contentType: 'application/merge-patch+json', expect: 'reject', codes: [422] },
    { category: 'scale: not an object', method: 'PUT', path: scale, body: '[1]', contentType: 'application/json', expect: 'reject', codes: [400] },
    { category: 'scale: bad json patch', method: 'PATCH', path: scale, body: '[{"op":"replace","path":"/spec/nope/x","value":1}]', contentType: 'application/json-patch+json', expect: 'reject' },
    { category: 'scale: stale resourceVersion', method: 'PUT', path: scale, body: '{"metadata":{"resourceVersion":"abc"},"spec":{"replicas":1}}', contentType: 'application/json', expect: 'reject' },
    { category: 'binding: no target', method: 'POST', path: objectPath(pods, ns, ctx.victim(pods), 'binding'), body: '{"apiVersion":"v1","kind":"Binding","target":"node-1"}', contentType: 'application/json', expect: 'reject', codes: [422] },
    { category: 'binding: broken', method: 'POST', path: objectPath(pods, ns, ctx.victim(pods), 'binding'), body: '{"target":', contentType: 'application/json', expect: 'reject', codes: [400] },
    { category: 'binding: missing pod', method: 'POST', path: objectPath(pods, ns, ctx.fresh('nopod'), 'binding'), body: '{"target":{"name":"n1"}}', contentType: 'application/json', expect: 'reject', codes: [404] },
    { category: 'status: not an object', method: 'PUT', path: objectPath(pods, ns, ctx.victim(pods), 'status'), body: '"Running"', contentType: 'application/json', expect: 'reject', codes: [400] },
    { category: 'status: bad patch', method: 'PATCH', path: objectPath(pods, ns, ctx.victim(pods), 'status'), body: '{"status":', contentType: 'application/merge-patch+json', expect: 'reject', codes: [400] },
    { category: 'status: wrong type', method: 'PATCH', path: objectPath(pods, ns, ctx.victim(pods), 'status'), body: '{"status":"Running"}', contentType: 'application/merge-patch+json', expect: 'either' },
    { category: 'eviction: missing pod', method: 'POST', path: objectPath(pods, ns, ctx.fresh('nopod'), 'eviction'), body: '{}', contentType: 'application/json', expect: 'reject', codes: [404] },
    { category: 'finalize: broken', method: 'PUT', path: `/api/v1/namespaces/${ns}/finalize`, body: '{"spec":', contentType: 'application/json', expect: 'reject', codes: [400] },
  ];
  return rng.pick(options);
}

/** followUp reads, patches, replaces or deletes an odd object the server accepted earlier. */
export function followUp(ctx: FuzzContext): FuzzRequest {
  const { rng } = ctx;
  const i = rng.int(ctx.leftovers.length);
  const path = ctx.leftovers[i] as string;
  const name = decodeURIComponent(path.slice(path.lastIndexOf('/') + 1));
  const n = rng.int(1000);
  const options: FuzzRequest[] = [
    { category: 'follow-up get', method: 'GET', path, expect: 'either' },
    { category: 'follow-up merge patch', method: 'PATCH', path, body: `{"metadata":{"labels":{"f":"${n}"}}}`, contentType: 'application/merge-patch+json', expect: 'either' },
    { category: 'follow-up strategic patch', method: 'PATCH', path, body: `{"metadata":{"annotations":{"f":"${n}"}},"spec":{"replicas":${n % 3}}}`, contentType: 'application/strategic-merge-patch+json', expect: 'either' },
    { category: 'follow-up json patch', method: 'PATCH', path, body: `[{"op":"add","path":"/metadata/labels","value":{"f":"${n}"}}]`, contentType: 'application/json-patch+json', expect: 'either' },
    { category: 'follow-up replace', method: 'PUT', path, body: JSON.stringify({ metadata: { name, labels: { f: String(n) } } }), contentType: 'application/json', expect: 'either' },
    { category: 'follow-up scale', method: 'GET', path: `${path}/scale`, expect: 'either' },
    { category: 'follow-up list', method: 'GET', path: `${path.slice(0, path.lastIndexOf('/'))}?fieldSelector=spec.nodeName%3D&labelSelector=app`, expect: 'either' },
    { category: 'follow-up delete', method: 'DELETE', path: `${path}${rng.chance(0.5) ? '?gracePeriodSeconds=0' : ''}`, expect: 'either' },
  ];
  const req = rng.pick(options);
  if (req.method === 'DELETE') ctx.leftovers.splice(i, 1);
  return req;
}
