// Shared by the strategic-merge-patch tests: the MergeItem test schema of apimachinery's
// strategicpatch/patch_test.go as a patch-meta table, and a runner for its YAML case format.

import type { Test } from 'tap';
import { parse } from 'yaml';
import { patchMetaWalker, type PatchFieldDef, type PatchMetaWalker } from '../../../api/patch-meta.js';
import { isPatchError } from './errors.js';
import type { JsonObject } from './json-value.js';
import { strategicMergePatch } from './strategic-merge-patch.js';

const merge = (mergeKey?: string, type?: string): PatchFieldDef => ({ strategy: 'merge', ...(mergeKey ? { mergeKey } : {}), ...(type ? { type } : {}) });

/** MERGE_ITEM_TYPES mirrors the MergeItem and RetainKeysMergeItem Go structs and their tags. */
const MERGE_ITEM_TYPES: Record<string, Record<string, PatchFieldDef>> = {
  mergeItem: {
    mergingList: merge('name', 'mergeItem'),
    nonMergingList: { type: 'mergeItem' },
    mergingIntList: merge(),
    mergeItemPtr: merge('name', 'mergeItem'),
    replacingItem: { strategy: 'replace' },
    retainKeysMap: { strategy: 'retainKeys', type: 'retainKeysMergeItem' },
    retainKeysMergingList: { strategy: 'merge,retainKeys', mergeKey: 'name', type: 'mergeItem' },
  },
  retainKeysMergeItem: {
    mergingIntList: merge(),
    mergingList: merge('name', 'mergeItem'),
    nonMergingList: { type: 'mergeItem' },
  },
};

/** mergeItemMeta is the walker for the MergeItem schema. */
export const mergeItemMeta: PatchMetaWalker = patchMetaWalker(MERGE_ITEM_TYPES, 'mergeItem');

/** SmpCase is one case of the Go test tables (createStrategicMergePatchTestCaseData and the raw ones). */
export interface SmpCase {
  description: string;
  original?: JsonObject | null;
  twoWay?: JsonObject | null;
  modified?: JsonObject | null;
  twoWayResult?: JsonObject | null;
  current?: JsonObject | null;
  threeWay?: JsonObject | null;
  result?: JsonObject | null;
  expectedError?: string;
}

/** parseCases reads a YAML list of cases under `testCases:`, the Go tests' format. */
export function parseCases(yamlText: string): SmpCase[] {
  return (parse(yamlText) as { testCases: SmpCase[] }).testCases;
}

/**
 * runCases applies each case's two-way patch to original and its three-way patch to current,
 * comparing with the expected results (order of lists included), as the Go tests do.
 */
export function runCases(t: Test, cases: readonly SmpCase[], meta: PatchMetaWalker = mergeItemMeta): void {
  for (const c of cases) {
    t.test(c.description, (tt) => {
      const original = c.original ?? {};
      const twoWay = c.twoWay ?? {};
      if (c.expectedError !== undefined) {
        const expected = c.expectedError;
        let caught: unknown;
        try {
          strategicMergePatch(original, twoWay, meta);
        } catch (err) {
          caught = err;
        }
        tt.ok(isPatchError(caught) && caught.message.includes(expected), `fails with "${expected}"`, { found: caught });
        tt.end();
        return;
      }
      tt.strictSame(strategicMergePatch(original, twoWay, meta), c.twoWayResult ?? c.modified ?? {}, 'two-way patch applied to original');
      if (c.threeWay !== undefined && c.result !== undefined) {
        tt.strictSame(strategicMergePatch(c.current ?? {}, c.threeWay ?? {}, meta), c.result ?? {}, 'three-way patch applied to current');
      }
      tt.end();
    });
  }
}
