// The import rules say no where the architecture says no, and yes where it allows.
import t from 'tap';
import { checkImport } from './import-rules.js';

const denied: Array<[string, string]> = [
  ['pkg/scheduler/queue.ts', 'pkg/storage/level/store.ts'],
  ['pkg/kubelet/pod-worker.ts', 'pkg/registry/generic/store.ts'],
  ['pkg/controller/replication/sync.ts', 'pkg/scheduler/queue.ts'],
  ['pkg/kctl/get.ts', 'pkg/apiserver/server.ts'],
  ['pkg/apiserver/server.ts', 'pkg/storage/interface.ts'],
  ['pkg/util/log.ts', 'pkg/client/rest.ts'],
  ['api/codec/object-codec.ts', 'pkg/util/log.ts'],
  ['pkg/server/run.ts', 'cmd/server/main.ts'],
  ['cmd/server/main.ts', 'cmd/kctl/main.ts'],
  ['pkg/client/rest.ts', 'pkg/kctl/get.ts'],
];
const allowed: Array<[string, string]> = [
  ['pkg/registry/generic/store.ts', 'pkg/storage/interface.ts'],
  ['pkg/apiserver/server.ts', 'pkg/registry/generic/store.ts'],
  ['pkg/scheduler/queue.ts', 'pkg/client/cache/informer.ts'],
  ['pkg/kubelet/pod-worker.ts', 'api/core/v1/types.ts'],
  ['pkg/server/run.ts', 'pkg/storage/level/store.ts'],
  ['cmd/kubelite/main.ts', 'cmd/server/main.ts'],
  ['pkg/storage/level/record.ts', 'api/protobuf.ts'],
  ['test/integration/x.test.ts', 'pkg/storage/level/store.ts'],
];
for (const [from, to] of denied) t.ok(checkImport(from, to), `${from} → ${to} is refused`);
for (const [from, to] of allowed) t.equal(checkImport(from, to), null, `${from} → ${to} is allowed`);
