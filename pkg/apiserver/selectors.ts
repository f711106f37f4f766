// Turns `labelSelector` and `fieldSelector` query parameters into one object filter; a bad
// selector is a 400 BadRequest with the parser's message, as kube-apiserver answers.
import { fieldGetter, parseFieldSelectorForKind } from '../../api/meta/field-selector.js';
import { parseLabelSelector, SelectorError } from '../../api/meta/label-selector.js';
import type { KubeObject } from '../../api/meta/object.js';
import type { ResourceInfo } from '../../api/resources.js';
import { errors } from '../../api/status.js';
import type { ObjectFilter } from '../registry/generic/list-watch.js';
import type { Query } from './query.js';

/** compileFilter returns the filter for the request's selectors, or undefined when it has none. */
export function compileFilter(info: ResourceInfo, q: Query): ObjectFilter | undefined {
  try {
    const labels = q['labelSelector'] ? parseLabelSelector(q['labelSelector']) : undefined;
    const fields = q['fieldSelector'] ? parseFieldSelectorForKind(q['fieldSelector'], info.kind, info.group) : undefined;
    if (labels?.isEmpty() !== false && fields?.isEmpty() !== false) return undefined;
    return (obj: KubeObject) =>
      (labels === undefined || labels.matches(obj.metadata?.labels ?? {})) && (fields === undefined || fields.matches(fieldGetter(info.kind, obj, info.group)));
  } catch (err) {
    if (err instanceof SelectorError) throw errors.badRequest(err.message);
    throw err;
  }
}
