// Helpers for the validation tests: run a table of broken variants of a valid object and say
// which expected errors are missing, so every test reads as Kubernetes' field, reason and message.
import { fieldErrorMessage, type FieldError, type FieldErrorType } from './field-error.js';
import type { JsonObject } from './validation-json.js';

/** InvalidCase is one broken variant: how to break the object and the error Kubernetes reports. */
export interface InvalidCase {
  name: string;
  mutate: (obj: JsonObject) => void;
  field: string;
  type: FieldErrorType;
  /** message is the whole rendered message, or a part of it when it ends with `…`. */
  message?: string;
}

/** messagesOf renders errors as Kubernetes prints them. */
export function messagesOf(errs: FieldError[]): string[] {
  return errs.map(fieldErrorMessage);
}

/** findError returns the first error at field of type, with a rendered message matching message (a prefix when it ends with `…`). */
export function findError(errs: FieldError[], field: string, type: FieldErrorType, message?: string): FieldError | undefined {
  return errs.find((e) => {
    if (e.field !== field || e.type !== type) return false;
    if (message === undefined) return true;
    const rendered = fieldErrorMessage(e);
    return message.endsWith('…') ? rendered.startsWith(message.slice(0, -1)) : rendered === message;
  });
}

/**
 * runInvalidCases breaks a clone of valid per case, runs prepare (usually the defaulter) and
 * validate, and returns a description of every case whose expected error did not appear.
 */
export function runInvalidCases(
  valid: JsonObject,
  cases: InvalidCase[],
  validate: (obj: JsonObject) => FieldError[],
  prepare: (obj: JsonObject) => void = () => {},
): string[] {
  const failures: string[] = [];
  for (const c of cases) {
    const obj = structuredClone(valid);
    c.mutate(obj);
    prepare(obj);
    const errs = validate(obj);
    if (!findError(errs, c.field, c.type, c.message)) {
      failures.push(`${c.name}: want ${c.field} ${c.type}${c.message ? ` "${c.message}"` : ''}; got ${JSON.stringify(messagesOf(errs))}`);
    }
  }
  return failures;
}

/** at walks a dotted path with [n] indexes into obj, for terse mutations: at(o, 'spec.containers[0]'). */
export function at(obj: JsonObject, path: string): JsonObject {
  let cur: unknown = obj;
  for (const part of path.split('.').flatMap((p) => p.split(/\[(\d+)\]/).filter((s) => s !== ''))) {
    cur = (cur as Record<string, unknown>)[part];
  }
  return cur as JsonObject;
}
