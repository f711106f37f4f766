// Nodes and pods for scheduler tests and the scheduler benchmark. There is no kubelet yet, so a
// node is created through the API and its status (allocatable, Ready) is written with
// PUT nodes/{name}/status, as a kubelet's registration would.
import type { KubeObject } from '../../api/meta/object.js';
import type { Clientset } from '../../pkg/client/clientset.js';

/** NodeSpec describes a test node. */
export interface TestNode {
  name: string;
  cpu?: string;
  memory?: string;
  pods?: number;
  labels?: Record<string, string>;
  taints?: Array<{ key: string; value?: string; effect: string }>;
  unschedulable?: boolean;
  ready?: boolean;
}

/** nodeObject is the Node to create (spec and metadata; status is written separately). */
export function nodeObject(n: TestNode): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name: n.name, labels: { 'kubernetes.io/hostname': n.name, ...n.labels } },
    spec: { ...(n.unschedulable ? { unschedulable: true } : {}), ...(n.taints ? { taints: n.taints } : {}) },
  };
}

/** nodeStatus is the status a kubelet would report: capacity = allocatable, and the Ready condition. */
export function nodeStatus(n: TestNode): Record<string, unknown> {
  const resources = { cpu: n.cpu ?? '4', memory: n.memory ?? '8Gi', pods: String(n.pods ?? 110) };
  const now = new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
  return {
    capacity: resources,
    allocatable: resources,
    conditions: [{ type: 'Ready', status: n.ready === false ? 'False' : 'True', reason: n.ready === false ? 'KubeletNotReady' : 'KubeletReady', lastHeartbeatTime: now, lastTransitionTime: now }],
  };
}

/** createNode creates a node and writes its status; resolves with the stored node. */
export async function createNode(cs: Clientset, n: TestNode): Promise<KubeObject> {
  const nodes = cs.resource('', 'nodes');
  const created = await nodes.create(undefined, nodeObject(n));
  return nodes.updateStatus(undefined, { ...created, status: nodeStatus(n) });
}

/** TestPod describes a test pod. */
export interface TestPod {
  name: string;
  namespace?: string;
  cpu?: string;
  memory?: string;
  labels?: Record<string, string>;
  nodeSelector?: Record<string, string>;
  affinity?: Record<string, unknown>;
  tolerations?: Array<Record<string, unknown>>;
  hostPort?: number;
  priority?: number;
  schedulerName?: string;
  owner?: { kind: string; name: string; uid: string; apiVersion?: string };
  nodeName?: string;
}

/** podObject is a one-container pod with the given requests and constraints. */
export function podObject(p: TestPod): KubeObject {
  const requests: Record<string, string> = {};
  if (p.cpu) requests['cpu'] = p.cpu;
  if (p.memory) requests['memory'] = p.memory;
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name: p.name,
      namespace: p.namespace ?? 'default',
      labels: p.labels ?? {},
      ...(p.owner ? { ownerReferences: [{ apiVersion: p.owner.apiVersion ?? 'v1', kind: p.owner.kind, name: p.owner.name, uid: p.owner.uid, controller: true, blockOwnerDeletion: true }] } : {}),
    },
    spec: {
      containers: [{ name: 'app', image: 'registry.k8s.io/pause:3.9', resources: Object.keys(requests).length > 0 ? { requests } : {}, ...(p.hostPort ? { ports: [{ containerPort: 8080, hostPort: p.hostPort }] } : {}) }],
      ...(p.nodeSelector ? { nodeSelector: p.nodeSelector } : {}),
      ...(p.affinity ? { affinity: p.affinity } : {}),
      ...(p.tolerations ? { tolerations: p.tolerations } : {}),
      ...(p.priority !== undefined ? { priority: p.priority } : {}),
      ...(p.schedulerName ? { schedulerName: p.schedulerName } : {}),
      ...(p.nodeName ? { nodeName: p.nodeName } : {}),
    },
  };
}

/** createPod creates a pod in its namespace. */
export function createPod(cs: Clientset, p: TestPod): Promise<KubeObject> {
  return cs.resource('', 'pods').create(p.namespace ?? 'default', podObject(p));
}
