// The two stores under benchmark behind one small surface, so that both run the very same loops.
import { Etcd3 } from 'etcd3';
import { LevelStore } from '../../../pkg/storage/level/store.js';

/** BenchTarget is what the workloads need from a store. */
export interface BenchTarget {
  readonly name: string;
  /** create writes a new key and resolves once it is durable; fails if the key exists. */
  create(key: string, value: Uint8Array): Promise<void>;
  /** watch resolves once a watcher on prefix is live; onValue sees each created value; the result stops it. */
  watch(prefix: string, onValue: (value: Uint8Array) => void): Promise<() => Promise<void>>;
  close(): Promise<void>;
}

/** levelTarget opens our store in dir with default options, as the apiserver would. */
export async function levelTarget(dir: string): Promise<BenchTarget> {
  const store = await LevelStore.open(dir);
  return {
    name: 'LevelStore',
    async create(key, value) {
      await store.create(key, value);
    },
    async watch(prefix, onValue) {
      const ac = new AbortController();
      // watch() registers synchronously, so nothing written after this line can be missed.
      const events = store.watch(prefix, 0, ac.signal);
      const loop = (async () => {
        for await (const e of events) if (e.type === 'ADDED') onValue(e.value);
      })();
      return async () => {
        ac.abort();
        await loop;
      };
    },
    close: () => store.close(),
  };
}

/** etcdTarget talks to etcd through one etcd3 client, as the apiserver does through one connection. */
export function etcdTarget(url: string): BenchTarget {
  const client = new Etcd3({ hosts: url });
  return {
    name: 'etcd',
    async create(key, value) {
      // A create is a transaction guarded on "key absent", exactly how the apiserver creates.
      const res = await client
        .if(key, 'Create', '==', 0)
        .then(client.put(key).value(Buffer.from(value.buffer, value.byteOffset, value.byteLength)))
        .commit();
      if (!res.succeeded) throw new Error(`etcd: key ${key} already exists`);
    },
    async watch(prefix, onValue) {
      const watcher = await client.watch().prefix(prefix).create();
      watcher.on('put', (kv) => onValue(kv.value));
      return async () => {
        await watcher.cancel();
      };
    },
    async close() {
      client.close();
    },
  };
}
