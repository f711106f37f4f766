// Which kinds this server accepts in protobuf form, and the message each one's `raw` holds.
import { TYPES } from './schema.js';

const MESSAGES: Readonly<Record<string, string>> = {
  'v1/Namespace': 'k8s.io.api.core.v1.Namespace',
  'v1/ConfigMap': 'k8s.io.api.core.v1.ConfigMap',
  'v1/Secret': 'k8s.io.api.core.v1.Secret',
  'v1/Service': 'k8s.io.api.core.v1.Service',
  'v1/ServiceAccount': 'k8s.io.api.core.v1.ServiceAccount',
  'v1/Pod': 'k8s.io.api.core.v1.Pod',
  'v1/Binding': 'k8s.io.api.core.v1.Binding',
  'v1/ReplicationController': 'k8s.io.api.core.v1.ReplicationController',
  'apps/v1/Deployment': 'k8s.io.api.apps.v1.Deployment',
  'apps/v1/ReplicaSet': 'k8s.io.api.apps.v1.ReplicaSet',
  'apps/v1/DaemonSet': 'k8s.io.api.apps.v1.DaemonSet',
  'batch/v1/Job': 'k8s.io.api.batch.v1.Job',
  'autoscaling/v1/Scale': 'k8s.io.api.autoscaling.v1.Scale',
  'policy/v1/Eviction': 'k8s.io.api.policy.v1.Eviction',
};

/** ProtobufKind is a kind with a protobuf schema here. */
export interface ProtobufKind {
  apiVersion: string;
  kind: string;
  /** message is the full name of the message in the envelope's `raw`. */
  message: string;
}

/**
 * protobufKind finds the schema of apiVersion/kind. An envelope without an apiVersion (client-go
 * always sends one) matches the kind's only entry. DeleteOptions is registered in every group.
 */
export function protobufKind(apiVersion: string, kind: string): ProtobufKind | undefined {
  if (kind === 'DeleteOptions') return { apiVersion: apiVersion || 'v1', kind, message: TYPES.deleteOptions };
  if (apiVersion !== '') {
    const message = MESSAGES[`${apiVersion}/${kind}`];
    return message === undefined ? undefined : { apiVersion, kind, message };
  }
  const matches = Object.entries(MESSAGES).filter(([key]) => key.endsWith(`/${kind}`));
  if (matches.length !== 1) return undefined;
  const [key, message] = matches[0]!;
  return { apiVersion: key.slice(0, key.length - kind.length - 1), kind, message };
}
