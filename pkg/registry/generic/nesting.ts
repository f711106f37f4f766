// A bound on how deeply an object may nest. Go's JSON decoder stops at 10000 levels, but here the
// codec, structuredClone and the patch engines recurse, and with V8's default stack a patch of an
// object about 2000 levels deep already overflowed it (a 500, and an object nobody could patch
// any more). No real API object comes near this bound.

/** MAX_NESTING_DEPTH is how many levels of objects and arrays a stored object or a body may have. */
export const MAX_NESTING_DEPTH = 1000;

/** nestsDeeperThan reports whether value has more than limit levels of objects and arrays. */
export function nestsDeeperThan(value: unknown, limit: number = MAX_NESTING_DEPTH): boolean {
  if (typeof value !== 'object' || value === null) return false;
  if (limit <= 0) return true;
  // The recursion itself stops at limit, so checking is safe at any depth.
  if (Array.isArray(value)) {
    for (const v of value) if (nestsDeeperThan(v, limit - 1)) return true;
  } else {
    for (const k in value) if (nestsDeeperThan((value as Record<string, unknown>)[k], limit - 1)) return true;
  }
  return false;
}

/** jsonTextNestsDeeperThan is nestsDeeperThan for JSON text, checked before it is parsed. */
export function jsonTextNestsDeeperThan(text: string, limit: number = MAX_NESTING_DEPTH): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x7b || c === 0x5b) {
      if (++depth > limit) return true;
    } else if (c === 0x7d || c === 0x5d) depth--;
  }
  return false;
}
