// -o json|yaml|name|jsonpath=...: objects printed as kubectl prints them (Go's JSON with sorted
// keys and four-space indents, go-yaml's YAML, `kind.group/name`), and the `kind: List` wrapper
// kubectl uses when a command prints more than one object.
import type { KubeObject } from '../../api/meta/object.js';
import { CliError } from './errors.js';
import { goMarshal } from './format.js';
import { renderTemplate } from './jsonpath.js';
import { kindName, type Mapping } from './mapper.js';
import { toYAML } from './yaml-emit.js';

/** OutputFormat is a parsed -o value. */
export type OutputFormat = { kind: 'table'; wide: boolean } | { kind: 'json' } | { kind: 'yaml' } | { kind: 'name' } | { kind: 'jsonpath'; template: string };

/** parseOutput reads -o; allowed lists the formats the command supports. */
export function parseOutput(value: string, allowed: ReadonlyArray<'wide' | 'json' | 'yaml' | 'name' | 'jsonpath'> = ['wide', 'json', 'yaml', 'name', 'jsonpath']): OutputFormat {
  const fail = (): never => {
    const list = allowed.join(', ');
    throw new CliError(`unable to match a printer suitable for the output format "${value}", allowed formats are: ${list}`);
  };
  if (value === '') return { kind: 'table', wide: false };
  if (value === 'wide') return allowed.includes('wide') ? { kind: 'table', wide: true } : fail();
  if (value === 'json' || value === 'yaml' || value === 'name') return allowed.includes(value) ? { kind: value } : fail();
  const m = /^jsonpath=(.*)$/s.exec(value);
  if (m && allowed.includes('jsonpath')) return { kind: 'jsonpath', template: m[1] as string };
  return fail();
}

/** toJSON is Go's json.MarshalIndent(obj, "", "    ") of a decoded object, with its newline. */
export function toJSON(v: unknown): string {
  return `${goMarshal(v, '    ')}\n`;
}

/** listOf wraps several objects as kubectl does: `apiVersion: v1, kind: List`. */
export function listOf(items: KubeObject[]): KubeObject {
  return { apiVersion: 'v1', items, kind: 'List', metadata: { resourceVersion: '' } };
}

/** nameOf is `-o name`'s line for an object: `replicationcontroller/nginx`. */
export function nameOf(m: Pick<Mapping, 'kind' | 'group'>, obj: KubeObject): string {
  return `${kindName(m)}/${obj.metadata?.name ?? ''}`;
}

/** ObjectPrinter prints objects in a non-table format, remembering whether it printed before. */
export class ObjectPrinter {
  private count = 0;

  constructor(
    readonly format: Exclude<OutputFormat, { kind: 'table' }>,
    private readonly write: (s: string) => void,
  ) {}

  /** print writes one object (a List counts as one), with `---` between YAML documents. */
  print(obj: KubeObject, mapping?: Pick<Mapping, 'kind' | 'group'>): void {
    switch (this.format.kind) {
      case 'json':
        this.write(toJSON(obj));
        break;
      case 'yaml':
        if (this.count > 0) this.write('---\n');
        this.write(toYAML(obj));
        break;
      case 'jsonpath':
        this.write(renderTemplate(this.format.template, obj));
        break;
      case 'name':
        if (Array.isArray(obj['items'])) for (const item of obj['items'] as KubeObject[]) this.write(`${nameFor(item, mapping)}\n`);
        else this.write(`${nameFor(obj, mapping)}\n`);
        break;
    }
    this.count++;
  }
}

function nameFor(obj: KubeObject, mapping?: Pick<Mapping, 'kind' | 'group'>): string {
  if (mapping) return nameOf(mapping, obj);
  const group = (obj.apiVersion ?? '').includes('/') ? (obj.apiVersion as string).split('/')[0] as string : '';
  return nameOf({ kind: obj.kind ?? '', group }, obj);
}
