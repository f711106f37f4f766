// Endpoint choice of the userspace proxy: round-robin, or sticky per client IP when the service
// asks for ClientIP affinity (the old userspace kube-proxy's LoadBalancerRR). A client whose
// endpoint went away, or who was idle past the timeout, is balanced afresh.
import type { Endpoint } from '../service-table.js';

interface Sticky {
  endpoint: string;
  lastUsed: number;
}

const keyOf = (e: Endpoint): string => `${e.ip}:${e.port}`;

/** LoadBalancer picks endpoints for one service port. */
export class LoadBalancer {
  private endpoints: Endpoint[] = [];
  private next = 0;
  private affinityMs = 0;
  private readonly sticky = new Map<string, Sticky>();

  constructor(private readonly now: () => number = Date.now) {}

  /** update replaces the endpoints and the affinity timeout (0: none), keeping stickiness to endpoints still there. */
  update(endpoints: readonly Endpoint[], affinitySeconds: number): void {
    const same = endpoints.length === this.endpoints.length && endpoints.every((e, i) => keyOf(e) === keyOf(this.endpoints[i] as Endpoint));
    this.affinityMs = affinitySeconds * 1000;
    if (same) return;
    this.endpoints = [...endpoints];
    this.next = 0;
    const live = new Set(this.endpoints.map(keyOf));
    for (const [ip, s] of this.sticky) if (!live.has(s.endpoint)) this.sticky.delete(ip);
    if (this.affinityMs === 0) this.sticky.clear();
  }

  /** has tells whether ep is still one of the endpoints. */
  has(ep: Endpoint): boolean {
    return this.endpoints.some((e) => e.ip === ep.ip && e.port === ep.port);
  }

  /** size is the number of endpoints. */
  get size(): number {
    return this.endpoints.length;
  }

  /** pick returns the endpoint for a new connection from clientIP; skip excludes endpoints that just failed. */
  pick(clientIP: string, skip: ReadonlySet<string> = new Set()): Endpoint | undefined {
    const now = this.now();
    if (this.affinityMs > 0) {
      const s = this.sticky.get(clientIP);
      if (s && now - s.lastUsed <= this.affinityMs && !skip.has(s.endpoint)) {
        const e = this.endpoints.find((x) => keyOf(x) === s.endpoint);
        if (e) {
          s.lastUsed = now;
          return e;
        }
      }
    }
    for (let tries = 0; tries < this.endpoints.length; tries++) {
      const e = this.endpoints[this.next % this.endpoints.length] as Endpoint;
      this.next = (this.next + 1) % this.endpoints.length;
      if (skip.has(keyOf(e))) continue;
      if (this.affinityMs > 0) {
        this.sweep(now);
        this.sticky.set(clientIP, { endpoint: keyOf(e), lastUsed: now });
      }
      return e;
    }
    return undefined;
  }

  // Expired entries are dropped when new ones are added, so the map is bounded by active clients.
  private sweep(now: number): void {
    if (this.sticky.size < 1024) return;
    for (const [ip, s] of this.sticky) if (now - s.lastUsed > this.affinityMs) this.sticky.delete(ip);
  }
}

/** endpointKey is "ip:port". */
export const endpointKey = keyOf;
