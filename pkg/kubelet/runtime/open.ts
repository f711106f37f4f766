// Picks and opens the node's runtime from the kubelet's flags: --runtime cri (an existing CRI
// socket, or our own supervised containerd), process, or fake.
import { join } from 'node:path';
import type { Logger } from '../../util/log.js';
import { ContainerdSupervisor } from './cri/containerd-supervisor.js';
import { CriRuntime } from './cri/runtime.js';
import { FakeRuntime, type FakeRuntimeOptions } from './fake/runtime.js';
import type { Runtime } from './interface.js';
import { ProcessRuntime } from './process/runtime.js';

/** RuntimeKind is the value of --runtime. */
export type RuntimeKind = 'cri' | 'process' | 'fake';

/** OpenRuntimeOptions say which runtime to open and how. */
export interface OpenRuntimeOptions {
  kind: RuntimeKind;
  dataDir: string;
  logger: Logger;
  /** --container-runtime-endpoint; empty: start our own containerd (cri only) */
  endpoint?: string;
  /** the node's pod CIDR (needed to start our own containerd, and for fake pod IPs) */
  podCidr?: string;
  /** ranges pod traffic may reach besides the pod CIDR */
  clusterCidrs?: string[];
  plainHttpRegistries?: string[];
  fake?: FakeRuntimeOptions;
}

/** OpenedRuntime is the runtime, and the containerd supervisor when we started one. */
export interface OpenedRuntime {
  runtime: Runtime;
  supervisor?: ContainerdSupervisor;
}

/** processStateDir is where the process runtime of a data dir keeps its records. */
export const processStateDir = (dataDir: string): string => join(dataDir, 'process-runtime');

/** openRuntime opens the runtime; an own containerd is stopped when signal aborts. */
export async function openRuntime(o: OpenRuntimeOptions, signal: AbortSignal): Promise<OpenedRuntime> {
  switch (o.kind) {
    case 'fake':
      return { runtime: new FakeRuntime({ ...(o.podCidr ? { podCidr: o.podCidr } : {}), ...o.fake }) };
    case 'process':
      return { runtime: new ProcessRuntime({ stateDir: processStateDir(o.dataDir) }) };
    case 'cri': {
      if (o.endpoint) return { runtime: new CriRuntime({ endpoint: o.endpoint }) };
      if (!o.podCidr) throw new Error('starting our own containerd needs the node\'s pod CIDR');
      const supervisor = new ContainerdSupervisor({
        dataDir: o.dataDir, podCidr: o.podCidr, clusterCidrs: o.clusterCidrs ?? [], plainHttpRegistries: o.plainHttpRegistries ?? [], logger: o.logger,
      });
      await supervisor.start(signal);
      return { runtime: new CriRuntime({ endpoint: supervisor.endpoint, cgroupParent: supervisor.names.cgroupParent }), supervisor };
    }
    default:
      throw new Error(`unknown runtime "${String(o.kind)}": use cri, process or fake`);
  }
}
