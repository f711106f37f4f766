// IPv4 CIDR arithmetic for the allocators.

/** Cidr is a parsed IPv4 network. */
export interface Cidr {
  base: number; // network address as an unsigned 32-bit number
  bits: number; // prefix length
  size: number; // number of addresses
}

/** parseIPv4 turns dotted quad text into a number, or undefined. */
export function parseIPv4(text: unknown): number | undefined {
  // Objects are read straight from client JSON, so a field may hold anything at all.
  if (typeof text !== 'string') return undefined;
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(text);
  if (!m) return undefined;
  const octets = m.slice(1).map(Number);
  if (octets.some((o) => o > 255)) return undefined;
  return ((octets[0]! << 24) >>> 0) + (octets[1]! << 16) + (octets[2]! << 8) + octets[3]!;
}

/** formatIPv4 is the inverse of parseIPv4. */
export function formatIPv4(n: number): string {
  return [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join('.');
}

/** parseCidr parses "10.96.0.0/16"; throws on anything else. */
export function parseCidr(text: string): Cidr {
  const [ip, bitsText] = text.split('/');
  const addr = parseIPv4(ip ?? '');
  const bits = Number(bitsText);
  if (addr === undefined || !Number.isInteger(bits) || bits < 8 || bits > 30) throw new Error(`invalid IPv4 CIDR "${text}" (want e.g. 10.96.0.0/16, prefix 8–30)`);
  const size = 2 ** (32 - bits);
  return { base: addr - (addr % size), bits, size };
}

/** contains tells whether ip (a number) is inside cidr. */
export function contains(cidr: Cidr, ip: number): boolean {
  return ip >= cidr.base && ip < cidr.base + cidr.size;
}
