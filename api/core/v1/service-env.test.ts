// Service environment variables: the kubelet's names and values, and which services contribute.
import t from 'tap';
import type { KubeObject } from '../../meta/object.js';
import { envName, serviceEnvVars } from './service-env.js';

const svc = (ns: string, name: string, clusterIP: string, ports: unknown[]): KubeObject => ({ metadata: { namespace: ns, name }, spec: { clusterIP, ports } });
const asMap = (vars: Array<{ name: string; value: string }>): Record<string, string> => Object.fromEntries(vars.map((v) => [v.name, v.value]));

t.test('names and values as the kubelet sets them', async (t) => {
  const vars = serviceEnvVars([svc('app', 'redis-master', '10.96.0.11', [{ name: 'redis', port: 6379, protocol: 'TCP' }, { name: 'metrics-udp', port: 9121, protocol: 'UDP' }])], { namespace: 'app' });
  t.same(asMap(vars), {
    REDIS_MASTER_SERVICE_HOST: '10.96.0.11',
    REDIS_MASTER_SERVICE_PORT: '6379',
    REDIS_MASTER_SERVICE_PORT_REDIS: '6379',
    REDIS_MASTER_SERVICE_PORT_METRICS_UDP: '9121',
    REDIS_MASTER_PORT: 'tcp://10.96.0.11:6379',
    REDIS_MASTER_PORT_6379_TCP: 'tcp://10.96.0.11:6379',
    REDIS_MASTER_PORT_6379_TCP_PROTO: 'tcp',
    REDIS_MASTER_PORT_6379_TCP_PORT: '6379',
    REDIS_MASTER_PORT_6379_TCP_ADDR: '10.96.0.11',
    REDIS_MASTER_PORT_9121_UDP: 'udp://10.96.0.11:9121',
    REDIS_MASTER_PORT_9121_UDP_PROTO: 'udp',
    REDIS_MASTER_PORT_9121_UDP_PORT: '9121',
    REDIS_MASTER_PORT_9121_UDP_ADDR: '10.96.0.11',
  });
  t.same(vars.map((v) => v.name), [...vars.map((v) => v.name)].sort(), 'sorted by name');
});

t.test('which services: own namespace (unless links are off), default/kubernetes always, never headless', async (t) => {
  const all = [
    svc('default', 'kubernetes', '10.96.0.1', [{ name: 'https', port: 443, protocol: 'TCP' }]),
    svc('default', 'other', '10.96.0.2', [{ port: 80 }]),
    svc('app', 'web', '10.96.0.3', [{ port: 80 }]),
    svc('app', 'headless', 'None', [{ port: 80 }]),
    svc('app', 'ext', '', [{ port: 80 }]),
  ];
  const hosts = (o: Parameters<typeof serviceEnvVars>[1]): string[] => serviceEnvVars(all, o).filter((v) => v.name.endsWith('_SERVICE_HOST')).map((v) => v.name);
  t.same(hosts({ namespace: 'app' }), ['KUBERNETES_SERVICE_HOST', 'WEB_SERVICE_HOST']);
  t.same(hosts({ namespace: 'app', enableServiceLinks: false }), ['KUBERNETES_SERVICE_HOST']);
  t.same(hosts({ namespace: 'default' }), ['KUBERNETES_SERVICE_HOST', 'OTHER_SERVICE_HOST']);
  const unnamed = asMap(serviceEnvVars(all, { namespace: 'app' }));
  t.equal(unnamed['WEB_PORT'], 'tcp://10.96.0.3:80', 'protocol defaults to TCP');
  t.notOk(Object.keys(unnamed).some((k) => k.startsWith('WEB_SERVICE_PORT_')), 'no per-name variable for an unnamed port');
  const shadow = serviceEnvVars([...all, svc('app', 'kubernetes', '10.96.0.99', [{ port: 1 }])], { namespace: 'app' });
  t.equal(asMap(shadow)['KUBERNETES_SERVICE_HOST'], '10.96.0.99', 'a same-named service of the namespace wins, as in the kubelet');
  t.equal(envName('my-svc-2'), 'MY_SVC_2');
});
