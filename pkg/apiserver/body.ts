// Request bodies: JSON or YAML objects for writes, raw text for patches (the patch engine parses
// those). Anything else is a clear 4xx, never a crash.
import { parse as parseYaml } from 'yaml';
import type { KubeObject } from '../../api/meta/object.js';
import { isObject } from '../../api/meta/object.js';
import { errors } from '../../api/status.js';
import { MAX_NESTING_DEPTH, nestsDeeperThan } from '../registry/generic/nesting.js';
import { decodeProtobufObject } from './protobuf/decode.js';

/** mediaType strips parameters: "application/json; charset=utf-8" → "application/json". */
export function mediaType(contentType: string | undefined): string {
  return (contentType ?? '').split(';')[0]!.trim().toLowerCase();
}

/** parseObjectBody decodes a write's body into an object, as the apiserver's decoder would. */
export function parseObjectBody(body: unknown, contentType: string | undefined, expectedKind: string): KubeObject {
  const type = mediaType(contentType);
  const text = Buffer.isBuffer(body) ? body.toString('utf8') : typeof body === 'string' ? body : '';
  if (text.trim() === '') throw errors.badRequest(`the body of the request was empty; expected a ${expectedKind}`);
  let value: unknown;
  if (type === 'application/json' || type === '' || type === '*/*') {
    try {
      value = JSON.parse(text);
    } catch (err) {
      throw errors.badRequest(`the object provided is unrecognized (must be of type ${expectedKind}): couldn't get version/kind; json parse error: ${(err as Error).message}`);
    }
  } else if (type === 'application/yaml' || type === 'application/x-yaml' || type === 'text/yaml') {
    try {
      value = parseYaml(text, { maxAliasCount: 100 });
    } catch (err) {
      throw errors.badRequest(`the object provided is unrecognized (must be of type ${expectedKind}): yaml: ${(err as Error).message.split('\n')[0]}`);
    }
    // YAML can say what JSON cannot (an alias inside its own anchor makes a cycle, !!binary a
    // Buffer): the object is what its JSON form says, and one without a JSON form is refused.
    try {
      value = JSON.parse(JSON.stringify(value) ?? 'null');
    } catch (err) {
      const why = err instanceof RangeError ? `nesting exceeds the maximum depth of ${MAX_NESTING_DEPTH}` : 'yaml: an alias refers to a node that contains it';
      throw errors.badRequest(`the object provided is unrecognized (must be of type ${expectedKind}): ${why}`);
    }
  } else if (type === 'application/vnd.kubernetes.protobuf') {
    value = decodeProtobufObject(Buffer.isBuffer(body) ? body : Buffer.from(text), expectedKind);
  } else {
    throw errors.unsupportedMediaType(`the body of the request was in an unknown format - accepted media types include: application/json, application/yaml`);
  }
  if (!isObject(value)) throw errors.badRequest(`the object provided is unrecognized (must be of type ${expectedKind}): the body must be a JSON object`);
  if (nestsDeeperThan(value)) throw errors.badRequest(`the object provided is unrecognized (must be of type ${expectedKind}): nesting exceeds the maximum depth of ${MAX_NESTING_DEPTH}`);
  return value as KubeObject;
}

/** bodyText returns a raw body as text (patches). */
export function bodyText(body: unknown): string {
  return Buffer.isBuffer(body) ? body.toString('utf8') : typeof body === 'string' ? body : '';
}
