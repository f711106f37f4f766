// TCP forwarding of the userspace proxy: accept on the service address, connect to an endpoint
// (the next one when that fails), then copy both ways. Half-closes are passed on, so a client
// that shuts down its sending side still gets the whole answer.
import { connect, createServer, type Socket } from 'node:net';
import type { Logger } from '../../util/log.js';
import type { ProxyMetrics } from '../metrics.js';
import { endpointKey, type LoadBalancer } from './load-balancer.js';

/** Forwarding is what a listener needs to forward one service port. */
export interface Forwarding {
  lb: LoadBalancer;
  /** the service port's key, for metrics and logs */
  service: string;
  metrics: ProxyMetrics;
  logger: Logger;
}

/** Listener is an open service address. */
export interface Listener {
  close(): void;
  /** endpointsChanged lets a listener drop state tied to endpoints that are gone */
  endpointsChanged?(): void;
}

const clientIP = (s: Socket): string => (s.remoteAddress ?? '').replace(/^::ffff:/, '');

/** listenTcp listens on host:port and forwards every connection; it rejects when the address cannot be bound. */
export function listenTcp(host: string, port: number, fwd: Forwarding): Promise<Listener> {
  const server = createServer({ allowHalfOpen: true, pauseOnConnect: true }, (client) => forward(client, fwd));
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen({ host, port, exclusive: true }, () => {
      server.off('error', reject);
      server.on('error', (err) => fwd.logger.warn({ err, service: fwd.service }, 'TCP listener failed'));
      resolve({ close: () => server.close() });
    });
  });
}

function forward(client: Socket, fwd: Forwarding): void {
  const tried = new Set<string>();
  const ip = clientIP(client);
  client.on('error', () => client.destroy());
  const attempt = (): void => {
    const ep = fwd.lb.pick(ip, tried);
    if (!ep || client.destroyed) {
      // Every endpoint refused: the client sees a reset, as a refused connect would give it.
      if (!client.destroyed) client.resetAndDestroy();
      return;
    }
    const up = connect({ host: ep.ip, port: ep.port, allowHalfOpen: true, noDelay: true });
    const failed = (): void => {
      tried.add(endpointKey(ep));
      up.destroy();
      attempt();
    };
    up.once('error', failed);
    up.once('connect', () => {
      up.off('error', failed);
      if (client.destroyed) up.destroy();
      else wire(client, up, fwd);
    });
  };
  attempt();
}

function wire(client: Socket, up: Socket, fwd: Forwarding): void {
  fwd.metrics.connections.inc({ service: fwd.service, protocol: 'TCP' });
  client.setNoDelay(true);
  const fail = (): void => {
    client.destroy();
    up.destroy();
  };
  up.on('error', fail);
  client.on('error', fail);
  client.pipe(up);
  up.pipe(client);
  let open = 2;
  const closed = (): void => {
    if (--open > 0) return;
    fwd.metrics.bytes.inc({ service: fwd.service, direction: 'in' }, client.bytesRead);
    fwd.metrics.bytes.inc({ service: fwd.service, direction: 'out' }, client.bytesWritten);
  };
  client.once('close', closed);
  up.once('close', closed);
  client.resume();
}
