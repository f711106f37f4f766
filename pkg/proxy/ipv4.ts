// IPv4 addresses and CIDRs as numbers: enough for the proxy's ranges (the service range, the pod
// network, --nodeport-addresses). pkg/registry has its own copy; roles may not import it.

/** Cidr is a parsed IPv4 CIDR: base address and number of addresses. */
export interface Cidr {
  base: number;
  size: number;
  bits: number;
}

/** parseIPv4 returns the address as an unsigned number, or undefined when text is no IPv4 address. */
export function parseIPv4(text: string): number | undefined {
  const parts = text.split('.');
  if (parts.length !== 4) return undefined;
  let n = 0;
  for (const p of parts) {
    if (!/^\d{1,3}$/.test(p) || Number(p) > 255) return undefined;
    n = n * 256 + Number(p);
  }
  return n;
}

/** formatIPv4 is the dotted form of an address number. */
export function formatIPv4(n: number): string {
  return [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join('.');
}

/** parseCidr parses "a.b.c.d/n"; a bare address is a /32. It throws on anything else. */
export function parseCidr(text: string): Cidr {
  const [ip = '', len = '32'] = text.split('/');
  const addr = parseIPv4(ip);
  const bits = Number(len);
  if (addr === undefined || !/^\d{1,2}$/.test(len) || bits > 32) throw new Error(`invalid IPv4 CIDR "${text}"`);
  const size = 2 ** (32 - bits);
  return { base: addr - (addr % size), size, bits };
}

/** contains tells whether the address (text or number) lies in cidr. */
export function contains(cidr: Cidr, ip: string | number): boolean {
  const n = typeof ip === 'number' ? ip : parseIPv4(ip);
  return n !== undefined && n >= cidr.base && n < cidr.base + cidr.size;
}

/** formatCidr is the canonical text of a CIDR. */
export function formatCidr(cidr: Cidr): string {
  return `${formatIPv4(cidr.base)}/${cidr.bits}`;
}

/** nthIP is the n-th address of cidr (1 → kubernetes, 10 → cluster DNS in the service range). */
export function nthIP(cidr: Cidr, n: number): string {
  return formatIPv4(cidr.base + n);
}

/** isLoopback tells 127.0.0.0/8, which Linux answers on every address of without configuration. */
export function isLoopback(ip: string): boolean {
  return ip.startsWith('127.') && parseIPv4(ip) !== undefined;
}

/** splitHostPort splits "host:port"; the port is required. */
export function splitHostPort(text: string): { host: string; port: number } {
  const i = text.lastIndexOf(':');
  const port = Number(text.slice(i + 1));
  if (i <= 0 || !Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`invalid address "${text}" (want host:port)`);
  return { host: text.slice(0, i).replace(/^\[|\]$/g, ''), port };
}
