// The node's heartbeat: a Lease named after the node in kube-node-lease, renewed every
// --node-lease-renew-interval. One small write per node per interval is all an idle node costs;
// the node controller reads liveness from it, not from node status.
import type { KubeObject } from '../../api/meta/object.js';
import type { Clientset } from '../client/clientset.js';
import { isApiError } from '../client/rest.js';
import type { Logger } from '../util/log.js';
import { delay } from './delay.js';

/** NODE_LEASE_NAMESPACE holds every node's Lease. */
export const NODE_LEASE_NAMESPACE = 'kube-node-lease';

const microTime = (d = new Date()): string => d.toISOString().replace('Z', '000Z');

/** NodeLeaseOptions configure the heartbeat. */
export interface NodeLeaseOptions {
  nodeName: string;
  /** the Node's UID: the Lease is owned by the Node, so it goes when the Node goes */
  nodeUid?: string;
  renewIntervalMs: number;
}

/** NodeLease renews the node's Lease until stopped. */
export class NodeLease {
  private lease: KubeObject | undefined;
  /** renewals counts successful renewals (tests). */
  renewals = 0;

  constructor(
    private readonly clientset: Clientset,
    private readonly opts: NodeLeaseOptions,
    private readonly logger: Logger,
  ) {}

  // A lease lasts four renew intervals (40 s for the default 10 s), as the kubelet's defaults.
  private get durationSeconds(): number {
    return Math.max(1, Math.ceil((this.opts.renewIntervalMs * 4) / 1000));
  }

  /** run renews now and every interval; failures retry sooner, within the interval. */
  async run(signal: AbortSignal): Promise<void> {
    let failures = 0;
    while (!signal.aborted) {
      let wait = this.opts.renewIntervalMs;
      try {
        await this.renew();
        failures = 0;
      } catch (err) {
        if (signal.aborted) break;
        failures++;
        wait = Math.min(200 * 2 ** (failures - 1), this.opts.renewIntervalMs);
        this.logger.warn({ err: (err as Error).message, retryInMs: wait }, 'renewing the node lease failed');
      }
      await delay(wait, signal);
    }
  }

  /** renew writes renewTime = now, creating the Lease when there is none. */
  async renew(): Promise<void> {
    const leases = this.clientset.resource('coordination.k8s.io', 'leases');
    const name = this.opts.nodeName;
    if (!this.lease) {
      this.lease = await leases.get(NODE_LEASE_NAMESPACE, name).catch((err: unknown) => {
        if (isApiError(err, 'NotFound')) return undefined;
        throw err;
      });
    }
    const spec = { holderIdentity: name, leaseDurationSeconds: this.durationSeconds, renewTime: microTime() };
    if (!this.lease) {
      const ownerReferences = this.opts.nodeUid ? [{ apiVersion: 'v1', kind: 'Node', name, uid: this.opts.nodeUid }] : undefined;
      this.lease = await leases.create(NODE_LEASE_NAMESPACE, { metadata: { name, namespace: NODE_LEASE_NAMESPACE, ...(ownerReferences ? { ownerReferences } : {}) }, spec });
      this.renewals++;
      return;
    }
    try {
      this.lease = await leases.update(NODE_LEASE_NAMESPACE, { ...this.lease, spec: { ...(this.lease.spec as object), ...spec } });
      this.renewals++;
    } catch (err) {
      // Someone else wrote it (or it was deleted): read it again on the next try.
      if (isApiError(err, 'Conflict') || isApiError(err, 'NotFound')) this.lease = undefined;
      throw err;
    }
  }
}
