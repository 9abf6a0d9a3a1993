import { createServer, connect, type AddressInfo, type Server, type Socket } from 'node:net';

/**
 * A TCP forwarder in front of one of the stack's servers, for a test of what a service does while that server is
 * gone: `cut()` closes the port and drops every open connection (as a killed server does: the client's sockets
 * reset, new connections are refused), `restore()` listens on the same port again. The server itself keeps running,
 * so the other tests sharing it are not disturbed.
 */
export interface OutageProxy {
  /** The loopback port to point the client at (stable across cut and restore). */
  port: number;
  /** Rewrites `postgres://u:p@host:5432/db` or `host:7233` to go through the proxy. */
  through(address: string): string;
  cut(): Promise<void>;
  restore(): Promise<void>;
  close(): Promise<void>;
}

export async function startOutageProxy(target: { host: string; port: number }): Promise<OutageProxy> {
  const sockets = new Set<Socket>();
  let server: Server | undefined;
  let port = 0;

  const listen = () =>
    new Promise<void>((resolve, reject) => {
      const s = createServer((client) => {
        const upstream = connect(target.port, target.host);
        for (const socket of [client, upstream]) {
          sockets.add(socket);
          socket.on('close', () => sockets.delete(socket));
          socket.on('error', () => undefined);
        }
        client.pipe(upstream).pipe(client);
        client.on('close', () => upstream.destroy());
        upstream.on('close', () => client.destroy());
      });
      s.once('error', reject);
      s.listen(port, '127.0.0.1', () => {
        port = (s.address() as AddressInfo).port;
        server = s;
        resolve();
      });
    });

  const cut = async () => {
    const s = server;
    server = undefined;
    const closed = s ? new Promise<void>((resolve) => s.close(() => resolve())) : Promise.resolve();
    for (const socket of sockets) socket.resetAndDestroy();
    await closed;
  };

  await listen();
  return {
    port,
    through: (address) => address.replace(`${target.host}:${target.port}`, `127.0.0.1:${port}`),
    cut,
    restore: () => (server ? Promise.resolve() : listen()),
    close: cut,
  };
}

/** Host and port of a `postgres://…@host:port/db` URL or a `host:port` address. */
export function hostPortOf(address: string): { host: string; port: number } {
  const url = new URL(address.includes('://') ? address : `tcp://${address}`);
  return { host: url.hostname, port: Number(url.port) };
}
