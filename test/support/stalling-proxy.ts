import { createConnection, createServer, type AddressInfo, type Server, type Socket } from 'node:net';

/**
 * A TCP proxy in front of a server (PostgreSQL) whose network can stall: `stall()` stops every
 * byte in both directions while the sockets stay open, as a network that silently drops packets
 * does (nothing is refused, nothing is reset). A side that closes meanwhile is not told to the
 * other either. `resume()` lets the held bytes and closes through, as TCP retransmissions do once
 * the network is back. Connections opened during a stall are accepted and held too.
 */
export class StallingProxy {
  private stalled = false;
  private readonly sockets = new Set<Socket>();
  private held: Array<() => void> = [];

  private constructor(
    private readonly server: Server,
    readonly port: number,
  ) {}

  static async start(target: { host: string; port: number }): Promise<StallingProxy> {
    const server = createServer({ pauseOnConnect: true });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const proxy = new StallingProxy(server, (server.address() as AddressInfo).port);
    server.on('connection', (client) => proxy.pair(client, createConnection(target)));
    return proxy;
  }

  /** `url` (postgres://…) with its host and port replaced by the proxy's. */
  urlFor(url: string): string {
    const proxied = new URL(url);
    proxied.hostname = '127.0.0.1';
    proxied.port = String(this.port);
    return proxied.toString();
  }

  stall(): void {
    this.stalled = true;
    for (const socket of this.sockets) socket.pause();
  }

  resume(): void {
    this.stalled = false;
    for (const socket of this.sockets) socket.resume();
    for (const action of this.held.splice(0)) action();
  }

  async close(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise((resolve) => this.server.close(resolve));
  }

  private unlessStalled(action: () => void): void {
    if (this.stalled) this.held.push(action);
    else action();
  }

  private pair(client: Socket, upstream: Socket): void {
    for (const [from, to] of [
      [client, upstream],
      [upstream, client],
    ]) {
      this.sockets.add(from);
      // A paused socket emits no 'data': while stalled, bytes wait in its buffers.
      from.on('data', (chunk) => to.write(chunk));
      from.on('end', () => this.unlessStalled(() => to.end()));
      from.on('error', () => this.unlessStalled(() => to.destroy()));
      from.on('close', () => {
        this.sockets.delete(from);
        this.unlessStalled(() => to.destroy());
      });
      if (this.stalled) from.pause();
      else from.resume();
    }
  }
}
