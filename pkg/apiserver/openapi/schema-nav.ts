// Walking a value alongside its schema, as a typed decoder would: which fields a struct knows,
// what a map's values and a list's items are, and where the schema stops describing (open
// objects, scalars), below which nothing is checked.
import { definitionOf, type Schema } from './dsl.js';
import { definitions } from './definitions.js';

/** NavNode is where a walk stands: a struct, a map, a list, or somewhere not described. */
export type NavNode =
  | { kind: 'struct'; properties: Readonly<Record<string, Schema>> }
  | { kind: 'map'; values: Schema }
  | { kind: 'array'; items: Schema }
  | { kind: 'open' };

const OPEN: NavNode = { kind: 'open' };

/** deref follows $ref and single-element allOf to the schema that describes the value. */
export function deref(s: Schema): Schema {
  let cur = s;
  for (let i = 0; i < 32; i++) {
    if (cur.allOf && cur.allOf.length === 1) cur = cur.allOf[0] as Schema;
    else if (cur.$ref !== undefined) {
      const next = definitions()[definitionOf(cur.$ref)];
      if (!next) return {};
      cur = next;
    } else return cur;
  }
  return {};
}

/** navOf classifies a schema for walking. */
export function navOf(schema: Schema): NavNode {
  const s = deref(schema);
  if (s.properties) return { kind: 'struct', properties: s.properties };
  if (s.type === 'array' && s.items) return { kind: 'array', items: s.items };
  if (s.type === 'object' && s.additionalProperties && typeof s.additionalProperties === 'object') return { kind: 'map', values: s.additionalProperties };
  return OPEN;
}

/** navOfDefinition is the node of a whole object of the named definition; open when unknown. */
export function navOfDefinition(definition: string | undefined): NavNode {
  return definition === undefined ? OPEN : navOf({ $ref: `#/definitions/${definition}` });
}

/** fieldNav is the node of key inside node, or undefined when node is a struct without that field. */
export function fieldNav(node: NavNode, key: string): NavNode | undefined {
  switch (node.kind) {
    case 'struct': {
      const p = Object.prototype.hasOwnProperty.call(node.properties, key) ? node.properties[key] : undefined;
      return p ? navOf(p) : undefined;
    }
    case 'map':
      return navOf(node.values);
    default:
      return OPEN;
  }
}

/** itemNav is the node of a list item. */
export function itemNav(node: NavNode): NavNode {
  return node.kind === 'array' ? navOf(node.items) : OPEN;
}

/** joinPath appends a field name to a field path the way strict decoding errors print it. */
export function joinPath(path: string, key: string): string {
  return path === '' ? key : `${path}.${key}`;
}
