// createStrategicMergePatchTestCaseData and customStrategicMergePatchTestCaseData of apimachinery's
// strategicpatch/patch_test.go, verbatim: each two-way patch applied to original must give
// modified (or twoWayResult), each three-way patch applied to current must give result.
import t from 'tap';
import { parseCases, runCases } from './smp-test-helpers.js';

const createCases = parseCases(`
testCases:
  - description: nil original
    twoWay: {name: 1, value: 1}
    modified: {name: 1, value: 1}
    current: {name: 1, other: a}
    threeWay: {value: 1}
    result: {name: 1, value: 1, other: a}
  - description: nil patch
    original: {name: 1}
    twoWay: {}
    modified: {name: 1}
    current: {name: 1}
    threeWay: {}
    result: {name: 1}
  - description: add field to map
    original: {name: 1}
    twoWay: {value: 1}
    modified: {name: 1, value: 1}
    current: {name: 1, other: a}
    threeWay: {value: 1}
    result: {name: 1, value: 1, other: a}
  - description: add field to map with conflict
    original: {name: 1}
    twoWay: {value: 1}
    modified: {name: 1, value: 1}
    current: {name: a, other: a}
    threeWay: {name: 1, value: 1}
    result: {name: 1, value: 1, other: a}
  - description: add field and delete field from map
    original: {name: 1}
    twoWay: {name: null, value: 1}
    modified: {value: 1}
    current: {name: 1, other: a}
    threeWay: {name: null, value: 1}
    result: {value: 1, other: a}
  - description: add field and delete field from map with conflict
    original: {name: 1}
    twoWay: {name: null, value: 1}
    modified: {value: 1}
    current: {name: a, other: a}
    threeWay: {name: null, value: 1}
    result: {value: 1, other: a}
  - description: delete field from nested map
    original: {simpleMap: {key1: 1, key2: 1}}
    twoWay: {simpleMap: {key2: null}}
    modified: {simpleMap: {key1: 1}}
    current: {simpleMap: {key1: 1, key2: 1, other: a}}
    threeWay: {simpleMap: {key2: null}}
    result: {simpleMap: {key1: 1, other: a}}
  - description: delete field from nested map with conflict
    original: {simpleMap: {key1: 1, key2: 1}}
    twoWay: {simpleMap: {key2: null}}
    modified: {simpleMap: {key1: 1}}
    current: {simpleMap: {key1: a, key2: 1, other: a}}
    threeWay: {simpleMap: {key1: 1, key2: null}}
    result: {simpleMap: {key1: 1, other: a}}
  - description: delete all fields from map
    original: {name: 1, value: 1}
    twoWay: {name: null, value: null}
    modified: {}
    current: {name: 1, value: 1, other: a}
    threeWay: {name: null, value: null}
    result: {other: a}
  - description: delete all fields from map with conflict
    original: {name: 1, value: 1}
    twoWay: {name: null, value: null}
    modified: {}
    current: {name: 1, value: a, other: a}
    threeWay: {name: null, value: null}
    result: {other: a}
  - description: add field and delete all fields from map
    original: {name: 1, value: 1}
    twoWay: {name: null, value: null, other: a}
    modified: {other: a}
    current: {name: 1, value: 1, other: a}
    threeWay: {name: null, value: null}
    result: {other: a}
  - description: add field and delete all fields from map with conflict
    original: {name: 1, value: 1}
    twoWay: {name: null, value: null, other: a}
    modified: {other: a}
    current: {name: 1, value: 1, other: b}
    threeWay: {name: null, value: null, other: a}
    result: {other: a}
  - description: replace list of scalars
    original: {nonMergingIntList: [1, 2]}
    twoWay: {nonMergingIntList: [2, 3]}
    modified: {nonMergingIntList: [2, 3]}
    current: {nonMergingIntList: [1, 2]}
    threeWay: {nonMergingIntList: [2, 3]}
    result: {nonMergingIntList: [2, 3]}
  - description: replace list of scalars with conflict
    original: {nonMergingIntList: [1, 2]}
    twoWay: {nonMergingIntList: [2, 3]}
    modified: {nonMergingIntList: [2, 3]}
    current: {nonMergingIntList: [1, 4]}
    threeWay: {nonMergingIntList: [2, 3]}
    result: {nonMergingIntList: [2, 3]}
  - description: delete all maps from merging list
    original: {mergingList: [{name: 1}, {name: 2}]}
    twoWay: {mergingList: [{name: 1, $patch: delete}, {name: 2, $patch: delete}]}
    modified: {mergingList: []}
    current: {mergingList: [{name: 1}, {name: 2}]}
    threeWay: {mergingList: [{name: 1, $patch: delete}, {name: 2, $patch: delete}]}
    result: {mergingList: []}
  - description: delete all maps from merging list with conflict
    original: {mergingList: [{name: 1}, {name: 2}]}
    twoWay: {mergingList: [{name: 1, $patch: delete}, {name: 2, $patch: delete}]}
    modified: {mergingList: []}
    current: {mergingList: [{name: 1, other: a}, {name: 2, other: b}]}
    threeWay: {mergingList: [{name: 1, $patch: delete}, {name: 2, $patch: delete}]}
    result: {mergingList: []}
  - description: delete all maps from empty merging list
    original: {mergingList: [{name: 1}, {name: 2}]}
    twoWay: {mergingList: [{name: 1, $patch: delete}, {name: 2, $patch: delete}]}
    modified: {mergingList: []}
    current: {mergingList: []}
    threeWay: {mergingList: [{name: 1, $patch: delete}, {name: 2, $patch: delete}]}
    result: {mergingList: []}
  - description: merge empty merging lists
    original: {mergingList: []}
    twoWay: {}
    modified: {mergingList: []}
    current: {mergingList: []}
    threeWay: {}
    result: {mergingList: []}
  - description: defined null values should propagate overwrite current fields (with conflict)
    original: {name: 2}
    twoWay: {name: 1, value: 1, other: null}
    twoWayResult: {name: 1, value: 1}
    modified: {name: 1, value: 1, other: null}
    current: {name: a, other: a}
    threeWay: {name: 1, value: 1, other: null}
    result: {name: 1, value: 1}
  - description: defined null values should propagate removing original fields
    original: {name: original-name, value: original-value}
    current: {name: original-name, value: original-value, other: current-other}
    modified: {name: modified-name, value: null}
    twoWay: {name: modified-name, value: null}
    twoWayResult: {name: modified-name}
    threeWay: {name: modified-name, value: null}
    result: {name: modified-name, other: current-other}
  - description: nil patch with retainKeys map
    original: {name: a, retainKeysMap: {name: foo}}
    current: {name: a, value: b, retainKeysMap: {name: foo}}
    modified: {name: a, retainKeysMap: {name: foo}}
    twoWay: {}
    threeWay: {}
    result: {name: a, value: b, retainKeysMap: {name: foo}}
  - description: retainKeys map with no change should not be present
    original: {name: a, retainKeysMap: {name: foo}}
    current: {name: a, other: c, retainKeysMap: {name: foo}}
    modified: {name: a, value: b, retainKeysMap: {name: foo}}
    twoWay: {value: b}
    threeWay: {value: b}
    result: {name: a, value: b, other: c, retainKeysMap: {name: foo}}
`);

const customCases = parseCases(`
testCases:
  - description: unique scalars when merging lists
    original: {mergingIntList: [1, 2]}
    twoWay: {mergingIntList: [2, 3]}
    modified: {mergingIntList: [1, 2, 3]}
  - description: delete map from nested map
    original: {simpleMap: {key1: 1, key2: 1}}
    twoWay: {simpleMap: {$patch: delete}}
    modified: {simpleMap: {}}
  - description: delete all items from merging list
    original: {mergingList: [{name: 1}, {name: 2}]}
    twoWay: {mergingList: [{$patch: replace}]}
    modified: {mergingList: []}
  - description: merge empty merging lists
    original: {mergingList: []}
    twoWay: {mergingList: []}
    modified: {mergingList: []}
  - description: delete all keys from map
    original: {name: 1, value: 1}
    twoWay: {$patch: replace}
    modified: {}
  - description: add key and delete all keys from map
    original: {name: 1, value: 1}
    twoWay: {other: a, $patch: replace}
    modified: {other: a}
  - description: delete all duplicate entries in a merging list
    original: {mergingList: [{name: 1}, {name: 1}, {name: 2, value: a}, {name: 3}, {name: 3}]}
    twoWay: {mergingList: [{name: 1, $patch: delete}, {name: 3, $patch: delete}]}
    modified: {mergingList: [{name: 2, value: a}]}
  - description: retainKeys map can add a field when no retainKeys directive present
    original: {retainKeysMap: {name: foo}}
    twoWay: {retainKeysMap: {value: bar}}
    modified: {retainKeysMap: {name: foo, value: bar}}
  - description: retainKeys map can change a field when no retainKeys directive present
    original: {retainKeysMap: {name: foo, value: a}}
    twoWay: {retainKeysMap: {value: b}}
    modified: {retainKeysMap: {name: foo, value: b}}
  - description: retainKeys map can delete a field when no retainKeys directive present
    original: {retainKeysMap: {name: foo, value: a}}
    twoWay: {retainKeysMap: {value: null}}
    modified: {retainKeysMap: {name: foo}}
  - description: retainKeys map merge an empty map
    original: {retainKeysMap: {name: foo, value: a}}
    twoWay: {retainKeysMap: {}}
    modified: {retainKeysMap: {name: foo, value: a}}
  - description: retainKeys list can add a field when no retainKeys directive present
    original: {retainKeysMergingList: [{name: bar}, {name: foo}]}
    twoWay: {retainKeysMergingList: [{name: foo, value: a}]}
    modified: {retainKeysMergingList: [{name: bar}, {name: foo, value: a}]}
  - description: retainKeys list can change a field when no retainKeys directive present
    original: {retainKeysMergingList: [{name: bar}, {name: foo, value: a}]}
    twoWay: {retainKeysMergingList: [{name: foo, value: b}]}
    modified: {retainKeysMergingList: [{name: bar}, {name: foo, value: b}]}
  - description: retainKeys list can delete a field when no retainKeys directive present
    original: {retainKeysMergingList: [{name: bar}, {name: foo, value: a}]}
    twoWay: {retainKeysMergingList: [{name: foo, value: null}]}
    modified: {retainKeysMergingList: [{name: bar}, {name: foo}]}
  - description: preserve the order from the patch in a merging list
    original: {mergingList: [{name: 1}, {name: 2, value: b}, {name: 3}]}
    twoWay: {mergingList: [{name: 3, value: c}, {name: 1, value: a}, {name: 2, other: x}]}
    modified: {mergingList: [{name: 3, value: c}, {name: 1, value: a}, {name: 2, value: b, other: x}]}
  - description: preserve the order from the patch in a merging list 2
    original: {mergingList: [{name: 1}, {name: 2, value: b}, {name: 3}]}
    twoWay: {mergingList: [{name: 3, value: c}, {name: 1, value: a}]}
    modified: {mergingList: [{name: 2, value: b}, {name: 3, value: c}, {name: 1, value: a}]}
  - description: preserve the order from the patch in a merging int list
    original: {mergingIntList: [1, 2, 3]}
    twoWay: {mergingIntList: [3, 1, 2]}
    modified: {mergingIntList: [3, 1, 2]}
  - description: preserve the order from the patch in a merging int list (partial)
    original: {mergingIntList: [1, 2, 3]}
    twoWay: {mergingIntList: [3, 1]}
    modified: {mergingIntList: [2, 3, 1]}
`);

// customStrategicMergePatchRawTestCases: directive edge cases, including the expected errors.
const customRawCases = parseCases(`
testCases:
  - description: $setElementOrder contains item that is not present in the list to be merged
    original: {mergingList: [{name: 1}, {name: 3}]}
    twoWay:
      $setElementOrder/mergingList: [{name: 3}, {name: 2}, {name: 1}]
      mergingList: [{name: 3, value: 3}, {name: 1, value: 1}]
    modified: {mergingList: [{name: 3, value: 3}, {name: 1, value: 1}]}
  - description: $setElementOrder contains item that is not present in the int list to be merged
    original: {mergingIntList: [1, 3]}
    twoWay: {$setElementOrder/mergingIntList: [3, 2, 1]}
    modified: {mergingIntList: [3, 1]}
  - description: should check if order in $setElementOrder and patch list match
    original: {mergingList: [{name: 1}, {name: 3}, {name: 2}]}
    twoWay:
      $setElementOrder/mergingList: [{name: 1}, {name: 2}, {name: 3}]
      mergingList: [{name: 3, value: 3}, {name: 1, value: 1}]
    expectedError: doesn't match
  - description: should check if order in $setElementOrder and patch int list match
    original: {mergingIntList: [1, 3, 2]}
    twoWay: {$setElementOrder/mergingIntList: [1, 2, 3], mergingIntList: [3, 1]}
    expectedError: doesn't match
  - description: missing merge key should error out
    original: {mergingList: [{name: 1, value: a}]}
    twoWay: {mergingList: [{value: b}]}
    expectedError: does not contain declared merge key
  - description: $deleteFromPrimitiveList of nonexistent item in primitive list should not add the item to the list
    original: {mergingIntList: [1, 2]}
    twoWay: {$deleteFromPrimitiveList/mergingIntList: [3]}
    modified: {mergingIntList: [1, 2]}
  - description: $deleteFromPrimitiveList on empty primitive list should not add the item to the list
    original: {mergingIntList: null}
    twoWay: {$deleteFromPrimitiveList/mergingIntList: [3]}
    modified: {mergingIntList: null}
  - description: $deleteFromPrimitiveList on nonexistent primitive list should not add the primitive list
    original: {foo: [bar]}
    twoWay: {$deleteFromPrimitiveList/mergingIntList: [3]}
    modified: {foo: [bar]}
  - description: $deleteFromPrimitiveList should delete item from a list with merge patch strategy
    original: {mergingIntList: [1, 2, 3]}
    twoWay: {$deleteFromPrimitiveList/mergingIntList: [2]}
    modified: {mergingIntList: [1, 3]}
  - description: $deleteFromPrimitiveList should delete item from a list without merge patch strategy
    original: {nonMergingIntList: [1, 2, 3]}
    twoWay: {$deleteFromPrimitiveList/nonMergingIntList: [2]}
    modified: {nonMergingIntList: [1, 3]}
`);

t.test('createStrategicMergePatchTestCaseData', (t) => {
  runCases(t, createCases);
  t.end();
});
t.test('customStrategicMergePatchTestCaseData', (t) => {
  runCases(t, customCases);
  t.end();
});
t.test('customStrategicMergePatchRawTestCases', (t) => {
  runCases(t, customRawCases);
  t.end();
});
