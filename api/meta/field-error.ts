// Field errors as Kubernetes reports them: `details.causes` entries of an Invalid Status, with a
// field path like `spec.containers[0].image`. Validators return lists of these.

/** FieldErrorType is the `reason` of a cause, named as Kubernetes names them. */
export type FieldErrorType =
  | 'FieldValueRequired'
  | 'FieldValueInvalid'
  | 'FieldValueNotSupported'
  | 'FieldValueDuplicate'
  | 'FieldValueForbidden'
  | 'FieldValueTooLong'
  | 'FieldValueTooMany'
  | 'FieldValueTypeInvalid'
  | 'FieldValueNotFound';

/** FieldError is one problem with one field. */
export interface FieldError {
  type: FieldErrorType;
  /** field is the path, e.g. `metadata.name` or `spec.ports[1].port`. */
  field: string;
  /** detail is the human message, e.g. `Required value` or `must be no more than 63 characters`. */
  detail: string;
  /** value is the offending value, quoted in the message where Kubernetes quotes it. */
  value?: unknown;
}

/** fieldErrorMessage renders one error the way Kubernetes prints it: `spec.x: Invalid value: "v": detail`. */
export function fieldErrorMessage(e: FieldError): string {
  switch (e.type) {
    case 'FieldValueRequired':
      return `${e.field}: Required value${e.detail && e.detail !== 'Required value' ? `: ${e.detail}` : ''}`;
    case 'FieldValueForbidden':
      return `${e.field}: Forbidden: ${e.detail}`;
    case 'FieldValueDuplicate':
      return `${e.field}: Duplicate value: ${JSON.stringify(e.value)}`;
    case 'FieldValueNotSupported':
      return `${e.field}: Unsupported value: ${JSON.stringify(e.value)}${e.detail ? `: ${e.detail}` : ''}`;
    case 'FieldValueNotFound':
      return `${e.field}: Not found: ${JSON.stringify(e.value)}`;
    case 'FieldValueTooLong':
      return `${e.field}: Too long: ${e.detail}`;
    case 'FieldValueTooMany':
      return `${e.field}: Too many: ${e.detail}`;
    case 'FieldValueTypeInvalid':
      return `${e.field}: Invalid value: ${JSON.stringify(e.value)}: ${e.detail}`;
    default:
      return `${e.field}: Invalid value: ${JSON.stringify(e.value)}: ${e.detail}`;
  }
}

/** invalid, required, ... build FieldErrors tersely in validators. */
export const fieldErrors = {
  required: (field: string, detail = ''): FieldError => ({ type: 'FieldValueRequired', field, detail }),
  invalid: (field: string, value: unknown, detail: string): FieldError => ({ type: 'FieldValueInvalid', field, value, detail }),
  notSupported: (field: string, value: unknown, supported: readonly string[]): FieldError => ({
    type: 'FieldValueNotSupported',
    field,
    value,
    detail: `supported values: ${supported.map((s) => JSON.stringify(s)).join(', ')}`,
  }),
  duplicate: (field: string, value: unknown): FieldError => ({ type: 'FieldValueDuplicate', field, value, detail: '' }),
  forbidden: (field: string, detail: string): FieldError => ({ type: 'FieldValueForbidden', field, detail }),
  tooLong: (field: string, value: unknown, max: number): FieldError => ({ type: 'FieldValueTooLong', field, value, detail: `may not be more than ${max} bytes` }),
  typeInvalid: (field: string, value: unknown, detail: string): FieldError => ({ type: 'FieldValueTypeInvalid', field, value, detail }),
};
