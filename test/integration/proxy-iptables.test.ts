// The proxy in iptables mode, for real, inside network namespaces this test makes: a node (API
// server + proxy), two pods with TCP/UDP echo servers on the node's bridge, and an outside
// client on the node's "eth0". All traffic stays in these namespaces; none has a default route.
// ClusterIPs from the node and from pods, NodePorts from outside, ClientIP affinity, refusal
// without endpoints, changes within a second with established connections untouched, cluster
// DNS on the .10 address, and a cleanup that leaves nothing behind.
import t, { type Test } from 'tap';
import { createTopology, EXT_IP, inNetns, ipns, netnsUnavailable, NODE_IP, BRIDGE_IP, startAgent, type Agent, type Pod } from '../lib/netns.js';

const why = netnsUnavailable();
if (why) t.plan(0, `iptables mode needs network namespaces: ${why}`);
else t.test('iptables mode in network namespaces', main);

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

  const info = await node.call<{ mode: string; dns: { host: string; port: number }; dataDir: string }>('cluster', { mode: 'iptables', serviceCidr: '10.96.0.0/16', clusterDns: '10.96.0.10' });
  t.equal(info.mode, 'iptables');
  t.same(info.dns, { host: '10.96.0.10', port: 53 });

  const route = ipns(topo.node, '-o', 'route', 'get', '10.96.0.99');
  t.match(route, /dev kl[0-9a-f]{6}-svc/, 'the service range is routed to the proxy\'s interface');

  const subsets = (pods: Array<{ ip: string }>): unknown[] => (pods.length === 0 ? [] : [{
    addresses: pods.map((p) => ({ ip: p.ip })),
    ports: [{ name: 'tcp', port: 8080, protocol: 'TCP' }, { name: 'udp', port: 8053, protocol: 'UDP' }],
  }]);
  const setEndpoints = (pods: Array<{ ip: string }>): Promise<unknown> => node.call('apply', { resource: 'endpoints', obj: { metadata: { name: 'web' }, subsets: subsets(pods) } });
  const svc = await node.call<{ spec: { clusterIP: string; ports: Array<{ nodePort: number }> } }>('apply', {
    resource: 'services',
    obj: { metadata: { name: 'web' }, spec: { type: 'NodePort', ports: [{ name: 'tcp', port: 80, targetPort: 8080, protocol: 'TCP' }, { name: 'udp', port: 53, targetPort: 8053, protocol: 'UDP' }] } },
  });
  const ip = svc.spec.clusterIP;
  const nodePort = svc.spec.ports[0]?.nodePort as number;
  const udpNodePort = svc.spec.ports[1]?.nodePort as number;
  await setEndpoints([pod0, pod1]);

  const dials = (a: Agent, proto: string, host: string, port: number, count = 30): Promise<string[]> => a.call('dialMany', { proto, host, port, count, timeoutMs: 2000 });
  const until = async (what: string, check: () => Promise<boolean>, ms = 3000): Promise<number> => {
    const start = Date.now();
    while (!(await check())) {
      if (Date.now() - start > ms) throw new Error(`timed out: ${what} (last dials: ${lastNames.join(' ')})\n${node.log().slice(-3000)}`);
      await new Promise((r) => setTimeout(r, 20));
    }
    return Date.now() - start;
  };
  let lastNames: string[] = [];
  const both = (names: string[]): boolean => {
    lastNames = names;
    return names.includes('p0') && names.includes('p1') && names.every((n) => n === 'p0' || n === 'p1');
  };
  await until('first endpoints programmed', async () => both(await dials(node, 'tcp', ip, 80, 10)));

  t.test('ClusterIP from the node reaches both endpoints (TCP and UDP)', async (t) => {
    t.ok(both(await dials(node, 'tcp', ip, 80)), 'TCP');
    t.ok(both(await dials(node, 'udp', ip, 53)), 'UDP');
  });

  t.test('ClusterIP from inside pods, including a pod reaching itself (hairpin)', async (t) => {
    t.ok(both(await dials(p0, 'tcp', ip, 80)), 'p0 → both');
    t.ok(both(await dials(p1, 'udp', ip, 53)), 'p1 → both (UDP)');
  });

  t.test('NodePort answers on every node address', async (t) => {
    t.ok(both(await dials(ext, 'tcp', NODE_IP, nodePort)), 'outside client → node eth0');
    t.ok(both(await dials(ext, 'udp', NODE_IP, udpNodePort)), 'outside client → node eth0 (UDP)');
    t.ok(both(await dials(p0, 'tcp', BRIDGE_IP, nodePort)), 'pod → node bridge address');
    t.ok(both(await dials(node, 'tcp', NODE_IP, nodePort)), 'node → its own address');
    const miss = await ext.call<DialResult>('dial', { proto: 'tcp', host: NODE_IP, port: 30099, timeoutMs: 1000 });
    t.equal(miss.error, 'ECONNREFUSED', 'a port no service has is simply closed');
  });

  t.test('ClientIP affinity sticks', async (t) => {
    await node.call('apply', { resource: 'services', obj: { metadata: { name: 'web' }, spec: { ...svc.spec, sessionAffinity: 'ClientIP' } } });
    await until('affinity programmed', async () => inNetns(topo.node, 'iptables-save', '-t', 'nat').includes('--rcheck'));
    for (const [who, a, host, port] of [['node', node, ip, 80], ['outside', ext, NODE_IP, nodePort], ['pod', p1, ip, 80]] as const) {
      const names = await dials(a, 'tcp', host, port, 15);
      t.equal(new Set(names).size, 1, `${who}: one endpoint for every connection (${names[0]})`);
    }
    await node.call('apply', { resource: 'services', obj: { metadata: { name: 'web' }, spec: { ...svc.spec, sessionAffinity: 'None' } } });
    await until('affinity removed', async () => !inNetns(topo.node, 'iptables-save', '-t', 'nat').includes('--rcheck'));
  });

  t.test('an endpoint change is in effect within 1 s; established connections are untouched', async (t) => {
    let held: { handle: number; name: string } | undefined;
    for (let i = 0; i < 30 && held?.name !== 'p0'; i++) {
      if (held) await node.call('holdClose', { handle: held.handle });
      held = await node.call<{ handle: number; name: string }>('hold', { host: ip, port: 80 });
    }
    t.equal(held?.name, 'p0', 'holding a connection to p0');
    let udp: { handle: number } | undefined;
    for (let i = 0; i < 30; i++) {
      udp = await node.call<{ handle: number }>('udpOpen', { host: ip, port: 53 });
      if ((await node.call<{ name?: string }>('udpSend', { handle: udp.handle })).name === 'p0') break;
    }
    t.equal((await node.call<{ name?: string }>('udpSend', { handle: udp?.handle })).name, 'p0', 'a UDP flow to p0');
    const start = Date.now();
    await setEndpoints([pod1]);
    await until('p0 gone from the rules', async () => (await dials(node, 'tcp', ip, 80, 8)).every((n) => n === 'p1'), 2000);
    const took = Date.now() - start;
    t.ok(took < 1000, `new connections avoid p0 within a second (${took} ms, API write and checking dials included)`);
    t.same((await dials(node, 'udp', ip, 53, 10)).every((n) => n === 'p1'), true, 'UDP too');
    const echo = await node.call<{ echoed?: string }>('holdEcho', { handle: held?.handle, payload: 'still-there' });
    t.equal(echo.echoed, 'still-there', 'the connection to p0 made before the change still works');
    await node.call('holdClose', { handle: held?.handle });
    t.equal((await node.call<{ name?: string }>('udpSend', { handle: udp?.handle })).name, 'p1', 'the UDP flow to the removed p0 moves to p1 (its old state was dropped)');
    const save = inNetns(topo.node, 'iptables-save', '-t', 'nat');
    t.same(save.split('\n').filter((l) => l.includes('-j DNAT')).map((l) => /--to-destination (\S+)/.exec(l)?.[1]).filter((d) => d?.startsWith(`${pod0.ip}:`) || d?.startsWith(`${pod1.ip}:`)).sort(), [`${pod1.ip}:8053`, `${pod1.ip}:8080`], 'only p1 left in the rules (the incremental sync deleted p0\'s chains)');
  });

  t.test('no endpoints: refused at once, from everywhere', async (t) => {
    await setEndpoints([]);
    await until('REJECT programmed', async () => inNetns(topo.node, 'iptables-save', '-t', 'filter').includes('has no endpoints'), 1000);
    for (const [who, a, proto, host, port] of [
      ['node TCP', node, 'tcp', ip, 80], ['node UDP', node, 'udp', ip, 53], ['pod TCP', p0, 'tcp', ip, 80], ['pod UDP', p1, 'udp', ip, 53],
      ['outside NodePort TCP', ext, 'tcp', NODE_IP, nodePort], ['outside NodePort UDP', ext, 'udp', NODE_IP, udpNodePort],
    ] as const) {
      const r = await a.call<DialResult>('dial', { proto, host, port, timeoutMs: 2000 });
      t.equal(r.error, 'ECONNREFUSED', `${who} refused`);
      t.ok(r.ms < 500, `${who} at once (${Math.round(r.ms)} ms)`);
    }
    await setEndpoints([pod0, pod1]);
    await until('endpoints back', async () => both(await dials(node, 'tcp', ip, 80, 10)), 1000);
  });

  t.test('cluster DNS on the .10 address, from the node and from pods', async (t) => {
    for (const a of [node, p0]) {
      const r = await a.call<{ rcode: string; answers: string[] }>('dns', { host: '10.96.0.10', name: 'web.default.svc.cluster.local' });
      t.same(r, { rcode: 'NOERROR', answers: [ip] });
    }
    t.equal((await p1.call<{ rcode: string }>('dns', { host: '10.96.0.10', name: 'example.org' })).rcode, 'REFUSED');
  });

  t.test('metrics', async (t) => {
    const text = await node.call<string>('metrics');
    t.match(text, /kubeproxy_sync_proxy_rules_duration_seconds_count \d+/);
    t.match(text, /kubeproxy_sync_proxy_rules_last_timestamp_seconds \d+/);
    t.match(text, /kubeproxy_programmed_service_ports [1-9]/);
    t.match(text, /kubeproxy_programmed_endpoints [1-9]/);
  });

  t.test('cleanup removes every chain, hook, route and the interface', async (t) => {
    const removed = await node.call<string[]>('stopCluster', { cleanup: true });
    t.ok(removed.length > 0, removed.join('; '));
    for (const table of ['nat', 'filter']) {
      const save = inNetns(topo.node, 'iptables-save', '-t', table);
      t.notMatch(save, /KL[0-9A-F]{6}-/, `nothing of ours in ${table}`);
    }
    t.notMatch(ipns(topo.node, 'link'), /-svc/, 'interface gone');
    t.notMatch(ipns(topo.node, 'route'), /10\.96\./, 'service route gone');
    t.notMatch(ipns(topo.node, 'addr'), /10\.96\.0\.10/, 'DNS address gone');
    const after = await ext.call<DialResult>('dial', { proto: 'tcp', host: NODE_IP, port: nodePort, timeoutMs: 1000 });
    t.equal(after.error, 'ECONNREFUSED', 'the NodePort is closed again');
    t.equal(EXT_IP, '10.255.99.2');
  });
}
