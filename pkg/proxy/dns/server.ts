// The cluster DNS server: UDP and TCP on one address, packets parsed and built with dns-packet
// (a small, long-lived, dependency-light codec that handles name compression, EDNS and the TCP
// length prefix, all easy to get subtly wrong by hand). Names outside the cluster domain are
// REFUSED at once unless --dns-upstream names servers to forward them to: by default nothing
// is ever sent off the machine.
import { createSocket, type Socket as UdpSocket } from 'node:dgram';
import { createServer, type Socket } from 'node:net';
import * as dns from 'dns-packet';
import type { Logger } from '../../util/log.js';
import type { ProxyMetrics } from '../metrics.js';
import { resolve, type DnsView } from './resolve.js';

/** DnsServerOptions configure the server. */
export interface DnsServerOptions {
  host: string;
  /** 0 picks a free port (tests) */
  port: number;
  domain: string;
  view: DnsView;
  /** which reverse names are ours (NXDOMAIN when unknown) rather than outside */
  ownRanges: ReadonlyArray<(ip: string) => boolean>;
  upstreams: ReadonlyArray<{ host: string; port: number }>;
  upstreamTimeoutMs: number;
  tcpIdleTimeoutMs: number;
  metrics?: ProxyMetrics;
  logger: Logger;
}

/** DnsServer is a running server. */
export interface DnsServer {
  host: string;
  port: number;
  close(): Promise<void>;
}

const RCODES: Record<string, number> = { NOERROR: 0, FORMERR: 1, SERVFAIL: 2, NXDOMAIN: 3, REFUSED: 5 };

/** startDnsServer binds UDP and TCP on host:port and serves until close(). */
export async function startDnsServer(opts: DnsServerOptions): Promise<DnsServer> {
  const udp = createSocket({ type: 'udp4' });
  await new Promise<void>((res, rej) => {
    udp.once('error', rej);
    udp.bind({ address: opts.host, port: opts.port, exclusive: true }, () => {
      udp.off('error', rej);
      res();
    });
  });
  const port = udp.address().port;
  const conns = new Set<Socket>();
  const tcp = createServer((sock) => serveTcp(sock, opts, conns));
  try {
    await new Promise<void>((res, rej) => {
      tcp.once('error', rej);
      tcp.listen({ host: opts.host, port, exclusive: true }, () => res());
    });
  } catch (err) {
    udp.close();
    throw err;
  }
  udp.on('error', (err) => opts.logger.warn({ err }, 'DNS UDP socket failed'));
  udp.on('message', (msg, from) => {
    void answer(msg, opts, 'udp').then((reply) => {
      if (reply) udp.send(reply, from.port, from.address);
    });
  });
  return {
    host: opts.host,
    port,
    close: async () => {
      udp.close();
      for (const c of conns) c.destroy();
      await new Promise<void>((res) => tcp.close(() => res()));
    },
  };
}

// DNS over TCP: each message is preceded by its length in two bytes; a connection may carry many.
function serveTcp(sock: Socket, opts: DnsServerOptions, conns: Set<Socket>): void {
  conns.add(sock);
  sock.setTimeout(opts.tcpIdleTimeoutMs, () => sock.destroy());
  sock.on('error', () => sock.destroy());
  sock.on('close', () => conns.delete(sock));
  let buf = Buffer.alloc(0);
  sock.on('data', (chunk: Buffer) => {
    buf = Buffer.concat([buf, chunk]);
    while (buf.length >= 2 && buf.length >= 2 + buf.readUInt16BE(0)) {
      const msg = buf.subarray(2, 2 + buf.readUInt16BE(0));
      buf = buf.subarray(2 + msg.length);
      void answer(msg, opts, 'tcp').then((reply) => {
        if (!reply || sock.destroyed) return;
        const len = Buffer.alloc(2);
        len.writeUInt16BE(reply.length);
        sock.write(Buffer.concat([len, reply]));
      });
    }
  });
}

/** answer builds the reply to one query packet; undefined when the packet is not worth a reply. */
export async function answer(msg: Buffer, opts: DnsServerOptions, transport: 'udp' | 'tcp'): Promise<Buffer | undefined> {
  let query: dns.DecodedPacket;
  try {
    query = dns.decode(msg);
  } catch {
    if (msg.length < 12) return undefined;
    return reply(opts, transport, { id: msg.readUInt16BE(0), flags: 0 }, 'FORMERR');
  }
  const q = query.questions?.[0];
  if (query.type !== 'query' || !q || (query.questions?.length ?? 0) !== 1) return reply(opts, transport, query, 'FORMERR');
  const r = resolve(q, opts.view, opts.domain, opts.ownRanges);
  if (r === 'outside') {
    if (opts.upstreams.length === 0) return reply(opts, transport, query, 'REFUSED', false);
    const forwarded = await forward(msg, opts);
    opts.metrics?.dnsRequests.inc({ rcode: forwarded ? 'FORWARDED' : 'SERVFAIL', transport });
    return forwarded ?? reply(opts, transport, query, 'SERVFAIL', false);
  }
  const limit = transport === 'tcp' ? 65535 : Math.max(512, query.additionals?.find((x) => x.type === 'OPT')?.udpPayloadSize ?? 512);
  const packet: dns.Packet = {
    type: 'response', id: query.id, flags: dns.AUTHORITATIVE_ANSWER | ((query.flags ?? 0) & dns.RECURSION_DESIRED) | (RCODES[r.rcode] as number),
    questions: [q], answers: r.answers, authorities: r.authorities, additionals: r.additionals,
  };
  opts.metrics?.dnsRequests.inc({ rcode: r.rcode, transport });
  if (dns.encodingLength(packet) <= limit) return dns.encode(packet);
  // Too big for UDP: the truncation bit makes the client ask again over TCP.
  return dns.encode({ ...packet, flags: (packet.flags ?? 0) | dns.TRUNCATED_RESPONSE, answers: [], authorities: [], additionals: [] });
}

function reply(opts: DnsServerOptions, transport: string, query: { id?: number; flags?: number; questions?: dns.Question[] }, rcode: string, authoritative = true): Buffer {
  opts.metrics?.dnsRequests.inc({ rcode, transport });
  const flags = (authoritative ? dns.AUTHORITATIVE_ANSWER : 0) | ((query.flags ?? 0) & dns.RECURSION_DESIRED) | (RCODES[rcode] as number);
  return dns.encode({ type: 'response', id: query.id ?? 0, flags, questions: query.questions ?? [] });
}

// forward relays the raw query to the first upstream that answers in time (UDP).
async function forward(msg: Buffer, opts: DnsServerOptions): Promise<Buffer | undefined> {
  const id = msg.readUInt16BE(0);
  for (const up of opts.upstreams) {
    const sock: UdpSocket = createSocket('udp4');
    const got = await new Promise<Buffer | undefined>((res) => {
      const timer = setTimeout(() => res(undefined), opts.upstreamTimeoutMs);
      sock.on('error', () => {
        clearTimeout(timer);
        res(undefined);
      });
      sock.on('message', (m, from) => {
        if (from.address !== up.host || m.length < 2 || m.readUInt16BE(0) !== id) return;
        clearTimeout(timer);
        res(m);
      });
      sock.send(msg, up.port, up.host);
    });
    sock.close();
    if (got) return got;
  }
  return undefined;
}
