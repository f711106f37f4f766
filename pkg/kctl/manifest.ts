// Manifests for -f: files, directories (.json, .yaml, .yml; -R to descend), URLs and `-` for
// stdin; multi-document YAML and JSON; `kind: List` flattened into its items. YAML is read as
// kubectl reads it (YAML 1.1: yes/no are booleans, timestamps stay strings). A file whose YAML
// does not parse contributes nothing; a path that does not exist stops everything, as in kubectl.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { extname, join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import type { KubeObject } from '../../api/meta/object.js';
import { CliError } from './errors.js';

/** ManifestDoc is one object read from a manifest. */
export interface ManifestDoc {
  /** source names the file ("STDIN" for -), for messages. */
  source: string;
  /** index is the YAML document's position in its file, from 0. */
  index: number;
  object: KubeObject;
}

/** LoadResult holds the objects read and one message per file or document that failed. */
export interface LoadResult {
  docs: ManifestDoc[];
  errors: string[];
}

const EXTENSIONS = new Set(['.json', '.yaml', '.yml']);

/** expandPaths lists the files behind -f arguments; a missing path is a CliError. */
export function expandPaths(paths: readonly string[], recursive: boolean): string[] {
  const files: string[] = [];
  for (const p of paths) {
    if (p === '-' || /^https?:\/\//.test(p)) {
      files.push(p);
      continue;
    }
    let st;
    try {
      st = statSync(p);
    } catch {
      throw new CliError(`the path "${p}" does not exist`);
    }
    if (!st.isDirectory()) {
      files.push(p);
      continue;
    }
    const walk = (dir: string): void => {
      for (const name of readdirSync(dir).sort()) {
        const full = join(dir, name);
        const s = statSync(full);
        if (s.isDirectory()) {
          if (recursive) walk(full);
        } else if (EXTENSIONS.has(extname(name))) files.push(full);
      }
    };
    walk(p);
  }
  return files;
}

// A JSON stream (objects one after another, as `kubectl get -o json` pipelines produce) is split
// into its values, as kubectl's YAMLOrJSONDecoder reads it.
function splitJSONStream(text: string): string[] | undefined {
  const values: string[] = [];
  let depth = 0;
  let start = -1;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
      continue;
    }
    if (c === '"') inString = true;
    else if (c === '{' || c === '[') {
      if (depth++ === 0) start = i;
    } else if (c === '}' || c === ']') {
      if (--depth === 0) values.push(text.slice(start, i + 1));
    } else if (depth === 0 && !/\s/.test(c as string)) return undefined;
  }
  return depth === 0 && values.length > 1 ? values : undefined;
}

/** parseManifest splits one file's text into objects; a syntax error fails the whole file. */
export function parseManifest(text: string, source: string): LoadResult {
  const stream = /^\s*\{/.test(text) ? splitJSONStream(text) : undefined;
  if (stream) {
    try {
      return parseManifest(stream.map((v) => JSON.stringify(JSON.parse(v))).join('\n---\n'), source);
    } catch (err) {
      return { docs: [], errors: [`error parsing ${source}: ${(err as Error).message}`] };
    }
  }
  const docs = parseAllDocuments(text, {
    version: '1.1',
    merge: true,
    // go-yaml leaves timestamps as strings when decoding into untyped values.
    customTags: (tags) => tags.filter((t) => typeof t === 'string' || t.tag !== 'tag:yaml.org,2002:timestamp'),
  });
  const list = Array.isArray(docs) ? docs : [docs];
  for (const d of list) {
    const e = d.errors[0];
    if (e) {
      const line = e.linePos?.[0]?.line;
      const msg = (e.message.split('\n')[0] ?? '').replace(/ at line \d+, column \d+:?$/, '');
      return { docs: [], errors: [`error parsing ${source}: error converting YAML to JSON: yaml: ${line !== undefined ? `line ${line}: ` : ''}${msg}`] };
    }
  }
  const out: LoadResult = { docs: [], errors: [] };
  list.forEach((d, index) => {
    const value: unknown = d.toJS({ maxAliasCount: 100 });
    if (value === null || value === undefined) return; // empty document, e.g. a trailing ---
    if (typeof value !== 'object' || Array.isArray(value)) {
      out.errors.push(`unable to decode "${source}" (document ${index + 1}): the document is not an object`);
      return;
    }
    for (const object of flatten(value as KubeObject)) {
      const missing = !object.kind ? 'Kind' : !object.apiVersion ? 'apiVersion' : undefined;
      if (missing) out.errors.push(`unable to decode "${source}" (document ${index + 1}): Object '${missing}' is missing in '${JSON.stringify(object)}'`);
      else out.docs.push({ source, index, object });
    }
  });
  return out;
}

// A List (kind: List, or any <Kind>List with items) stands for its items, as kubectl flattens it.
function flatten(obj: KubeObject): KubeObject[] {
  if (typeof obj.kind === 'string' && obj.kind.endsWith('List') && Array.isArray(obj['items'])) {
    return (obj['items'] as unknown[]).flatMap((i) => (typeof i === 'object' && i !== null ? flatten(i as KubeObject) : []));
  }
  return [obj];
}

/** loadManifests reads every -f argument. */
export async function loadManifests(paths: readonly string[], opts: { recursive?: boolean; stdin: () => Promise<string> }): Promise<LoadResult> {
  const result: LoadResult = { docs: [], errors: [] };
  for (const file of expandPaths(paths, opts.recursive ?? false)) {
    let text: string;
    let source = file;
    if (file === '-') {
      text = await opts.stdin();
      source = 'STDIN';
    } else if (/^https?:\/\//.test(file)) {
      const res = await fetch(file);
      if (!res.ok) throw new CliError(`unable to read URL "${file}", server reported ${res.status} ${res.statusText}, status code=${res.status}`);
      text = await res.text();
    } else text = readFileSync(file, 'utf8');
    const r = parseManifest(text, source);
    result.docs.push(...r.docs);
    result.errors.push(...r.errors);
  }
  return result;
}
