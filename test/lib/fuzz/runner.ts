// Drives the fuzz: concurrent workers, each replaying its own seeded stream of valid and
// malformed requests, bounded in count and in time; every answer is judged as it arrives.
import { Rng } from '../prng.js';
import type { ApiClient } from '../https-client.js';
import { judge } from './judge.js';
import { malformedBody } from './malformed-bodies.js';
import { malformedPatch } from './malformed-patches.js';
import { followUp, malformedRequest } from './malformed-requests.js';
import { KINDS, type FuzzKind } from './objects.js';
import type { FuzzContext, FuzzRequest } from './request.js';
import { ValidOps } from './valid.js';

/** FuzzOptions bound a run. */
export interface FuzzOptions {
  seed: number;
  ns: string;
  workers: number;
  requests: number;
  deadlineMs: number;
  validShare: number;
}

/** Failure is one wrong answer, with what is needed to reproduce it by hand. */
export interface Failure {
  problem: string;
  category: string;
  request: string;
  reply: string;
}

/** FuzzReport is what a run did. */
export interface FuzzReport {
  sent: number;
  byStatus: Map<number, number>;
  byExpectation: Map<string, number>;
  failures: Failure[];
  ms: number;
}

/** victimName is the worker's pre-created target of malformed updates and patches. */
export const victimName = (worker: number): string => `victim-w${worker}`;

/** victims lists the objects to create before the run. */
export function victims(opts: Pick<FuzzOptions, 'workers'>): Array<{ kind: FuzzKind; name: string }> {
  const out: Array<{ kind: FuzzKind; name: string }> = [];
  for (let w = 0; w < opts.workers; w++) for (const kind of KINDS) out.push({ kind, name: victimName(w) });
  return out;
}

function describe(req: FuzzRequest): string {
  const body = req.body === undefined ? '' : ` ${req.contentType ?? '(no content type)'} ${String(req.body).slice(0, 300)}${String(req.body).length > 300 ? `… (${req.body.length} bytes)` : ''}`;
  return `${req.method} ${req.path.slice(0, 300)}${body}`;
}

/** runFuzz sends up to opts.requests requests and judges each answer. */
export async function runFuzz(client: ApiClient, opts: FuzzOptions): Promise<FuzzReport> {
  const root = new Rng(opts.seed);
  const started = performance.now();
  const report: FuzzReport = { sent: 0, byStatus: new Map(), byExpectation: new Map(), failures: [], ms: 0 };
  let issued = 0;
  const worker = async (w: number): Promise<void> => {
    let names = 0;
    const rng = root.fork(w);
    const valid = new ValidOps(rng.fork(1000), opts.ns, w);
    const ctx: FuzzContext = { rng, ns: opts.ns, victim: () => victimName(w), fresh: (prefix) => `${prefix}-w${w}-${names++}`, leftovers: [] };
    while (issued < opts.requests && performance.now() - started < opts.deadlineMs) {
      issued++;
      const r = rng.next();
      const followUps = ctx.leftovers.length > 0 ? 0.07 : 0;
      const req = r < opts.validShare ? valid.next() : r < opts.validShare + followUps ? followUp(ctx) : r < opts.validShare + 0.2 ? malformedBody(ctx) : r < opts.validShare + 0.35 ? malformedPatch(ctx) : malformedRequest(ctx);
      report.byExpectation.set(req.expect, (report.byExpectation.get(req.expect) ?? 0) + 1);
      let problem: string | undefined;
      let replyText = '';
      try {
        const reply = await client.send(req.method, req.path, { body: req.body, contentType: req.contentType, token: req.token, timeoutMs: 15_000 });
        report.byStatus.set(reply.status, (report.byStatus.get(reply.status) ?? 0) + 1);
        replyText = `${reply.status} ${reply.text.slice(0, 500)}`;
        problem = judge(req, reply);
        if (problem === undefined && reply.status < 300) req.after?.(reply.text);
      } catch (err) {
        problem = `no answer: ${(err as Error).message}`;
      }
      report.sent++;
      if (problem !== undefined) report.failures.push({ problem, category: req.category, request: describe(req), reply: replyText });
    }
  };
  await Promise.all(Array.from({ length: opts.workers }, (_, w) => worker(w)));
  report.ms = performance.now() - started;
  return report;
}
