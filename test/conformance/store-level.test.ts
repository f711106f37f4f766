// The store conformance suite against the LevelDB store.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import t from 'tap';
import { LevelStore } from '../../pkg/storage/level/store.js';
import { storeConformance } from './store-suite.js';

const dirs: string[] = [];
t.teardown(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

storeConformance(t, async (opts) => {
  const dir = mkdtempSync(join(tmpdir(), 'kubelite-store-'));
  dirs.push(dir);
  return LevelStore.open(dir, opts);
});
