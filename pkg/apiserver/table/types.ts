// meta.k8s.io Table as kube-apiserver serializes it, and the column definitions every printer
// shares. Field presence follows Go's JSON tags (e.g. columnDefinitions is null without headers).
import type { KubeObject } from '../../../api/meta/object.js';

/** IncludeObject is metav1.IncludeObjectPolicy: what each row carries besides its cells. */
export type IncludeObject = 'None' | 'Object' | 'Metadata';

/** TableColumnDefinition is metav1.TableColumnDefinition. */
export interface TableColumnDefinition {
  name: string;
  /** type is an OpenAPI type: string, integer, number, boolean, date. */
  type: string;
  format: string;
  description: string;
  /** priority 0 columns always print; higher ones only with `-o wide`. */
  priority: number;
}

/** Cell is one value of a row, typed as its column says. */
export type Cell = string | number | boolean;

/** TableRowCondition is metav1.TableRowCondition (pods report Completed when they are done). */
export interface TableRowCondition {
  type: 'Completed';
  status: 'True' | 'False' | 'Unknown';
  reason?: string;
  message?: string;
}

/** TableRow is metav1.TableRow. */
export interface TableRow {
  cells: Cell[];
  conditions?: TableRowCondition[];
  /** object is the row's object (per includeObject), or null for includeObject=None. */
  object: Record<string, unknown> | null;
}

/** Table is metav1.Table (meta.k8s.io/v1 or v1beta1). */
export interface Table {
  kind: 'Table';
  apiVersion: string;
  metadata: { resourceVersion?: string; continue?: string; remainingItemCount?: number };
  columnDefinitions: TableColumnDefinition[] | null;
  rows: TableRow[];
}

/** PrintedRow is what a printer makes of one object: cells, and conditions when the kind has them. */
export interface PrintedRow {
  cells: Cell[];
  conditions?: TableRowCondition[];
}

/** Printer is one kind's TableHandler: its columns and how an object fills them. */
export interface Printer {
  columns: readonly TableColumnDefinition[];
  /** print makes one object's row; now (ms since epoch) anchors every age. */
  print(obj: KubeObject, now: number): PrintedRow;
}

/** column builds a column definition; format and priority default as Go's zero values. */
export function column(name: string, type: string, description: string, priority = 0, format = ''): TableColumnDefinition {
  return { name, type, format, description, priority };
}

/** NAME_COLUMN is the Name column every printer starts with (ObjectMeta's doc for name). */
export const NAME_COLUMN = column(
  'Name',
  'string',
  'Name must be unique within a namespace. Is required when creating resources, although some resources may allow a client to request the generation of an appropriate name automatically. Name is primarily intended for creation idempotence and configuration definition. Cannot be updated. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/names#names',
  0,
  'name',
);

/** CREATION_DOC is ObjectMeta's doc for creationTimestamp, which Age columns describe themselves with. */
export const CREATION_DOC =
  'CreationTimestamp is a timestamp representing the server time when this object was created. It is not guaranteed to be set in happens-before order across separate operations. Clients may not set this value. It is represented in RFC3339 form and is in UTC.\n\nPopulated by the system. Read-only. Null for lists. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#metadata';

/** AGE_COLUMN is the Age column: a HumanDuration string, not a date. */
export const AGE_COLUMN = column('Age', 'string', CREATION_DOC);

/** CONTAINERS_COLUMN is the wide column of a workload's template container names. */
export const CONTAINERS_COLUMN = column('Containers', 'string', 'Names of each container in the template.', 1);
/** IMAGES_COLUMN is the wide column of a workload's template images. */
export const IMAGES_COLUMN = column('Images', 'string', 'Images referenced by each container in the template.', 1);
