// The PATCH entry point: picks the engine by Content-Type and reads the body the way
// kube-apiserver's patch handler does, so each malformed body fails with the same status code and,
// as far as practical, the same message. What this returns is the patched object, not yet
// defaulted, validated or checked for a changed name/kind: that is the handler's job.

import { fieldErrorMessage, fieldErrors } from '../../../api/meta/field-error.js';
import { patchMetaFor } from '../../../api/patch-meta.js';
import { badRequest, tooLarge, unprocessable, unsupportedMediaType } from './errors.js';
import { applyJsonPatch, decodeJsonPatch } from './json-patch.js';
import { JsonSyntaxError, parseJson } from './json-syntax.js';
import { isJsonObject, type JsonObject, type JsonValue } from './json-value.js';
import { mergePatch } from './merge-patch.js';
import { strategicMergePatch } from './strategic-merge-patch.js';

/** JSON_PATCH is the Content-Type of RFC 6902 JSON patches. */
export const JSON_PATCH = 'application/json-patch+json';
/** MERGE_PATCH is the Content-Type of RFC 7386 merge patches. */
export const MERGE_PATCH = 'application/merge-patch+json';
/** STRATEGIC_MERGE_PATCH is the Content-Type of Kubernetes strategic merge patches (kubectl's default). */
export const STRATEGIC_MERGE_PATCH = 'application/strategic-merge-patch+json';
/** APPLY_PATCH_YAML is the Content-Type of server-side apply, which this server refuses. */
export const APPLY_PATCH_YAML = 'application/apply-patch+yaml';

/** SUPPORTED_PATCH_TYPES are the Content-Types applyPatch accepts, in kube-apiserver's order. */
export const SUPPORTED_PATCH_TYPES: readonly string[] = [JSON_PATCH, MERGE_PATCH, STRATEGIC_MERGE_PATCH];

/** MAX_JSON_PATCH_OPERATIONS is kube-apiserver's limit on operations in one JSON patch. */
export const MAX_JSON_PATCH_OPERATIONS = 10000;

const accepted = (types: readonly string[]): string => `accepted media types include: ${types.join(', ')}`;

/** mediaTypeOf drops parameters such as "; charset=utf-8", as the patch handler does. */
const mediaTypeOf = (contentType: string): string => contentType.split(';')[0]?.trim() ?? '';

function bodyText(body: string | Uint8Array): string {
  // ignoreBOM keeps a BOM in the text so it is refused, as Go's decoder refuses it.
  return typeof body === 'string' ? body : new TextDecoder('utf-8', { ignoreBOM: true }).decode(body);
}

/** stripDirectives drops directive members the engine leaves behind in values it copied whole. */
function stripDirectives(v: JsonValue): void {
  // kube-apiserver decodes the result into the typed object, which silently loses such members;
  // this server keeps JSON, so they are removed here. No API field name starts with "$".
  if (Array.isArray(v)) {
    for (const item of v) stripDirectives(item);
  } else if (isJsonObject(v)) {
    for (const k of Object.keys(v)) {
      if (k === '$patch' || k === '$retainKeys' || k.startsWith('$setElementOrder/') || k.startsWith('$deleteFromPrimitiveList/')) delete v[k];
      else stripDirectives(v[k] as JsonValue);
    }
  }
}

/** requireObject turns a non-object patch result into the 422 kube-apiserver gives when decoding it fails. */
function requireObject(result: JsonValue, original: JsonObject, kind: string): JsonObject {
  if (isJsonObject(result)) return result;
  const meta = original['metadata'];
  const name = isJsonObject(meta) && typeof meta['name'] === 'string' ? meta['name'] : '';
  const cause = fieldErrors.invalid('patch', JSON.stringify(result), 'the patched object is not a JSON object');
  throw unprocessable(`${kind} "${name}" is invalid: ${fieldErrorMessage(cause)}`, [cause]);
}

function parseOr400(text: string, message?: string): JsonValue {
  try {
    return parseJson(text);
  } catch (err) {
    if (err instanceof JsonSyntaxError) throw badRequest(message ?? err.message);
    throw err;
  }
}

/**
 * applyPatch applies a PATCH request body to the stored object and returns the patched object;
 * original is not modified. contentType is the request's Content-Type header. Failures throw
 * PatchError: 400 for unreadable bodies and malformed directives, 415 for unsupported patch types
 * (server-side apply included), 413 for oversized JSON patches, 422 for operations that do not
 * apply, 500 where kube-apiserver also answers 500 (e.g. a merge list item without its merge key).
 */
export function applyPatch(contentType: string, original: JsonObject, patchBody: string | Uint8Array, apiVersion: string, kind: string): JsonObject {
  const mediaType = mediaTypeOf(contentType);
  switch (mediaType) {
    case JSON_PATCH: {
      const ops = decodeJsonPatch(parseOr400(bodyText(patchBody)));
      if (ops.length > MAX_JSON_PATCH_OPERATIONS) {
        throw tooLarge(`The allowed maximum operations in a JSON patch is ${MAX_JSON_PATCH_OPERATIONS}, got ${ops.length}`);
      }
      return requireObject(applyJsonPatch(original, ops), original, kind);
    }
    case MERGE_PATCH: {
      // evanphx/json-patch's MergePatch refuses bodies that are neither an object nor an array.
      const patch = parseOr400(bodyText(patchBody), 'Invalid JSON Patch');
      if (patch === null || typeof patch !== 'object') throw badRequest('Invalid JSON Patch');
      return requireObject(mergePatch(original, patch), original, kind);
    }
    case STRATEGIC_MERGE_PATCH: {
      const meta = patchMetaFor(apiVersion, kind);
      if (!meta) {
        throw unsupportedMediaType(`the body of the request was in an unknown format - ${accepted([JSON_PATCH, MERGE_PATCH])}`);
      }
      const patch = parseOr400(bodyText(patchBody));
      // Go decodes the body into a map: null is an empty patch, anything else but an object fails.
      if (patch === null) return strategicMergePatch(original, {}, meta);
      if (!isJsonObject(patch)) {
        const what = Array.isArray(patch) ? 'array' : typeof patch === 'boolean' ? 'bool' : typeof patch;
        throw badRequest(`json: cannot unmarshal ${what} into Go value of type map[string]interface {}`);
      }
      const result = strategicMergePatch(original, patch, meta);
      stripDirectives(result);
      return result;
    }
    case APPLY_PATCH_YAML:
    case 'application/apply-patch+cbor':
      throw unsupportedMediaType(`server-side apply is not supported by this server (${mediaType}); ${accepted(SUPPORTED_PATCH_TYPES)}`);
    default:
      throw unsupportedMediaType(`the body of the request was in an unknown format - ${accepted(SUPPORTED_PATCH_TYPES)}`);
  }
}
