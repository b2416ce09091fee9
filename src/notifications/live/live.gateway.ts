import { Inject, Logger } from '@nestjs/common';
import { OnGatewayConnection, OnGatewayInit, WebSocketGateway } from '@nestjs/websockets';
import { Namespace, Socket } from 'socket.io';
import { AppConfig } from '../../config/app-config';
import { APP_CONFIG } from '../../config/config.module';
import { Checkpoints } from '../../event-store/subscriptions/checkpoints';
import { LOG_START } from '../../event-store/stored-event';
import { InvalidToken, verifyAccessToken } from '../../shared/auth/access-token';
import { Actor } from '../../shared/auth/actor';
import { LiveDeliveries } from './live-deliveries';
import { isAfter, LiveDelivery, LiveMessage, mayReceive } from './live-message';

export const LIVE_SUBSCRIPTION = 'live-updates';
const OTHER_INSTANCES = 'live-delivery';

interface LiveSocketData {
  actor: Actor;
  /** While a resuming client is sent what it missed, live messages wait here. */
  pending: LiveDelivery[] | null;
}

interface ToClient {
  appointment(message: LiveMessage): void;
}

type LiveSocket = Socket<Record<string, never>, ToClient, Record<string, never>, LiveSocketData>;

/**
 * The `/live` namespace of the front-desk dashboard. The token is checked in the handshake, so
 * a client without a valid one is refused before any data is sent. Staff receive every change,
 * a doctor or patient their own. A client that reconnects with `auth.since = <position>` first
 * receives, in commit order, every change it may see after that position, then the live ones.
 */
@WebSocketGateway({ namespace: '/live' })
export class LiveGateway implements OnGatewayInit, OnGatewayConnection {
  private readonly logger = new Logger('LiveGateway');
  private namespace: Namespace | null = null;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly deliveries: LiveDeliveries,
    private readonly checkpoints: Checkpoints,
  ) {}

  afterInit(namespace: Namespace): void {
    this.namespace = namespace;
    namespace.use((socket, next) => {
      try {
        const actor = verifyAccessToken(String(socket.handshake.auth?.token ?? ''), this.config.jwtSecret);
        if (actor.role === 'service') throw new InvalidToken('the service role has no live updates');
        (socket as LiveSocket).data.actor = actor;
        (socket as LiveSocket).data.pending = null;
        next();
      } catch (error) {
        next(new Error(`unauthorized: ${(error as Error).message}`));
      }
    });
    // With REDIS_URL, the instance that runs the subscription reaches the others' clients.
    namespace.on(OTHER_INSTANCES, (delivery: LiveDelivery) => this.deliverLocally(delivery));
  }

  async handleConnection(socket: LiveSocket): Promise<void> {
    const since = Number(socket.handshake.auth?.since);
    if (socket.handshake.auth?.since === undefined || !Number.isSafeInteger(since) || since < 0) return;
    socket.data.pending = [];
    try {
      const from = since === 0 ? LOG_START : await this.deliveries.pointOf(since);
      const until = await this.checkpoints.get(LIVE_SUBSCRIPTION);
      if (from) {
        for (const delivery of await this.deliveries.between(from, until)) {
          if (mayReceive(socket.data.actor, delivery)) socket.emit('appointment', delivery.message);
        }
      }
      for (const delivery of socket.data.pending) {
        if (isAfter(delivery, until) && mayReceive(socket.data.actor, delivery)) socket.emit('appointment', delivery.message);
      }
    } catch (error) {
      this.logger.error(`Resume from ${since} failed: ${(error as Error).message}`);
      socket.disconnect(true);
    } finally {
      socket.data.pending = null;
    }
  }

  /** Sends a committed change to every client allowed to see it, on every instance. */
  publish(delivery: LiveDelivery): void {
    this.deliverLocally(delivery);
    if (this.config.redisUrl) this.namespace?.serverSideEmit(OTHER_INSTANCES, delivery);
  }

  /** Connected clients of this instance. */
  clients(): number {
    return this.namespace?.sockets.size ?? 0;
  }

  private deliverLocally(delivery: LiveDelivery): void {
    for (const socket of (this.namespace?.sockets.values() ?? []) as Iterable<LiveSocket>) {
      if (!mayReceive(socket.data.actor, delivery)) continue;
      if (socket.data.pending) socket.data.pending.push(delivery);
      else socket.emit('appointment', delivery.message);
    }
  }
}
