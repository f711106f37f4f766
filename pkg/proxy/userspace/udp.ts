// UDP forwarding of the userspace proxy. UDP has no connections, so a "session" is one client
// address: its first datagram picks an endpoint and opens a socket toward it, replies on that
// socket go back to the client from the service address, and the session ends after
// --proxy-udp-idle-timeout without traffic.
import { createSocket, type RemoteInfo, type Socket } from 'node:dgram';
import type { Endpoint } from '../service-table.js';
import type { Forwarding, Listener } from './tcp.js';

interface Session {
  up: Socket;
  ep: Endpoint;
  lastActive: number;
  timer: NodeJS.Timeout;
}

/** listenUdp binds host:port and forwards datagrams; it rejects when the address cannot be bound. */
export function listenUdp(host: string, port: number, fwd: Forwarding, idleMs: number): Promise<Listener> {
  const sock = createSocket({ type: 'udp4' });
  const sessions = new Map<string, Session>();
  let closed = false;

  const end = (key: string): void => {
    const s = sessions.get(key);
    if (!s) return;
    sessions.delete(key);
    clearTimeout(s.timer);
    s.up.close();
  };
  const open = (client: RemoteInfo, ep: Endpoint): Session => {
    const key = `${client.address}:${client.port}`;
    const up = createSocket({ type: 'udp4' });
    up.on('error', () => end(key));
    up.on('message', (reply, from) => {
      if (from.address !== ep.ip || from.port !== ep.port || closed) return;
      s.lastActive = Date.now();
      fwd.metrics.bytes.inc({ service: fwd.service, direction: 'out' }, reply.length);
      sock.send(reply, client.port, client.address);
    });
    const expire = (): void => {
      const idle = Date.now() - s.lastActive;
      if (idle >= idleMs) end(key);
      else s.timer = setTimeout(expire, idleMs - idle);
    };
    const s: Session = { up, ep, lastActive: Date.now(), timer: setTimeout(expire, idleMs) };
    sessions.set(key, s);
    fwd.metrics.connections.inc({ service: fwd.service, protocol: 'UDP' });
    return s;
  };

  sock.on('message', (msg, client) => {
    const key = `${client.address}:${client.port}`;
    let s = sessions.get(key);
    if (!s) {
      const ep = fwd.lb.pick(client.address);
      if (!ep) return;
      s = open(client, ep);
    }
    s.lastActive = Date.now();
    fwd.metrics.bytes.inc({ service: fwd.service, direction: 'in' }, msg.length);
    s.up.send(msg, s.ep.port, s.ep.ip);
  });

  return new Promise((resolve, reject) => {
    sock.once('error', reject);
    sock.bind({ address: host, port, exclusive: true }, () => {
      sock.off('error', reject);
      sock.on('error', (err) => fwd.logger.warn({ err, service: fwd.service }, 'UDP listener failed'));
      resolve({
        // As kube-proxy clears the conntrack entries of removed UDP endpoints: a session to one
        // that is gone ends, so the client's next datagram picks a live endpoint.
        endpointsChanged: () => {
          for (const [key, s] of sessions) if (!fwd.lb.has(s.ep)) end(key);
        },
        close: () => {
          closed = true;
          for (const key of [...sessions.keys()]) end(key);
          sock.close();
        },
      });
    });
  });
}
