// The $retainKeys cases of strategicMergePatchRawTestCases, the null-handling cases of
// TestUnknownField and the `replace` strategy cases of TestReplaceWithRawExtension, from
// apimachinery's strategicpatch/patch_test.go.
import t from 'tap';
import { parseCases, runCases } from './smp-test-helpers.js';

const retainKeysMapCases = parseCases(`
testCases:
  - description: retainKeys map should clear defaulted field
    original: {}
    current: {retainKeysMap: {value: foo}}
    modified: {retainKeysMap: {other: bar}}
    twoWay: {retainKeysMap: {other: bar}}
    threeWay: {retainKeysMap: {$retainKeys: [other], other: bar}}
    result: {retainKeysMap: {other: bar}}
  - description: retainKeys map should clear defaulted field with conflict (discriminated union)
    original: {}
    current: {retainKeysMap: {name: type1, value: foo}}
    modified: {retainKeysMap: {name: type2, other: bar}}
    twoWay: {retainKeysMap: {name: type2, other: bar}}
    threeWay: {retainKeysMap: {$retainKeys: [name, other], name: type2, other: bar}}
    result: {retainKeysMap: {name: type2, other: bar}}
  - description: retainKeys map adds a field and clear a field
    original: {retainKeysMap: {name: foo}}
    current: {retainKeysMap: {name: foo, other: a}}
    modified: {retainKeysMap: {name: foo, value: bar}}
    twoWay: {retainKeysMap: {$retainKeys: [name, value], value: bar}}
    threeWay: {retainKeysMap: {$retainKeys: [name, value], value: bar}}
    result: {retainKeysMap: {name: foo, value: bar}}
  - description: retainKeys map deletes a field and clears a field
    original: {retainKeysMap: {name: foo, value: bar}}
    current: {retainKeysMap: {name: foo, value: bar, other: a}}
    modified: {retainKeysMap: {name: foo}}
    twoWay: {retainKeysMap: {$retainKeys: [name], value: null}}
    threeWay: {retainKeysMap: {$retainKeys: [name], value: null}}
    result: {retainKeysMap: {name: foo}}
  - description: retainKeys map clears a field
    original: {retainKeysMap: {name: foo, value: bar}}
    current: {retainKeysMap: {name: foo, value: bar, other: a}}
    modified: {retainKeysMap: {name: foo, value: bar}}
    twoWay: {}
    threeWay: {retainKeysMap: {$retainKeys: [name, value]}}
    result: {retainKeysMap: {name: foo, value: bar}}
  - description: retainKeys map adds a field in a nested map
    original: {retainKeysMap: {name: foo, value: bar, simpleMap: {key1: a}}}
    current: {retainKeysMap: {name: foo, value: bar, simpleMap: {key1: a, key3: c}}}
    modified: {retainKeysMap: {name: foo, value: bar, simpleMap: {key1: a, key2: b}}}
    twoWay: {retainKeysMap: {$retainKeys: [name, simpleMap, value], simpleMap: {key2: b}}}
    threeWay: {retainKeysMap: {$retainKeys: [name, simpleMap, value], simpleMap: {key2: b}}}
    result: {retainKeysMap: {name: foo, value: bar, simpleMap: {key1: a, key2: b, key3: c}}}
  - description: retainKeys map deletes a field in a nested map
    original: {retainKeysMap: {name: foo, value: bar, simpleMap: {key1: a, key2: b}}}
    current: {retainKeysMap: {name: foo, value: bar, simpleMap: {key1: a, key2: b, key3: c}}}
    modified: {retainKeysMap: {name: foo, value: bar, simpleMap: {key1: a}}}
    twoWay: {retainKeysMap: {$retainKeys: [name, simpleMap, value], simpleMap: {key2: null}}}
    threeWay: {retainKeysMap: {$retainKeys: [name, simpleMap, value], simpleMap: {key2: null}}}
    result: {retainKeysMap: {name: foo, value: bar, simpleMap: {key1: a, key3: c}}}
  - description: retainKeys map replaces non-merging list
    original: {retainKeysMap: {name: foo, value: bar, nonMergingList: [{name: a}, {name: b}]}}
    current: {retainKeysMap: {name: foo, value: bar, nonMergingList: [{name: a}, {name: b}]}}
    modified: {retainKeysMap: {name: foo, value: bar, nonMergingList: [{name: a}, {name: c}, {name: b}]}}
    twoWay: {retainKeysMap: {$retainKeys: [name, nonMergingList, value], nonMergingList: [{name: a}, {name: c}, {name: b}]}}
    threeWay: {retainKeysMap: {$retainKeys: [name, nonMergingList, value], nonMergingList: [{name: a}, {name: c}, {name: b}]}}
    result: {retainKeysMap: {name: foo, value: bar, nonMergingList: [{name: a}, {name: c}, {name: b}]}}
  - description: retainKeys map delete nested non-merging list with conflict
    original: {retainKeysMap: {name: foo, nonMergingList: [{name: a}, {name: b}]}}
    current: {retainKeysMap: {name: foo, nonMergingList: [{name: a}, {name: b}, {name: c}]}}
    modified: {retainKeysMap: {name: foo, value: bar}}
    twoWay: {retainKeysMap: {$retainKeys: [name, value], value: bar, nonMergingList: null}}
    threeWay: {retainKeysMap: {$retainKeys: [name, value], value: bar, nonMergingList: null}}
    result: {retainKeysMap: {name: foo, value: bar}}
  - description: retainKeys map nested merging int list with no change
    original: {retainKeysMap: {name: foo, mergingIntList: [1, 2]}}
    current: {retainKeysMap: {name: foo, mergingIntList: [1, 2, 3]}}
    modified: {retainKeysMap: {name: foo, value: bar, mergingIntList: [1, 2]}}
    twoWay: {retainKeysMap: {$retainKeys: [mergingIntList, name, value], value: bar}}
    threeWay: {retainKeysMap: {$retainKeys: [mergingIntList, name, value], $setElementOrder/mergingIntList: [1, 2], value: bar}}
    result: {retainKeysMap: {name: foo, value: bar, mergingIntList: [1, 2, 3]}}
  - description: retainKeys map adds an item in nested merging int list
    original: {retainKeysMap: {name: foo, mergingIntList: [1, 2]}}
    current: {retainKeysMap: {name: foo, mergingIntList: [1, 2, 3]}}
    modified: {retainKeysMap: {name: foo, mergingIntList: [1, 2, 4]}}
    twoWay: {retainKeysMap: {$setElementOrder/mergingIntList: [1, 2, 4], $retainKeys: [mergingIntList, name], mergingIntList: [4]}}
    threeWay: {retainKeysMap: {$setElementOrder/mergingIntList: [1, 2, 4], $retainKeys: [mergingIntList, name], mergingIntList: [4]}}
    result: {retainKeysMap: {name: foo, mergingIntList: [1, 2, 4, 3]}}
  - description: retainKeys map adds an item and deletes an item in nested merging int list
    original: {retainKeysMap: {name: foo, mergingIntList: [1, 2, 3]}}
    current: {retainKeysMap: {name: foo, mergingIntList: [1, 2, 3, 4]}}
    modified: {retainKeysMap: {name: foo, mergingIntList: [1, 3, 5]}}
    twoWay:
      retainKeysMap:
        $retainKeys: [mergingIntList, name]
        mergingIntList: [5]
        $deleteFromPrimitiveList/mergingIntList: [2]
        $setElementOrder/mergingIntList: [1, 3, 5]
    threeWay:
      retainKeysMap:
        $retainKeys: [mergingIntList, name]
        mergingIntList: [5]
        $deleteFromPrimitiveList/mergingIntList: [2]
        $setElementOrder/mergingIntList: [1, 3, 5]
    result: {retainKeysMap: {name: foo, mergingIntList: [1, 3, 5, 4]}}
  - description: retainKeys map deletes nested merging int list
    original: {retainKeysMap: {name: foo, mergingIntList: [1, 2, 3]}}
    current: {retainKeysMap: {name: foo, mergingIntList: [1, 2, 3]}}
    modified: {retainKeysMap: {name: foo}}
    twoWay: {retainKeysMap: {$retainKeys: [name], mergingIntList: null}}
    threeWay: {retainKeysMap: {$retainKeys: [name], mergingIntList: null}}
    result: {retainKeysMap: {name: foo}}
  - description: retainKeys map adds an item in nested merging list
    original: {retainKeysMap: {name: foo, mergingList: [{name: a}, {name: b}]}}
    current: {retainKeysMap: {name: foo, mergingList: [{name: a}, {name: b}, {name: x}]}}
    modified: {retainKeysMap: {name: foo, mergingList: [{name: a}, {name: b}, {name: c}]}}
    twoWay: {retainKeysMap: {$retainKeys: [mergingList, name], $setElementOrder/mergingList: [{name: a}, {name: b}, {name: c}], mergingList: [{name: c}]}}
    threeWay: {retainKeysMap: {$retainKeys: [mergingList, name], $setElementOrder/mergingList: [{name: a}, {name: b}, {name: c}], mergingList: [{name: c}]}}
    result: {retainKeysMap: {name: foo, mergingList: [{name: a}, {name: b}, {name: c}, {name: x}]}}
  - description: retainKeys map deletes an item in nested merging list
    original: {retainKeysMap: {name: foo, mergingList: [{name: a}, {name: b}]}}
    current: {retainKeysMap: {name: foo, mergingList: [{name: a}, {name: b}, {name: x}]}}
    modified: {retainKeysMap: {name: foo, mergingList: [{name: a}]}}
    twoWay: {retainKeysMap: {$retainKeys: [mergingList, name], $setElementOrder/mergingList: [{name: a}], mergingList: [{name: b, $patch: delete}]}}
    threeWay: {retainKeysMap: {$retainKeys: [mergingList, name], $setElementOrder/mergingList: [{name: a}], mergingList: [{name: b, $patch: delete}]}}
    result: {retainKeysMap: {name: foo, mergingList: [{name: a}, {name: x}]}}
`);

const retainKeysListCases = parseCases(`
testCases:
  - description: retainKeys list of maps clears a field
    original: {retainKeysMergingList: [{name: bar}, {name: foo, value: a}]}
    current: {retainKeysMergingList: [{name: bar}, {name: foo, value: a, other: x}]}
    modified: {retainKeysMergingList: [{name: bar}, {name: foo, value: a}]}
    twoWay: {}
    threeWay:
      $setElementOrder/retainKeysMergingList: [{name: bar}, {name: foo}]
      retainKeysMergingList: [{$retainKeys: [name, value], name: foo}]
    result: {retainKeysMergingList: [{name: bar}, {name: foo, value: a}]}
  - description: retainKeys list of maps changes a field and clear a field with conflict
    original: {retainKeysMergingList: [{name: bar}, {name: foo, value: old}]}
    current: {retainKeysMergingList: [{name: bar}, {name: foo, value: modified, other: x}]}
    modified: {retainKeysMergingList: [{name: bar}, {name: foo, value: new}]}
    twoWay:
      $setElementOrder/retainKeysMergingList: [{name: bar}, {name: foo}]
      retainKeysMergingList: [{$retainKeys: [name, value], name: foo, value: new}]
    threeWay:
      $setElementOrder/retainKeysMergingList: [{name: bar}, {name: foo}]
      retainKeysMergingList: [{$retainKeys: [name, value], name: foo, value: new}]
    result: {retainKeysMergingList: [{name: bar}, {name: foo, value: new}]}
  - description: retainKeys list of maps deletes a field and clear a field
    original: {retainKeysMergingList: [{name: bar}, {name: foo, value: a}]}
    current: {retainKeysMergingList: [{name: bar}, {name: foo, value: a, other: x}]}
    modified: {retainKeysMergingList: [{name: bar}, {name: foo}]}
    twoWay:
      $setElementOrder/retainKeysMergingList: [{name: bar}, {name: foo}]
      retainKeysMergingList: [{$retainKeys: [name], name: foo, value: null}]
    threeWay:
      $setElementOrder/retainKeysMergingList: [{name: bar}, {name: foo}]
      retainKeysMergingList: [{$retainKeys: [name], name: foo, value: null}]
    result: {retainKeysMergingList: [{name: bar}, {name: foo}]}
  - description: a key outside $retainKeys is a malformed patch
    original: {retainKeysMap: {name: foo}}
    twoWay: {retainKeysMap: {$retainKeys: [name], value: bar}}
    expectedError: invalid patch format of retainKeys
  - description: $retainKeys must be a list
    original: {retainKeysMap: {name: foo}}
    twoWay: {retainKeysMap: {$retainKeys: name}}
    expectedError: invalid patch format of retainKeys
`);

// TestUnknownField: fields the schema does not know merge as plain maps; nulls in values that are
// added whole are dropped, nulls already stored are kept.
const unknownFieldCases = parseCases(`
testCases:
  - description: no diff even if modified null
    original: {array: [1, 2, 3], complex: {nested: true}, name: foo, scalar: true}
    twoWay: {complex_nullable: {key: null}}
    twoWayResult: {array: [1, 2, 3], complex: {nested: true}, complex_nullable: {}, name: foo, scalar: true}
  - description: discard nulls in nested and adds not nulls
    original: {array: [1, 2, 3], complex: {nested: true}, name: foo, scalar: true}
    twoWay: {complex_nullable: {key: {keynotnull: value, keynull: null}}}
    twoWayResult: {array: [1, 2, 3], complex: {nested: true}, complex_nullable: {key: {keynotnull: value}}, name: foo, scalar: true}
  - description: discard if modified all nulls
    original: {}
    twoWay: {complex: {nested: null}}
    twoWayResult: {complex: {}}
  - description: null values in original are preserved
    original: {thing: null}
    twoWay: {nested: {value: 5}}
    twoWayResult: {nested: {value: 5}, thing: null}
  - description: nested null values in original are preserved
    original: {complex: {key: null}, thing: null}
    twoWay: {nested: {value: 5}}
    twoWayResult: {complex: {key: null}, nested: {value: 5}, thing: null}
  - description: add empty slices
    original: {name: foo}
    twoWay: {complex_nullable: []}
    twoWayResult: {complex_nullable: [], name: foo}
  - description: filter nulls from nested slices
    original: {}
    twoWay: {complex_nullable: [{inner_one: {key_one: foo, key_two: null}}]}
    twoWayResult: {complex_nullable: [{inner_one: {key_one: foo}}]}
  - description: not filter nulls from non-associative slice
    original: {}
    twoWay: {complex_nullable: [key1, null, key2]}
    twoWayResult: {complex_nullable: [key1, null, key2]}
  - description: removed only
    original: {name: foo, scalar: true, complex: {nested: true}, array: [1, 2, 3]}
    twoWay: {complex: null, scalar: null}
    twoWayResult: {array: [1, 2, 3], name: foo}
`);

const replaceCases = parseCases(`
testCases:
  - description: replace RawExtension field, rest unchanched
    original: {name: my-object, value: some-value, other: current-other, replacingItem: {Some: Generic, Yaml: Inside, The: RawExtension, Field: Period}}
    twoWay:
      mergingList: [{name: 1}, {name: 2}, {name: 3}]
      replacingItem: {Newly: Modified, Yaml: Inside, The: RawExtension}
    twoWayResult:
      name: my-object
      value: some-value
      other: current-other
      mergingList: [{name: 1}, {name: 2}, {name: 3}]
      replacingItem: {Newly: Modified, Yaml: Inside, The: RawExtension}
  - description: replace RawExtension field and merge list
    original: {name: my-object, mergingList: [{name: 1}], replacingItem: {Some: Generic, Field: Period}}
    current: {name: my-object, mergingList: [{name: 1}, {name: 3}], replacingItem: {Some: Generic, Field: Period}}
    twoWay:
      $setElementOrder/mergingList: [{name: 1}, {name: 2}]
      mergingList: [{name: 2}]
      replacingItem: {Newly: Modified}
    twoWayResult: {name: my-object, mergingList: [{name: 1}, {name: 2}], replacingItem: {Newly: Modified}}
    threeWay:
      $setElementOrder/mergingList: [{name: 1}, {name: 2}]
      mergingList: [{name: 2}]
      replacingItem: {Newly: Modified}
    result: {name: my-object, mergingList: [{name: 1}, {name: 2}, {name: 3}], replacingItem: {Newly: Modified}}
`);

t.test('retainKeys maps', (t) => {
  runCases(t, retainKeysMapCases);
  t.end();
});
t.test('retainKeys lists', (t) => {
  runCases(t, retainKeysListCases);
  t.end();
});
t.test('TestUnknownField', (t) => {
  runCases(t, unknownFieldCases);
  t.end();
});
t.test('TestReplaceWithRawExtension', (t) => {
  runCases(t, replaceCases);
  t.end();
});
