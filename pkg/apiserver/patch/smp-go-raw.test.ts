// strategicMergePatchRawTestCases of apimachinery's strategicpatch/patch_test.go (lists of maps and
// scalars, nesting, $patch: delete, $deleteFromPrimitiveList, $setElementOrder and server-only
// items), rewritten in YAML flow style. The expected lists are compared in order.
import t from 'tap';
import { parseCases, runCases } from './smp-test-helpers.js';

const listCases = parseCases(`
testCases:
  - description: nested patch merge with empty list
    original: {name: hi}
    current: {name: hi, mergingList: [{name: hello2}]}
    twoWay: {mergingList: [{name: hello}, {$patch: delete, name: doesntexist}]}
    twoWayResult: {name: hi, mergingList: [{name: hello}]}
    threeWay:
      $setElementOrder/mergingList: [{name: hello}, {name: doesntexist}]
      mergingList: [{name: hello}, {$patch: delete, name: doesntexist}]
    result: {name: hi, mergingList: [{name: hello}, {name: hello2}]}
  - description: delete items in lists of scalars
    original: {mergingIntList: [1, 2, 3]}
    twoWay: {$setElementOrder/mergingIntList: [1, 2], $deleteFromPrimitiveList/mergingIntList: [3]}
    modified: {mergingIntList: [1, 2]}
    current: {mergingIntList: [1, 2, 3, 4]}
    threeWay: {$setElementOrder/mergingIntList: [1, 2], $deleteFromPrimitiveList/mergingIntList: [3]}
    result: {mergingIntList: [1, 2, 4]}
  - description: delete all duplicate items in lists of scalars
    original: {mergingIntList: [1, 2, 3, 3]}
    twoWay: {$setElementOrder/mergingIntList: [1, 2], $deleteFromPrimitiveList/mergingIntList: [3]}
    modified: {mergingIntList: [1, 2]}
    current: {mergingIntList: [1, 2, 3, 3, 4]}
    threeWay: {$setElementOrder/mergingIntList: [1, 2], $deleteFromPrimitiveList/mergingIntList: [3]}
    result: {mergingIntList: [1, 2, 4]}
  - description: add and delete items in lists of scalars
    original: {mergingIntList: [1, 2, 3]}
    twoWay: {$setElementOrder/mergingIntList: [1, 2, 4], $deleteFromPrimitiveList/mergingIntList: [3], mergingIntList: [4]}
    modified: {mergingIntList: [1, 2, 4]}
    current: {mergingIntList: [1, 2, 3, 4]}
    threeWay: {$setElementOrder/mergingIntList: [1, 2, 4], $deleteFromPrimitiveList/mergingIntList: [3]}
    result: {mergingIntList: [1, 2, 4]}
  - description: merge lists of maps
    original: {mergingList: [{name: 1}, {name: 2, value: 2}]}
    twoWay:
      $setElementOrder/mergingList: [{name: 4}, {name: 1}, {name: 2}, {name: 3}]
      mergingList: [{name: 4, value: 4}, {name: 3, value: 3}]
    modified: {mergingList: [{name: 4, value: 4}, {name: 1}, {name: 2, value: 2}, {name: 3, value: 3}]}
    current: {mergingList: [{name: 1, other: a}, {name: 2, value: 2, other: b}]}
    threeWay:
      $setElementOrder/mergingList: [{name: 4}, {name: 1}, {name: 2}, {name: 3}]
      mergingList: [{name: 4, value: 4}, {name: 3, value: 3}]
    result: {mergingList: [{name: 4, value: 4}, {name: 1, other: a}, {name: 2, value: 2, other: b}, {name: 3, value: 3}]}
  - description: merge lists of maps with conflict
    original: {mergingList: [{name: 1}, {name: 2, value: 2}]}
    twoWay: {$setElementOrder/mergingList: [{name: 1}, {name: 2}, {name: 3}], mergingList: [{name: 3, value: 3}]}
    modified: {mergingList: [{name: 1}, {name: 2, value: 2}, {name: 3, value: 3}]}
    current: {mergingList: [{name: 1, other: a}, {name: 2, value: 3, other: b}]}
    threeWay:
      $setElementOrder/mergingList: [{name: 1}, {name: 2}, {name: 3}]
      mergingList: [{name: 2, value: 2}, {name: 3, value: 3}]
    result: {mergingList: [{name: 1, other: a}, {name: 2, value: 2, other: b}, {name: 3, value: 3}]}
  - description: add field to map in merging list
    original: {mergingList: [{name: 1}, {name: 2, value: 2}]}
    twoWay: {$setElementOrder/mergingList: [{name: 1}, {name: 2}], mergingList: [{name: 1, value: 1}]}
    modified: {mergingList: [{name: 1, value: 1}, {name: 2, value: 2}]}
    current: {mergingList: [{name: 1, other: a}, {name: 2, value: 2, other: b}]}
    threeWay: {$setElementOrder/mergingList: [{name: 1}, {name: 2}], mergingList: [{name: 1, value: 1}]}
    result: {mergingList: [{name: 1, value: 1, other: a}, {name: 2, value: 2, other: b}]}
  - description: add field to map in merging list with conflict
    original: {mergingList: [{name: 1}, {name: 2, value: 2}]}
    twoWay: {$setElementOrder/mergingList: [{name: 1}, {name: 2}], mergingList: [{name: 1, value: 1}]}
    modified: {mergingList: [{name: 1, value: 1}, {name: 2, value: 2}]}
    current: {mergingList: [{name: 1, other: a}, {name: 3, value: 2, other: b}]}
    threeWay: {$setElementOrder/mergingList: [{name: 1}, {name: 2}], mergingList: [{name: 1, value: 1}, {name: 2, value: 2}]}
    result: {mergingList: [{name: 1, value: 1, other: a}, {name: 2, value: 2}, {name: 3, value: 2, other: b}]}
  - description: add duplicate field to map in merging list
    original: {mergingList: [{name: 1}, {name: 2, value: 2}]}
    twoWay: {$setElementOrder/mergingList: [{name: 1}, {name: 2}], mergingList: [{name: 1, value: 1}]}
    modified: {mergingList: [{name: 1, value: 1}, {name: 2, value: 2}]}
    current: {mergingList: [{name: 1, value: 1, other: a}, {name: 2, value: 2, other: b}]}
    threeWay: {}
    result: {mergingList: [{name: 1, value: 1, other: a}, {name: 2, value: 2, other: b}]}
  - description: add an item that already exists in current object in merging list
    original: {mergingList: [{name: 1, value: a}, {name: 2}]}
    twoWay: {$setElementOrder/mergingList: [{name: 1}, {name: 2}, {name: 3}], mergingList: [{name: 3}]}
    modified: {mergingList: [{name: 1, value: a}, {name: 2}, {name: 3}]}
    current: {mergingList: [{name: 1, value: a, other: x}, {name: 2}, {name: 3}]}
    threeWay: {}
    result: {mergingList: [{name: 1, value: a, other: x}, {name: 2}, {name: 3}]}
  - description: add duplicate field to map in merging list with conflict
    original: {mergingList: [{name: 1}, {name: 2, value: 2}]}
    twoWay: {$setElementOrder/mergingList: [{name: 1}, {name: 2}], mergingList: [{name: 1, value: 1}]}
    modified: {mergingList: [{name: 1, value: 1}, {name: 2, value: 2}]}
    current: {mergingList: [{name: 1, value: 1, other: a}, {name: 2, value: 3, other: b}]}
    threeWay: {$setElementOrder/mergingList: [{name: 1}, {name: 2}], mergingList: [{name: 2, value: 2}]}
    result: {mergingList: [{name: 1, value: 1, other: a}, {name: 2, value: 2, other: b}]}
  - description: replace map field value in merging list
    original: {mergingList: [{name: 1, value: 1}, {name: 2, value: 2}]}
    twoWay: {$setElementOrder/mergingList: [{name: 1}, {name: 2}], mergingList: [{name: 1, value: a}]}
    modified: {mergingList: [{name: 1, value: a}, {name: 2, value: 2}]}
    current: {mergingList: [{name: 1, value: 1, other: a}, {name: 2, value: 2, other: b}]}
    threeWay: {$setElementOrder/mergingList: [{name: 1}, {name: 2}], mergingList: [{name: 1, value: a}]}
    result: {mergingList: [{name: 1, value: a, other: a}, {name: 2, value: 2, other: b}]}
  - description: delete map from merging list
    original: {mergingList: [{name: 1}, {name: 2}]}
    twoWay: {$setElementOrder/mergingList: [{name: 2}], mergingList: [{name: 1, $patch: delete}]}
    modified: {mergingList: [{name: 2}]}
    current: {mergingList: [{name: 1}, {name: 2, other: b}]}
    threeWay: {$setElementOrder/mergingList: [{name: 2}], mergingList: [{name: 1, $patch: delete}]}
    result: {mergingList: [{name: 2, other: b}]}
  - description: delete missing map from merging list
    original: {mergingList: [{name: 1}, {name: 2}]}
    twoWay: {$setElementOrder/mergingList: [{name: 2}], mergingList: [{name: 1, $patch: delete}]}
    modified: {mergingList: [{name: 2}]}
    current: {mergingList: [{name: 2, other: b}]}
    threeWay: {$setElementOrder/mergingList: [{name: 2}], mergingList: [{name: 1, $patch: delete}]}
    result: {mergingList: [{name: 2, other: b}]}
  - description: delete missing map from merging list with conflict
    original: {mergingList: [{name: 1}, {name: 2}]}
    twoWay: {$setElementOrder/mergingList: [{name: 2}], mergingList: [{name: 1, $patch: delete}]}
    modified: {mergingList: [{name: 2}]}
    current: {mergingList: [{name: 3, other: a}]}
    threeWay: {$setElementOrder/mergingList: [{name: 2}], mergingList: [{name: 2}, {name: 1, $patch: delete}]}
    result: {mergingList: [{name: 2}, {name: 3, other: a}]}
  - description: add map and delete map from merging list
    original: {mergingList: [{name: 1}, {name: 2}]}
    twoWay: {$setElementOrder/mergingList: [{name: 2}, {name: 3}], mergingList: [{name: 3}, {name: 1, $patch: delete}]}
    modified: {mergingList: [{name: 2}, {name: 3}]}
    current: {mergingList: [{name: 1}, {name: 2, other: b}, {name: 4, other: c}]}
    threeWay: {$setElementOrder/mergingList: [{name: 2}, {name: 3}], mergingList: [{name: 3}, {name: 1, $patch: delete}]}
    result: {mergingList: [{name: 2, other: b}, {name: 4, other: c}, {name: 3}]}
  - description: add map and delete map from merging list with conflict
    original: {mergingList: [{name: 1}, {name: 2}]}
    twoWay: {$setElementOrder/mergingList: [{name: 2}, {name: 3}], mergingList: [{name: 3}, {name: 1, $patch: delete}]}
    modified: {mergingList: [{name: 2}, {name: 3}]}
    current: {mergingList: [{name: 1, other: a}, {name: 4, other: c}]}
    threeWay:
      $setElementOrder/mergingList: [{name: 2}, {name: 3}]
      mergingList: [{name: 2}, {name: 3}, {name: 1, $patch: delete}]
    result: {mergingList: [{name: 4, other: c}, {name: 2}, {name: 3}]}
  - description: delete field from map in merging list
    original: {mergingList: [{name: 1, value: 1}, {name: 2, value: 2}]}
    twoWay: {$setElementOrder/mergingList: [{name: 1}, {name: 2}], mergingList: [{name: 1, value: null}]}
    modified: {mergingList: [{name: 1}, {name: 2, value: 2}]}
    current: {mergingList: [{name: 1, value: 1, other: a}, {name: 2, value: 2, other: b}]}
    threeWay: {$setElementOrder/mergingList: [{name: 1}, {name: 2}], mergingList: [{name: 1, value: null}]}
    result: {mergingList: [{name: 1, other: a}, {name: 2, value: 2, other: b}]}
  - description: delete missing field from map in merging list with conflict
    original: {mergingList: [{name: 1, value: 1}, {name: 2, value: 2}]}
    twoWay: {$setElementOrder/mergingList: [{name: 1}, {name: 2}], mergingList: [{name: 1, value: null}]}
    modified: {mergingList: [{name: 1}, {name: 2, value: 2}]}
    current: {mergingList: [{name: 1, other: a}, {name: 2, other: b}]}
    threeWay:
      $setElementOrder/mergingList: [{name: 1}, {name: 2}]
      mergingList: [{name: 1, value: null}, {name: 2, value: 2}]
    result: {mergingList: [{name: 1, other: a}, {name: 2, value: 2, other: b}]}
  - description: replace non merging list nested in merging list
    original: {mergingList: [{name: 1, nonMergingList: [{name: 1}, {name: 2, value: 2}]}, {name: 2}]}
    twoWay:
      $setElementOrder/mergingList: [{name: 1}, {name: 2}]
      mergingList: [{name: 1, nonMergingList: [{name: 1, value: 1}]}]
    modified: {mergingList: [{name: 1, nonMergingList: [{name: 1, value: 1}]}, {name: 2}]}
    current: {mergingList: [{name: 1, other: a, nonMergingList: [{name: 1}, {name: 2, value: 2}]}, {name: 2, other: b}]}
    threeWay:
      $setElementOrder/mergingList: [{name: 1}, {name: 2}]
      mergingList: [{name: 1, nonMergingList: [{name: 1, value: 1}]}]
    result: {mergingList: [{name: 1, other: a, nonMergingList: [{name: 1, value: 1}]}, {name: 2, other: b}]}
  - description: add field to map in merging list nested in merging list
    original: {mergingList: [{name: 1, mergingList: [{name: 1}, {name: 2, value: 2}]}, {name: 2}]}
    twoWay:
      $setElementOrder/mergingList: [{name: 1}, {name: 2}]
      mergingList:
        - {$setElementOrder/mergingList: [{name: 1}, {name: 2}], name: 1, mergingList: [{name: 1, value: 1}]}
    modified: {mergingList: [{name: 1, mergingList: [{name: 1, value: 1}, {name: 2, value: 2}]}, {name: 2}]}
    current: {mergingList: [{name: 1, other: a, mergingList: [{name: 1, value: a, other: c}, {name: 2, value: b, other: d}]}, {name: 2, other: b}]}
    threeWay:
      $setElementOrder/mergingList: [{name: 1}, {name: 2}]
      mergingList:
        - {$setElementOrder/mergingList: [{name: 1}, {name: 2}], name: 1, mergingList: [{name: 1, value: 1}, {name: 2, value: 2}]}
    result: {mergingList: [{name: 1, other: a, mergingList: [{name: 1, value: 1, other: c}, {name: 2, value: 2, other: d}]}, {name: 2, other: b}]}
  - description: add field to map in merging list nested in merging list with deletion conflict and reorder
    original: {mergingList: [{name: 1, mergingList: [{name: 1}, {name: 2, value: 2}]}, {name: 2}]}
    twoWay:
      $setElementOrder/mergingList: [{name: 1}, {name: 2}]
      mergingList:
        - {$setElementOrder/mergingList: [{name: 2}, {name: 1}], name: 1, mergingList: [{name: 1, value: 1}]}
    modified: {mergingList: [{name: 1, mergingList: [{name: 2, value: 2}, {name: 1, value: 1}]}, {name: 2}]}
    current: {mergingList: [{name: 1, other: a, mergingList: [{name: 2, value: 2, other: d}]}, {name: 2, other: b}]}
    threeWay:
      $setElementOrder/mergingList: [{name: 1}, {name: 2}]
      mergingList:
        - {$setElementOrder/mergingList: [{name: 2}, {name: 1}], name: 1, mergingList: [{name: 1, value: 1}]}
    result: {mergingList: [{name: 1, other: a, mergingList: [{name: 2, value: 2, other: d}, {name: 1, value: 1}]}, {name: 2, other: b}]}
  - description: add map to merging list by pointer with conflict
    original: {mergeItemPtr: [{name: 1}]}
    twoWay: {$setElementOrder/mergeItemPtr: [{name: 1}, {name: 2}], mergeItemPtr: [{name: 2}]}
    modified: {mergeItemPtr: [{name: 1}, {name: 2}]}
    current: {mergeItemPtr: [{name: 3}]}
    threeWay: {$setElementOrder/mergeItemPtr: [{name: 1}, {name: 2}], mergeItemPtr: [{name: 1}, {name: 2}]}
    result: {mergeItemPtr: [{name: 1}, {name: 2}, {name: 3}]}
  - description: add field to map in merging list by pointer
    original: {mergeItemPtr: [{name: 1, mergeItemPtr: [{name: 1}, {name: 2, value: 2}]}, {name: 2}]}
    twoWay:
      $setElementOrder/mergeItemPtr: [{name: 1}, {name: 2}]
      mergeItemPtr:
        - {$setElementOrder/mergeItemPtr: [{name: 1}, {name: 2}], name: 1, mergeItemPtr: [{name: 1, value: 1}]}
    modified: {mergeItemPtr: [{name: 1, mergeItemPtr: [{name: 1, value: 1}, {name: 2, value: 2}]}, {name: 2}]}
    current: {mergeItemPtr: [{name: 1, other: a, mergeItemPtr: [{name: 1, other: a}, {name: 2, value: 2, other: b}]}, {name: 2, other: b}]}
    threeWay:
      $setElementOrder/mergeItemPtr: [{name: 1}, {name: 2}]
      mergeItemPtr:
        - {$setElementOrder/mergeItemPtr: [{name: 1}, {name: 2}], name: 1, mergeItemPtr: [{name: 1, value: 1}]}
    result: {mergeItemPtr: [{name: 1, other: a, mergeItemPtr: [{name: 1, value: 1, other: a}, {name: 2, value: 2, other: b}]}, {name: 2, other: b}]}
  - description: merge lists of scalars
    original: {mergingIntList: [1, 2]}
    twoWay: {$setElementOrder/mergingIntList: [1, 2, 3], mergingIntList: [3]}
    modified: {mergingIntList: [1, 2, 3]}
    current: {mergingIntList: [1, 2, 4]}
    threeWay: {$setElementOrder/mergingIntList: [1, 2, 3], mergingIntList: [3]}
    result: {mergingIntList: [1, 2, 3, 4]}
  - description: add duplicate field to map in merging int list
    original: {mergingIntList: [1, 2]}
    twoWay: {$setElementOrder/mergingIntList: [1, 2, 3], mergingIntList: [3]}
    modified: {mergingIntList: [1, 2, 3]}
    current: {mergingIntList: [1, 2, 3]}
    threeWay: {}
    result: {mergingIntList: [1, 2, 3]}
  - description: delete and reorder in one list, reorder in another
    original: {mergingList: [{name: a, value: a}, {name: b, value: b}], mergeItemPtr: [{name: c, value: c}, {name: d, value: d}]}
    current: {mergingList: [{name: a, value: a}, {name: b, value: b}], mergeItemPtr: [{name: c, value: c}, {name: d, value: d}]}
    modified: {mergingList: [{name: b, value: b}], mergeItemPtr: [{name: d, value: d}, {name: c, value: c}]}
    twoWay:
      $setElementOrder/mergingList: [{name: b}]
      $setElementOrder/mergeItemPtr: [{name: d}, {name: c}]
      mergingList: [{$patch: delete, name: a}]
    threeWay:
      $setElementOrder/mergingList: [{name: b}]
      $setElementOrder/mergeItemPtr: [{name: d}, {name: c}]
      mergingList: [{$patch: delete, name: a}]
    result: {mergingList: [{name: b, value: b}], mergeItemPtr: [{name: d, value: d}, {name: c, value: c}]}
`);

const orderCases = parseCases(`
testCases:
  - description: add an item in a list of primitives and preserve order
    original: {mergingIntList: [1, 2]}
    twoWay: {$setElementOrder/mergingIntList: [3, 1, 2], mergingIntList: [3]}
    modified: {mergingIntList: [3, 1, 2]}
    current: {mergingIntList: [1, 4, 2]}
    threeWay: {$setElementOrder/mergingIntList: [3, 1, 2], mergingIntList: [3]}
    result: {mergingIntList: [3, 1, 4, 2]}
  - description: delete an item in a list of primitives and preserve order
    original: {mergingIntList: [1, 2, 3]}
    twoWay: {$setElementOrder/mergingIntList: [2, 1], $deleteFromPrimitiveList/mergingIntList: [3]}
    modified: {mergingIntList: [2, 1]}
    current: {mergingIntList: [1, 2, 3]}
    threeWay: {$setElementOrder/mergingIntList: [2, 1], $deleteFromPrimitiveList/mergingIntList: [3]}
    result: {mergingIntList: [2, 1]}
  - description: add an item in a list and preserve order
    original: {mergingList: [{name: 1}, {name: 2, value: 2}]}
    twoWay: {$setElementOrder/mergingList: [{name: 3}, {name: 1}, {name: 2}], mergingList: [{name: 3, value: 3}]}
    modified: {mergingList: [{name: 3, value: 3}, {name: 1}, {name: 2, value: 2}]}
    current: {mergingList: [{name: 1, other: a}, {name: 2, value: 2, other: b}]}
    threeWay: {$setElementOrder/mergingList: [{name: 3}, {name: 1}, {name: 2}], mergingList: [{name: 3, value: 3}]}
    result: {mergingList: [{name: 3, value: 3}, {name: 1, other: a}, {name: 2, value: 2, other: b}]}
  - description: add multiple items in a list and preserve order
    original: {mergingList: [{name: 1}, {name: 2, value: 2}]}
    twoWay:
      $setElementOrder/mergingList: [{name: 1}, {name: 4}, {name: 2}, {name: 3}]
      mergingList: [{name: 4, value: 4}, {name: 3, value: 3}]
    modified: {mergingList: [{name: 1}, {name: 4, value: 4}, {name: 2, value: 2}, {name: 3, value: 3}]}
    current: {mergingList: [{name: 1, other: a}, {name: 2, value: 2, other: b}]}
    threeWay:
      $setElementOrder/mergingList: [{name: 1}, {name: 4}, {name: 2}, {name: 3}]
      mergingList: [{name: 4, value: 4}, {name: 3, value: 3}]
    result: {mergingList: [{name: 1, other: a}, {name: 4, value: 4}, {name: 2, value: 2, other: b}, {name: 3, value: 3}]}
  - description: delete an item in a list and preserve order
    original: {mergingList: [{name: 1}, {name: 3, value: 3}, {name: 2, value: 2}]}
    twoWay: {$setElementOrder/mergingList: [{name: 2}, {name: 1}], mergingList: [{name: 3, $patch: delete}]}
    modified: {mergingList: [{name: 2, value: 2}, {name: 1}]}
    current: {mergingList: [{name: 1, other: a}, {name: 2, value: 2, other: b}, {name: 3, value: 3}]}
    threeWay: {$setElementOrder/mergingList: [{name: 2}, {name: 1}], mergingList: [{name: 3, $patch: delete}]}
    result: {mergingList: [{name: 2, value: 2, other: b}, {name: 1, other: a}]}
  - description: change an item in a list and preserve order
    original: {mergingList: [{name: 1}, {name: 3, value: 3}, {name: 2, value: 2}]}
    twoWay: {$setElementOrder/mergingList: [{name: 2}, {name: 3}, {name: 1}], mergingList: [{name: 3, value: x}]}
    modified: {mergingList: [{name: 2, value: 2}, {name: 3, value: x}, {name: 1}]}
    current: {mergingList: [{name: 1, other: a}, {name: 2, value: 2, other: b}, {name: 3, value: 3}]}
    threeWay: {$setElementOrder/mergingList: [{name: 2}, {name: 3}, {name: 1}], mergingList: [{name: 3, value: x}]}
    result: {mergingList: [{name: 2, value: 2, other: b}, {name: 3, value: x}, {name: 1, other: a}]}
  - description: add and delete an item in a list and preserve order
    original: {mergingList: [{name: 1}, {name: 3, value: 3}, {name: 2, value: 2}]}
    twoWay:
      $setElementOrder/mergingList: [{name: 4}, {name: 2}, {name: 1}]
      mergingList: [{name: 4, value: 4}, {name: 3, $patch: delete}]
    modified: {mergingList: [{name: 4, value: 4}, {name: 2, value: 2}, {name: 1}]}
    current: {mergingList: [{name: 1, other: a}, {name: 2, value: 2, other: b}, {name: 3, value: 3}]}
    threeWay:
      $setElementOrder/mergingList: [{name: 4}, {name: 2}, {name: 1}]
      mergingList: [{name: 4, value: 4}, {name: 3, $patch: delete}]
    result: {mergingList: [{name: 4, value: 4}, {name: 2, value: 2, other: b}, {name: 1, other: a}]}
  - description: set elements order in a list with server-only items
    original: {mergingList: [{name: 1}, {name: 3, value: 3}, {name: 4, value: 4}, {name: 2, value: 2}]}
    twoWay: {$setElementOrder/mergingList: [{name: 4}, {name: 2}, {name: 3}, {name: 1}]}
    modified: {mergingList: [{name: 4, value: 4}, {name: 2, value: 2}, {name: 3, value: 3}, {name: 1}]}
    current: {mergingList: [{name: 1, other: a}, {name: 3, value: 3}, {name: 4, value: 4}, {name: 2, value: 2}, {name: 9}]}
    threeWay: {$setElementOrder/mergingList: [{name: 4}, {name: 2}, {name: 3}, {name: 1}]}
    result: {mergingList: [{name: 4, value: 4}, {name: 2, value: 2}, {name: 3, value: 3}, {name: 1, other: a}, {name: 9}]}
  - description: set elements order in a list with server-only items 2
    original: {mergingList: [{name: 1}, {name: 2, value: 2}, {name: 3, value: 3}, {name: 4, value: 4}]}
    twoWay: {$setElementOrder/mergingList: [{name: 2}, {name: 1}, {name: 4}, {name: 3}]}
    modified: {mergingList: [{name: 2, value: 2}, {name: 1}, {name: 4, value: 4}, {name: 3, value: 3}]}
    current: {mergingList: [{name: 1, other: a}, {name: 2, value: 2}, {name: 9}, {name: 3, value: 3}, {name: 4, value: 4}]}
    threeWay: {$setElementOrder/mergingList: [{name: 2}, {name: 1}, {name: 4}, {name: 3}]}
    result: {mergingList: [{name: 2, value: 2}, {name: 1, other: a}, {name: 9}, {name: 4, value: 4}, {name: 3, value: 3}]}
  - description: set elements order in a list with server-only items 3
    original: {mergingList: [{name: 1}, {name: 2, value: 2}, {name: 3, value: 3}, {name: 4, value: 4}]}
    twoWay: {$setElementOrder/mergingList: [{name: 2}, {name: 1}, {name: 4}, {name: 3}]}
    modified: {mergingList: [{name: 2, value: 2}, {name: 1}, {name: 4, value: 4}, {name: 3, value: 3}]}
    current: {mergingList: [{name: 1, other: a}, {name: 2, value: 2}, {name: 7}, {name: 9}, {name: 8}, {name: 3, value: 3}, {name: 4, value: 4}]}
    threeWay: {$setElementOrder/mergingList: [{name: 2}, {name: 1}, {name: 4}, {name: 3}]}
    result: {mergingList: [{name: 2, value: 2}, {name: 1, other: a}, {name: 7}, {name: 9}, {name: 8}, {name: 4, value: 4}, {name: 3, value: 3}]}
  - description: add multiple items in a int list and preserve order
    original: {mergingIntList: [1, 2]}
    twoWay: {$setElementOrder/mergingIntList: [1, 4, 2, 3], mergingIntList: [4, 3]}
    modified: {mergingIntList: [1, 4, 2, 3]}
    current: {mergingIntList: [1, 2]}
    threeWay: {$setElementOrder/mergingIntList: [1, 4, 2, 3], mergingIntList: [4, 3]}
    result: {mergingIntList: [1, 4, 2, 3]}
  - description: add and delete an item in a int list and preserve order
    original: {mergingIntList: [1, 3, 2]}
    twoWay: {$setElementOrder/mergingIntList: [4, 2, 1], mergingIntList: [4], $deleteFromPrimitiveList/mergingIntList: [3]}
    modified: {mergingIntList: [4, 2, 1]}
    current: {mergingIntList: [1, 2, 3]}
    threeWay: {$setElementOrder/mergingIntList: [4, 2, 1], mergingIntList: [4], $deleteFromPrimitiveList/mergingIntList: [3]}
    result: {mergingIntList: [4, 2, 1]}
  - description: set elements order in a int list with server-only items 2
    original: {mergingIntList: [1, 2, 3, 4]}
    twoWay: {$setElementOrder/mergingIntList: [2, 1, 4, 3]}
    modified: {mergingIntList: [2, 1, 4, 3]}
    current: {mergingIntList: [1, 2, 9, 3, 4]}
    threeWay: {$setElementOrder/mergingIntList: [2, 1, 4, 3]}
    result: {mergingIntList: [2, 1, 9, 4, 3]}
  - description: set elements order in a int list with server-only items 3
    original: {mergingIntList: [1, 2, 3, 4]}
    twoWay: {$setElementOrder/mergingIntList: [2, 1, 4, 3]}
    modified: {mergingIntList: [2, 1, 4, 3]}
    current: {mergingIntList: [1, 2, 7, 9, 8, 3, 4]}
    threeWay: {$setElementOrder/mergingIntList: [2, 1, 4, 3]}
    result: {mergingIntList: [2, 1, 7, 9, 8, 4, 3]}
  - description: behavior of set element order for a merging list with duplicate
    original: {mergingList: [{name: 1}, {name: 2, value: dup1}, {name: 3}, {name: 2, value: dup2}, {name: 4}]}
    current: {mergingList: [{name: 1}, {name: 2, value: dup1}, {name: 3}, {name: 2, value: dup2}, {name: 4}]}
    modified: {mergingList: [{name: 2, value: dup1}, {name: 1}, {name: 4}, {name: 3}, {name: 2, value: dup2}]}
    twoWay: {$setElementOrder/mergingList: [{name: 2}, {name: 1}, {name: 4}, {name: 3}, {name: 2}]}
    twoWayResult: {mergingList: [{name: 2, value: dup1}, {name: 2, value: dup2}, {name: 1}, {name: 4}, {name: 3}]}
    threeWay: {$setElementOrder/mergingList: [{name: 2}, {name: 1}, {name: 4}, {name: 3}, {name: 2}]}
    result: {mergingList: [{name: 2, value: dup1}, {name: 2, value: dup2}, {name: 1}, {name: 4}, {name: 3}]}
  - description: behavior of set element order for a merging int list with duplicate
    original: {mergingIntList: [1, 2, 3, 2, 4]}
    current: {mergingIntList: [1, 2, 3, 2, 4]}
    modified: {mergingIntList: [2, 1, 4, 3, 2]}
    twoWay: {$setElementOrder/mergingIntList: [2, 1, 4, 3, 2]}
    twoWayResult: {mergingIntList: [2, 2, 1, 4, 3]}
    threeWay: {$setElementOrder/mergingIntList: [2, 1, 4, 3, 2]}
    result: {mergingIntList: [2, 2, 1, 4, 3]}
`);

t.test('strategicMergePatchRawTestCases: lists', (t) => {
  runCases(t, listCases);
  t.end();
});
t.test('strategicMergePatchRawTestCases: element order', (t) => {
  runCases(t, orderCases);
  t.end();
});
