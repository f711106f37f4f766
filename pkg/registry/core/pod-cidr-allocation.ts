// A pod CIDR for every Node when it registers (what kube-controller-manager's node IPAM does in
// Kubernetes; here the API server does it so a node has its range before its kubelet starts pods).
import type { KubeObject } from '../../../api/meta/object.js';
import { errors } from '../../../api/status.js';
import { SlotAllocator } from '../allocator/allocator.js';
import { formatIPv4, parseCidr, parseIPv4, type Cidr } from '../allocator/cidr.js';

interface NodeSpec {
  podCIDR?: string;
  podCIDRs?: string[];
}

/** PodCidrAllocator hands out node-sized blocks of the cluster CIDR. */
export class PodCidrAllocator {
  private readonly cluster: Cidr;
  private readonly blocks: SlotAllocator;
  private readonly blockSize: number;

  constructor(clusterCidr: string, private readonly maskSize: number) {
    this.cluster = parseCidr(clusterCidr);
    if (maskSize <= this.cluster.bits || maskSize > 30) throw new Error(`--node-cidr-mask-size ${maskSize} must be longer than the cluster CIDR's /${this.cluster.bits} and at most 30`);
    this.blockSize = 2 ** (32 - maskSize);
    this.blocks = new SlotAllocator(0, this.cluster.size / this.blockSize - 1);
  }

  /** restore marks the block a stored node holds. */
  restore(node: KubeObject): void {
    const slot = this.slotOf(specOf(node).podCIDR);
    if (slot !== undefined) this.blocks.allocate(slot);
  }

  /** allocate gives a new node a block, unless it brought one. */
  allocate(node: KubeObject, dryRun: boolean): void {
    const spec = specOf(node);
    if (spec.podCIDR) {
      const slot = this.slotOf(spec.podCIDR);
      if (slot !== undefined && !dryRun) this.blocks.allocate(slot);
      return;
    }
    const slot = this.blocks.allocateNext();
    if (slot === undefined) throw errors.internal(`no pod CIDR left in ${formatIPv4(this.cluster.base)}/${this.cluster.bits}`);
    if (dryRun) this.blocks.release(slot);
    spec.podCIDR = `${formatIPv4(this.cluster.base + slot * this.blockSize)}/${this.maskSize}`;
    spec.podCIDRs = [spec.podCIDR];
  }

  /** keep carries the old block over an update that omits it (podCIDR is immutable once set). */
  keep(node: KubeObject, old: KubeObject): void {
    const was = specOf(old);
    const spec = specOf(node);
    if (!spec.podCIDR && was.podCIDR) {
      spec.podCIDR = was.podCIDR;
      spec.podCIDRs = was.podCIDRs ?? [was.podCIDR];
    }
  }

  /** release frees a deleted node's block. */
  release(node: KubeObject): void {
    const slot = this.slotOf(specOf(node).podCIDR);
    if (slot !== undefined) this.blocks.release(slot);
  }

  private slotOf(cidr: string | undefined): number | undefined {
    if (!cidr) return undefined;
    const ip = parseIPv4(cidr.split('/')[0] ?? '');
    if (ip === undefined || ip < this.cluster.base || ip >= this.cluster.base + this.cluster.size) return undefined;
    return Math.floor((ip - this.cluster.base) / this.blockSize);
  }
}

function specOf(node: KubeObject): NodeSpec {
  if (typeof node.spec !== 'object' || node.spec === null) node.spec = {};
  return node.spec as NodeSpec;
}
