import { INestApplicationContext, Logger } from '@nestjs/common';
import { IoAdapter } from '@nestjs/platform-socket.io';
import { createAdapter } from '@socket.io/redis-adapter';
import { createClient } from 'redis';
import { Server, ServerOptions } from 'socket.io';

/**
 * socket.io for the live gateway; with REDIS_URL, several instances share one audience. A
 * worker (RUN_HTTP=false) accepts no clients: its live-updates subscription reaches the API
 * instances' clients through Redis.
 */
export class LiveIoAdapter extends IoAdapter {
  private redisAdapter: ReturnType<typeof createAdapter> | null = null;
  private clients: Array<ReturnType<typeof createClient>> = [];

  constructor(
    app: INestApplicationContext,
    private readonly corsOrigins: string[],
    private readonly acceptClients = true,
  ) {
    super(app);
  }

  async connectToRedis(url: string): Promise<void> {
    const publisher = createClient({ url });
    const subscriber = publisher.duplicate();
    for (const client of [publisher, subscriber]) client.on('error', (error: Error) => new Logger('LiveRedis').warn(error.message));
    await Promise.all([publisher.connect(), subscriber.connect()]);
    this.clients = [publisher, subscriber];
    this.redisAdapter = createAdapter(publisher, subscriber);
  }

  override createIOServer(port: number, options?: ServerOptions): Server {
    // Browsers of the configured origins only (the dashboard itself is same-origin).
    const cors = { origin: this.corsOrigins.length > 0 ? this.corsOrigins : false };
    const refuseEveryone = (_request: unknown, answer: (reason: string | null, accepted: boolean) => void) => answer('this instance serves no API (RUN_HTTP=false)', false);
    const server: Server = super.createIOServer(port, { ...options, cors, ...(this.acceptClients ? {} : { allowRequest: refuseEveryone }) } as ServerOptions);
    if (this.redisAdapter) server.adapter(this.redisAdapter);
    return server;
  }

  override async close(server: Server): Promise<void> {
    await super.close(server);
    await Promise.all(this.clients.map((client) => client.quit().catch(() => undefined)));
  }
}

/** Serves the live gateway on the app's HTTP server (through Redis when REDIS_URL is set). */
export async function useLiveAdapter(
  app: INestApplicationContext & { useWebSocketAdapter(adapter: IoAdapter): unknown },
  config: { redisUrl: string | undefined; corsOrigins: string[]; runHttp: boolean },
): Promise<void> {
  const adapter = new LiveIoAdapter(app, config.corsOrigins, config.runHttp);
  if (config.redisUrl) await adapter.connectToRedis(config.redisUrl);
  app.useWebSocketAdapter(adapter);
}
