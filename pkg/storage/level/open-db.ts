// Opening the LevelDB directory, with every way it can fail turned into one clear StorageError.
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { Level } from 'level';
import { StorageError } from '../errors.js';
import { checkFormat, FORMAT_VERSION } from './format.js';
import { META_FORMAT } from './keys.js';
import { prepareNativeAddon } from './native-addon.js';

/** LevelDB is the database handle the store uses: string keys, byte values. */
export type LevelDB = Level<string, Uint8Array>;

/** openDatabase opens (creating if needed) the database in dir and checks its format. */
export async function openDatabase(dir: string): Promise<LevelDB> {
  try {
    mkdirSync(dir, { recursive: true });
  } catch (err) {
    throw new StorageError('Unavailable', `cannot create store directory ${dir}: ${(err as Error).message}`);
  }
  try {
    // The single binary writes its LevelDB addon beside the store (DATA_DIR/lib); elsewhere a no-op.
    prepareNativeAddon(dirname(resolve(dir)));
  } catch (err) {
    throw new StorageError('Unavailable', (err as Error).message);
  }
  const db: LevelDB = new Level<string, Uint8Array>(dir, { keyEncoding: 'utf8', valueEncoding: 'view' });
  try {
    await db.open();
  } catch (err) {
    throw describeOpenError(dir, err as LevelError);
  }
  try {
    const stored = await db.get(META_FORMAT);
    const format = stored === undefined ? undefined : Buffer.from(stored).toString('utf8');
    checkFormat(dir, format, format === undefined && !(await hasAnyKey(db)));
    if (format === undefined) await db.put(META_FORMAT, Buffer.from(FORMAT_VERSION), { sync: true });
    return db;
  } catch (err) {
    await db.close().catch(() => undefined);
    // The first reads are where a damaged table file shows up: LevelDB opens tables lazily.
    throw err instanceof StorageError ? err : describeOpenError(dir, err as LevelError);
  }
}

async function hasAnyKey(db: LevelDB): Promise<boolean> {
  for await (const _ of db.keys({ limit: 1 })) return true;
  return false;
}

/** corruptError is the one message for a data dir that cannot be read, whatever part is damaged. */
export function corruptError(dir: string, detail: string): StorageError {
  return new StorageError('Corrupt', `${dir} is corrupt (${detail}); restore it from a backup or move it away to start empty`);
}

type LevelError = Error & { code?: string; cause?: Error & { code?: string } };

/** describeOpenError explains an error from opening (code on err.cause) or from a read (code on err). */
function describeOpenError(dir: string, err: LevelError): StorageError {
  const cause = err.cause ?? err;
  switch (cause.code) {
    case 'LEVEL_LOCKED':
      return new StorageError('Locked', `${dir} is in use by another process (another kubelite with the same --data-dir?); stop it or choose another --data-dir`);
    case 'LEVEL_CORRUPTION':
      return corruptError(dir, cause.message);
    default:
      return new StorageError('Unavailable', `cannot open store at ${dir}: ${cause.message}`);
  }
}
