// The kubelet on real containerd: `kubelite kubelet` joins an API server with the node token and
// runs its own containerd (pause image built locally, busybox from a local registry). A pod's
// busybox httpd answers on the pod IP; a container killed with SIGKILL is restarted; a bad image
// ends in ImagePullBackOff with the registry's message; `kubelite images` imports, lists and
// removes; a kubelet restart restarts no container; a deleted pod gets SIGTERM and is gone after
// its grace period. Needs root; when the runtime cannot be set up the test fails and says why.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import t from 'tap';
import { runImagesCommand } from '../../pkg/kubelet/images-command.js';
import { criCleaner } from '../../pkg/kubelet/runtime/cleanup.js';
import { runtimeNames } from '../../pkg/kubelet/runtime/cri/config.js';
import { busyboxImageArchive } from '../../pkg/kubelet/runtime/cri/image-archive.js';
import { CriRuntime } from '../../pkg/kubelet/runtime/cri/runtime.js';
import { createLogger } from '../../pkg/util/log.js';
import { startTestApi, type TestApi } from '../lib/api-server.js';
import { freeCidr, httpGet, installRuntimeDeps, pushBusybox, startRegistry, type LocalRegistry } from '../lib/cri-env.js';

const ROOT = join(import.meta.dirname, '..', '..');
const logger = createLogger(process.env.KUBELITE_TEST_LOG ?? 'warn');
const NODE = 'e2e-node';
const started = Date.now();

interface Env {
  dir: string;
  api: TestApi;
  registry: LocalRegistry;
  image: string;
  clusterCidr: string;
}

const cleanups: Array<() => Promise<unknown> | unknown> = [];
t.teardown(async () => {
  for (const c of cleanups.reverse()) await Promise.resolve(c()).catch((err: Error) => console.error(`teardown: ${err.message}`));
});

async function setUp(): Promise<Env> {
  installRuntimeDeps();
  const dir = mkdtempSync('/tmp/klk-'); // short: the containerd socket path must fit in 108 bytes
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  const registry = await startRegistry(dir);
  cleanups.push(() => registry.stop());
  const image = await pushBusybox(dir, registry.host);
  // The node's pod CIDR is the first /24 of a free /23: nothing else on the machine routes it.
  const clusterCidr = await freeCidr(23);
  const api = await startTestApi({ advertiseAddress: '127.0.0.1', clusterCidr, nodeCidrMaskSize: 24 });
  cleanups.push(() => api.close());
  cleanups.push(() => criCleaner.clean(dir, logger));
  return { dir, api, registry, image, clusterCidr };
}

/** Kubelet is the `kubelite kubelet` process under test. */
interface KubeletProcess {
  child: ChildProcess;
  output(): string;
  stop(): Promise<number | null>;
}

function startKubelet(env: Env): KubeletProcess {
  writeFileSync(join(env.dir, 'ca.crt'), env.api.server.caPem);
  const args = [
    '--import', 'tsx', join(ROOT, 'cmd/kubelite/main.ts'), 'kubelet', '--data-dir', env.dir, '--node-name', NODE,
    '--server', env.api.server.url, '--token', join(env.api.dataDir, 'node-token'), '--certificate-authority', join(env.dir, 'ca.crt'),
    '--insecure-registry', env.registry.host, '--cluster-cidr', env.clusterCidr, '--pod-relist-period', '200ms',
    '--node-status-update-frequency', '500ms', '--crash-loop-backoff-initial', '1s', '--image-pull-backoff-initial', '2s',
    '--pod-sync-retry-period', '1s', '--log-level', process.env.KUBELITE_TEST_LOG ?? 'info',
  ];
  const child = spawn(process.execPath, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout?.on('data', (b: Buffer) => { out += b.toString(); });
  child.stderr?.on('data', (b: Buffer) => { out += b.toString(); });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const k: KubeletProcess = {
    child,
    output: () => out,
    stop: async () => {
      if (child.exitCode === null) child.kill('SIGTERM');
      return exited;
    },
  };
  cleanups.push(() => k.stop());
  return k;
}

async function eventually<T>(what: string, fn: () => Promise<T | undefined | false> | T | undefined | false, ms = 60_000, k?: KubeletProcess): Promise<T> {
  const end = Date.now() + ms;
  let last: unknown;
  for (;;) {
    try {
      const v = await fn();
      if (v !== undefined && v !== false) return v;
    } catch (err) {
      last = err;
    }
    if (k && k.child.exitCode !== null) throw new Error(`the kubelet exited (${k.child.exitCode}) while waiting for ${what}:\n${k.output().slice(-3000)}`);
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}${last ? `: ${(last as Error).message}` : ''}${k ? `\nkubelet output:\n${k.output().slice(-3000)}` : ''}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

let env: Env | null = null;
try {
  env = await setUp();
  t.comment(`registry ${env.registry.host}, cluster CIDR ${env.clusterCidr}, set up in ${Date.now() - started}ms`);
} catch (err) {
  t.fail(`the cri runtime could not be set up, so nothing was tested: ${(err as Error).message}`);
}

if (env) {
  const e = env;
  const api = e.api;
  const get = async (path: string): Promise<any> => (await api.call('GET', path)).body;
  const pod = (name: string): Promise<any> => get(`/api/v1/namespaces/default/pods/${name}`);
  const container = (p: any, name = 'app'): any => p?.status?.containerStatuses?.find((c: any) => c.name === name);
  const createBound = async (name: string, spec: Record<string, unknown>): Promise<any> => {
    const c = await api.call('POST', '/api/v1/namespaces/default/pods', { metadata: { name }, spec });
    if (c.status !== 201) throw new Error(`create ${name}: ${c.text}`);
    const b = await api.call('POST', `/api/v1/namespaces/default/pods/${name}/binding`, { metadata: { name }, target: { kind: 'Node', name: NODE } });
    if (b.status !== 201) throw new Error(`bind ${name}: ${b.text}`);
    return c.body;
  };
  let kubelet = startKubelet(e);
  const cri = new CriRuntime({ endpoint: runtimeNames(e.dir).socket });
  cleanups.push(() => cri.close());

  let podCidr = '';
  t.test('the node registers and turns Ready on containerd', async (t) => {
    const node = await eventually('node Ready', async () => {
      const n = await get(`/api/v1/nodes/${NODE}`);
      return n?.status?.conditions?.some((c: any) => c.type === 'Ready' && c.status === 'True') && n;
    }, 120_000, kubelet);
    t.match(node.status.nodeInfo.containerRuntimeVersion, /^containerd:\/\/\d+\.\d+/, node.status.nodeInfo.containerRuntimeVersion);
    const [a, b, c] = e.clusterCidr.split('.').map(Number);
    t.ok([`${a}.${b}.${c}.0/24`, `${a}.${b}.${(c ?? 0) + 1}.0/24`].includes(node.spec.podCIDR), `pod CIDR ${node.spec.podCIDR} from the cluster CIDR ${e.clusterCidr}`);
    podCidr = node.spec.podCIDR;
    t.ok(node.status.images.some((i: any) => i.names.includes('localhost/kubelite/pause:1')), 'the pause image is reported');
  });

  let web: any;
  t.test('a busybox httpd pod answers on its pod IP', async (t) => {
    await createBound('web', {
      terminationGracePeriodSeconds: 2,
      containers: [{
        name: 'app', image: e.image, imagePullPolicy: 'IfNotPresent',
        command: ['sh', '-c', 'mkdir -p /www && echo "$POD_NAME $POD_IP $GREETING" > /www/index.html && exec httpd -f -p 8080 -h /www'],
        env: [{ name: 'POD_NAME', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } }, { name: 'POD_IP', valueFrom: { fieldRef: { fieldPath: 'status.podIP' } } }, { name: 'GREETING', value: 'hi-$(POD_NAME)' }],
        ports: [{ containerPort: 8080 }],
      }],
    });
    web = await eventually('web Ready', async () => {
      const p = await pod('web');
      return p.status?.conditions?.some((c: any) => c.type === 'Ready' && c.status === 'True') && p;
    }, 60_000, kubelet);
    const ip = web.status.podIP;
    t.ok(ip.startsWith(`${podCidr.split('.').slice(0, 3).join('.')}.`), `pod IP ${ip} is in the node's pod CIDR ${podCidr}`);
    const res = await eventually('httpd answering', () => httpGet(`http://${ip}:8080/`).catch(() => undefined), 15_000);
    t.same(res, { status: 200, body: `web ${ip} hi-web\n` }, 'env from fieldRefs and $(VAR) expansion');
    t.match(container(web), { ready: true, restartCount: 0, containerID: /^containerd:\/\/[0-9a-f]{64}$/, imageID: /@sha256:[0-9a-f]{64}$/ });
  });

  t.test('kill -9 of the container process: restarted, restartCount 1', async (t) => {
    const id = container(web).containerID.replace('containerd://', '');
    const pid = (await cri.containerStatus(id)).pid;
    t.ok(pid, `container process ${pid}`);
    process.kill(pid as number, 'SIGKILL');
    const p = await eventually('restarted', async () => {
      const x = await pod('web');
      return container(x)?.restartCount === 1 && container(x)?.state?.running && x;
    }, 30_000, kubelet);
    t.match(container(p).lastState.terminated, { exitCode: 137, reason: 'Error' });
    t.not(container(p).containerID, container(web).containerID, 'a new container');
    t.equal((await httpGet(`http://${p.status.podIP}:8080/`)).status, 200, 'it answers again');
    web = p;
  });

  t.test('a bad image: ErrImagePull, then ImagePullBackOff with the registry\'s message', async (t) => {
    await createBound('bad', { containers: [{ name: 'app', image: `${e.registry.host}/kubelite/nope:missing` }] });
    const p = await eventually('ImagePullBackOff', async () => {
      const x = await pod('bad');
      return container(x)?.state?.waiting?.reason === 'ImagePullBackOff' && x;
    }, 30_000, kubelet);
    t.match(container(p).state.waiting.message, /^Back-off pulling image ".*nope:missing": ErrImagePull: .*not found/);
    t.equal(p.status.phase, 'Pending');
    const events = (await get('/api/v1/namespaces/default/events')).items.filter((x: any) => x.involvedObject.name === 'bad').map((x: any) => x.reason);
    t.match(events, ['Pulling', 'Failed'], `events: ${events.join(' ')}`);
    await createBound('public', { containers: [{ name: 'app', image: 'docker.io/library/nginx:1.27' }] });
    const pub = await eventually('ErrImagePull for a public image', async () => {
      const x = await pod('public');
      return /ErrImagePull|ImagePullBackOff/.test(container(x)?.state?.waiting?.reason ?? '') && x;
    }, 30_000, kubelet);
    t.match(container(pub).state.waiting.message, /contacts no public registry/);
    await api.call('DELETE', '/api/v1/namespaces/default/pods/bad');
    await api.call('DELETE', '/api/v1/namespaces/default/pods/public');
  });

  t.test('kubelite images: import, list, and a pod that never pulls', async (t) => {
    const archive = join(e.dir, 'imported.tar');
    writeFileSync(archive, busyboxImageArchive('localhost/kubelite/imported:1'));
    const opts = { dataDir: e.dir, containerRuntimeEndpoint: '' };
    t.equal(await runImagesCommand(opts, ['import', archive]), 'imported localhost/kubelite/imported:1\n');
    const list = await runImagesCommand(opts, ['list']);
    t.match(list, /^IMAGE\s+TAG\s+IMAGE ID\s+SIZE\n/);
    t.match(list, /localhost\/kubelite\/imported\s+1\s+[0-9a-f]{13}\s+[\d.]+MB/);
    t.match(list, /localhost\/kubelite\/pause\s+1/);
    await createBound('local', { containers: [{ name: 'app', image: 'localhost/kubelite/imported:1', imagePullPolicy: 'Never', command: ['sh', '-c', 'sleep 2147483647 & wait'] }] });
    await eventually('local Running', async () => (await pod('local')).status?.phase === 'Running', 30_000, kubelet);
    await api.call('DELETE', '/api/v1/namespaces/default/pods/local', { kind: 'DeleteOptions', apiVersion: 'v1', gracePeriodSeconds: 1 });
    await eventually('local gone', async () => (await api.call('GET', '/api/v1/namespaces/default/pods/local')).status === 404, 30_000, kubelet);
    t.equal(await runImagesCommand(opts, ['remove', 'localhost/kubelite/imported:1']), 'removed localhost/kubelite/imported:1\n');
    t.notMatch(await runImagesCommand(opts, ['list']), /imported/);
    await t.rejects(runImagesCommand(opts, ['remove', 'localhost/kubelite/imported:1']), /not found/);
  });

  t.test('a kubelet restart restarts no container', async (t) => {
    t.equal(await kubelet.stop(), 0, 'the kubelet stops with exit code 0 on SIGTERM');
    t.equal((await httpGet(`http://${web.status.podIP}:8080/`)).status, 200, 'the pod keeps answering while the kubelet is down');
    kubelet = startKubelet(e);
    await eventually('the new kubelet relisted', () => /kubelet starting/.test(kubelet.output()), 120_000, kubelet);
    await new Promise((r) => setTimeout(r, 2000)); // several relists and syncs
    const p = await pod('web');
    t.equal(container(p).containerID, container(web).containerID, 'the same container');
    t.equal(container(p).restartCount, 1, 'restartCount unchanged');
    t.equal(container(p).state.running.startedAt, container(web).state.running.startedAt);
    t.equal((await httpGet(`http://${p.status.podIP}:8080/`)).status, 200);
  });

  t.test('delete: SIGTERM reaches the process, the pod is gone after its grace period', async (t) => {
    const created = await createBound('term', {
      terminationGracePeriodSeconds: 3,
      containers: [{ name: 'app', image: e.image, command: ['sh', '-c', 'trap "echo got-SIGTERM" TERM; echo started; while true; do sleep 0.2; done'] }],
    });
    await eventually('term Running', async () => (await pod('term')).status?.phase === 'Running', 30_000, kubelet);
    const log = join(e.dir, 'pods', `default_term_${created.metadata.uid}`, 'app', '0.log');
    await eventually('started in the log', () => existsSync(log) && readFileSync(log, 'utf8').includes('started'), 10_000);
    const start = Date.now();
    t.equal((await api.call('DELETE', '/api/v1/namespaces/default/pods/term')).status, 200);
    let sawTerm = false;
    await eventually('term gone', async () => {
      if (!sawTerm && existsSync(log) && readFileSync(log, 'utf8').includes('got-SIGTERM')) sawTerm = true;
      return (await api.call('GET', '/api/v1/namespaces/default/pods/term')).status === 404;
    }, 30_000, kubelet);
    const took = Date.now() - start;
    t.ok(sawTerm, 'the container logged the SIGTERM it got');
    t.ok(took >= 2900, `gone after the 3s grace period (${took}ms): the process ignored SIGTERM and was killed`);
    t.notOk((await cri.listContainers()).some((c) => c.labels['io.kubernetes.pod.name'] === 'term'), 'its containers are removed');
  });

  t.test('web is deleted too, and the kubelet stops cleanly', async (t) => {
    await api.call('DELETE', '/api/v1/namespaces/default/pods/web');
    await eventually('web gone', async () => (await api.call('GET', '/api/v1/namespaces/default/pods/web')).status === 404, 30_000, kubelet);
    t.equal(await kubelet.stop(), 0);
    t.comment(`kubelet e2e took ${Math.round((Date.now() - started) / 1000)}s`);
  });
}
