import { Inject, Logger } from '@nestjs/common';
import { assertNever } from '../../appointments/domain/assert-never';
import { OnGatewayConnection, OnGatewayInit, WebSocketGateway } from '@nestjs/websockets';
import { Namespace, Socket } from 'socket.io';
import { AppConfig } from '../../config/app-config';
import { APP_CONFIG } from '../../config/config.module';
import { Checkpoints } from '../../event-store/subscriptions/checkpoints';
import { CommitPoint, LOG_START } from '../../event-store/stored-event';
import { Actor } from '../../shared/auth/actor';
import { InvalidToken } from '../../shared/auth/token-errors';
import { TokenVerifier, VerifiedAccessToken } from '../../shared/auth/token-verifier';
import { SUBSCRIPTIONS } from '../../subscription-registry';
import { HandshakeRateLimiter } from './handshake-rate-limiter';
import { LiveDeliveries } from './live-deliveries';
import {
  LIVE_FAILED_HANDSHAKE_BURST,
  LIVE_FAILED_HANDSHAKE_REFILL_MS,
  LIVE_HANDSHAKE_BURST,
  LIVE_HANDSHAKE_COST,
  LIVE_HANDSHAKE_REFILL_MS,
  LIVE_RESUME_COST,
  LIVE_RESUME_MAX_MESSAGES,
  LIVE_RESUME_PAGE_SIZE,
} from './live-limits';
import { commitOrder, commitPointOf, HoldLiveMessage, LiveDelivery, LiveMessage, mayReceive, ScheduleLiveMessage, WaitlistLiveMessage } from './live-message';
import { HandshakeRefused, LiveProblem, LiveProblems } from './live-problems';
import { atExpiry } from './session-expiry';

const OTHER_INSTANCES = 'live-delivery';

interface LiveSocketData {
  actor: Actor;
  /** When the session ends: its token's expiry (null for a token without one). */
  expiresAt: Date | null;
  /** The last position the client received before it reconnected (`auth.since`), if it resumes. */
  since: number | null;
  /** While a resuming client is sent what it missed, live messages wait here. */
  pending: LiveDelivery[] | null;
  /**
   * The last change this client was sent or is known to have: nothing at or before it is sent
   * again, so that a live message that overtook a resume (through Redis) is no duplicate.
   */
  sentUpTo: CommitPoint | null;
}

interface ToClient {
  appointment(message: LiveMessage): void;
  schedule(message: ScheduleLiveMessage): void;
  hold(message: HoldLiveMessage): void;
  waitlist(message: WaitlistLiveMessage): void;
  'session-expired'(problem: LiveProblem): void;
  'resync-required'(problem: LiveProblem): void;
}

type LiveSocket = Socket<Record<string, never>, ToClient, Record<string, never>, LiveSocketData>;

/** What a client sent as its token, as text to verify: none is empty, anything but a string its JSON. */
function tokenText(token: unknown): string {
  if (token === undefined || token === null) return '';
  return typeof token === 'string' ? token : JSON.stringify(token);
}

/** Whatever can emit to clients: one socket, or the local broadcast to several. */
interface Emitter {
  emit<Ev extends keyof ToClient>(event: Ev, ...args: Parameters<ToClient[Ev]>): unknown;
}

/** A delivery as its socket.io event, named by its channel: `appointment`, `schedule`, `hold` or `waitlist`. */
function emit(to: Emitter, delivery: LiveDelivery): void {
  switch (delivery.channel) {
    case 'appointment':
      to.emit('appointment', delivery.message);
      return;
    case 'schedule':
      to.emit('schedule', delivery.message);
      return;
    case 'hold':
      to.emit('hold', delivery.message);
      return;
    case 'waitlist':
      to.emit('waitlist', delivery.message);
      return;
    default:
      assertNever(delivery);
  }
}

/** `auth.since`: absent (live changes only), or the position of the last change received. */
function sinceOf(auth: Record<string, unknown> | undefined): number | null {
  const since = auth?.since;
  if (since === undefined || since === null) return null;
  if (typeof since !== 'number' || !Number.isSafeInteger(since) || since < 0) {
    throw LiveProblems.invalidSince('since must be the position (a non-negative integer) of the last change received');
  }
  return since;
}

/**
 * The `/live` namespace of the front-desk dashboard. The token is checked in the handshake, so
 * a client without a valid one is refused before any data is sent, and the session ends when
 * the token expires (`session-expired`, then a disconnect). Staff receive every change, a
 * doctor or patient their own (`appointment` messages; `schedule` ones for time off, closures,
 * room blocks and working hours; `hold` ones for slot holds; `waitlist` ones for waitlist entries). A client that reconnects with `auth.since = <position>` first
 * receives, in commit order, every change it may see after that position, then the live ones,
 * with no gap and no duplicate; one that missed more than a resume replays is sent
 * `resync-required` instead. Handshakes are rate limited per user, those refused for their token per address.
 */
@WebSocketGateway({ namespace: '/live' })
export class LiveGateway implements OnGatewayInit, OnGatewayConnection {
  private readonly logger = new Logger('LiveGateway');
  private readonly handshakes = new HandshakeRateLimiter(LIVE_HANDSHAKE_BURST, LIVE_HANDSHAKE_REFILL_MS);
  /** Handshakes refused for their token, per address. */
  private readonly failedHandshakes = new HandshakeRateLimiter(LIVE_FAILED_HANDSHAKE_BURST, LIVE_FAILED_HANDSHAKE_REFILL_MS);
  private namespace: Namespace | null = null;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly deliveries: LiveDeliveries,
    private readonly checkpoints: Checkpoints,
    private readonly tokens: TokenVerifier,
  ) {}

  afterInit(namespace: Namespace): void {
    this.namespace = namespace;
    namespace.use((socket, next) => {
      this.admit(socket as LiveSocket).then(
        () => next(),
        (error: unknown) => next(error as HandshakeRefused),
      );
    });
    // With REDIS_URL, the instance that runs the subscription reaches the others' clients.
    namespace.on(OTHER_INSTANCES, (delivery: LiveDelivery) => this.deliverLocally(delivery));
  }

  /** The handshake: a valid token (refusals rate limited per address), within the user's rate, and a well-formed `since`. */
  private async admit(socket: LiveSocket): Promise<void> {
    const auth = socket.handshake.auth as Record<string, unknown> | undefined;
    let verified: VerifiedAccessToken;
    try {
      verified = await this.tokens.verify(tokenText(auth?.token));
    } catch (error) {
      if (!(error instanceof InvalidToken)) throw error;
      // Counted per address, as the HTTP rate limit counts calls without a valid token: a flood
      // of bad tokens is told to back off, and users with valid ones behind that address are not.
      const refusedWaitMs = this.failedHandshakes.take(socket.handshake.address);
      if (refusedWaitMs > 0) throw LiveProblems.rateLimited(Math.ceil(refusedWaitMs / 1000), 'refused live connections from this address');
      throw LiveProblems.unauthorized(error.message);
    }
    if (verified.actor.role === 'service') throw LiveProblems.unauthorized('the service role has no live updates');
    const since = sinceOf(auth);
    // Before anything is read for it: a client reconnecting in a loop costs one check per attempt.
    const waitMs = this.handshakes.take(verified.actor.userId, since === null ? LIVE_HANDSHAKE_COST : LIVE_RESUME_COST);
    if (waitMs > 0) throw LiveProblems.rateLimited(Math.ceil(waitMs / 1000));
    // A resuming socket queues live messages from the moment it joins, so none passes it by.
    socket.data = { ...verified, since, pending: since === null ? null : [], sentUpTo: null };
  }

  async handleConnection(socket: LiveSocket): Promise<void> {
    const { expiresAt, since } = socket.data;
    if (expiresAt) {
      const cancel = atExpiry(expiresAt, () => this.expire(socket, expiresAt));
      socket.once('disconnect', cancel);
    }
    if (since !== null && socket.connected) await this.resume(socket, since);
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

  private expire(socket: LiveSocket, expiresAt: Date): void {
    socket.emit('session-expired', LiveProblems.sessionExpired(expiresAt));
    socket.disconnect(true);
  }

  /**
   * Sends what the client missed after `since`, up to the live subscription's checkpoint (what
   * it has published), then the live messages that queued meanwhile and come after it.
   */
  private async resume(socket: LiveSocket, since: number): Promise<void> {
    const { actor } = socket.data;
    try {
      const until = await this.checkpoints.get(SUBSCRIPTIONS.liveUpdates);
      const from = since === 0 ? LOG_START : await this.deliveries.pointOf(since);
      const missed = from ? await this.deliveries.missedBy(actor, from, until, LIVE_RESUME_MAX_MESSAGES) : null;
      if (!from) {
        socket.emit('resync-required', LiveProblems.resyncRequired(`Position ${since} is not in this log`, until.position));
      } else if (!missed) {
        socket.emit('resync-required', LiveProblems.resyncRequired(`More than ${LIVE_RESUME_MAX_MESSAGES} changes were missed since position ${since}`, until.position));
      } else {
        for await (const page of this.deliveries.messagesOf(actor, from, missed, LIVE_RESUME_PAGE_SIZE)) {
          if (!socket.connected) return;
          for (const delivery of page) if (mayReceive(actor, delivery)) emit(socket, delivery);
        }
      }
      socket.data.sentUpTo = from && commitOrder(from, until) > 0 ? from : until;
      for (const delivery of socket.data.pending ?? []) this.send(socket, delivery);
    } catch (error) {
      this.logger.error(`Resume from ${since} failed: ${(error as Error).message}`);
      socket.disconnect(true);
    } finally {
      socket.data.pending = null;
    }
  }

  /**
   * A live message to every client of this instance that may see it: encoded once and written
   * to all of them (a broadcast to their own rooms, on this instance only), rather than encoded
   * again for each client.
   */
  private deliverLocally(delivery: LiveDelivery): void {
    if (!this.namespace) return;
    const recipients: string[] = [];
    for (const socket of this.namespace.sockets.values() as Iterable<LiveSocket>) {
      if (socket.data.pending) socket.data.pending.push(delivery);
      else if (this.takes(socket, delivery)) recipients.push(socket.id);
    }
    if (recipients.length === 0) return;
    emit(this.namespace.local.to(recipients), delivery);
  }

  /** A live message, to a client allowed to see it that does not have it yet. */
  private send(socket: LiveSocket, delivery: LiveDelivery): void {
    if (this.takes(socket, delivery)) emit(socket, delivery);
  }

  /**
   * Whether the client is allowed to see the change and does not have it yet; if so, it is
   * counted as sent to the client.
   */
  private takes(socket: LiveSocket, delivery: LiveDelivery): boolean {
    if (!mayReceive(socket.data.actor, delivery)) return false;
    const point = commitPointOf(delivery);
    if (socket.data.sentUpTo && commitOrder(point, socket.data.sentUpTo) <= 0) return false;
    socket.data.sentUpTo = point;
    return true;
  }
}
