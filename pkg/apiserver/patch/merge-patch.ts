// RFC 7386 JSON merge patch (application/merge-patch+json): objects merge member by member, null
// deletes, anything else (arrays included) replaces.

import { deepClone, getOwn, isJsonObject, setOwn, type JsonObject, type JsonValue } from './json-value.js';

/**
 * mergePatch applies an RFC 7386 merge patch to target and returns the result; neither argument is
 * modified. A patch that is not an object replaces the target outright, as the RFC says.
 */
export function mergePatch(target: JsonValue, patch: JsonValue): JsonValue {
  return mergeInto(deepClone(target), patch);
}

/** mergeInto is mergePatch on a target it owns and may change in place. */
function mergeInto(target: JsonValue, patch: JsonValue): JsonValue {
  if (!isJsonObject(patch)) return deepClone(patch);
  const result: JsonObject = isJsonObject(target) ? target : {};
  for (const key of Object.keys(patch)) {
    const value = patch[key] as JsonValue;
    if (value === null) {
      delete result[key];
    } else {
      // A member the target lacks is patched onto {} so nulls nested in it vanish, per the RFC.
      setOwn(result, key, mergeInto(getOwn(result, key) ?? null, value));
    }
  }
  return result;
}
