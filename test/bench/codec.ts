// Object codec benchmark: api/codec/object-codec.ts against plain JSON (JSON.stringify into a
// Buffer, JSON.parse out of one) on a typical running pod, then on a few larger corpus objects.
// Fixed iteration counts; the four operations take turns round by round and each reports its
// median round. Time is the process's CPU time, not wall time, so that other work on a shared
// machine does not land in the figures. Prints Markdown tables, then `RESULT name=value` lines
// (typical pod only) for scripts.
// Usage: npm run bench:codec
import { cpus, loadavg } from 'node:os';
import { decodeObject, encodeObject } from '../../api/codec/object-codec.js';
import { loadCorpus } from '../fixtures/objects/corpus.js';

const REVISION = 184467;
const TYPICAL = 'pod-typical.yaml#0';
const LARGER: Record<string, string> = {
  'pods.yaml#0': 'pod with init containers, 9 volumes, managedFields (10 KB)',
  'cluster.yaml#0': 'Node with full status (3.7 KB)',
  'workloads.yaml#1': 'Deployment with last-applied-configuration (4.8 KB)',
};

interface Plan {
  warmup: number;
  rounds: number;
  perRound: number;
}

interface Result {
  codecBytes: number;
  jsonBytes: number;
  codecEncode: number;
  jsonEncode: number;
  codecDecode: number;
  jsonDecode: number;
}

// Every result feeds this, so the JIT cannot drop a loop whose output is unused.
let sink = 0;

function cpuMicros(fn: () => number, n: number): number {
  const start = process.cpuUsage();
  for (let i = 0; i < n; i++) sink += fn();
  const used = process.cpuUsage(start);
  return (used.user + used.system) / n;
}

function measure(source: Record<string, unknown>, plan: Plan): Result {
  const obj = structuredClone(source);
  // Neither form stores resourceVersion (it comes from the revision), so compare without it.
  delete (obj.metadata as Record<string, unknown>).resourceVersion;
  const ours = encodeObject(obj);
  const json = Buffer.from(JSON.stringify(obj), 'utf8');
  const ops = [
    (): number => encodeObject(obj).length,
    (): number => Buffer.from(JSON.stringify(obj), 'utf8').length,
    (): number => (decodeObject(ours, REVISION).metadata === undefined ? 0 : 1),
    (): number => {
      const parsed = JSON.parse(json.toString('utf8')) as Record<string, Record<string, unknown>>;
      // The JSON path must set resourceVersion too for the work to be the same.
      parsed.metadata!.resourceVersion = String(REVISION);
      return 1;
    },
  ];
  ops.forEach((op) => cpuMicros(op, plan.warmup));
  const rounds: number[][] = ops.map(() => []);
  for (let r = 0; r < plan.rounds; r++) ops.forEach((op, i) => rounds[i]!.push(cpuMicros(op, plan.perRound)));
  const [codecEncode, jsonEncode, codecDecode, jsonDecode] = rounds.map((xs) => {
    xs.sort((a, b) => a - b);
    return xs[Math.floor(xs.length / 2)]!;
  }) as [number, number, number, number];
  return { codecBytes: ours.length, jsonBytes: json.length, codecEncode, jsonEncode, codecDecode, jsonDecode };
}

const ratio = (a: number, b: number): string => `${(a / b).toFixed(2)}×`;
const us = (n: number): string => n.toFixed(2);
const corpus = new Map(loadCorpus().map((c) => [c.name, c.object]));
const object = (name: string): Record<string, unknown> => {
  const o = corpus.get(name);
  if (o === undefined) throw new Error(`corpus object ${name} is missing`);
  return o;
};

const typicalPlan: Plan = { warmup: 5_000, rounds: 9, perRound: 20_000 };
const pod = measure(object(TYPICAL), typicalPlan);
console.log(`Typical pod (test/fixtures/objects/pod-typical.yaml), node ${process.version}, ` +
  `${cpus().length} × ${cpus()[0]?.model.trim() ?? 'unknown CPU'}, load average ${loadavg()[0]!.toFixed(1)}`);
console.log(`CPU µs per call: median of ${typicalPlan.rounds} rounds of ${typicalPlan.perRound} calls, ` +
  `after ${typicalPlan.warmup} warm-up calls\n`);
console.log('| | kubelite codec | JSON | codec / JSON |');
console.log('|---|---:|---:|---:|');
console.log(`| encoded size (bytes) | ${pod.codecBytes} | ${pod.jsonBytes} | ${ratio(pod.codecBytes, pod.jsonBytes)} |`);
console.log(`| encode (µs/op) | ${us(pod.codecEncode)} | ${us(pod.jsonEncode)} | ${ratio(pod.codecEncode, pod.jsonEncode)} |`);
console.log(`| decode (µs/op) | ${us(pod.codecDecode)} | ${us(pod.jsonDecode)} | ${ratio(pod.codecDecode, pod.jsonDecode)} |`);

const largerPlan: Plan = { warmup: 500, rounds: 5, perRound: 2_000 };
console.log(`\nLarger objects, codec / JSON (median of ${largerPlan.rounds} rounds of ${largerPlan.perRound} calls)\n`);
console.log('| object | size | encode | decode |');
console.log('|---|---:|---:|---:|');
for (const [name, what] of Object.entries(LARGER)) {
  const r = measure(object(name), largerPlan);
  console.log(`| ${what} | ${ratio(r.codecBytes, r.jsonBytes)} | ${ratio(r.codecEncode, r.jsonEncode)} | ` +
    `${ratio(r.codecDecode, r.jsonDecode)} |`);
}

console.log('');
console.log(`RESULT codec_pod_bytes=${pod.codecBytes}`);
console.log(`RESULT json_pod_bytes=${pod.jsonBytes}`);
console.log(`RESULT codec_encode_us=${us(pod.codecEncode)}`);
console.log(`RESULT codec_decode_us=${us(pod.codecDecode)}`);
console.log(`RESULT json_encode_us=${us(pod.jsonEncode)}`);
console.log(`RESULT json_decode_us=${us(pod.jsonDecode)}`);
if (sink === 0) console.error('(unreachable: sink keeps the loops alive)');
