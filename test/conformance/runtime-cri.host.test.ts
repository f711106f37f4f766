// The runtime conformance suite against containerd over the CRI, with the containerd our own
// supervisor starts in a temp dir, pulling from a real local registry (Debian's docker-registry on
// 127.0.0.1). Then what only a real runtime has: pod IPs on the bridge that answer, routes that
// stay on the machine, containerd restarts, and `kubelite cleanup`. Needs root; when the runtime
// cannot be installed or started, the test fails and says why (it never passes silently).
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { get } from 'node:http';
import { createServer } from 'node:net';
import { join } from 'node:path';
import t from 'tap';
import { createLogger } from '../../pkg/util/log.js';
import { criCleaner } from '../../pkg/kubelet/runtime/cleanup.js';
import { ContainerdSupervisor } from '../../pkg/kubelet/runtime/cri/containerd-supervisor.js';
import { busyboxImageArchive } from '../../pkg/kubelet/runtime/cri/image-archive.js';
import { defaultRouteDevice, routeDevice, sh } from '../../pkg/kubelet/runtime/cri/network.js';
import { CriRuntime } from '../../pkg/kubelet/runtime/cri/runtime.js';
import { runtimeConformance, SCRATCH_MOUNT, waitFor } from './runtime-suite.js';

const repo = join(import.meta.dirname, '..', '..');
const logger = createLogger(process.env.KUBELITE_TEST_LOG ?? 'warn');

const freePort = (): Promise<number> => new Promise((resolve, reject) => {
  const s = createServer().listen(0, '127.0.0.1', () => {
    const port = (s.address() as { port: number }).port;
    s.close(() => resolve(port));
  }).on('error', reject);
});

const httpGet = (url: string): Promise<{ status: number; body: string }> => new Promise((resolve, reject) => {
  get(url, { timeout: 5000 }, (res) => {
    let body = '';
    res.on('data', (c: Buffer) => { body += c.toString(); });
    res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
  }).on('error', reject).on('timeout', function (this: { destroy(e: Error): void }) { this.destroy(new Error('timeout')); });
});

// A /24 under 10.200.0.0/13 that no route on this machine mentions yet.
async function freePodCidr(): Promise<string> {
  const routes = await sh('ip', ['-4', 'route', 'show', 'table', 'all']);
  for (;;) {
    const cidr = `10.${200 + Math.floor(Math.random() * 8)}.${Math.floor(Math.random() * 256)}.0/24`;
    if (!routes.includes(cidr.replace('.0/24', '.'))) return cidr;
  }
}

interface Env {
  dir: string;
  podCidr: string;
  registry: ChildProcess;
  registryHost: string;
  supervisor: ContainerdSupervisor;
  rt: CriRuntime;
}

const cleanups: Array<() => Promise<unknown> | unknown> = [];
t.teardown(async () => {
  for (const c of cleanups.reverse()) await Promise.resolve(c()).catch((err: Error) => console.error(`teardown: ${err.message}`));
});

async function setUp(): Promise<Env> {
  if (process.getuid?.() !== 0) throw new Error('needs root: it starts containerd, creates a bridge and iptables rules');
  try {
    execFileSync('bash', [join(repo, 'hack/images/install-runtime-deps.sh')], { stdio: ['ignore', 'inherit', 'pipe'], timeout: 300_000 });
  } catch (err) {
    throw new Error(`installing containerd, runc, CNI plugins, busybox-static, docker-registry, skopeo failed: ${(err as { stderr?: Buffer }).stderr?.toString().trim() || (err as Error).message}`);
  }
  const dir = mkdtempSync('/tmp/klcri-'); // short: the containerd socket path must fit in 108 bytes
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  const podCidr = await freePodCidr();

  const port = await freePort();
  const registryHost = `127.0.0.1:${port}`;
  mkdirSync(join(dir, 'registry'));
  writeFileSync(join(dir, 'registry.yml'), `version: 0.1\nlog:\n  level: warn\nstorage:\n  filesystem:\n    rootdirectory: ${join(dir, 'registry')}\nhttp:\n  addr: ${registryHost}\n`);
  const registry = spawn('docker-registry', ['serve', join(dir, 'registry.yml')], { stdio: ['ignore', 'ignore', 'pipe'] });
  let registryErr = '';
  registry.stderr?.on('data', (c: Buffer) => { registryErr += c.toString(); });
  cleanups.push(() => registry.kill('SIGKILL'));
  await waitFor(`docker-registry on ${registryHost}`, async () => {
    if (registry.exitCode !== null) throw new Error(`docker-registry exited: ${registryErr}`);
    return (await httpGet(`http://${registryHost}/v2/`)).status === 200;
  }, 15_000);
  writeFileSync(join(dir, 'busybox.tar'), busyboxImageArchive('localhost/kubelite/busybox:test'));
  await sh('skopeo', ['copy', '--insecure-policy', '--dest-tls-verify=false', `docker-archive:${join(dir, 'busybox.tar')}`, `docker://${registryHost}/kubelite/busybox:test`]);

  const supervisor = new ContainerdSupervisor({ dataDir: dir, podCidr, clusterCidrs: ['10.96.0.0/12'], plainHttpRegistries: [registryHost], logger });
  const stopAll = new AbortController();
  cleanups.push(() => criCleaner.clean(dir, logger));
  cleanups.push(() => stopAll.abort());
  cleanups.push(() => supervisor.stop());
  await supervisor.start(stopAll.signal);
  const rt = new CriRuntime({ endpoint: supervisor.endpoint, cgroupParent: supervisor.names.cgroupParent });
  cleanups.push(() => rt.close());
  return { dir, podCidr, registry, registryHost, supervisor, rt };
}

const started = Date.now();
const ipForwardBefore = readFileSync('/proc/sys/net/ipv4/ip_forward', 'utf8').trim();
let env: Env | null = null;
try {
  env = await setUp();
  t.comment(`containerd up with pod CIDR ${env.podCidr}, registry ${env.registryHost}, in ${Date.now() - started}ms`);
} catch (err) {
  t.fail(`the cri runtime could not be set up, so nothing was tested: ${(err as Error).message}`);
}

if (env) {
  const { dir, rt, supervisor, registryHost, podCidr } = env;
  const image = `${registryHost}/kubelite/busybox:test`;
  mkdirSync(join(dir, 'scratch'));

  t.test('conformance', async (t) => {
    runtimeConformance(t, {
      runtime: rt,
      image,
      badImage: { ref: `${registryHost}/kubelite/nope:missing`, message: /not found/ },
      realProcesses: true,
      scratchDir: join(dir, 'scratch'),
      scratchInContainer: SCRATCH_MOUNT,
      logDir: join(dir, 'logs'),
      killFromOutside: async (s, signal) => {
        process.kill(s.pid as number, signal);
      },
    });
  });

  t.test('public registries are never contacted: pulls of them fail at once, locally', async (t) => {
    const start = Date.now();
    const err = await rt.pullImage('docker.io/library/busybox:latest').then(() => null, (e: unknown) => e as Error);
    t.match(err, { code: 'ImagePullFailed' });
    t.match(err?.message, /contacts no public registry/, 'sent to the local sink, and says so');
    t.notMatch(err?.message, /lookup|no such host/, 'not even a DNS lookup of the registry');
    t.ok(Date.now() - start < 10_000, `failed in ${Date.now() - start}ms`);
  });

  let web: { sandboxId: string; containerId: string; ip: string } | null = null;
  t.test('a pod gets an IP on the bridge, its httpd answers on the pod IP and on its hostPort, within its limits', async (t) => {
    await rt.pullImage(image);
    const uid = 'web-0000-uid';
    const hostPort = await freePort();
    const pod = {
      name: 'web', namespace: 'cri', uid, attempt: 0, hostname: 'web', logDirectory: join(dir, 'logs', 'cri_web'), labels: {}, annotations: {},
      portMappings: [{ protocol: 'TCP' as const, containerPort: 8080, hostPort, hostIp: '127.0.0.1' }],
    };
    const sb = await rt.runPodSandbox(pod);
    const prefix = podCidr.replace('.0/24', '.');
    t.ok(sb.ip.startsWith(prefix), `pod IP ${sb.ip} is in the pod CIDR ${podCidr}`);
    const id = await rt.createContainer(sb.id, {
      name: 'httpd', attempt: 0, image, command: ['sh', '-c', 'echo kubelite-hello > /var/www/index.html; exec httpd -f -p 8080 -h /var/www'],
      labels: {}, annotations: {}, logPath: 'httpd/0.log', resources: { cpuLimitMillis: 250, cpuRequestMillis: 100, memoryLimitBytes: 48 * 1024 * 1024 },
    }, pod);
    await rt.startContainer(id);
    web = { sandboxId: sb.id, containerId: id, ip: sb.ip };
    const dev = await routeDevice(sb.ip);
    t.equal(dev, supervisor.names.bridge, `ip route get ${sb.ip} uses the bridge`);
    t.not(dev, await defaultRouteDevice(), 'not the default route\'s device');
    const res = await waitFor('httpd answering', () => httpGet(`http://${sb.ip}:8080/`).catch(() => undefined), 15_000);
    t.same(res, { status: 200, body: 'kubelite-hello\n' });
    t.same(await httpGet(`http://127.0.0.1:${hostPort}/`), { status: 200, body: 'kubelite-hello\n' }, `hostPort ${hostPort} on 127.0.0.1 reaches the pod`);

    const limits = await rt.execSync(id, ['cat', '/sys/fs/cgroup/memory/memory.limit_in_bytes', '/sys/fs/cgroup/cpu/cpu.cfs_quota_us', '/sys/fs/cgroup/cpu/cpu.shares'], 10);
    t.same(limits.stdout.trim().split('\n'), [String(48 * 1024 * 1024), '25000', '102'], 'memory limit, CPU quota and shares are applied');
    t.ok(existsSync(`/sys/fs/cgroup/memory${supervisor.names.cgroupParent}/pod${uid}`), `the pod's cgroup is under ${supervisor.names.cgroupParent}`);

    const guard = await sh('iptables', ['-w', '5', '-S', supervisor.names.chain]);
    t.match(guard, new RegExp(`-s ${podCidr.replace(/\./g, '\\.')} .*-j REJECT`), 'pod traffic to anything outside the cluster is rejected');
    t.ok(await sh('iptables', ['-w', '5', '-C', 'FORWARD', '-j', supervisor.names.chain]).then(() => true), 'the guard is hooked into FORWARD');
  });

  t.test('containerd is restarted when it dies, and containers survive it', async (t) => {
    const before = supervisor.pid;
    t.ok(before, 'containerd runs');
    process.kill(before as number, 'SIGKILL');
    const after = await waitFor('a new containerd', () => supervisor.pid !== undefined && supervisor.pid !== before && supervisor.pid, 20_000);
    t.not(after, before, `restarted as pid ${after}`);
    await waitFor('CRI answering again', () => rt.version().catch(() => undefined), 20_000);
    if (web) {
      t.equal((await rt.containerStatus(web.containerId)).state, 'running', 'the httpd container still runs');
      t.equal((await httpGet(`http://${web.ip}:8080/`)).status, 200, 'and still answers');
    }
  });

  t.test('cleanup stops every container and removes the bridge and the iptables rules', async (t) => {
    await supervisor.stop();
    const removed = await criCleaner.clean(dir, logger);
    t.ok(removed.some((r) => r.startsWith('pod sandbox cri/web')), 'the web pod was removed');
    t.ok(removed.includes(`bridge ${supervisor.names.bridge}`), `bridge removed: ${removed.join('; ')}`);
    t.ok(removed.includes(`iptables chain ${supervisor.names.chain}`), 'iptables chain removed');
    await t.rejects(sh('ip', ['link', 'show', supervisor.names.bridge]), 'no bridge left');
    await t.rejects(sh('iptables', ['-w', '5', '-S', supervisor.names.chain]), 'no chain left');
    if (web) t.notMatch(await sh('iptables-save', ['-t', 'nat']), web.ip, 'no NAT rule for the pod (hostPort) is left');
    t.equal(readFileSync('/proc/sys/net/ipv4/ip_forward', 'utf8').trim(), ipForwardBefore, `net.ipv4.ip_forward is back to ${ipForwardBefore}`);
    // No request to the old pod IP here: with its bridge gone, it would follow the default route off the machine.
    t.same(await criCleaner.clean(dir, logger), [], 'a second cleanup finds nothing');
  });

  t.test('runtime time', async (t) => {
    t.comment(`cri runtime test took ${Math.round((Date.now() - started) / 1000)}s`);
    t.pass();
  });
}
