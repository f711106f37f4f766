// The data dir's format version: refused, never misread, when it is not the one this build reads.
import { StorageError } from '../errors.js';

/** FORMAT_VERSION names the on-disk layout (keys.ts + record.proto). Bump it on any change to either. */
export const FORMAT_VERSION = 'kubelite-leveldb/1';

/** checkFormat accepts this build's format and explains what to do about any other. */
export function checkFormat(dir: string, found: string | undefined, empty: boolean): void {
  if (found === FORMAT_VERSION) return;
  if (found === undefined && empty) return;
  const what = found === undefined ? 'a LevelDB database with no kubelite format marker' : `format "${found}"`;
  throw new StorageError(
    'FormatMismatch',
    `${dir} holds ${what}, but this kubelite reads "${FORMAT_VERSION}"; ` +
      'run the kubelite release that wrote it, or see docs/storage.md "Upgrading the data dir"',
  );
}
