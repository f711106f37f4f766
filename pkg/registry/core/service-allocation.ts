// ClusterIPs and NodePorts for Services: allocated on create, kept on update, released on delete.
// The service range's .1 belongs to the `kubernetes` service and .10 to cluster DNS: handed out
// only when asked for by name, never at random.
import { fieldErrors, type FieldError } from '../../../api/meta/field-error.js';
import type { KubeObject } from '../../../api/meta/object.js';
import { errors } from '../../../api/status.js';
import { SlotAllocator } from '../allocator/allocator.js';
import { contains, formatIPv4, parseCidr, parseIPv4, type Cidr } from '../allocator/cidr.js';

interface ServicePort {
  port?: number;
  nodePort?: number;
  [k: string]: unknown;
}
interface ServiceSpec {
  type?: string;
  clusterIP?: string;
  clusterIPs?: string[];
  ports?: ServicePort[];
}

/** ServiceAllocator owns the ClusterIP and NodePort pools. */
export class ServiceAllocator {
  readonly cidr: Cidr;
  private readonly ips: SlotAllocator;
  private readonly ports: SlotAllocator;

  constructor(serviceCidr: string, nodePortRange: string) {
    this.cidr = parseCidr(serviceCidr);
    const [lo, hi] = nodePortRange.split('-').map(Number);
    if (!Number.isInteger(lo) || !Number.isInteger(hi) || (lo as number) > (hi as number)) throw new Error(`invalid NodePort range "${nodePortRange}" (want e.g. 30000-32767)`);
    // network and broadcast addresses are never used; .1 and .10 only on request
    this.ips = new SlotAllocator(this.cidr.base + 1, this.cidr.base + this.cidr.size - 2, new Set([this.cidr.base + 1, this.cidr.base + 10]));
    this.ports = new SlotAllocator(lo as number, hi as number);
  }

  /** nthIP is the n-th address of the service range (1 → kubernetes, 10 → DNS). */
  nthIP(n: number): string {
    return formatIPv4(this.cidr.base + n);
  }

  /** restore marks what an existing (stored) service holds, at start-up. */
  restore(svc: KubeObject): void {
    const spec = specOf(svc);
    const ip = spec.clusterIP ? parseIPv4(spec.clusterIP) : undefined;
    if (ip !== undefined && contains(this.cidr, ip)) this.ips.allocate(ip, true);
    for (const p of portsOf(spec)) if (p.nodePort) this.ports.allocate(p.nodePort);
  }

  /** allocate gives a new service its ClusterIP and NodePorts (or checks the ones it asks for). */
  allocate(svc: KubeObject, dryRun: boolean): void {
    const spec = specOf(svc);
    const taken: Array<() => void> = [];
    try {
      if (spec.type !== 'ExternalName' && spec.clusterIP !== 'None') {
        const ip = this.takeIP(spec.clusterIP);
        taken.push(() => this.ips.release(ip));
        spec.clusterIP = formatIPv4(ip);
        spec.clusterIPs = [spec.clusterIP];
      } else if (spec.clusterIP === 'None') spec.clusterIPs = ['None'];
      if (spec.type === 'NodePort' || spec.type === 'LoadBalancer') {
        portsOf(spec).forEach((p, i) => {
          p.nodePort = this.takePort(p.nodePort, i);
          const port = p.nodePort;
          taken.push(() => this.ports.release(port));
        });
      }
    } catch (err) {
      taken.forEach((undo) => undo());
      throw err;
    }
    if (dryRun) taken.forEach((undo) => undo());
  }

  /** update keeps the old ClusterIP and NodePorts and allocates ports a type change needs. */
  update(svc: KubeObject, old: KubeObject, dryRun: boolean): void {
    const spec = specOf(svc);
    const was = specOf(old);
    if (!spec.clusterIP && was.clusterIP) {
      spec.clusterIP = was.clusterIP;
      spec.clusterIPs = was.clusterIPs ?? [was.clusterIP];
    }
    if (spec.type !== 'NodePort' && spec.type !== 'LoadBalancer') {
      for (const p of portsOf(spec)) delete p.nodePort;
      return;
    }
    const oldPorts = new Set(portsOf(was).map((p) => p.nodePort).filter((n): n is number => n !== undefined));
    portsOf(spec).forEach((p, i) => {
      const previous = portsOf(was).find((o) => o.port === p.port)?.nodePort;
      if (p.nodePort === undefined && previous !== undefined) p.nodePort = previous;
      if (p.nodePort !== undefined && oldPorts.has(p.nodePort)) return;
      p.nodePort = this.takePort(p.nodePort, i);
      if (dryRun) this.ports.release(p.nodePort);
    });
  }

  /** releaseDropped frees NodePorts an update gave up. */
  releaseDropped(svc: KubeObject, old: KubeObject): void {
    const keep = new Set(portsOf(specOf(svc)).map((p) => p.nodePort));
    for (const p of portsOf(specOf(old))) if (p.nodePort && !keep.has(p.nodePort)) this.ports.release(p.nodePort);
  }

  /** release frees everything a deleted service held. */
  release(svc: KubeObject): void {
    const spec = specOf(svc);
    const ip = spec.clusterIP ? parseIPv4(spec.clusterIP) : undefined;
    if (ip !== undefined && contains(this.cidr, ip)) this.ips.release(ip);
    for (const p of portsOf(spec)) if (p.nodePort) this.ports.release(p.nodePort);
  }

  private takeIP(requested: string | undefined): number {
    if (!requested) {
      const ip = this.ips.allocateNext();
      if (ip === undefined) throw errors.internal(`failed to allocate a serviceIP: range ${formatIPv4(this.cidr.base)}/${this.cidr.bits} is full`);
      return ip;
    }
    if (typeof requested !== 'string') throw invalid([fieldErrors.invalid('spec.clusterIP', requested, 'must be a string')]);
    const ip = parseIPv4(requested);
    const fail = (why: string): never => {
      throw invalid([fieldErrors.invalid('spec.clusterIPs', [requested], `failed to allocate IP ${requested}: ${why}`)]);
    };
    if (ip === undefined) return fail('must be a valid IPv4 address');
    if (!contains(this.cidr, ip)) return fail(`provided IP is not in the valid range. The range of valid IPs is ${formatIPv4(this.cidr.base)}/${this.cidr.bits}`);
    if (!this.ips.allocate(ip, true)) return fail('provided IP is already allocated');
    return ip;
  }

  private takePort(requested: number | undefined, index: number): number {
    if (requested === undefined) {
      const port = this.ports.allocateNext();
      if (port === undefined) throw errors.internal('failed to allocate a nodePort: range is full');
      return port;
    }
    if (!Number.isSafeInteger(requested)) throw invalid([fieldErrors.invalid(`spec.ports[${index}].nodePort`, requested, 'must be an integer')]);
    if (!this.ports.allocate(requested)) {
      const why = requested < this.ports.first || requested > this.ports.last ? `provided port is not in the valid range. The range of valid ports is ${this.ports.first}-${this.ports.last}` : 'provided port is already allocated';
      throw invalid([fieldErrors.invalid(`spec.ports[${index}].nodePort`, requested, why)]);
    }
    return requested;
  }
}

// Stored services may hold ports of any shape (objects written before validation, or ones it let
// through); only port objects take part in allocation.
function portsOf(spec: ServiceSpec): ServicePort[] {
  return Array.isArray(spec.ports) ? spec.ports.filter((p): p is ServicePort => typeof p === 'object' && p !== null) : [];
}

function specOf(svc: KubeObject): ServiceSpec {
  if (typeof svc.spec !== 'object' || svc.spec === null) svc.spec = {};
  return svc.spec as ServiceSpec;
}

function invalid(causes: FieldError[]): Error {
  return errors.invalid('Service', '', '', causes);
}
