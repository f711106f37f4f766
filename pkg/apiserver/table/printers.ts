// Which printer serves which kind: kube's AddHandlers for the kinds kubelite serves, the small
// printers that only count or copy a field, and the default table for every other kind.
import type { KubeObject } from '../../../api/meta/object.js';
import type { ResourceInfo } from '../../../api/resources.js';
import { translateTimestampSince } from './duration.js';
import { endpointsPrinter, eventPrinter, namespacePrinter, nodePrinter, servicePrinter } from './core.js';
import { count, obj, str } from './fields.js';
import { podPrinter } from './pod.js';
import { AGE_COLUMN, column, CREATION_DOC, NAME_COLUMN, type Printer } from './types.js';
import { daemonSetPrinter, deploymentPrinter, jobPrinter, replicaSetPrinter, replicationControllerPrinter } from './workloads.js';

const name = (o: KubeObject): string => o.metadata?.name ?? '';
const age = (o: KubeObject, now: number): string => translateTimestampSince(o.metadata?.creationTimestamp, now);

const configMapPrinter: Printer = {
  columns: [NAME_COLUMN, column('Data', 'string', 'Data contains the configuration data.'), AGE_COLUMN],
  // binaryData keys count too: kubectl shows how many keys, whatever their encoding.
  print: (cm, now) => ({ cells: [name(cm), count(cm['data']) + count(cm['binaryData']), age(cm, now)] }),
};

const secretPrinter: Printer = {
  columns: [
    NAME_COLUMN,
    column('Type', 'string', 'Used to facilitate programmatic handling of secret data.'),
    column('Data', 'string', 'Data contains the secret data.'),
    AGE_COLUMN,
  ],
  print: (s, now) => ({ cells: [name(s), str(s['type']), count(s['data']), age(s, now)] }),
};

const serviceAccountPrinter: Printer = {
  columns: [NAME_COLUMN, column('Secrets', 'string', 'Secrets is a list of the secrets in the same namespace that pods running using this ServiceAccount are allowed to use.'), AGE_COLUMN],
  print: (sa, now) => ({ cells: [name(sa), count(sa['secrets']), age(sa, now)] }),
};

const leasePrinter: Printer = {
  columns: [NAME_COLUMN, column('Holder', 'string', 'holderIdentity contains the identity of the holder of a current lease.'), AGE_COLUMN],
  print: (l, now) => ({ cells: [name(l), str(obj(l['spec'])['holderIdentity']), age(l, now)] }),
};

/**
 * defaultPrinter is rest.NewDefaultTableConvertor: Name and an RFC 3339 "Created At" date, for
 * kinds without a printer of their own.
 */
export const defaultPrinter: Printer = {
  columns: [NAME_COLUMN, column('Created At', 'date', CREATION_DOC)],
  print: (o) => ({ cells: [name(o), o.metadata?.creationTimestamp ?? ''] }),
};

// Keyed by API group and kind: a kind's printer does not depend on the version served.
const PRINTERS = new Map<string, Printer>([
  ['/Pod', podPrinter],
  ['/Node', nodePrinter],
  ['/Namespace', namespacePrinter],
  ['/Service', servicePrinter],
  ['/Endpoints', endpointsPrinter],
  ['/Event', eventPrinter],
  ['/ReplicationController', replicationControllerPrinter],
  ['/ConfigMap', configMapPrinter],
  ['/Secret', secretPrinter],
  ['/ServiceAccount', serviceAccountPrinter],
  ['apps/ReplicaSet', replicaSetPrinter],
  ['apps/Deployment', deploymentPrinter],
  ['apps/DaemonSet', daemonSetPrinter],
  ['batch/Job', jobPrinter],
  ['coordination.k8s.io/Lease', leasePrinter],
]);

/** printerFor is the printer of a resource's kind, or the default table. */
export function printerFor(info: Pick<ResourceInfo, 'group' | 'kind'>): Printer {
  return PRINTERS.get(`${info.group}/${info.kind}`) ?? defaultPrinter;
}
