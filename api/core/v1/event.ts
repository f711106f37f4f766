// core/v1 Event: no defaults; legacyValidateEvent (all v1 requests get) plus the generic metadata
// check kube-apiserver runs on every object, which for events is the only name rule.
import { fieldErrors, type FieldError } from '../../meta/field-error.js';
import { invalidEach, isDNS1123Subdomain, validatePathSegmentName, validateQualifiedName } from '../../meta/validation.js';
import { objectAt, stringAt, type JsonObject } from '../../meta/validation-json.js';
import { validateObjectMeta, validateObjectMetaUpdate } from '../../meta/validation-meta.js';

// Limits of new-style events (those with eventTime).
const REPORTING_INSTANCE_LIMIT = 128;
const ACTION_LIMIT = 128;
const REASON_LIMIT = 128;
const NOTE_LIMIT = 1024;

/** defaultEvent is a no-op: core/v1 has no Event defaulter. */
export function defaultEvent(_event: JsonObject): void {}

function legacyValidateEvent(event: JsonObject): FieldError[] {
  const errs: FieldError[] = [];
  const ns = stringAt(objectAt(event, 'metadata'), 'namespace');
  const involvedNs = stringAt(objectAt(event, 'involvedObject'), 'namespace');
  if (stringAt(event, 'eventTime') === '') {
    // Old-style events: the namespaces agree ("default" stands in for none, as old clients sent).
    if (involvedNs === '') {
      if (ns !== '' && ns !== 'default') errs.push(fieldErrors.invalid('involvedObject.namespace', involvedNs, 'does not match event.namespace'));
    } else if (ns !== involvedNs) {
      errs.push(fieldErrors.invalid('involvedObject.namespace', involvedNs, 'does not match event.namespace'));
    }
  } else {
    if (involvedNs === '' && ns !== 'default' && ns !== 'kube-system') {
      errs.push(fieldErrors.invalid('involvedObject.namespace', involvedNs, 'does not match event.namespace'));
    }
    // Through v1 the reporting controller is called `source`.
    const controller = stringAt(event, 'reportingComponent');
    if (controller === '') errs.push(fieldErrors.required('source'));
    errs.push(...validateQualifiedName(controller, 'source'));
    const limits: Array<[string, number, string]> = [['reportingInstance', REPORTING_INSTANCE_LIMIT, 'reportingInstance'], ['action', ACTION_LIMIT, 'action'], ['reason', REASON_LIMIT, 'reason']];
    for (const [f, limit, path] of limits) {
      const v = stringAt(event, f);
      if (v === '') errs.push(fieldErrors.required(path));
      if (v.length > limit) errs.push(fieldErrors.invalid(path, '', `can have at most ${limit} characters`));
    }
    if (stringAt(event, 'message').length > NOTE_LIMIT) errs.push(fieldErrors.invalid('message', '', `can have at most ${NOTE_LIMIT} characters`));
  }
  errs.push(...invalidEach('namespace', ns, isDNS1123Subdomain(ns)));
  return errs;
}

/** validateEvent is ValidateEventCreate for a v1 request, then kube-apiserver's generic metadata check. */
export function validateEvent(event: JsonObject): FieldError[] {
  const errs = legacyValidateEvent(event);
  if (errs.length > 0) return errs;
  return validateObjectMeta(event.metadata, { namespaced: true, nameFn: validatePathSegmentName });
}

/** validateEventUpdate is ValidateEventUpdate for a v1 request plus the generic metadata checks. */
export function validateEventUpdate(event: JsonObject, old: JsonObject, opts: { allowUnconditionalUpdate?: boolean } = {}): FieldError[] {
  return [
    ...validateObjectMeta(event.metadata, { namespaced: true, nameFn: validatePathSegmentName }),
    ...validateObjectMetaUpdate(event.metadata, old.metadata, opts),
    ...legacyValidateEvent(event),
  ];
}
