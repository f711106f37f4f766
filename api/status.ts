// Kubernetes `Status` objects: how every API error reaches a client, with the reason, code and
// details (kind, name, field causes) that kubectl and client libraries read.
import { fieldErrorMessage, type FieldError } from './meta/field-error.js';

/** StatusReason is metav1.StatusReason; the code follows from the reason as in apimachinery. */
export type StatusReason =
  | 'BadRequest'
  | 'Unauthorized'
  | 'Forbidden'
  | 'NotFound'
  | 'AlreadyExists'
  | 'Conflict'
  | 'Gone'
  | 'Expired'
  | 'Invalid'
  | 'MethodNotAllowed'
  | 'NotAcceptable'
  | 'RequestEntityTooLarge'
  | 'UnsupportedMediaType'
  | 'TooManyRequests'
  | 'InternalError'
  | 'ServiceUnavailable'
  | 'Timeout';

/** StatusDetails is metav1.StatusDetails. */
export interface StatusDetails {
  name?: string;
  group?: string;
  kind?: string;
  uid?: string;
  causes?: Array<{ reason: string; message: string; field: string }>;
  retryAfterSeconds?: number;
}

/** Status is metav1.Status as it goes over the wire. */
export interface Status {
  kind: 'Status';
  apiVersion: 'v1';
  metadata: Record<string, never>;
  status: 'Failure' | 'Success';
  message: string;
  reason: StatusReason | '';
  details?: StatusDetails;
  code: number;
}

/** StatusError is a failure that becomes a Status at the API edge. */
export class StatusError extends Error {
  override name = 'StatusError';
  constructor(
    readonly code: number,
    readonly reason: StatusReason,
    message: string,
    readonly details?: StatusDetails,
  ) {
    super(message);
  }

  /** toStatus renders the wire object. */
  toStatus(): Status {
    const s: Status = { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: this.message, reason: this.reason, code: this.code };
    if (this.details) s.details = this.details;
    return s;
  }
}

/** qualifiedResource is `pods` for core and `deployments.apps` otherwise, as messages spell it. */
export function qualifiedResource(resource: string, group: string): string {
  return group === '' ? resource : `${resource}.${group}`;
}

/** errors builds the common StatusErrors with Kubernetes' exact wording. */
export const errors = {
  notFound: (resource: string, group: string, name: string): StatusError =>
    new StatusError(404, 'NotFound', `${qualifiedResource(resource, group)} "${name}" not found`, { name, group, kind: resource }),
  alreadyExists: (resource: string, group: string, name: string): StatusError =>
    new StatusError(409, 'AlreadyExists', `${qualifiedResource(resource, group)} "${name}" already exists`, { name, group, kind: resource }),
  conflict: (resource: string, group: string, name: string, why: string): StatusError =>
    new StatusError(409, 'Conflict', `Operation cannot be fulfilled on ${qualifiedResource(resource, group)} "${name}": ${why}`, { name, group, kind: resource }),
  invalid: (kind: string, group: string, name: string, causes: FieldError[]): StatusError => {
    const list = causes.map(fieldErrorMessage);
    const summary = list.length === 1 ? list[0] : `[${list.join(', ')}]`;
    return new StatusError(422, 'Invalid', `${kind}${group === '' ? '' : `.${group}`} "${name}" is invalid: ${summary}`, {
      name,
      group,
      kind,
      causes: causes.map((c) => ({ reason: c.type, message: fieldErrorMessage(c).slice(c.field.length + 2), field: c.field })),
    });
  },
  badRequest: (message: string): StatusError => new StatusError(400, 'BadRequest', message),
  gone: (message: string): StatusError => new StatusError(410, 'Expired', message),
  unauthorized: (): StatusError => new StatusError(401, 'Unauthorized', 'Unauthorized'),
  forbidden: (message: string): StatusError => new StatusError(403, 'Forbidden', message),
  methodNotAllowed: (message: string): StatusError => new StatusError(405, 'MethodNotAllowed', message),
  tooLarge: (message: string): StatusError => new StatusError(413, 'RequestEntityTooLarge', message),
  unsupportedMediaType: (message: string): StatusError => new StatusError(415, 'UnsupportedMediaType', message),
  internal: (message: string): StatusError => new StatusError(500, 'InternalError', `Internal error occurred: ${message}`),
  unavailable: (message: string): StatusError => new StatusError(503, 'ServiceUnavailable', message),
  timeout: (message: string): StatusError => new StatusError(504, 'Timeout', message),
};
