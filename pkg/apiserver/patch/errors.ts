// The one error the patch engines throw. It carries the HTTP status and Status reason that
// kube-apiserver's PATCH handler gives the same failure, so the handler can turn it into a
// metav1.Status without knowing which engine failed or why.

import type { FieldError } from '../../../api/meta/field-error.js';

/** PatchErrorReason is the metav1.Status `reason`; '' is StatusReasonUnknown (a plain 500). */
export type PatchErrorReason = 'BadRequest' | 'Invalid' | 'UnsupportedMediaType' | 'RequestEntityTooLarge' | '';

/** PatchError is a patch the server refuses, with the status code kube-apiserver would answer. */
export class PatchError extends Error {
  override name = 'PatchError';
  readonly code: 400 | 413 | 415 | 422 | 500;
  readonly reason: PatchErrorReason;
  /** causes are Status details for a 422 that names a field, as kube-apiserver's Invalid errors do. */
  readonly causes: readonly FieldError[];

  constructor(code: PatchError['code'], reason: PatchErrorReason, message: string, causes: readonly FieldError[] = []) {
    super(message);
    this.code = code;
    this.reason = reason;
    this.causes = causes;
  }
}

/** isPatchError narrows an unknown throw. */
export function isPatchError(err: unknown): err is PatchError {
  return err instanceof PatchError;
}

/** badRequest is errors.NewBadRequest: a body the server cannot read as a patch of that type. */
export const badRequest = (message: string): PatchError => new PatchError(400, 'BadRequest', message);

/** unprocessable is a 422 with reason Invalid, as NewGenericServerResponse(422, ...) builds it. */
export const unprocessable = (message: string, causes: readonly FieldError[] = []): PatchError =>
  new PatchError(422, 'Invalid', message, causes);

/**
 * internalError is what kube-apiserver answers for a strategic-merge error it does not classify
 * (a missing merge key, an unknown $patch value): a 500 whose message is the error text.
 */
export const internalError = (message: string): PatchError => new PatchError(500, '', message);

/** unsupportedMediaType is a 415 for a patch type this server does not apply. */
export const unsupportedMediaType = (message: string): PatchError => new PatchError(415, 'UnsupportedMediaType', message);

/** tooLarge is a 413, used for JSON patches with more operations than kube-apiserver allows. */
export const tooLarge = (message: string): PatchError => new PatchError(413, 'RequestEntityTooLarge', message);

// The sentinel messages of k8s.io/apimachinery/pkg/util/mergepatch that kube-apiserver maps to 400
// (malformed directives) or 422 (lists of lists) instead of its default 500.

/** ERR_NO_LIST_OF_LISTS is mergepatch.ErrNoListOfLists (422). */
export const ERR_NO_LIST_OF_LISTS = 'lists of lists are not supported';
/** ERR_BAD_PRIMITIVE_LIST is mergepatch.ErrBadPatchFormatForPrimitiveList (400). */
export const ERR_BAD_PRIMITIVE_LIST = 'invalid patch format of primitive list';
/** ERR_BAD_RETAIN_KEYS is mergepatch.ErrBadPatchFormatForRetainKeys (400). */
export const ERR_BAD_RETAIN_KEYS = 'invalid patch format of retainKeys';
/** ERR_BAD_SET_ELEMENT_ORDER is mergepatch.ErrBadPatchFormatForSetElementOrderList (400). */
export const ERR_BAD_SET_ELEMENT_ORDER = 'invalid patch format of setElementOrder list';
