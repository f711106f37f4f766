// What every kctl command gets: its parsed flags, output streams, a clock, and lazily the
// kubeconfig, a client and the discovery mapper, so commands that never talk to a server (config,
// version --client, --help) never load them.
import { loadClientConfig, type ClientConfig } from '../client/kubeconfig.js';
import { Clientset } from '../client/clientset.js';
import type { ResourceClient } from '../client/resource-client.js';
import type { RestClient } from '../client/rest.js';
import { VERSION } from '../util/version.js';
import type { FlagDef, ParsedFlags } from './flags.js';
import { Mapper, type Mapping } from './mapper.js';

/** IO is where a command reads and writes; tests swap it for buffers. */
export interface IO {
  out(text: string): void;
  err(text: string): void;
  /** stdin reads all of standard input. */
  stdin(): Promise<string>;
  env: NodeJS.ProcessEnv;
  /** tty tells whether stdout is a terminal (colours, progress). */
  tty: boolean;
}

/** processIO is the real terminal. */
export const processIO: IO = {
  out: (s) => void process.stdout.write(s),
  err: (s) => void process.stderr.write(s),
  stdin: async () => {
    const chunks: Buffer[] = [];
    for await (const c of process.stdin) chunks.push(c as Buffer);
    return Buffer.concat(chunks).toString('utf8');
  },
  env: process.env,
  tty: process.stdout.isTTY === true,
};

/** Command declares one kctl command. */
export interface Command {
  name: string;
  aliases?: string[];
  /** summary is the one line shown in `kctl --help` and atop the command's --help. */
  summary: string;
  usage: string;
  examples?: string;
  flags: readonly FlagDef[];
  run(ctx: Context): Promise<number | void>;
}

/** Context is one command invocation. */
export class Context {
  private cfg?: ClientConfig;
  private cs?: Clientset;
  private mapperPromise?: Promise<Mapper>;

  constructor(
    readonly command: Command,
    readonly flags: ParsedFlags,
    readonly io: IO,
    readonly signal: AbortSignal,
    /** now is the clock ages are measured with (tests fix it). */
    readonly now: () => number = Date.now,
  ) {}

  get args(): string[] {
    return this.flags.positionals;
  }

  out(text: string): void {
    this.io.out(text);
  }

  err(text: string): void {
    this.io.err(text);
  }

  /** config is the kubeconfig's cluster, user and namespace, as kubectl resolves them. */
  config(): ClientConfig {
    this.cfg ??= loadClientConfig({
      kubeconfig: this.flags.string('kubeconfig') || undefined,
      context: this.flags.string('context') || undefined,
      namespace: this.flags.string('namespace') || undefined,
      env: this.io.env,
    });
    return this.cfg;
  }

  /** namespace is -n, else the context's namespace, else "default". */
  get namespace(): string {
    return this.config().namespace;
  }

  /** explicitNamespace tells whether -n was given. */
  get explicitNamespace(): boolean {
    return this.flags.string('namespace') !== '';
  }

  clients(): Clientset {
    this.cs ??= new Clientset(this.config(), `kctl/${VERSION.gitVersion}`);
    return this.cs;
  }

  rest(): RestClient {
    return this.clients().rest;
  }

  /** client is the resource client of a mapping. */
  client(m: Mapping): ResourceClient {
    return this.clients().forInfo(m);
  }

  mapper(): Promise<Mapper> {
    this.mapperPromise ??= Mapper.discover(this.rest());
    return this.mapperPromise;
  }

  /** server is the API server URL, for messages; undefined when no kubeconfig was loaded. */
  get server(): string | undefined {
    return this.cfg?.server;
  }

  close(): void {
    this.cs?.close();
  }
}
