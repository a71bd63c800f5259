import { createServer, Server, Socket, connect } from 'node:net';

/**
 * A TCP proxy in front of PostgreSQL that a test can cut: `blackhole()` stops forwarding on every
 * connection (queries hang, as when a network drops packets) and holds new ones; `restore()` drops the
 * held connections and forwards again.
 */
export class TcpProxy {
  private server?: Server;
  private readonly pairs = new Set<[Socket, Socket]>();
  private readonly held = new Set<Socket>();
  private cut = false;
  port = 0;

  constructor(
    private readonly targetHost: string,
    private readonly targetPort: number,
  ) {}

  async start(): Promise<void> {
    this.server = createServer((client) => {
      client.on('error', () => undefined);
      if (this.cut) {
        this.held.add(client);
        return;
      }
      const upstream = connect(this.targetPort, this.targetHost);
      upstream.on('error', () => client.destroy());
      client.on('error', () => upstream.destroy());
      const pair: [Socket, Socket] = [client, upstream];
      this.pairs.add(pair);
      client.on('close', () => {
        upstream.destroy();
        this.pairs.delete(pair);
      });
      upstream.on('close', () => client.destroy());
      client.pipe(upstream);
      upstream.pipe(client);
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    const address = this.server.address();
    this.port = typeof address === 'object' && address ? address.port : 0;
  }

  /** Stops all traffic without closing anything. */
  blackhole(): void {
    this.cut = true;
    for (const [client, upstream] of this.pairs) {
      client.unpipe(upstream);
      upstream.unpipe(client);
      client.pause();
      upstream.pause();
      this.held.add(client);
    }
  }

  /** Drops what was cut (its clients see the connection end) and forwards new connections again. */
  restore(): void {
    for (const socket of this.held) socket.destroy();
    for (const [client, upstream] of this.pairs) {
      if (this.held.has(client)) upstream.destroy();
    }
    this.held.clear();
    this.cut = false;
  }

  async stop(): Promise<void> {
    this.restore();
    for (const [client, upstream] of this.pairs) {
      client.destroy();
      upstream.destroy();
    }
    await new Promise<void>((resolve) => this.server?.close(() => resolve()) ?? resolve());
  }
}
