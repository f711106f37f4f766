// The informer's local cache: objects by `namespace/name` key, plus secondary indexes so that the
// common questions of controllers ("pods on node X", "configmaps in namespace Y", "objects with
// label app=web") are map look-ups instead of scans of the whole cache.
//
// Every method runs to completion synchronously, so no reader ever sees a half-applied change;
// results are fresh arrays, so a caller holding one is never surprised by later updates. Cached
// objects are shared with every handler and lister: treat them as read-only (copy before editing).
import type { KubeObject } from '../../../api/meta/object.js';
import type { LabelSelector } from '../../../api/meta/label-selector.js';

/** IndexFunc returns the index values an object is filed under (none: not indexed). */
export type IndexFunc<T extends KubeObject = KubeObject> = (obj: T) => string[];

/** Indexers maps index names to their functions. */
export type Indexers<T extends KubeObject = KubeObject> = Record<string, IndexFunc<T>>;

/** NAMESPACE_INDEX files objects under their namespace (cluster-scoped objects under ''). */
export const NAMESPACE_INDEX = 'namespace';
/** LABEL_INDEX files objects under `key=value` for each of their labels. */
export const LABEL_INDEX = 'label';
/** NODE_NAME_INDEX files pods under `spec.nodeName` (unscheduled pods are not filed). */
export const NODE_NAME_INDEX = 'spec.nodeName';

/** metaNamespaceKey is client-go's MetaNamespaceKeyFunc: `namespace/name`, or `name` when cluster-scoped. */
export function metaNamespaceKey(obj: KubeObject): string {
  const ns = obj.metadata?.namespace;
  const name = obj.metadata?.name ?? '';
  return ns ? `${ns}/${name}` : name;
}

/** splitMetaNamespaceKey undoes metaNamespaceKey; namespace is '' for cluster-scoped keys. */
export function splitMetaNamespaceKey(key: string): { namespace: string; name: string } {
  const i = key.indexOf('/');
  return i < 0 ? { namespace: '', name: key } : { namespace: key.slice(0, i), name: key.slice(i + 1) };
}

/** namespaceIndexFunc is the NAMESPACE_INDEX function. */
export const namespaceIndexFunc: IndexFunc = (obj) => [obj.metadata?.namespace ?? ''];

/** labelIndexFunc is the LABEL_INDEX function. */
export const labelIndexFunc: IndexFunc = (obj) => Object.entries(obj.metadata?.labels ?? {}).map(([k, v]) => `${k}=${v}`);

/** nodeNameIndexFunc is the NODE_NAME_INDEX function. */
export const nodeNameIndexFunc: IndexFunc = (obj) => {
  const spec = obj['spec'] as { nodeName?: unknown } | undefined;
  return typeof spec?.nodeName === 'string' && spec.nodeName !== '' ? [spec.nodeName] : [];
};

/** defaultIndexers returns the indexes every informer keeps; pods also get NODE_NAME_INDEX. */
export function defaultIndexers(resource?: { group: string; resource: string }): Indexers {
  const out: Indexers = { [NAMESPACE_INDEX]: namespaceIndexFunc, [LABEL_INDEX]: labelIndexFunc };
  if (resource?.group === '' && resource.resource === 'pods') out[NODE_NAME_INDEX] = nodeNameIndexFunc;
  return out;
}

interface Index {
  fn: IndexFunc<never>;
  /** byValue: index value → keys filed under it. */
  byValue: Map<string, Set<string>>;
  /**
   * byKey remembers what each key was filed under, so removal does not re-run the index function
   * on the old object — which would go wrong if someone mutated a cached object.
   */
  byKey: Map<string, string[]>;
}

/** Indexer is a keyed object store with secondary indexes. */
export class Indexer<T extends KubeObject = KubeObject> {
  private readonly items = new Map<string, T>();
  private readonly indexes = new Map<string, Index>();

  constructor(
    indexers: Indexers<T> = defaultIndexers() as Indexers<T>,
    /** keyOf computes an object's key; metaNamespaceKey unless told otherwise. */
    readonly keyOf: (obj: T) => string = metaNamespaceKey,
  ) {
    this.addIndexers(indexers);
  }

  /** addIndexers adds indexes (existing objects are indexed at once); a name may be added only once. */
  addIndexers(indexers: Indexers<T>): void {
    for (const name of Object.keys(indexers)) if (this.indexes.has(name)) throw new Error(`indexer "${name}" already exists`);
    for (const [name, fn] of Object.entries(indexers)) {
      const index: Index = { fn: fn as IndexFunc<never>, byValue: new Map(), byKey: new Map() };
      this.indexes.set(name, index);
      for (const [key, obj] of this.items) file(index, key, obj);
    }
  }

  /** indexNames lists the indexes kept. */
  indexNames(): string[] {
    return [...this.indexes.keys()];
  }

  /** set adds or replaces the object under its key. */
  set(obj: T): void {
    const key = this.keyOf(obj);
    if (this.items.has(key)) for (const index of this.indexes.values()) unfile(index, key);
    this.items.set(key, obj);
    for (const index of this.indexes.values()) file(index, key, obj);
  }

  /** delete removes key and returns what was stored under it. */
  delete(key: string): T | undefined {
    const old = this.items.get(key);
    if (old === undefined) return undefined;
    this.items.delete(key);
    for (const index of this.indexes.values()) unfile(index, key);
    return old;
  }

  /** get returns the object stored under key (`namespace/name`, or `name` when cluster-scoped). */
  get(key: string): T | undefined {
    return this.items.get(key);
  }

  /** has tells whether key is stored. */
  has(key: string): boolean {
    return this.items.has(key);
  }

  /** size is the number of objects. */
  get size(): number {
    return this.items.size;
  }

  /** list returns every object. */
  list(): T[] {
    return [...this.items.values()];
  }

  /** listKeys returns every key. */
  listKeys(): string[] {
    return [...this.items.keys()];
  }

  /** indexKeys returns the keys filed under value in the named index. */
  indexKeys(indexName: string, value: string): string[] {
    return [...(this.index(indexName).byValue.get(value) ?? [])];
  }

  /** byIndex returns the objects filed under value in the named index. */
  byIndex(indexName: string, value: string): T[] {
    const keys = this.index(indexName).byValue.get(value);
    return keys ? [...keys].map((k) => this.items.get(k) as T) : [];
  }

  /** indexValues lists the values the named index has objects under. */
  indexValues(indexName: string): string[] {
    return [...this.index(indexName).byValue.keys()];
  }

  /** lister returns a read-only view for controllers. */
  lister(): Lister<T> {
    return new Lister(this);
  }

  /**
   * candidateKeys is the smallest key set an index can narrow a namespace + selector query to, or
   * undefined when no index helps and the caller must scan. Candidates still need filtering.
   */
  candidateKeys(namespace: string | undefined, selector: LabelSelector | undefined): Set<string> | undefined {
    let best: Set<string> | undefined;
    const consider = (indexName: string, value: string): void => {
      const idx = this.indexes.get(indexName);
      if (!idx) return;
      const keys = idx.byValue.get(value) ?? new Set<string>();
      if (!best || keys.size < best.size) best = keys;
    };
    if (namespace !== undefined) consider(NAMESPACE_INDEX, namespace);
    if (selector) for (const [k, v] of selector.exactMatches()) consider(LABEL_INDEX, `${k}=${v}`);
    return best;
  }

  private index(name: string): Index {
    const index = this.indexes.get(name);
    if (!index) throw new Error(`index "${name}" does not exist`);
    return index;
  }
}

function file(index: Index, key: string, obj: KubeObject): void {
  const values = [...new Set((index.fn as IndexFunc)(obj))];
  if (values.length === 0) return;
  index.byKey.set(key, values);
  for (const v of values) {
    let keys = index.byValue.get(v);
    if (!keys) index.byValue.set(v, (keys = new Set()));
    keys.add(key);
  }
}

function unfile(index: Index, key: string): void {
  const values = index.byKey.get(key);
  if (!values) return;
  index.byKey.delete(key);
  for (const v of values) {
    const keys = index.byValue.get(v);
    if (!keys) continue;
    keys.delete(key);
    if (keys.size === 0) index.byValue.delete(v); // values of deleted objects must not pile up
  }
}

/** NamespaceLister reads the objects of one namespace. */
export interface NamespaceLister<T extends KubeObject> {
  /** list returns the namespace's objects matching selector (all when omitted). */
  list(selector?: LabelSelector): T[];
  /** get returns the named object of the namespace. */
  get(name: string): T | undefined;
}

/** Lister is client-go's generic lister over an Indexer: selector lists served from the indexes. */
export class Lister<T extends KubeObject = KubeObject> {
  constructor(private readonly indexer: Indexer<T>) {}

  /** list returns the objects (of every namespace) matching selector (all when omitted). */
  list(selector?: LabelSelector): T[] {
    return this.select(undefined, selector);
  }

  /** get returns the object under key (`namespace/name`, or `name` when cluster-scoped). */
  get(key: string): T | undefined {
    return this.indexer.get(key);
  }

  /** namespaced narrows to one namespace. */
  namespaced(namespace: string): NamespaceLister<T> {
    return {
      list: (selector) => this.select(namespace, selector),
      get: (name) => this.indexer.get(namespace ? `${namespace}/${name}` : name),
    };
  }

  private select(namespace: string | undefined, selector: LabelSelector | undefined): T[] {
    if (selector?.isNothing()) return [];
    const sel = selector && !selector.isEmpty() ? selector : undefined;
    const keys = this.indexer.candidateKeys(namespace, sel);
    const candidates = keys ? [...keys].map((k) => this.indexer.get(k) as T) : this.indexer.list();
    return candidates.filter((o) => (namespace === undefined || (o.metadata?.namespace ?? '') === namespace) && (!sel || sel.matches(o.metadata?.labels)));
  }
}
