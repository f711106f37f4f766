// Field selectors as kube-apiserver takes them from `?fieldSelector=`: the grammar with
// fields.EscapeValue escaping (field-selector-core.ts) and the per-kind table of selectable fields
// with each kind's conversion and error message (field-selector-kinds.ts).
export { SelectorError } from './label-selector-core.js';
export {
  FieldSelector,
  escapeFieldValue,
  fieldSelectorFromSet,
  parseFieldSelector,
  splitTerm,
  splitTerms,
  unescapeFieldValue,
  type FieldRequirement,
} from './field-selector-core.js';
export { DEFAULT_FIELD_LABELS, FIELD_LABELS, convertFieldLabel, fieldGetter, fieldLabelsFor, parseFieldSelectorForKind } from './field-selector-kinds.js';
