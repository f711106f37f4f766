// Valid operations mixed into the fuzz: each worker keeps a model of the objects it owns, so every
// request it makes is one that must succeed, and the sequence replays exactly from the seed.
import type { Rng } from '../prng.js';
import { KINDS, type FuzzKind, type JsonObject } from './objects.js';
import { objectPath, type FuzzRequest } from './request.js';

interface Live {
  kind: FuzzKind;
  name: string;
  obj: JsonObject;
}

const MAX_LIVE = 40;

/** ValidOps draws valid operations on one worker's own objects in namespace ns. */
export class ValidOps {
  private readonly live: Live[] = [];
  private created = 0;

  constructor(private readonly rng: Rng, private readonly ns: string, private readonly worker: number) {}

  /** next draws a valid operation; its after() updates the model once it succeeded. */
  next(): FuzzRequest {
    const r = this.rng.next();
    if (this.live.length === 0 || (r < 0.25 && this.live.length < MAX_LIVE)) return this.create();
    if (r < 0.3) return this.dryRunCreate();
    if (r < 0.45 || this.live.length >= MAX_LIVE) return this.live.length >= MAX_LIVE ? this.remove() : this.get();
    if (r < 0.55) return this.list();
    if (r < 0.7) return this.update();
    if (r < 0.9) return this.patch();
    if (r < 0.99) return this.remove();
    return this.watch();
  }

  private create(): FuzzRequest {
    const kind = this.rng.pick(KINDS);
    const name = `ok-w${this.worker}-${this.created++}`;
    const body = kind.make(name, this.rng.int(1000));
    const yaml = this.rng.chance(0.1);
    return {
      category: `valid create ${kind.resource}`, method: 'POST', path: kind.collection(this.ns), expect: 'accept',
      body: yaml ? toYaml(body) : JSON.stringify(body), contentType: yaml ? 'application/yaml' : 'application/json',
      after: (text) => this.live.push({ kind, name, obj: JSON.parse(text) as JsonObject }),
    };
  }

  private dryRunCreate(): FuzzRequest {
    const kind = this.rng.pick(KINDS);
    const body = kind.make(`dry-w${this.worker}-${this.rng.int(1e9)}`, 0);
    return { category: `valid dry-run create ${kind.resource}`, method: 'POST', path: `${kind.collection(this.ns)}?dryRun=All`, body: JSON.stringify(body), contentType: 'application/json', expect: 'accept' };
  }

  private get(): FuzzRequest {
    const l = this.rng.pick(this.live);
    return { category: `valid get ${l.kind.resource}`, method: 'GET', path: objectPath(l.kind, this.ns, l.name), expect: 'accept' };
  }

  private list(): FuzzRequest {
    const kind = this.rng.pick(KINDS);
    const q = this.rng.pick([
      'labelSelector=app%3Dfuzz',
      'labelSelector=gen%20in%20(1%2C2%2C3)%2C!missing',
      `limit=${1 + this.rng.int(10)}`,
      `fieldSelector=metadata.name%3Dok-w${this.worker}-0`,
      'fieldSelector=metadata.name!%3Dx&labelSelector=app',
      'resourceVersion=0',
    ]);
    const podOnly = kind.resource === 'pods' && this.rng.chance(0.5) ? '&fieldSelector=spec.nodeName%3D,status.phase!%3DFailed' : '';
    return { category: `valid list ${kind.resource}`, method: 'GET', path: `${kind.collection(this.ns)}?${q}${podOnly}`, expect: 'accept' };
  }

  private update(): FuzzRequest {
    const l = this.rng.pick(this.live);
    const body = l.kind.change(l.obj, this.rng.int(1000));
    return { category: `valid update ${l.kind.resource}`, method: 'PUT', path: objectPath(l.kind, this.ns, l.name), body: JSON.stringify(body), contentType: 'application/json', expect: 'accept', after: (text) => (l.obj = JSON.parse(text) as JsonObject) };
  }

  private patch(): FuzzRequest {
    const l = this.rng.pick(this.live);
    const n = this.rng.int(1000);
    const [type, body] = this.rng.pick<[string, unknown]>([
      ['application/json-patch+json', [{ op: 'test', path: '/metadata/name', value: l.name }, { op: 'add', path: '/metadata/labels/patched', value: String(n) }]],
      ['application/merge-patch+json', { metadata: { annotations: { [`fuzz.example.com/n${n % 3}`]: String(n) } } }],
      ['application/strategic-merge-patch+json', l.kind.strategicPatch(n)],
    ]);
    return { category: `valid ${type.split('/')[1]} ${l.kind.resource}`, method: 'PATCH', path: objectPath(l.kind, this.ns, l.name), body: JSON.stringify(body), contentType: type, expect: 'accept', after: (text) => (l.obj = JSON.parse(text) as JsonObject) };
  }

  private remove(): FuzzRequest {
    const i = this.rng.int(this.live.length);
    const l = this.live[i] as Live;
    this.live.splice(i, 1); // gone from the model whatever the answer: a failure is reported anyway
    return { category: `valid delete ${l.kind.resource}`, method: 'DELETE', path: objectPath(l.kind, this.ns, l.name), expect: 'accept' };
  }

  private watch(): FuzzRequest {
    const kind = this.rng.pick(KINDS);
    return { category: `valid watch ${kind.resource}`, method: 'GET', path: `${kind.collection(this.ns)}?watch=true&timeoutSeconds=1&labelSelector=app%3Dfuzz`, expect: 'accept' };
  }
}

// JSON is YAML; flow style keeps this tiny and still goes through the YAML decoder.
function toYaml(obj: JsonObject): string {
  return `# created by the API fuzz\n${JSON.stringify(obj, null, 1)}\n`;
}
