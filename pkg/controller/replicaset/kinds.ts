// What differs between a ReplicationController and a ReplicaSet for the replica manager: where
// they are served, how their selector is spelled, and the component named in their events.
import { labelSelectorFromObject, selectorFromSet, type LabelSelector, type LabelSelectorObject } from '../../../api/meta/label-selector.js';
import type { ReplicaSetLike } from '../base/types.js';

/** ReplicaKind describes one replicated kind. */
export interface ReplicaKind {
  group: string;
  resource: string;
  apiVersion: string;
  kind: string;
  /** component is the event source and the work queue's name. */
  component: string;
  /** selectorOf converts spec.selector; an invalid selector selects nothing. */
  selectorOf(obj: ReplicaSetLike): LabelSelector;
}

/** REPLICATION_CONTROLLER is core/v1 ReplicationController: an equality map selector. */
export const REPLICATION_CONTROLLER: ReplicaKind = {
  group: '',
  resource: 'replicationcontrollers',
  apiVersion: 'v1',
  kind: 'ReplicationController',
  component: 'replication-controller',
  selectorOf: (rc) => selectorFromSet((rc.spec?.selector ?? {}) as Record<string, string>),
};

/** REPLICA_SET is apps/v1 ReplicaSet: a metav1.LabelSelector. */
export const REPLICA_SET: ReplicaKind = {
  group: 'apps',
  resource: 'replicasets',
  apiVersion: 'apps/v1',
  kind: 'ReplicaSet',
  component: 'replicaset-controller',
  selectorOf: (rs) => {
    const { selector } = labelSelectorFromObject(rs.spec?.selector as LabelSelectorObject | undefined);
    return selector ?? labelSelectorFromObject(null).selector!;
  },
};
