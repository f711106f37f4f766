// iptables rule generation against golden text (UPDATE_GOLDEN=1 rewrites testdata/rules.golden
// after a deliberate change; review the diff), and the incremental restore plans built from it.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import t from 'tap';
import { endpointChain, proxyNames, serviceChain } from '../names.js';
import type { ServicePortEntry } from '../service-table.js';
import { chainsWithPrefix, hooksInto, restorePlan } from './restore.js';
import { buildRules, hookRules } from './rules.js';

const names = proxyNames('/unused', 'KUBE');
const cfg = { names, clusterCidr: '10.244.0.0/16', nodePortCidrs: [] as string[] };
const entry = (e: Partial<ServicePortEntry> & Pick<ServicePortEntry, 'key' | 'clusterIP' | 'port'>): ServicePortEntry => ({
  namespace: 'default', name: 'x', portName: '', protocol: 'TCP', nodePort: 0, affinitySeconds: 0, endpoints: [], ...e,
});

const TABLE: ServicePortEntry[] = [
  entry({ key: 'default/web:http', name: 'web', portName: 'http', clusterIP: '10.96.0.20', port: 80, endpoints: [{ ip: '10.244.1.10', port: 8080 }, { ip: '10.244.1.11', port: 8080 }, { ip: '10.244.2.5', port: 8080 }] }),
  entry({ key: 'default/dns-ish', name: 'dns-ish', protocol: 'UDP', clusterIP: '10.96.0.30', port: 5353, nodePort: 30053, affinitySeconds: 600, endpoints: [{ ip: '10.244.1.12', port: 5353 }] }),
  entry({ key: 'prod/empty:api', namespace: 'prod', name: 'empty', portName: 'api', clusterIP: '10.96.0.40', port: 443, nodePort: 30443 }),
];

t.test('full restore text matches the golden file', async (t) => {
  const golden = join(import.meta.dirname, 'testdata', 'rules.golden');
  const text = restorePlan(buildRules(TABLE, cfg), undefined).text;
  if (process.env['UPDATE_GOLDEN'] === '1') writeFileSync(golden, text);
  t.equal(text, readFileSync(golden, 'utf8'));
});

t.test('kube-proxy shapes: random probabilities 1/n, affinity via recent, REJECT only without endpoints', async (t) => {
  const { nat, filter } = buildRules(TABLE, cfg);
  const svc = nat.get(serviceChain(names, 'default/web:http', 'TCP')) as string[];
  t.match(svc[1], /--probability 0\.3333333333 /);
  t.match(svc[2], /--probability 0\.5000000000 /);
  t.notMatch(svc[3], /statistic/, 'the last endpoint takes what is left');
  const sep = endpointChain(names, 'default/dns-ish', 'UDP', '10.244.1.12:5353');
  t.match((nat.get(sep) as string[])[1], `-m recent --name ${sep} --mask 255.255.255.255 --rsource --set`);
  t.same([...filter.values()].flat().filter((r) => r.includes('REJECT')).length, 2, 'ClusterIP and NodePort of the empty service');
  t.notOk([...nat.values()].flat().some((r) => r.includes('10.96.0.40')), 'no NAT for a service without endpoints');
  t.match((nat.get(names.services) as string[]).at(-1), /KUBE-NODEPORTS$/, 'the NodePort jump is last');
});

t.test('no cluster CIDR: nothing is masqueraded; NodePort CIDRs replace "every local address"', async (t) => {
  const { nat } = buildRules(TABLE, { ...cfg, clusterCidr: '', nodePortCidrs: ['192.168.5.0/24'] });
  t.notOk([...nat.values()].flat().some((r) => r.includes('MASQUERADE') || r.includes('! -s')));
  t.match((nat.get(names.services) as string[]).at(-1), '-m addrtype --dst-type LOCAL -d 192.168.5.0/24 -j KUBE-NODEPORTS');
});

t.test('incremental: an endpoint change rewrites only the chains it touches', async (t) => {
  const before = buildRules(TABLE, cfg);
  t.equal(restorePlan(before, before).text, '', 'nothing changed, nothing written');
  const changed = TABLE.map((e) => (e.key === 'default/web:http' ? { ...e, endpoints: e.endpoints.slice(0, 2) } : e));
  const after = buildRules(changed, cfg);
  const plan = restorePlan(after, before);
  const gone = endpointChain(names, 'default/web:http', 'TCP', '10.244.2.5:8080');
  const svc = serviceChain(names, 'default/web:http', 'TCP');
  t.equal(plan.written, 1, 'only the SVC chain');
  t.equal(plan.deleted, 1, 'and the removed SEP chain');
  t.equal(plan.text, [
    '*nat', `:${svc} - [0:0]`, `:${gone} - [0:0]`, ...(after.nat.get(svc) as string[]), `-X ${gone}`, 'COMMIT', '',
  ].join('\n'));
  t.notMatch(plan.text, /\*filter/, 'an untouched table is not named');
});

t.test('the last endpoint going away turns NAT into a REJECT', async (t) => {
  const one = [entry({ key: 'a/b', clusterIP: '10.96.0.9', port: 80, endpoints: [{ ip: '10.244.0.2', port: 80 }] })];
  const before = buildRules(one, cfg);
  const after = buildRules([{ ...(one[0] as ServicePortEntry), endpoints: [] }], cfg);
  const plan = restorePlan(after, before);
  t.match(plan.text, /\*filter\n:KUBE-SERVICES - \[0:0\]\n-A KUBE-SERVICES .*-d 10\.96\.0\.9\/32 -p tcp -m tcp --dport 80 -j REJECT --reject-with tcp-reset\nCOMMIT/);
  t.equal(plan.deleted, 2, 'SVC and SEP chains deleted');
});

t.test('full sync deletes stale chains found on the machine', async (t) => {
  const plan = restorePlan(buildRules([], cfg), undefined, { nat: ['KUBE-SVC-OLD', 'KUBE-SERVICES'] });
  t.match(plan.text, /:KUBE-SVC-OLD - \[0:0\][\s\S]*-X KUBE-SVC-OLD\nCOMMIT/);
  t.notMatch(plan.text, /-X KUBE-SERVICES/, 'a desired chain is never deleted');
});

t.test('reading iptables-save: our chains and the hooks into them', async (t) => {
  const save = [
    '*nat', ':PREROUTING ACCEPT [0:0]', ':KUBE-SERVICES - [0:0]', ':KUBE-SVC-AB - [0:0]', ':KUBEX-SERVICES - [0:0]', ':CNI-HOSTPORT-DNAT - [0:0]',
    '-A PREROUTING -m comment --comment "kubelite service portals" -j KUBE-SERVICES',
    '-A PREROUTING -m addrtype --dst-type LOCAL -j CNI-HOSTPORT-DNAT',
    '-A PREROUTING -j KUBEX-SERVICES',
    '-A KUBE-SERVICES -j KUBE-SVC-AB', 'COMMIT',
  ].join('\n');
  t.same(chainsWithPrefix(save, 'KUBE'), ['KUBE-SERVICES', 'KUBE-SVC-AB']);
  t.same(hooksInto(save, 'KUBE'), ['-A PREROUTING -m comment --comment "kubelite service portals" -j KUBE-SERVICES']);
});

t.test('hooks: nat entry points and filter rejects, new connections only in filter', async (t) => {
  const hooks = hookRules(names).map((h) => `${h.table} ${h.chain} ${h.rule.join(' ')}`);
  t.same(hooks.filter((h) => h.startsWith('nat')).map((h) => h.split(' ')[1]), ['PREROUTING', 'OUTPUT', 'POSTROUTING']);
  t.ok(hooks.filter((h) => h.startsWith('filter')).every((h) => h.includes('--ctstate NEW')));
});

t.test('chain names: prefixed, at most 28 characters, stable', async (t) => {
  const long = proxyNames('/unused', 'ABCDEFGHIJ');
  for (const n of [serviceChain(long, 'ns/a-very-long-service-name:port', 'TCP'), endpointChain(long, 'ns/x', 'UDP', '10.0.0.1:1'), long.externalServices, long.postrouting]) {
    t.ok(n.length <= 28, `${n} fits`);
    t.ok(n.startsWith('ABCDEFGHIJ-'));
  }
  t.equal(serviceChain(names, 'a/b:c', 'TCP'), serviceChain(names, 'a/b:c', 'TCP'));
  t.not(serviceChain(names, 'a/b:c', 'TCP'), serviceChain(names, 'a/b:c', 'UDP'));
  t.match(proxyNames('/var/lib/kubelite').prefix, /^KL[0-9A-F]{6}$/);
  t.not(proxyNames('/var/lib/a').prefix, proxyNames('/var/lib/b').prefix, 'two data dirs, two prefixes');
  t.equal(proxyNames('/d', 'KUBE').iface, 'kube-svc');
  t.throws(() => proxyNames('/d', 'kube'), /capital/);
  t.equal(proxyNames('/d', 'KUBE', 10).mark, '0x400');
});
