// `kctl cluster-info`: where the control plane and the cluster's add-on services answer.
import type { Command } from './command.js';
import { asRecord, str } from './format.js';
import { listItems } from './targets.js';

/** clusterInfo is `kctl cluster-info`. */
export const clusterInfo: Command = {
  name: 'cluster-info',
  summary: 'Display addresses of the control plane and services with label kubernetes.io/cluster-service=true.',
  usage: 'kctl cluster-info [flags]',
  examples: '# Print the address of the control plane and cluster services\nkctl cluster-info',
  flags: [],
  async run(ctx) {
    const server = ctx.config().server.replace(/\/$/, '');
    // Colours only on a terminal, as kubectl's colortext does.
    const paint = (code: number, s: string): string => (ctx.io.tty ? `\x1b[0;${code}m${s}\x1b[0m` : s);
    const line = (name: string, link: string): void => ctx.out(`${paint(32, name)} is running at ${paint(33, link)}\n`);
    // Ask the server first, so an unreachable one fails with kubectl's connection message.
    await ctx.rest().request({ path: '/version' });
    line('Kubernetes control plane', server);
    const svc = (await ctx.mapper()).find('services');
    if (svc) {
      const items = await listItems(ctx, { mapping: svc, namespace: 'kube-system' }, { labelSelector: 'kubernetes.io/cluster-service=true' }).catch(() => []);
      for (const s of items) {
        const name = s.metadata?.labels?.['kubernetes.io/name'] || (s.metadata?.name ?? '');
        const ports = (asRecord(s['spec'])['ports'] as Array<Record<string, unknown>> | undefined) ?? [];
        const port = ports.length > 0 && str(ports[0]?.['name']) ? `:${str(ports[0]?.['name'])}` : '';
        line(name, `${server}/api/v1/namespaces/kube-system/services/${s.metadata?.name ?? ''}${port}/proxy`);
      }
    }
    ctx.out("\nTo further debug and diagnose cluster problems, use 'kubectl cluster-info dump'.\n");
    return 0;
  },
};
