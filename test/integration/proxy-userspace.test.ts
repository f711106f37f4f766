// The proxy in userspace mode with a real API server, as a root-less process-runtime node would
// run it: --service-cluster-ip-range inside 127.0.0.0/8, so the proxy binds each ClusterIP with
// no NAT and no interface. Endpoints may not be loopback addresses (API validation), so the
// "pods" are echo servers in network namespaces behind the node's bridge, and the node itself is
// a namespace this test makes: every packet stays in namespaces it created.
import t, { type Test } from 'tap';
import { createTopology, inNetns, ipns, netnsUnavailable, NODE_IP, startAgent, type Agent, type Pod } from '../lib/netns.js';

const why = netnsUnavailable(['ip', 'iptables']);
if (why) t.plan(0, `the userspace test runs its pods in network namespaces: ${why}`);
else t.test('userspace mode', main);

interface DialResult { name?: string; error?: string; ms: number }

async function main(t: Test): Promise<void> {
  const topo = createTopology(2);
  t.teardown(() => topo.destroy());
  const [node, p0, p1, ext] = await Promise.all([startAgent(topo.node), ...topo.pods.map((p) => startAgent(p.ns)), startAgent(topo.ext)]) as [Agent, Agent, Agent, Agent];
  t.teardown(async () => {
    await Promise.all([node, p0, p1, ext].map((a) => a.close()));
  });
  await p0.call('echo', { name: 'p0', tcp: [8080], udp: [8053] });
  await p1.call('echo', { name: 'p1', tcp: [8080], udp: [8053] });
  const [pod0, pod1] = topo.pods as [Pod, Pod];

  const info = await node.call<{ mode: string; dns: { host: string; port: number } }>('cluster', {
    mode: 'userspace', serviceCidr: '127.96.0.0/16', clusterDns: '127.96.0.10', proxy: { proxyUdpIdleTimeout: 60_000 },
  });
  t.equal(info.mode, 'userspace');

  const subsets = (pods: Pod[]): unknown[] => (pods.length === 0 ? [] : [{
    addresses: pods.map((p) => ({ ip: p.ip })),
    ports: [{ name: 'tcp', port: 8080, protocol: 'TCP' }, { name: 'udp', port: 8053, protocol: 'UDP' }],
  }]);
  const setEndpoints = (pods: Pod[]): Promise<unknown> => node.call('apply', { resource: 'endpoints', obj: { metadata: { name: 'echo' }, subsets: subsets(pods) } });
  const spec = { type: 'NodePort', ports: [{ name: 'tcp', port: 80, targetPort: 8080, protocol: 'TCP' }, { name: 'udp', port: 53, targetPort: 8053, protocol: 'UDP' }] };
  const svc = await node.call<{ spec: { clusterIP: string; ports: Array<{ nodePort: number }> } }>('apply', { resource: 'services', obj: { metadata: { name: 'echo' }, spec } });
  const ip = svc.spec.clusterIP;
  const nodePort = svc.spec.ports[0]?.nodePort as number;
  t.match(ip, /^127\.96\./, 'the ClusterIP is a loopback address');
  await setEndpoints([pod0, pod1]);

  const dials = (a: Agent, proto: string, host: string, port: number, count = 10): Promise<string[]> => a.call('dialMany', { proto, host, port, count, timeoutMs: 2000 });
  let last: string[] = [];
  const until = async (what: string, check: () => Promise<boolean>, ms: number): Promise<number> => {
    const start = Date.now();
    while (!(await check())) {
      if (Date.now() - start > ms) throw new Error(`timed out: ${what} (last: ${last.join(' ')})\n${node.log().slice(-3000)}`);
      await new Promise((r) => setTimeout(r, 20));
    }
    return Date.now() - start;
  };
  const alternates = (names: string[]): boolean => {
    last = names;
    return names.every((n, i) => (n === 'p0' || n === 'p1') && (i === 0 || n !== names[i - 1]));
  };
  await until('listening', async () => alternates(await dials(node, 'tcp', ip, 80, 4)), 5000);

  t.test('round-robin over both endpoints, TCP and UDP', async (t) => {
    t.ok(alternates(await dials(node, 'tcp', ip, 80)), `TCP alternates: ${last.join(' ')}`);
    t.ok(alternates(await dials(node, 'udp', ip, 53)), `UDP alternates (one session per client port): ${last.join(' ')}`);
  });

  t.test('NodePort answers from outside the node', async (t) => {
    t.ok(alternates(await dials(ext, 'tcp', NODE_IP, nodePort)), last.join(' '));
  });

  t.test('ClientIP affinity sticks', async (t) => {
    await node.call('apply', { resource: 'services', obj: { metadata: { name: 'echo' }, spec: { ...svc.spec, sessionAffinity: 'ClientIP' } } });
    await until('affinity on', async () => new Set((last = await dials(node, 'tcp', ip, 80, 6))).size === 1, 2000);
    for (const [who, a, proto, host, port] of [['node TCP', node, 'tcp', ip, 80], ['node UDP', node, 'udp', ip, 53], ['outside NodePort', ext, 'tcp', NODE_IP, nodePort]] as const) {
      const names = await dials(a, proto, host, port, 12);
      t.equal(new Set(names).size, 1, `${who}: ${names.join(' ')}`);
    }
    await node.call('apply', { resource: 'services', obj: { metadata: { name: 'echo' }, spec: { ...svc.spec, sessionAffinity: 'None' } } });
    await until('affinity off', async () => alternates(await dials(node, 'tcp', ip, 80, 4)), 2000);
  });

  t.test('an endpoint change is in effect within 1 s; established connections are untouched', async (t) => {
    let held: { handle: number; name: string } | undefined;
    for (let i = 0; i < 4 && held?.name !== 'p0'; i++) {
      if (held) await node.call('holdClose', { handle: held.handle });
      held = await node.call<{ handle: number; name: string }>('hold', { host: ip, port: 80 });
    }
    t.equal(held?.name, 'p0');
    let udp: { handle: number } | undefined;
    for (let i = 0; i < 4; i++) {
      udp = await node.call<{ handle: number }>('udpOpen', { host: ip, port: 53 });
      if ((await node.call<{ name?: string }>('udpSend', { handle: udp.handle })).name === 'p0') break;
    }
    t.equal((await node.call<{ name?: string }>('udpSend', { handle: udp?.handle })).name, 'p0', 'a UDP flow to p0');
    const start = Date.now();
    await setEndpoints([pod1]);
    await until('p0 gone', async () => (last = await dials(node, 'tcp', ip, 80, 4)).every((n) => n === 'p1'), 2000);
    const took = Date.now() - start;
    t.ok(took < 1000, `new connections avoid p0 within a second (${took} ms, API write and checking dials included)`);
    t.ok((await dials(node, 'udp', ip, 53, 4)).every((n) => n === 'p1'), 'UDP too');
    t.equal((await node.call<{ echoed?: string }>('holdEcho', { handle: held?.handle, payload: 'still-there' })).echoed, 'still-there');
    await node.call('holdClose', { handle: held?.handle });
    t.equal((await node.call<{ name?: string }>('udpSend', { handle: udp?.handle })).name, 'p1', 'the UDP flow to the removed p0 moves to p1 (its old state was dropped)');
  });

  t.test('no endpoints: refused at once (no listener), and back', async (t) => {
    await setEndpoints([]);
    await until('listener closed', async () => (last = await dials(node, 'tcp', ip, 80, 1))[0] === '!ECONNREFUSED', 1000);
    for (const [who, a, proto, host, port] of [['TCP', node, 'tcp', ip, 80], ['UDP', node, 'udp', ip, 53], ['NodePort', ext, 'tcp', NODE_IP, nodePort]] as const) {
      const r = await a.call<DialResult>('dial', { proto, host, port, timeoutMs: 2000 });
      t.equal(r.error, 'ECONNREFUSED', `${who} refused`);
      t.ok(r.ms < 500, `${who} at once (${Math.round(r.ms)} ms)`);
    }
    await setEndpoints([pod0, pod1]);
    await until('listening again', async () => alternates(await dials(node, 'tcp', ip, 80, 4)), 1000);
  });

  t.test('cluster DNS on the loopback .10 address', async (t) => {
    t.same(info.dns, { host: '127.96.0.10', port: 53 });
    t.same(await node.call('dns', { host: '127.96.0.10', name: 'echo.default.svc.cluster.local' }), { rcode: 'NOERROR', answers: [ip] });
  });

  t.test('metrics: connections and bytes per service', async (t) => {
    const text = await node.call<string>('metrics');
    const value = (re: RegExp): number => Number(re.exec(text)?.[1] ?? 0);
    t.ok(value(/kubeproxy_userspace_connections_total\{service="default\/echo:tcp",protocol="TCP"\} (\d+)/) >= 20, 'TCP connections counted');
    t.ok(value(/kubeproxy_userspace_connections_total\{service="default\/echo:udp",protocol="UDP"\} (\d+)/) >= 10, 'UDP sessions counted');
    t.ok(value(/kubeproxy_userspace_bytes_total\{service="default\/echo:tcp",direction="out"\} (\d+)/) > 0, 'bytes out');
    t.ok(value(/kubeproxy_userspace_bytes_total\{service="default\/echo:udp",direction="in"\} (\d+)/) > 0, 'bytes in');
    t.match(text, /kubeproxy_sync_proxy_rules_last_timestamp_seconds \d+/);
    t.match(text, /kubeproxy_programmed_endpoints [1-9]/);
  });

  t.test('stopping closes every listener; nothing was added to the node', async (t) => {
    await node.call('stopCluster', { cleanup: true });
    const r = await node.call<DialResult>('dial', { proto: 'tcp', host: ip, port: 80, timeoutMs: 1000 });
    t.equal(r.error, 'ECONNREFUSED');
    t.notMatch(ipns(topo.node, 'link'), /-svc/, 'no interface: loopback ClusterIPs need none');
    t.notMatch(inNetns(topo.node, 'iptables-save'), /KL[0-9A-F]{6}-/, 'and no rules');
  });
}
