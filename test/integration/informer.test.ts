// Shared informers against a real API server and store: every change seen exactly once and in
// order across broken connections; relists after compaction (410) that neither lose nor repeat
// anything; and one watch per resource however many roles ask for it.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import t from 'tap';
import { pino } from 'pino';
import type { KubeObject } from '../../api/meta/object.js';
import { apiserverFlags } from '../../pkg/apiserver/options.js';
import { startApiServer, type ApiServer } from '../../pkg/apiserver/server.js';
import { isDeletedFinalStateUnknown, objectOf } from '../../pkg/client/cache/deltas.js';
import { SharedInformerFactory } from '../../pkg/client/cache/informer-factory.js';
import { listerWatcherFor, type ListerWatcher } from '../../pkg/client/cache/reflector.js';
import { SharedInformer, type EventHandler } from '../../pkg/client/cache/shared-informer.js';
import { Clientset } from '../../pkg/client/clientset.js';
import { LevelStore } from '../../pkg/storage/level/store.js';
import { startTestApi } from '../lib/api-server.js';
import { defaults } from '../lib/flag-defaults.js';
import { Rng } from '../lib/prng.js';

const FAST = { backoffInitialMs: 10, backoffMaxMs: 100 };
const stops: AbortController[] = [];
t.teardown(() => stops.forEach((c) => c.abort()));
const controller = (): AbortController => {
  const c = new AbortController();
  stops.push(c);
  return c;
};

const clientsetFor = (server: ApiServer, agent: string): Clientset => new Clientset({ server: server.url, ca: server.caPem, token: server.adminToken, namespace: 'default' }, agent);

// startTestApi leaves the store's compaction off (its overrides reach the API server, not the
// store), so the compaction test opens its store itself.
async function startCompactingApi(compactionMs: number, overrides: Record<string, unknown>): Promise<{ server: ApiServer; close: () => Promise<void> }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'kubelite-informer-'));
  const store = await LevelStore.open(join(dataDir, 'store'), { compactionInterval: compactionMs });
  const server = await startApiServer({ ...defaults(apiserverFlags), dataDir, securePort: 0, bindAddress: '127.0.0.1', advertiseAddress: '127.0.0.1', ...overrides }, store, pino({ level: 'silent' }));
  return {
    server,
    close: async () => {
      await server.close();
      await store.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

async function eventually(cond: () => boolean | Promise<boolean>, what: string, ms = 15_000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await cond())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

const rvOf = (o: KubeObject): number => Number(o.metadata?.resourceVersion);

/**
 * Checker is a handler that holds informers to their contract as it listens: no add for an object
 * it already has, no update it did not see the old state of or that goes back in resourceVersion
 * or changes uid, no delete of an object it does not have.
 */
class Checker {
  readonly known = new Map<string, KubeObject>();
  readonly seen = new Map<string, string[]>();
  readonly violations: string[] = [];
  dfsu = 0;
  readonly handler: EventHandler = {
    onAdd: (o) => {
      const name = o.metadata?.name ?? '';
      if (this.known.has(name)) this.violations.push(`ADD of known ${name}@${rvOf(o)}`);
      this.known.set(name, o);
      this.log(name, `add@${rvOf(o)}`);
    },
    onUpdate: (old, o) => {
      const name = o.metadata?.name ?? '';
      const had = this.known.get(name);
      if (!had) this.violations.push(`UPDATE of unknown ${name}@${rvOf(o)}`);
      else {
        if (rvOf(old) !== rvOf(had)) this.violations.push(`UPDATE of ${name} from ${rvOf(old)}, but the handler had ${rvOf(had)}`);
        if (rvOf(o) <= rvOf(had)) this.violations.push(`UPDATE of ${name} back from ${rvOf(had)} to ${rvOf(o)}`);
        if (o.metadata?.uid !== had.metadata?.uid) this.violations.push(`UPDATE of ${name} to another uid`);
      }
      this.known.set(name, o);
      this.log(name, `update@${rvOf(o)}`);
    },
    onDelete: (x) => {
      const o = objectOf(x);
      const name = o.metadata?.name ?? '';
      if (!this.known.has(name)) this.violations.push(`DELETE of unknown ${name}`);
      this.known.delete(name);
      if (isDeletedFinalStateUnknown(x)) this.dfsu++;
      this.log(name, isDeletedFinalStateUnknown(x) ? `delete?@${rvOf(o)}` : `delete@${rvOf(o)}`);
    },
  };

  private log(name: string, what: string): void {
    let l = this.seen.get(name);
    if (!l) this.seen.set(name, (l = []));
    l.push(what);
  }
}

/** Writer makes a seeded stream of creates, updates and deletes, recording what the server answered. */
class Writer {
  readonly truth = new Map<string, string[]>();
  readonly exists = new Map<string, boolean>();
  ops = 0;
  private readonly rng: Rng;

  constructor(
    private readonly cs: Clientset,
    private readonly namespace: string,
    seed: number,
    private readonly names = Array.from({ length: 40 }, (_, i) => `cm-${i}`),
  ) {
    this.rng = new Rng(seed);
  }

  /** run does n ops with `lanes` concurrent writers on disjoint objects, calling onOp after each. */
  async run(n: number, lanes: number, onOp: (op: number) => void | Promise<void> = () => undefined): Promise<void> {
    const target = this.ops + n;
    await Promise.all(
      Array.from({ length: lanes }, async (_, lane) => {
        const mine = this.names.filter((_, i) => i % lanes === lane);
        while (this.ops < target) {
          this.ops++;
          await this.step(this.rng.pick(mine));
          await onOp(this.ops);
        }
      }),
    );
  }

  /** step changes one object: creates it if absent, else updates it (70%) or deletes it. */
  async step(name: string, action?: 'update' | 'delete'): Promise<void> {
    const cms = this.cs.resource('', 'configmaps');
    let kind: string;
    let obj: KubeObject;
    if (!this.exists.get(name)) {
      obj = await cms.create(this.namespace, { metadata: { name }, data: { n: String(this.ops) } });
      this.exists.set(name, true);
      kind = 'add';
    } else if ((action ?? (this.rng.chance(0.7) ? 'update' : 'delete')) === 'update') {
      obj = await cms.update(this.namespace, { metadata: { name }, data: { n: String(this.ops) } });
      kind = 'update';
    } else {
      obj = (await cms.delete(this.namespace, name)).body as KubeObject;
      this.exists.set(name, false);
      kind = 'delete';
    }
    let l = this.truth.get(name);
    if (!l) this.truth.set(name, (l = []));
    l.push(`${kind}@${rvOf(obj)}`);
  }

  get eventCount(): number {
    return [...this.truth.values()].reduce((n, l) => n + l.length, 0);
  }
}

async function serverState(cs: Clientset, namespace: string): Promise<string[]> {
  const list = await cs.resource('', 'configmaps').list(namespace);
  return list.items.map((o) => `${o.metadata?.name}@${o.metadata?.resourceVersion}`).sort();
}
const cacheState = (informer: SharedInformer): string[] => informer.indexer.list().map((o) => `${o.metadata?.name}@${o.metadata?.resourceVersion}`).sort();

t.test('every change exactly once and in order per object while watch connections are cut', async (t) => {
  const api = await startTestApi({ watchBookmarkInterval: 100 });
  t.teardown(() => api.close());
  const writerCs = clientsetFor(api.server, 'writer');
  const informerCs = clientsetFor(api.server, 'informer');
  t.teardown(() => (writerCs.close(), informerCs.close()));
  await writerCs.resource('', 'namespaces').create(undefined, { metadata: { name: 'stream' } });
  const factory = new SharedInformerFactory(informerCs, { reflector: FAST });
  const informer = factory.informerFor('', 'configmaps', { namespace: 'stream' });
  const checker = new Checker();
  informer.addEventHandler(checker.handler);
  const ctrl = controller();
  factory.start(ctrl.signal);
  t.ok(await factory.waitForCacheSync(ctrl.signal));

  const writer = new Writer(writerCs, 'stream', 1234);
  const started = performance.now();
  let cuts = 0;
  await writer.run(500, 4, (op) => {
    // Destroying the informer's sockets breaks its watch mid-stream, as a network blip would.
    if (op % 90 === 0) {
      informerCs.rest.close();
      cuts++;
    }
  });
  const writeMs = performance.now() - started;
  await eventually(() => [...checker.seen.values()].reduce((n, l) => n + l.length, 0) >= writer.eventCount, 'the handler to catch up');
  await eventually(async () => JSON.stringify(cacheState(informer)) === JSON.stringify(await serverState(writerCs, 'stream')), 'the cache to match the server');

  const stats = informer.reflector.stats;
  t.equal(cuts, 5);
  t.ok(stats.failures >= 3, `watches broken: ${stats.failures} failures, ${stats.watches} watches in ${Math.round(writeMs)} ms of writes`);
  t.ok(stats.bookmarks > 0, `bookmarks received (${stats.bookmarks})`);
  t.equal(stats.lists, 1, 'history was there: no relist');
  t.equal(stats.expired, 0);
  t.same(checker.violations, []);
  const diffs = [...writer.truth].filter(([name, events]) => JSON.stringify(checker.seen.get(name) ?? []) !== JSON.stringify(events));
  t.same(diffs.map(([name, events]) => ({ name, want: events, got: checker.seen.get(name) })), [], 'each object: every event once, in order');
  t.same(cacheState(informer), await serverState(writerCs, 'stream'));
  ctrl.abort();
  await factory.shutdown();
});

t.test('re-watch after compaction gets 410: relist, deltas exact, missed deletes as DeletedFinalStateUnknown', async (t) => {
  const api = await startCompactingApi(200, { watchBookmarkInterval: 100 });
  t.teardown(() => api.close());
  const writerCs = clientsetFor(api.server, 'writer');
  const informerCs = clientsetFor(api.server, 'informer');
  t.teardown(() => (writerCs.close(), informerCs.close()));
  await writerCs.resource('', 'namespaces').create(undefined, { metadata: { name: 'compacted' } });

  // The gate holds re-watches back while the store compacts past the informer's resourceVersion.
  let gate: Promise<void> = Promise.resolve();
  let openGate = (): void => undefined;
  const lw = listerWatcherFor(informerCs.resource('', 'configmaps'), { namespace: 'compacted' });
  const gated: ListerWatcher = {
    list: (o, s) => lw.list(o, s),
    watch: async function* (o, s) {
      await gate;
      yield* lw.watch(o, s);
    },
  };
  const informer = new SharedInformer(gated, { reflector: FAST });
  const checker = new Checker();
  informer.addEventHandler(checker.handler);
  const ctrl = controller();
  const running = informer.run(ctrl.signal);
  t.ok(await informer.waitForSync(ctrl.signal));

  const writer = new Writer(writerCs, 'compacted', 99);
  await writer.run(150, 4, (op) => void (op === 75 && informerCs.rest.close()));
  await eventually(() => informer.lastSyncResourceVersion() !== '' && [...checker.seen.values()].reduce((n, l) => n + l.length, 0) >= writer.eventCount, 'phase 1');

  // Disconnected: delete objects the informer has, re-create one, and keep writing for several
  // compaction intervals.
  gate = new Promise((resolve) => (openGate = resolve));
  informerCs.rest.close();
  const doomed = [...writer.exists].filter(([, e]) => e).map(([n]) => n).slice(0, 3);
  t.equal(doomed.length, 3);
  for (const name of doomed) await writer.step(name, 'delete');
  await writer.step(doomed[0]!);
  const gapStart = Date.now();
  while (Date.now() - gapStart < 800) await writer.run(10, 2);
  openGate();
  await writer.run(200, 4, (op) => void (op % 70 === 0 && informerCs.rest.close()));
  await eventually(async () => JSON.stringify(cacheState(informer)) === JSON.stringify(await serverState(writerCs, 'compacted')), 'the cache to match the server');
  await new Promise((r) => setTimeout(r, 50)); // handlers run in microtasks after the cache; let them finish

  const stats = informer.reflector.stats;
  t.ok(stats.expired >= 1, `a re-watch hit 410 (${stats.expired} times)`);
  t.ok(stats.lists >= 2, `and relisted (${stats.lists - 1} relists, ${stats.watches} watches, ${writer.ops} writes)`);
  t.same(checker.violations, [], 'no add of a known object, no update backwards, no delete of an unknown one');
  t.ok(checker.dfsu >= 3, `deletes missed while disconnected arrive as DeletedFinalStateUnknown (${checker.dfsu})`);
  const handlerView = [...checker.known.values()].map((o) => `${o.metadata?.name}@${o.metadata?.resourceVersion}`).sort();
  t.same(handlerView, await serverState(writerCs, 'compacted'), "the handler's view is the server's");
  // Whatever the handler saw was a real state of the object, in the server's order. (Kinds may
  // differ: after a relist, an update the watch would have shown is a delete + add on re-creation.)
  const bogus: string[] = [];
  const rvs = (l: string[]): string[] => l.map((x) => x.split('@')[1] ?? '');
  for (const [name, seen] of checker.seen) {
    const truth = rvs(writer.truth.get(name) ?? []);
    let at = -1;
    for (const rv of rvs(seen.filter((x) => !x.startsWith('delete?')))) {
      const i = truth.indexOf(rv, at + 1);
      if (i < 0) bogus.push(`${name}: @${rv} (truth ${(writer.truth.get(name) ?? []).join(' ')}; seen ${seen.join(' ')})`);
      else at = i;
    }
  }
  t.same(bogus, []);
  ctrl.abort();
  await running;
});

t.test('informers of one factory for the same resource share one list and one watch', async (t) => {
  const api = await startTestApi();
  t.teardown(() => api.close());
  const cs = clientsetFor(api.server, 'roles');
  t.teardown(() => cs.close());
  const factory = new SharedInformerFactory(cs, { reflector: FAST });
  const scheduler = factory.informerFor('', 'secrets');
  const controllerMgr = factory.informerFor('', 'secrets');
  const other = factory.informerFor('', 'secrets', { namespace: 'kube-system' });
  t.equal(scheduler, controllerMgr, 'the same informer');
  t.not(scheduler, other, 'other options: another informer');
  const ctrl = controller();
  factory.start(ctrl.signal);
  t.ok(await factory.waitForCacheSync(ctrl.signal));
  const late = factory.informerFor('', 'secrets'); // a role coming up after start
  t.equal(late, scheduler);
  const nodes = factory.informerFor('', 'nodes', { namespace: 'ignored-for-cluster-scoped' });
  t.equal(nodes, factory.informerFor('', 'nodes'));
  t.ok(await factory.waitForCacheSync(ctrl.signal), 'informers requested after start are started');
  t.equal(factory.size, 3);

  const watchers = async (resource: string): Promise<number> => {
    const text = (await api.call('GET', '/metrics')).text;
    const lines = text.split('\n').filter((l) => l.startsWith('apiserver_longrunning_requests{') && l.includes('verb="WATCH"') && l.includes(`resource="${resource}"`));
    return lines.reduce((n, l) => n + Number(l.split(' ').pop()), 0);
  };
  await eventually(async () => (await watchers('secrets')) === 2, 'two secret watches');
  t.equal(await watchers('secrets'), 2, 'one watch for all namespaces (shared by two roles), one for kube-system');
  t.equal(scheduler.reflector.stats.watches, 1);
  t.equal(scheduler.reflector.stats.lists, 1);
  const seen: string[] = [];
  scheduler.addEventHandler({ onAdd: (o) => void (o.metadata?.name === 'shared' && seen.push('a')) });
  controllerMgr.addEventHandler({ onAdd: (o) => void (o.metadata?.name === 'shared' && seen.push('b')) });
  await cs.resource('', 'secrets').create('default', { metadata: { name: 'shared' }, data: {} });
  await eventually(() => seen.length === 2, 'both handlers');
  t.same(seen.sort(), ['a', 'b']);
  ctrl.abort();
  await factory.shutdown();
  await eventually(async () => (await watchers('secrets')) === 0, 'the server to see the watches go');
  t.pass('watches end with the signal');
});

// The reflector trusts a BOOKMARK to mean "every event up to here was sent". The server sends the
// store's head revision on a timer, ahead of events still being replayed or filtered, so a watch
// broken right after such a bookmark resumes past events it never delivered.
t.test('bookmarks never run ahead of events still to come', async (t) => {
  const api = await startTestApi({ watchBookmarkInterval: 1 });
  t.teardown(() => api.close());
  await api.call('POST', '/api/v1/namespaces', { metadata: { name: 'bm' } });
  for (let i = 0; i < 20; i++) await api.call('POST', '/api/v1/namespaces/bm/configmaps', { metadata: { name: `c${i}`, labels: { a: 'b' } }, data: {} });
  const s = api.stream('/api/v1/namespaces/bm/configmaps?watch=true&allowWatchBookmarks=true&labelSelector=a%3Db&resourceVersion=1');
  await eventually(() => s.events.filter((e) => e.type !== 'BOOKMARK').length >= 20, 'the replayed events');
  s.close();
  let bookmark = 0;
  const ahead: string[] = [];
  for (const e of s.events) {
    const rv = Number(e.object.metadata.resourceVersion);
    if (e.type === 'BOOKMARK') bookmark = Math.max(bookmark, rv);
    else if (rv <= bookmark) ahead.push(`${e.type} ${e.object.metadata.name}@${rv} after BOOKMARK@${bookmark}`);
  }
  t.same(ahead.slice(0, 3), [], 'no event at or below an earlier bookmark');
});
