// A compact notation for the Kubernetes types, so the type files read like the Go structs they
// mirror: one line per field, `'<type>[!] <description>'`. The generator expands it into OpenAPI
// (Swagger 2.0 style) definitions.
//
// Type grammar:  ('[]' | 'map[]')* base ('@' annotation)?
//   base        string int32 int64 bool double bytes object any, or the simple name of a declared type
//   annotation  on a list: atomic | set | map:key1,key2   (x-kubernetes-list-type / -list-map-keys)
//               on a map:  atomic | granular              (x-kubernetes-map-type)
//   '!' after the type marks the field required.

/** Schema is the subset of an OpenAPI schema object this server produces. */
export interface Schema {
  type?: string;
  format?: string;
  description?: string;
  $ref?: string;
  allOf?: Schema[];
  oneOf?: Schema[];
  items?: Schema;
  properties?: Record<string, Schema>;
  additionalProperties?: Schema | boolean;
  required?: string[];
  default?: unknown;
  'x-kubernetes-group-version-kind'?: GroupVersionKind[];
  'x-kubernetes-list-type'?: 'atomic' | 'set' | 'map';
  'x-kubernetes-list-map-keys'?: string[];
  'x-kubernetes-map-type'?: 'atomic' | 'granular';
  'x-kubernetes-patch-strategy'?: string;
  'x-kubernetes-patch-merge-key'?: string;
}

/** GroupVersionKind is the value of an x-kubernetes-group-version-kind entry. */
export interface GroupVersionKind {
  group: string;
  version: string;
  kind: string;
}

/** TypeOptions are struct-level facts that are not fields. */
export interface TypeOptions {
  /** mapType sets x-kubernetes-map-type on the definition (Go's +structType / +mapType). */
  mapType?: 'atomic' | 'granular';
  /** gvk marks a top-level kind; served kinds get theirs from api/resources.ts instead. */
  gvk?: GroupVersionKind[];
}

/** TypeDecl is one declared struct: description, compact fields, options. */
export type TypeDecl = [description: string, fields: Record<string, string>, options?: TypeOptions];

/** Package is a set of declarations sharing a definition-name prefix such as `io.k8s.api.core.v1`. */
export interface Package {
  prefix: string;
  types: Record<string, TypeDecl>;
}

/** PRIMITIVES maps primitive base names to their inline schemas. */
const PRIMITIVES: Record<string, Schema> = {
  string: { type: 'string' },
  int32: { type: 'integer', format: 'int32' },
  int64: { type: 'integer', format: 'int64' },
  bool: { type: 'boolean' },
  double: { type: 'number', format: 'double' },
  bytes: { type: 'string', format: 'byte' },
  // An object of fields this server does not describe: kept as sent, never pruned.
  object: { type: 'object' },
};

/** FieldSpec is one parsed field line. */
export interface FieldSpec {
  schema: Schema;
  required: boolean;
}

const DEFINITIONS = '#/definitions/';

/** refTo is the Swagger 2.0 reference to a definition. */
export function refTo(definition: string): string {
  return DEFINITIONS + definition;
}

/** definitionOf is the definition name a reference points to (either OpenAPI version). */
export function definitionOf(ref: string): string {
  return ref.slice(ref.lastIndexOf('/') + 1);
}

/**
 * parseField expands one compact field line; resolve maps a declared simple type name to its full
 * definition name (or undefined, which throws: a typo in a type file must fail loudly).
 */
export function parseField(line: string, resolve: (name: string) => string | undefined): FieldSpec {
  const space = line.indexOf(' ');
  let type = space < 0 ? line : line.slice(0, space);
  const description = space < 0 ? '' : line.slice(space + 1).trim();
  const required = type.endsWith('!');
  if (required) type = type.slice(0, -1);
  let annotation: string | undefined;
  const at = type.indexOf('@');
  if (at >= 0) {
    annotation = type.slice(at + 1);
    type = type.slice(0, at);
  }
  const schema = expand(type, resolve, line);
  if (annotation !== undefined) annotate(schema, annotation, line);
  if (description) schema.description = description;
  return { schema, required };
}

function expand(type: string, resolve: (name: string) => string | undefined, line: string): Schema {
  if (type.startsWith('[]')) return { type: 'array', items: expand(type.slice(2), resolve, line) };
  if (type.startsWith('map[]')) return { type: 'object', additionalProperties: expand(type.slice(5), resolve, line) };
  if (type === 'any') return {};
  const primitive = PRIMITIVES[type];
  if (primitive) return { ...primitive };
  const full = resolve(type);
  if (full === undefined) throw new Error(`openapi: unknown type ${JSON.stringify(type)} in field ${JSON.stringify(line)}`);
  return { $ref: refTo(full) };
}

function annotate(schema: Schema, annotation: string, line: string): void {
  if (schema.type === 'array') {
    if (annotation === 'atomic' || annotation === 'set') schema['x-kubernetes-list-type'] = annotation;
    else if (annotation.startsWith('map:')) {
      schema['x-kubernetes-list-type'] = 'map';
      schema['x-kubernetes-list-map-keys'] = annotation.slice(4).split(',');
    } else throw new Error(`openapi: bad list annotation in ${JSON.stringify(line)}`);
  } else if (schema.type === 'object' && schema.additionalProperties !== undefined && (annotation === 'atomic' || annotation === 'granular')) {
    schema['x-kubernetes-map-type'] = annotation;
  } else {
    throw new Error(`openapi: annotation @${annotation} does not fit ${JSON.stringify(line)}`);
  }
}
