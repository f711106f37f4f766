// Storage errors become Kubernetes Status errors here, and only here.
import { errors, StatusError } from '../../../api/status.js';
import type { ResourceInfo } from '../../../api/resources.js';
import { isStorageError } from '../../storage/errors.js';

/** toStatusError maps any error from the store to the Status a client should see. */
export function toStatusError(err: unknown, info: ResourceInfo, name: string): StatusError {
  if (err instanceof StatusError) return err;
  if (!isStorageError(err)) return errors.internal((err as Error)?.message ?? String(err));
  switch (err.code) {
    case 'NotFound':
      return errors.notFound(info.resource, info.group, name);
    case 'AlreadyExists':
      return errors.alreadyExists(info.resource, info.group, name);
    case 'Conflict':
      return errors.conflict(info.resource, info.group, name, 'the object has been modified; please apply your changes to the latest version and try again');
    case 'Expired':
      return errors.gone(`too old resource version: ${err.message}`);
    case 'FutureRevision':
      return errors.timeout(`Too large resource version: ${err.message}`);
    case 'TooLarge':
      return errors.tooLarge(`object too large: ${err.message}`);
    case 'InvalidContinue':
      return errors.badRequest('continue key is not valid: this continue token was not issued for this list');
    case 'WatchOverflow':
      return errors.gone(`watch closed: ${err.message}`);
    default:
      return errors.unavailable(`storage unavailable: ${err.message}`);
  }
}
