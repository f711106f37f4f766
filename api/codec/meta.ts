// ObjectMeta <-> the ObjectMeta message. Each metadata field goes either to its typed field (when it
// has exactly the typed shape, see shape.ts) or, as it is, into the `extra` JSON object.
import { descriptor } from '../proto/gen/object.js';
import { loadType } from '../protobuf.js';
import {
  addMember, isInt64, isOwnerRefs, isText, isTextList, isTextMap, parseObject, setMember, type JsonObject,
} from './shape.js';
import { LEN, Reader, VARINT, Writer, tagOf } from './wire.js';

const Meta = loadType(descriptor, 'kubelite.api.ObjectMeta');
const Ref = loadType(descriptor, 'kubelite.api.OwnerReference');

const TEXT_FIELDS = ['name', 'generateName', 'namespace', 'uid', 'creationTimestamp', 'deletionTimestamp'] as const;
const TEXT_TAGS = new Map<string, number>(TEXT_FIELDS.map((f) => [f, tagOf(Meta, f, LEN)]));
const TEXT_BY_TAG = new Map<number, string>(TEXT_FIELDS.map((f) => [tagOf(Meta, f, LEN), f]));
const T_GENERATION = tagOf(Meta, 'generation', VARINT);
const T_GRACE = tagOf(Meta, 'deletionGracePeriodSeconds', VARINT);
const T_LABELS = tagOf(Meta, 'labels', LEN);
const T_ANNOTATIONS = tagOf(Meta, 'annotations', LEN);
const T_REFS = tagOf(Meta, 'ownerReferences', LEN);
const T_FINALIZERS = tagOf(Meta, 'finalizers', LEN);
const T_EXTRA = tagOf(Meta, 'extra', LEN);
// Map entries are messages { key = 1; value = 2; } by the protobuf spec, not by our schema.
const T_KEY = 1 * 8 + LEN;
const T_VALUE = 2 * 8 + LEN;
const REF_TEXT = ['apiVersion', 'kind', 'name', 'uid'] as const;
const REF_TEXT_TAGS = REF_TEXT.map((f) => tagOf(Ref, f, LEN));
const T_CONTROLLER = tagOf(Ref, 'controller', VARINT);
const T_BLOCK = tagOf(Ref, 'blockOwnerDeletion', VARINT);

// Decoded metadata lists its keys in Kubernetes' ObjectMeta order, so objects read back the way
// kubectl shows them; fields kept in `extra` keep their place if they are listed here.
const ORDER = [
  'name', 'generateName', 'namespace', 'selfLink', 'uid', 'resourceVersion', 'generation',
  'creationTimestamp', 'deletionTimestamp', 'deletionGracePeriodSeconds', 'labels', 'annotations',
  'ownerReferences', 'finalizers', 'managedFields',
] as const;
const ORDERED: ReadonlySet<string> = new Set(ORDER);

/** writeMeta writes metadata's message fields; resourceVersion is not stored. */
export function writeMeta(w: Writer, meta: JsonObject): void {
  let extra = '';
  for (const key in meta) {
    const v = meta[key];
    if (v === undefined || key === 'resourceVersion') continue;
    if (!writeTyped(w, key, v)) extra = addMember(extra, key, v);
  }
  if (extra !== '') {
    w.uint(T_EXTRA);
    w.string('{' + extra + '}');
  }
}

function writeTyped(w: Writer, key: string, v: unknown): boolean {
  switch (key) {
    case 'generation':
    case 'deletionGracePeriodSeconds':
      if (!isInt64(v)) return false;
      w.uint(key === 'generation' ? T_GENERATION : T_GRACE);
      w.int64(v);
      return true;
    case 'labels':
    case 'annotations':
      if (!isTextMap(v)) return false;
      for (const k in v) {
        w.uint(key === 'labels' ? T_LABELS : T_ANNOTATIONS);
        const at = w.fork();
        w.uint(T_KEY);
        w.string(k);
        w.uint(T_VALUE);
        w.string(v[k]!);
        w.join(at);
      }
      return true;
    case 'ownerReferences':
      if (!isOwnerRefs(v)) return false;
      for (const ref of v as JsonObject[]) writeRef(w, ref);
      return true;
    case 'finalizers':
      if (!isTextList(v)) return false;
      for (const f of v) {
        w.uint(T_FINALIZERS);
        w.string(f);
      }
      return true;
    default: {
      const tag = TEXT_TAGS.get(key);
      if (tag === undefined || !isText(v)) return false;
      w.uint(tag);
      w.string(v);
      return true;
    }
  }
}

function writeRef(w: Writer, ref: JsonObject): void {
  w.uint(T_REFS);
  const at = w.fork();
  for (let i = 0; i < REF_TEXT.length; i++) {
    w.uint(REF_TEXT_TAGS[i]!);
    w.string(ref[REF_TEXT[i]!] as string);
  }
  if (typeof ref.controller === 'boolean') {
    w.uint(T_CONTROLLER);
    w.uint(ref.controller ? 1 : 0);
  }
  if (typeof ref.blockOwnerDeletion === 'boolean') {
    w.uint(T_BLOCK);
    w.uint(ref.blockOwnerDeletion ? 1 : 0);
  }
  w.join(at);
}

/**
 * readMeta reads one ObjectMeta message into `into` (typed values by JSON name). A message that
 * appears twice merges, as protobuf specifies.
 */
export function readMeta(r: Reader, into: JsonObject): void {
  r.sliceStrings();
  while (r.pos < r.end) {
    const tag = r.uint();
    switch (tag) {
      case T_GENERATION:
        into.generation = r.int64();
        break;
      case T_GRACE:
        into.deletionGracePeriodSeconds = r.int64();
        break;
      case T_LABELS:
        readEntry(r, (into.labels ??= {}) as JsonObject);
        break;
      case T_ANNOTATIONS:
        readEntry(r, (into.annotations ??= {}) as JsonObject);
        break;
      case T_REFS:
        ((into.ownerReferences ??= []) as JsonObject[]).push(readRef(r));
        break;
      case T_FINALIZERS:
        ((into.finalizers ??= []) as string[]).push(r.string());
        break;
      case T_EXTRA:
        into.extra = parseObject(r.string(), 'metadata.extra');
        break;
      default: {
        const field = TEXT_BY_TAG.get(tag);
        if (field !== undefined) into[field] = r.string();
        else r.skip(tag);
      }
    }
  }
}

function readEntry(r: Reader, map: JsonObject): void {
  const outer = r.limit();
  let key = '';
  let value = '';
  while (r.pos < r.end) {
    const tag = r.uint();
    if (tag === T_KEY) key = r.string();
    else if (tag === T_VALUE) value = r.string();
    else r.skip(tag);
  }
  r.restore(outer);
  setMember(map, key, value);
}

function readRef(r: Reader): JsonObject {
  const outer = r.limit();
  const text = ['', '', '', ''];
  let controller: boolean | undefined;
  let block: boolean | undefined;
  while (r.pos < r.end) {
    const tag = r.uint();
    const i = REF_TEXT_TAGS.indexOf(tag);
    if (i >= 0) text[i] = r.string();
    else if (tag === T_CONTROLLER) controller = r.uint() !== 0;
    else if (tag === T_BLOCK) block = r.uint() !== 0;
    else r.skip(tag);
  }
  r.restore(outer);
  const ref: JsonObject = { apiVersion: text[0], kind: text[1], name: text[2], uid: text[3] };
  if (controller !== undefined) ref.controller = controller;
  if (block !== undefined) ref.blockOwnerDeletion = block;
  return ref;
}

/** metaObject builds metadata from readMeta's fields, with resourceVersion when one is given. */
export function metaObject(typed: JsonObject, resourceVersion: string | undefined): JsonObject {
  const extra = typed.extra as JsonObject | undefined;
  const out: JsonObject = {};
  for (const key of ORDER) {
    if (key === 'resourceVersion') {
      // Never taken from `extra`: the revision is the only source of truth.
      if (resourceVersion !== undefined) out.resourceVersion = resourceVersion;
    } else if (typed[key] !== undefined) {
      out[key] = typed[key];
    } else if (extra !== undefined && Object.hasOwn(extra, key)) {
      out[key] = extra[key];
    }
  }
  if (extra !== undefined) for (const k in extra) if (!ORDERED.has(k)) setMember(out, k, extra[k]);
  return out;
}
