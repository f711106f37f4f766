// Builders for the scheduler's unit tests: nodes and pods as the informers would hand them over.
import { NodeInfo } from './node-info.js';
import { podInfo } from './pod-info.js';
import type { Node, Pod, PodSpec, Taint } from './types.js';

/** testNode builds a Ready node with allocatable resources. */
export function testNode(name: string, o: { cpu?: string; memory?: string; pods?: number; labels?: Record<string, string>; taints?: Taint[]; unschedulable?: boolean; ready?: string } = {}): Node {
  return {
    metadata: { name, labels: o.labels ?? {} },
    spec: { unschedulable: o.unschedulable, taints: o.taints },
    status: {
      allocatable: { cpu: o.cpu ?? '4', memory: o.memory ?? '8Gi', pods: String(o.pods ?? 110) },
      conditions: [{ type: 'Ready', status: o.ready ?? 'True' }],
    },
  };
}

/** testNodeInfo wraps testNode in a NodeInfo, with pods already on it. */
export function testNodeInfo(name: string, o: Parameters<typeof testNode>[1] = {}, pods: Pod[] = []): NodeInfo {
  const info = new NodeInfo(name);
  info.setNode(testNode(name, o));
  for (const p of pods) info.addPod(podInfo({ ...p, spec: { ...p.spec, nodeName: name } }));
  return info;
}

let uid = 0;

/** testPod builds a one-container pod; cpu and memory become requests. */
export function testPod(name: string, o: { cpu?: string; memory?: string; spec?: PodSpec; labels?: Record<string, string>; owner?: string; namespace?: string; uid?: string; created?: string } = {}): Pod {
  const requests: Record<string, string> = {};
  if (o.cpu) requests['cpu'] = o.cpu;
  if (o.memory) requests['memory'] = o.memory;
  return {
    metadata: {
      name, namespace: o.namespace ?? 'default', uid: o.uid ?? `uid-${++uid}`, labels: o.labels ?? {},
      creationTimestamp: o.created ?? '2026-01-01T00:00:00Z',
      ...(o.owner ? { ownerReferences: [{ apiVersion: 'v1', kind: 'ReplicationController', name: o.owner, uid: `rc-${o.owner}`, controller: true }] } : {}),
    },
    spec: { containers: [{ name: 'c', resources: { requests } }], ...o.spec },
  };
}
