// The DaemonSet controller: one pod per node that should run it. Node changes wake the DaemonSets
// (a new node gets its pod, a tainted or relabelled one loses it, a deleted one's pods go); pod
// changes wake their owner. Pods are created with a node affinity naming their node and bound by
// the scheduler, as Kubernetes does since 1.12. Expectations keep a burst of node events from
// creating two pods for one node.
import { labelSelectorFromObject } from '../../../api/meta/label-selector.js';
import { objectOf } from '../../client/cache/deltas.js';
import { metaNamespaceKey } from '../../client/cache/indexer.js';
import type { SharedInformer } from '../../client/cache/shared-informer.js';
import type { ResourceClient } from '../../client/resource-client.js';
import { isApiError } from '../../client/rest.js';
import type { ControllerContext } from '../base/context.js';
import { Controller } from '../base/controller.js';
import type { EventRecorder } from '../base/events.js';
import { Expectations } from '../base/expectations.js';
import { semanticEqual, templateHash } from '../base/hash.js';
import { claimObjects, controllerRefOf, newControllerRef, recheckOwner } from '../base/owner-refs.js';
import { podsPrefix } from '../base/pods.js';
import type { Node, Pod } from '../base/types.js';
import { daemonPodSpec, nodeShouldRunDaemonPod, targetNodeOf } from './predicates.js';
import { GENERATION_LABEL, HASH_LABEL, daemonSetStatus, oldestFirst, rollingUpdateVictims, type DaemonSet } from './update.js';

const TEMPLATE_GENERATION = 'deprecated.daemonset.template.generation';

/** DaemonSetController runs DaemonSets. */
export class DaemonSetController extends Controller {
  /** expectations is exposed for tests. */
  readonly expectations = new Expectations();
  private readonly sets: SharedInformer<DaemonSet>;
  private readonly nodes: SharedInformer<Node>;
  private readonly pods: SharedInformer<Pod>;
  private readonly dsClient: ResourceClient<DaemonSet>;
  private readonly podClient: ResourceClient<Pod>;
  private readonly recorder: EventRecorder;

  constructor(ctx: ControllerContext) {
    super('daemonset', ctx);
    this.dsClient = ctx.clientset.resource('apps', 'daemonsets') as ResourceClient<DaemonSet>;
    this.podClient = ctx.clientset.resource('', 'pods') as ResourceClient<Pod>;
    this.recorder = ctx.recorder('daemonset-controller');
    this.sets = this.watch<DaemonSet>('apps', 'daemonsets', {
      onAdd: (ds) => this.enqueue(ds),
      onUpdate: (_o, ds) => this.enqueue(ds),
      onDelete: (obj) => {
        const key = metaNamespaceKey(objectOf(obj));
        this.expectations.delete(key);
        this.enqueue(key);
      },
    });
    const allSets = (): void => this.sets.lister().list().forEach((ds) => this.enqueue(ds));
    this.nodes = this.watch<Node>('', 'nodes', {
      onAdd: allSets,
      onUpdate: (old, node) => {
        // Heartbeats and status churn do not change placement; labels, taints and spec do.
        if (semanticEqual(old.metadata?.labels, node.metadata?.labels) && semanticEqual(old.spec, node.spec)) return;
        allSets();
      },
      onDelete: allSets,
    });
    this.pods = this.watch<Pod>('', 'pods', {
      onAdd: (pod) => {
        const ds = this.ownerOf(pod);
        if (ds) {
          this.expectations.creationObserved(metaNamespaceKey(ds));
          this.enqueue(ds);
        } else if (!controllerRefOf(pod)) this.matching(pod).forEach((d) => this.enqueue(d));
      },
      onUpdate: (old, pod) => {
        if (old.metadata?.resourceVersion === pod.metadata?.resourceVersion) return;
        const prev = this.ownerOf(old);
        const ds = this.ownerOf(pod);
        if (prev && prev !== ds) this.enqueue(prev);
        if (ds) {
          if (pod.metadata?.deletionTimestamp) this.expectations.deletionObserved(metaNamespaceKey(ds), metaNamespaceKey(pod));
          this.enqueue(ds);
          const minReady = ds.spec.minReadySeconds ?? 0;
          if (minReady > 0) this.enqueueAfter(ds, minReady * 1000);
        } else if (!controllerRefOf(pod)) this.matching(pod).forEach((d) => this.enqueue(d));
      },
      onDelete: (obj) => {
        const pod = objectOf(obj);
        const ds = this.ownerOf(pod);
        if (!ds) return;
        this.expectations.deletionObserved(metaNamespaceKey(ds), metaNamespaceKey(pod));
        this.enqueue(ds);
      },
    });
  }

  protected async sync(key: string): Promise<void> {
    const ds = this.sets.lister().get(key);
    if (!ds) {
      this.expectations.delete(key);
      return;
    }
    if (ds.metadata?.deletionTimestamp) return;
    const { selector } = labelSelectorFromObject(ds.spec.selector);
    if (!selector || selector.isEmpty() || !ds.spec.template) return;
    const ns = ds.metadata?.namespace ?? '';
    const pods = await claimObjects(this.pods.lister().namespaced(ns).list(), {
      owner: ds,
      ref: newControllerRef(ds, 'apps/v1', 'DaemonSet'),
      client: this.podClient,
      matches: (p) => selector.matches(p.metadata?.labels),
      canAdopt: () => recheckOwner(this.dsClient, ds),
    });
    const nodeToPods = new Map<string, Pod[]>();
    for (const p of pods) {
      const node = targetNodeOf(p) ?? '';
      nodeToPods.set(node, [...(nodeToPods.get(node) ?? []), p]);
    }
    const nodes = this.nodes.lister().list();
    const hash = templateHash(ds.spec.template);
    let err: unknown;
    if (this.expectations.satisfied(key)) {
      err = await this.manage(key, ds, nodes, nodeToPods, hash).catch((e: unknown) => e);
      if (!err && this.expectations.satisfied(key)) {
        const desired = nodes.filter((n) => nodeShouldRunDaemonPod(ds.spec.template, n).shouldRun).length;
        const victims = rollingUpdateVictims(ds, nodeToPods, desired, hash);
        err = await this.syncNodes(key, ds, victims, [], hash).catch((e: unknown) => e);
      }
    }
    await this.updateStatus(ds, daemonSetStatus(ds, nodes, nodeToPods, hash));
    if (err) throw err;
  }

  private async manage(key: string, ds: DaemonSet, nodes: Node[], nodeToPods: Map<string, Pod[]>, hash: string): Promise<void> {
    const create: string[] = [];
    const remove: Pod[] = [];
    const known = new Set<string>();
    for (const node of nodes) {
      const name = node.metadata?.name ?? '';
      known.add(name);
      const { shouldRun, shouldContinueRunning } = nodeShouldRunDaemonPod(ds.spec.template, node);
      const pods = nodeToPods.get(name) ?? [];
      if (shouldRun && pods.length === 0) create.push(name);
      else if (shouldContinueRunning) {
        const running: Pod[] = [];
        for (const p of pods) {
          if (p.metadata?.deletionTimestamp) continue;
          if (p.status?.phase === 'Failed') {
            this.recorder.event(ds, 'Warning', 'FailedDaemonPod', `Found failed daemon pod ${p.metadata?.namespace}/${p.metadata?.name} on node ${name}, will try to kill it`);
            remove.push(p);
          } else running.push(p);
        }
        // More than one: keep the oldest.
        if (running.length > 1) remove.push(...running.sort(oldestFirst).slice(1));
      } else remove.push(...pods.filter((p) => !p.metadata?.deletionTimestamp));
    }
    // Pods for nodes that are gone; bound ones have no kubelet left to finish them.
    for (const [node, pods] of nodeToPods) if (!known.has(node)) remove.push(...pods.filter((p) => !p.metadata?.deletionTimestamp || p.spec.nodeName));
    await this.syncNodes(key, ds, remove, create, hash);
  }

  private async syncNodes(key: string, ds: DaemonSet, remove: Pod[], create: string[], hash: string): Promise<void> {
    if (remove.length === 0 && create.length === 0) return;
    this.expectations.expect(key, create.length, remove.map(metaNamespaceKey));
    const ns = ds.metadata?.namespace ?? '';
    const template = ds.spec.template!;
    const ref = newControllerRef(ds, 'apps/v1', 'DaemonSet');
    const generation = ds.metadata?.annotations?.[TEMPLATE_GENERATION] ?? String(ds.metadata?.generation ?? 1);
    const errors: unknown[] = [];
    await Promise.all([
      ...create.map(async (node) => {
        const pod: Pod = {
          apiVersion: 'v1',
          kind: 'Pod',
          metadata: {
            generateName: podsPrefix(ds.metadata?.name ?? ''),
            namespace: ns,
            labels: { ...(template.metadata?.labels ?? {}), [HASH_LABEL]: hash, [GENERATION_LABEL]: generation },
            ...(template.metadata?.annotations ? { annotations: { ...template.metadata.annotations } } : {}),
            ownerReferences: [ref],
          },
          spec: daemonPodSpec(template, node),
        };
        try {
          const made = await this.podClient.create(ns, pod);
          this.recorder.event(ds, 'Normal', 'SuccessfulCreate', `Created pod: ${made.metadata?.name ?? ''}`);
        } catch (err) {
          this.expectations.creationObserved(key);
          this.recorder.event(ds, 'Warning', 'FailedCreate', `Error creating: ${(err as Error).message}`);
          errors.push(err);
        }
      }),
      ...remove.map(async (pod) => {
        const name = pod.metadata?.name ?? '';
        const gone = pod.spec.nodeName !== undefined && !this.nodes.lister().get(pod.spec.nodeName);
        try {
          await this.podClient.delete(ns, name, { preconditions: { uid: pod.metadata?.uid }, ...(gone ? { gracePeriodSeconds: 0 } : {}) });
          this.recorder.event(ds, 'Normal', 'SuccessfulDelete', `Deleted pod: ${name}`);
        } catch (err) {
          this.expectations.deletionObserved(key, metaNamespaceKey(pod));
          if (!isApiError(err, 'NotFound')) errors.push(err);
        }
      }),
    ]);
    if (errors.length > 0) throw errors[0];
  }

  private async updateStatus(ds: DaemonSet, counts: Record<string, number | undefined>): Promise<void> {
    const status = { ...(ds.status ?? {}), ...counts };
    const norm = (s: Record<string, unknown>): Record<string, unknown> => Object.fromEntries(Object.entries(s).filter(([, v]) => v !== 0 && v !== undefined));
    if (semanticEqual(norm(ds.status ?? {}), norm(status))) return;
    await this.dsClient.updateStatus(ds.metadata?.namespace, { ...ds, status });
  }

  private ownerOf(pod: Pod): DaemonSet | undefined {
    const ref = controllerRefOf(pod);
    if (ref?.kind !== 'DaemonSet') return undefined;
    const ds = this.sets.lister().namespaced(pod.metadata?.namespace ?? '').get(ref.name);
    return ds?.metadata?.uid === ref.uid ? ds : undefined;
  }

  private matching(pod: Pod): DaemonSet[] {
    return this.sets.lister().namespaced(pod.metadata?.namespace ?? '').list().filter((ds) => {
      const { selector } = labelSelectorFromObject(ds.spec.selector);
      return selector !== null && !selector.isEmpty() && selector.matches(pod.metadata?.labels);
    });
  }
}

/** newDaemonSetController builds the DaemonSet controller. */
export function newDaemonSetController(ctx: ControllerContext): DaemonSetController {
  return new DaemonSetController(ctx);
}
