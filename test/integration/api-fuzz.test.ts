// API fuzz: thousands of requests, most of them malformed, against a real API server over HTTPS.
// Every refusal must be a 4xx with a proper Status, every valid request must succeed, and nothing
// may ever answer 5xx. Reproducible: the seed is printed; FUZZ_SEED=<seed> replays the run.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { pino } from 'pino';
import t from 'tap';
import { apiserverFlags } from '../../pkg/apiserver/options.js';
import { startApiServer, type ApiServer } from '../../pkg/apiserver/server.js';
import { LevelStore } from '../../pkg/storage/level/store.js';
import { defaults } from '../lib/flag-defaults.js';
import { runFuzz, victims, type FuzzReport } from '../lib/fuzz/runner.js';
import { ApiClient } from '../lib/https-client.js';
import { seedFrom } from '../lib/prng.js';

const SEED = seedFrom('FUZZ_SEED');
const NS = 'fuzz';
const OPTS = { seed: SEED, ns: NS, workers: 8, requests: Number(process.env.FUZZ_REQUESTS ?? 3000), deadlineMs: 60_000, validShare: 0.4 };

const dataDir = mkdtempSync(join(tmpdir(), 'kubelite-fuzz-'));
// Errors the server logs (each 5xx, with its stack) are kept to explain a failure, not printed.
const serverErrors: string[] = [];
const errorLog = new Writable({
  write(chunk: Buffer, _enc, done) {
    if (serverErrors.length < 50) serverErrors.push(chunk.toString());
    done();
  },
});
let store: LevelStore;
let server: ApiServer;
let client: ApiClient;

t.before(async () => {
  store = await LevelStore.open(join(dataDir, 'store'));
  try {
    server = await startApiServer({ ...defaults(apiserverFlags), dataDir, securePort: 0, bindAddress: '127.0.0.1' }, store, pino({ level: 'error' }, errorLog));
  } catch (err) {
    // An open store keeps the process alive, and tap would wait out its whole timeout.
    await store.close();
    throw err;
  }
  client = new ApiClient({ url: server.url, caPem: server.caPem, token: server.adminToken, maxSockets: OPTS.workers + 2 });
});
t.teardown(async () => {
  client?.close();
  await server?.close();
  await store?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

t.test('securePort 0 binds a random port and the URL reports it', async (t) => {
  const bound = (server.app.server.address() as { port: number }).port;
  t.not(bound, 0);
  t.equal(server.url, `https://127.0.0.1:${bound}`);
  const svc = await client.json<{ spec: { ports: Array<{ targetPort: number }> } }>('GET', '/api/v1/namespaces/default/services/kubernetes');
  t.equal(svc.spec.ports[0]?.targetPort, bound, 'the kubernetes service targets the bound port');
  // A machine with only loopback addresses gets no endpoints (they may not point at loopback).
  const ep = await client.send('GET', '/api/v1/namespaces/default/endpoints/kubernetes');
  if (ep.status !== 404) t.equal((JSON.parse(ep.text) as { subsets: Array<{ ports: Array<{ port: number }> }> }).subsets[0]?.ports[0]?.port, bound, 'the kubernetes endpoints carry the bound port');
});

t.test(`fuzz (seed ${SEED})`, async (t) => {
  t.comment(`seed ${SEED}; replay with FUZZ_SEED=${SEED} npx tap test/integration/api-fuzz.test.ts`);
  await client.json('POST', '/api/v1/namespaces', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: NS } });
  for (const v of victims(OPTS)) await client.json('POST', v.kind.collection(NS), v.kind.make(v.name, 0));

  const report = await runFuzz(client, OPTS);
  t.comment(summary(report));
  t.ok(report.sent >= Math.min(OPTS.requests, 1000), `sent ${report.sent} requests in ${Math.round(report.ms)} ms`);
  const byProblem = new Map<string, number>();
  for (const f of report.failures) byProblem.set(`${f.category}: ${f.problem}`, (byProblem.get(`${f.category}: ${f.problem}`) ?? 0) + 1);
  // One assertion per distinct problem, with an example, so a regression reads as a short list.
  const seen = new Set<string>();
  for (const f of report.failures) {
    const key = `${f.category}: ${f.problem}`;
    if (seen.has(key)) continue;
    seen.add(key);
    t.fail(`${key} (×${byProblem.get(key)})`, { request: f.request, reply: f.reply, seed: SEED });
  }
  if (serverErrors.length > 0) t.comment(`server logged:\n${serverErrors.slice(0, 5).join('\n')}`);
  t.equal(report.failures.length, 0, 'every answer was right');
  t.equal(report.byStatus.get(500) ?? 0, 0, 'no 500');
});

t.test('the server is healthy afterwards', async (t) => {
  t.equal((await client.send('GET', '/readyz', { token: null })).status, 200, '/readyz');
  const cm = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'after-the-fuzz' }, data: { ok: 'yes' } };
  const created = await client.json<{ metadata: { uid: string } }>('POST', `/api/v1/namespaces/${NS}/configmaps`, cm);
  const got = await client.json<{ metadata: { uid: string }; data: { ok: string } }>('GET', `/api/v1/namespaces/${NS}/configmaps/after-the-fuzz`);
  t.equal(got.metadata.uid, created.metadata.uid);
  t.equal(got.data.ok, 'yes');
});

function summary(r: FuzzReport): string {
  const statuses = [...r.byStatus.entries()].sort(([a], [b]) => a - b).map(([s, n]) => `${s}×${n}`).join(' ');
  const kinds = [...r.byExpectation.entries()].map(([e, n]) => `${e}×${n}`).join(' ');
  return `${r.sent} requests in ${(r.ms / 1000).toFixed(1)} s (${kinds}); statuses: ${statuses}; ${r.failures.length} wrong`;
}
