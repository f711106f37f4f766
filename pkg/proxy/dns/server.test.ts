// Cluster DNS answers, queried over UDP (and TCP) on a loopback port, as a pod's resolver would.
import { createSocket } from 'node:dgram';
import { connect } from 'node:net';
import * as dns from 'dns-packet';
import { pino } from 'pino';
import t, { type Test } from 'tap';
import type { KubeObject } from '../../../api/meta/object.js';
import { contains, parseCidr } from '../ipv4.js';
import { startDnsServer, type DnsServer, type DnsServerOptions } from './server.js';
import { CacheDnsView } from './view.js';

const services = new Map<string, KubeObject>();
const endpoints = new Map<string, KubeObject>();
const put = (m: Map<string, KubeObject>, obj: KubeObject): void => void m.set(`${obj.metadata?.namespace}/${obj.metadata?.name}`, obj);
put(services, { metadata: { namespace: 'default', name: 'web' }, spec: { clusterIP: '10.96.0.20', ports: [{ name: 'http', port: 80, protocol: 'TCP' }, { name: 'dns', port: 53, protocol: 'UDP' }] } });
put(services, { metadata: { namespace: 'db', name: 'pg' }, spec: { clusterIP: 'None', ports: [{ name: 'pg', port: 5432, protocol: 'TCP' }] } });
put(endpoints, { metadata: { namespace: 'db', name: 'pg' }, subsets: [{ addresses: [{ ip: '10.244.1.5', hostname: 'pg-0' }, { ip: '10.244.2.6' }], notReadyAddresses: [{ ip: '10.244.3.7' }], ports: [{ name: 'pg', port: 15432, protocol: 'TCP' }] }] });
put(services, { metadata: { namespace: 'default', name: 'search' }, spec: { type: 'ExternalName', externalName: 'search.example.org' } });
const view = new CacheDnsView({ service: (k) => services.get(k), endpoints: (k) => endpoints.get(k), services: () => [...services.values()] });
const serviceCidr = parseCidr('10.96.0.0/16');

function options(over: Partial<DnsServerOptions> = {}): DnsServerOptions {
  return {
    host: '127.0.0.1', port: 0, domain: 'cluster.local', view, ownRanges: [(ip) => contains(serviceCidr, ip)],
    upstreams: [], upstreamTimeoutMs: 500, tcpIdleTimeoutMs: 2000, logger: pino({ level: 'silent' }), ...over,
  };
}

async function server(t: Test, over: Partial<DnsServerOptions> = {}): Promise<DnsServer> {
  const s = await startDnsServer(options(over));
  t.teardown(() => s.close());
  return s;
}

let nextId = 1;
function query(s: { host: string; port: number }, name: string, type: dns.RecordType = 'A'): Promise<dns.DecodedPacket & { rcode?: string }> {
  const sock = createSocket('udp4');
  const id = nextId++;
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      sock.close();
      reject(new Error(`no answer for ${name} ${type}`));
    }, 2000);
    sock.on('message', (m) => {
      clearTimeout(timer);
      sock.close();
      resolve(dns.decode(m) as dns.DecodedPacket & { rcode?: string });
    });
    sock.send(dns.encode({ type: 'query', id, flags: dns.RECURSION_DESIRED, questions: [{ type, name, class: 'IN' }] }), s.port, s.host);
  });
}

const data = (p: dns.Packet): unknown[] => (p.answers ?? []).map((a) => (a as { data: unknown }).data);

t.test('A records: ClusterIP, headless endpoints, endpoint hostnames, pods; CNAME for ExternalName', async (t) => {
  const s = await server(t);
  const web = await query(s, 'web.default.svc.cluster.local');
  t.equal(web.rcode, 'NOERROR');
  t.ok(web.flag_aa, 'authoritative');
  t.same(data(web), ['10.96.0.20']);
  t.equal((web.answers?.[0] as { ttl?: number } | undefined)?.ttl, 5);
  t.same(data(await query(s, 'WEB.Default.svc.cluster.local.')), ['10.96.0.20'], 'case and trailing dot do not matter');
  t.same(data(await query(s, 'pg.db.svc.cluster.local')).sort(), ['10.244.1.5', '10.244.2.6'], 'headless: ready endpoints only');
  t.same(data(await query(s, 'pg-0.pg.db.svc.cluster.local')), ['10.244.1.5'], 'by hostname');
  t.same(data(await query(s, '10-244-2-6.pg.db.svc.cluster.local')), ['10.244.2.6'], 'by dashed IP');
  t.same(data(await query(s, '10-244-9-9.db.pod.cluster.local')), ['10.244.9.9']);
  const ext = await query(s, 'search.default.svc.cluster.local');
  t.same(ext.answers?.map((a) => [a.type, (a as { data: unknown }).data]), [['CNAME', 'search.example.org']]);
});

t.test('SRV for named ports: the service, or each endpoint of a headless one', async (t) => {
  const s = await server(t);
  const http = await query(s, '_http._tcp.web.default.svc.cluster.local', 'SRV');
  t.same(data(http), [{ priority: 0, weight: 100, port: 80, target: 'web.default.svc.cluster.local' }]);
  t.same(data({ answers: http.additionals ?? [] }), ['10.96.0.20'], 'the target\'s A as additional');
  t.same(data(await query(s, '_dns._udp.web.default.svc.cluster.local', 'SRV')).map((d) => (d as { port: number }).port), [53]);
  const pg = await query(s, '_pg._tcp.pg.db.svc.cluster.local', 'SRV');
  t.same(data(pg).map((d) => `${(d as { target: string }).target}:${(d as { port: number }).port}`).sort(), ['10-244-2-6.pg.db.svc.cluster.local:15432', 'pg-0.pg.db.svc.cluster.local:15432']);
  t.equal((await query(s, '_nope._tcp.web.default.svc.cluster.local', 'SRV')).rcode, 'NXDOMAIN');
  t.equal((await query(s, '_http._udp.web.default.svc.cluster.local', 'SRV')).rcode, 'NXDOMAIN', 'protocol must match');
});

t.test('search-path friendly: NXDOMAIN with SOA at once, NODATA for other types, REFUSED outside', async (t) => {
  const s = await server(t);
  const started = performance.now();
  // What a pod in namespace "app" with ndots:5 asks for "web.default" before the right name.
  for (const name of ['web.default.app.svc.cluster.local', 'web.default.svc.cluster.local.svc.cluster.local', 'web.default.cluster.local', 'nope.default.svc.cluster.local', '1-2-3.db.pod.cluster.local']) {
    const r = await query(s, name);
    t.equal(r.rcode, 'NXDOMAIN', name);
    t.equal(r.authorities?.[0]?.type, 'SOA', 'negative answers carry the SOA');
  }
  const aaaa = await query(s, 'web.default.svc.cluster.local', 'AAAA');
  t.equal(aaaa.rcode, 'NOERROR', 'AAAA of an existing name is NODATA, not NXDOMAIN');
  t.same(aaaa.answers, []);
  t.equal((await query(s, 'default.svc.cluster.local')).rcode, 'NOERROR', 'a namespace with services exists');
  t.equal((await query(s, 'ghost.svc.cluster.local')).rcode, 'NXDOMAIN');
  t.equal((await query(s, 'cluster.local', 'SOA')).answers?.[0]?.type, 'SOA');
  const outside = await query(s, 'example.org');
  t.equal(outside.rcode, 'REFUSED', 'never forwarded without --dns-upstream');
  t.notOk(outside.flag_aa);
  t.ok(performance.now() - started < 1000, 'all of it well under a second');
});

t.test('PTR for ClusterIPs; other reverse names of our ranges are NXDOMAIN, the rest outside', async (t) => {
  const s = await server(t);
  t.same(data(await query(s, '20.0.96.10.in-addr.arpa', 'PTR')), ['web.default.svc.cluster.local']);
  t.equal((await query(s, '99.0.96.10.in-addr.arpa', 'PTR')).rcode, 'NXDOMAIN');
  t.equal((await query(s, '1.1.168.192.in-addr.arpa', 'PTR')).rcode, 'REFUSED');
});

t.test('TCP: length-prefixed queries, several on one connection', async (t) => {
  const s = await server(t);
  const sock = connect(s.port, s.host);
  t.teardown(() => sock.destroy());
  const q = (id: number, name: string): Buffer => dns.streamEncode({ type: 'query', id, questions: [{ type: 'A', name, class: 'IN' }] });
  sock.write(Buffer.concat([q(7, 'web.default.svc.cluster.local'), q(8, 'nope.default.svc.cluster.local')]));
  const replies: dns.DecodedPacket[] = [];
  let buf = Buffer.alloc(0);
  await new Promise<void>((resolve) => sock.on('data', (c: Buffer) => {
    buf = Buffer.concat([buf, c]);
    while (buf.length >= 2 && buf.length >= 2 + buf.readUInt16BE(0)) {
      replies.push(dns.decode(buf.subarray(2, 2 + buf.readUInt16BE(0))));
      buf = buf.subarray(2 + buf.readUInt16BE(0));
    }
    if (replies.length === 2) resolve();
  }));
  const byId = new Map(replies.map((r) => [r.id, r as dns.DecodedPacket & { rcode?: string }]));
  t.same(data(byId.get(7) as dns.Packet), ['10.96.0.20']);
  t.equal(byId.get(8)?.rcode, 'NXDOMAIN');
});

t.test('an explicitly configured upstream gets outside names; a silent one means SERVFAIL', async (t) => {
  const upstream = createSocket('udp4');
  await new Promise<void>((r) => upstream.bind(0, '127.0.0.1', () => r()));
  t.teardown(() => upstream.close());
  upstream.on('message', (m, from) => {
    const q = dns.decode(m);
    if (q.questions?.[0]?.name === 'silent.example') return;
    upstream.send(dns.encode({ type: 'response', id: q.id, questions: q.questions, answers: [{ type: 'A', name: q.questions?.[0]?.name ?? '', data: '127.9.9.9' }] }), from.port, from.address);
  });
  const s = await server(t, { upstreams: [{ host: '127.0.0.1', port: upstream.address().port }], upstreamTimeoutMs: 200 });
  t.same(data(await query(s, 'example.org')), ['127.9.9.9']);
  t.equal((await query(s, 'silent.example')).rcode, 'SERVFAIL');
  t.same(data(await query(s, 'web.default.svc.cluster.local')), ['10.96.0.20'], 'cluster names are still ours');
});

t.test('a packet that is no DNS query gets FORMERR (or nothing when too short)', async (t) => {
  const s = await server(t);
  const sock = createSocket('udp4');
  t.teardown(() => sock.close());
  const reply = new Promise<Buffer>((r) => sock.once('message', r));
  sock.send(Buffer.from([0x12, 0x34, 0x01, 0x00, 0, 5, 0, 0, 0, 0, 0, 0, 0xff]), s.port, s.host);
  const r = dns.decode(await reply) as dns.DecodedPacket & { rcode?: string };
  t.equal(r.id, 0x1234);
  t.equal(r.rcode, 'FORMERR');
});
