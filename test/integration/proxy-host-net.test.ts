// The proxy's interface and route handling, in a network namespace this test makes: the service
// range never falls back to the default route while a proxy's interface is there, two proxies in
// one namespace keep their own routes, and the safety check refuses a range that would leave by
// the default route. No traffic is sent.
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import t from 'tap';
import { exec, type Exec } from '../../pkg/proxy/exec.js';
import { addInterfaceAddress, checkServiceRoute, ensureServiceInterface, removeServiceInterface } from '../../pkg/proxy/host-net.js';
import { netnsId, type RegistryEntry } from '../../pkg/proxy/names.js';
import { sweepOrphans } from '../../pkg/proxy/orphans.js';
import { createTopology, ipns, netnsUnavailable } from '../lib/netns.js';

const why = netnsUnavailable(['ip']);
if (why) t.plan(0, `needs a network namespace: ${why}`);
else {
  t.test('interfaces, appended routes and the default-route check', async (t) => {
    const topo = createTopology(0);
    t.teardown(() => topo.destroy());
    const inNode: Exec = (cmd, args, input) => exec('ip', ['netns', 'exec', topo.node, cmd, ...args], input);
    // A default route in this namespace only, toward the "ext" namespace, to be refused.
    ipns(topo.node, 'route', 'add', 'default', 'via', '10.255.99.2');
    await t.rejects(checkServiceRoute(inNode, '10.96.0.1'), /default route/, 'no service route yet: refused');

    await ensureServiceInterface(inNode, 'ka-svc', '10.96.0.0/16');
    await ensureServiceInterface(inNode, 'ka-svc', '10.96.0.0/16');
    await ensureServiceInterface(inNode, 'kb-svc', '10.96.0.0/16');
    await addInterfaceAddress(inNode, 'kb-svc', '10.96.0.10');
    t.equal(ipns(topo.node, 'route', 'show', '10.96.0.0/16').trim().split('\n').length, 2, 'one route per proxy, idempotent');
    await t.resolves(checkServiceRoute(inNode, '10.96.0.1'));
    t.same(await removeServiceInterface(inNode, 'ka-svc'), ['interface ka-svc (and the service range route)']);
    t.match(ipns(topo.node, '-o', 'route', 'get', '10.96.0.1'), /dev kb-svc/, 'the other proxy keeps the range');
    t.match(ipns(topo.node, '-o', 'route', 'get', '10.96.0.10'), /local 10\.96\.0\.10 dev lo/, 'the DNS address is local');
    t.same(await removeServiceInterface(inNode, 'kb-svc'), ['interface kb-svc (and the service range route)']);
    t.same(await removeServiceInterface(inNode, 'kb-svc'), [], 'gone already: nothing to do');
    await t.rejects(checkServiceRoute(inNode, '10.96.0.1'), /default route/);
  });

  t.test('orphans: only a dead proxy of a deleted data dir, in this namespace, is swept', async (t) => {
    const topo = createTopology(0);
    const registry = mkdtempSync(join(tmpdir(), 'kubelite-registry-'));
    const liveDir = mkdtempSync(join(tmpdir(), 'kubelite-live-'));
    t.teardown(() => {
      topo.destroy();
      rmSync(registry, { recursive: true, force: true });
      rmSync(liveDir, { recursive: true, force: true });
    });
    const inNode: Exec = (cmd, args, input) => exec('ip', ['netns', 'exec', topo.node, cmd, ...args], input);
    const dead = 2 ** 22 + 12345; // above pid_max's default: never a live process
    const entries: RegistryEntry[] = [
      { prefix: 'KZA', iface: 'kza-svc', pid: dead, dataDir: '/nonexistent/kubelite-a', netns: netnsId() },
      { prefix: 'KZB', iface: 'kzb-svc', pid: process.pid, dataDir: '/nonexistent/kubelite-b', netns: netnsId() },
      { prefix: 'KZC', iface: 'kzc-svc', pid: dead, dataDir: liveDir, netns: netnsId() },
      { prefix: 'KZD', iface: 'kzd-svc', pid: dead, dataDir: '/nonexistent/kubelite-d', netns: netnsId() + 1 },
    ];
    for (const e of entries) {
      writeFileSync(join(registry, `${e.prefix}.json`), JSON.stringify(e));
      await ensureServiceInterface(inNode, e.iface, '10.96.0.0/16');
      await inNode('iptables-restore', ['-w', '5', '--noflush'], `*nat\n:${e.prefix}-SERVICES - [0:0]\n-A PREROUTING -j ${e.prefix}-SERVICES\nCOMMIT\n`);
    }
    const removed = await sweepOrphans(inNode, 'KZX', registry);
    t.same(removed, ['iptables nat rule PREROUTING -j KZA-SERVICES', 'iptables nat chains KZA-* (1)', 'interface kza-svc (and the service range route)']);
    t.same(readdirSync(registry).sort(), ['KZB.json', 'KZC.json', 'KZD.json'], 'live, kept and foreign entries stay');
    const links = ipns(topo.node, '-br', 'link');
    for (const kept of ['kzb-svc', 'kzc-svc', 'kzd-svc']) t.match(links, kept);
    t.same(await sweepOrphans(inNode, 'KZX', registry), [], 'a second sweep finds nothing');
  });
}
