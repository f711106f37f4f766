// Server-side field validation (the `fieldValidation` query parameter of POST, PUT and PATCH):
// fields the kind's schema does not know and fields given twice fail the request (Strict), come
// back as `Warning: 299` headers (Warn, kube-apiserver's default) or pass silently (Ignore).
// Unknown fields are dropped in every case, as decoding into a typed object drops them.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { fieldErrors } from '../../../api/meta/field-error.js';
import { isObject, type KubeObject } from '../../../api/meta/object.js';
import type { ResourceInfo } from '../../../api/resources.js';
import { errors } from '../../../api/status.js';
import { bodyText, mediaType } from '../body.js';
import type { Query } from '../query.js';
import { kindDefinition } from './definitions.js';
import { fieldNav, itemNav, joinPath, navOfDefinition, type NavNode } from './schema-nav.js';
import { MAX_ISSUES, scanJsonFields, type FieldIssue } from './strict-json.js';

/** FieldValidation is a fieldValidation directive. */
export type FieldValidation = 'Ignore' | 'Warn' | 'Strict';

/** DEFAULT_FIELD_VALIDATION applies when the parameter is absent; kube-apiserver defaults to Warn since 1.23. */
export const DEFAULT_FIELD_VALIDATION: FieldValidation = 'Warn';

/** fieldValidationParam reads the directive, refusing other values as kube-apiserver's options validation does. */
export function fieldValidationParam(query: Query, options: 'CreateOptions' | 'UpdateOptions' | 'PatchOptions'): FieldValidation {
  const v = query['fieldValidation'];
  if (v === undefined || v === '') return DEFAULT_FIELD_VALIDATION;
  if (v === 'Ignore' || v === 'Warn' || v === 'Strict') return v;
  throw errors.invalid(options, 'meta.k8s.io', '', [fieldErrors.notSupported('fieldValidation', v, ['', 'Ignore', 'Strict', 'Warn'])]);
}

/** issueText is the wording of strict decoding errors and warnings: `unknown field "spec.foo"`. */
export function issueText(i: FieldIssue): string {
  return `${i.kind} field "${i.path}"`;
}

/** pruneUnknownFields deletes from value the fields node does not know and returns where they were. */
export function pruneUnknownFields(value: unknown, node: NavNode, path = '', found: FieldIssue[] = []): FieldIssue[] {
  if (node.kind === 'open') return found;
  if (Array.isArray(value)) {
    if (node.kind === 'array') value.forEach((item, i) => pruneUnknownFields(item, itemNav(node), `${path}[${i}]`, found));
    return found;
  }
  if (!isObject(value) || node.kind === 'array') return found;
  for (const key of Object.keys(value)) {
    const p = joinPath(path, key);
    const child = fieldNav(node, key);
    if (child === undefined) {
      if (found.length < MAX_ISSUES) found.push({ kind: 'unknown', path: p });
      delete value[key];
    } else {
      pruneUnknownFields(value[key], child, p, found);
    }
  }
  return found;
}

/**
 * checkObjectFields prunes obj's unknown fields and returns the issues to report: read from the
 * JSON text when there is one (document order, duplicates included), else from the object.
 */
export function checkObjectFields(obj: KubeObject, definition: string, jsonText?: string): FieldIssue[] {
  const root = navOfDefinition(definition);
  const fromText = jsonText === undefined ? undefined : scanJsonFields(jsonText, root);
  const pruned = pruneUnknownFields(obj, root);
  return fromText ?? pruned;
}

/** warningHeader renders one warning as kube-apiserver does: `299 - "text"`, with " and \ escaped. */
export function warningHeader(text: string): string {
  // Header values must be Latin-1 and printable; a field name could be neither.
  const safe = text.replace(/[^\x20-\x7e]/g, '?').replace(/["\\]/g, (c) => `\\${c}`);
  return `299 - "${safe}"`;
}

/** addWarnings appends Warning headers to reply, keeping any already set. */
export function addWarnings(reply: FastifyReply, texts: readonly string[]): void {
  if (texts.length === 0) return;
  const prev = reply.getHeader('warning');
  const had = prev === undefined ? [] : Array.isArray(prev) ? prev.map(String) : [String(prev)];
  reply.header('Warning', [...had, ...texts.map(warningHeader)]);
}

const isJson = (contentType: string | undefined): boolean => {
  const t = mediaType(contentType);
  return t === 'application/json' || t === '' || t === '*/*';
};

const versionOf = (apiVersion: string): string => apiVersion.slice(apiVersion.indexOf('/') + 1);

/**
 * checkWriteFields applies fieldValidation to the decoded body of a create or update and returns
 * the object to store (unknown fields dropped). Strict failures are kube's 400 BadRequest.
 */
export function checkWriteFields(req: FastifyRequest, reply: FastifyReply, query: Query, info: ResourceInfo, obj: KubeObject, options: 'CreateOptions' | 'UpdateOptions'): KubeObject {
  const directive = fieldValidationParam(query, options);
  const issues = checkObjectFields(obj, kindDefinition(info), isJson(req.headers['content-type']) ? bodyText(req.body) : undefined);
  if (issues.length === 0 || directive === 'Ignore') return obj;
  if (directive === 'Strict') {
    const kind = typeof obj.kind === 'string' && obj.kind !== '' ? obj.kind : info.kind;
    const version = typeof obj.apiVersion === 'string' && obj.apiVersion !== '' ? versionOf(obj.apiVersion) : info.version;
    throw errors.badRequest(`${kind} in version "${version}" cannot be handled as a ${info.kind}: strict decoding error: ${issues.map(issueText).join(', ')}`);
  }
  addWarnings(reply, issues.map(issueText));
  return obj;
}

/**
 * patchFieldChecker applies fieldValidation to a PATCH: duplicated fields in the patch body, and
 * unknown fields in the patched object. The returned function prunes and checks each patched
 * object; it may run more than once (update retries) and warns once per problem.
 */
export function patchFieldChecker(req: FastifyRequest, reply: FastifyReply, query: Query, info: ResourceInfo): (patched: KubeObject) => KubeObject {
  const directive = fieldValidationParam(query, 'PatchOptions');
  const definition = kindDefinition(info);
  const jsonPatch = mediaType(req.headers['content-type']) === 'application/json-patch+json';
  const duplicates = directive === 'Ignore' ? [] : scanJsonFields(bodyText(req.body), { kind: 'open' })
    .map((i) => `${jsonPatch ? 'json patch ' : ''}${issueText(i)}`);
  const warned = new Set<string>();
  return (patched) => {
    const unknown = pruneUnknownFields(patched, navOfDefinition(definition)).map(issueText);
    const all = [...duplicates, ...unknown];
    if (all.length === 0 || directive === 'Ignore') return patched;
    if (directive === 'Strict') throw errors.badRequest(`strict decoding error: ${all.join(', ')}`);
    const fresh = all.filter((t) => !warned.has(t));
    fresh.forEach((t) => warned.add(t));
    addWarnings(reply, fresh);
    return patched;
  };
}
