import { DiscoveryService } from '@nestjs/core';
import { EntityManager } from 'typeorm';
import { StoredEvent } from '../stored-event';

/**
 * What a subscription does when its handler keeps failing on an event:
 * - `stop`: stop at that event and report it (projections: skipping would corrupt the table);
 * - `park`: after the last attempt, park the event in `dead_letters` and go on (notifications).
 */
export type FailurePolicy = 'stop' | 'park';

export interface SubscriptionOptions {
  /** The subscription's name, which is also the name of its checkpoint. */
  name: string;
  /** The event classes this handler reacts to, by their persisted `type`. */
  events: ReadonlyArray<{ readonly type: string }>;
  onFailure: FailurePolicy;
  /** Read tables the handler writes; a rebuild recreates them from the log. */
  tables?: readonly string[];
}

/** How an event reaches a handler: with the transaction that also moves the checkpoint. */
export interface Delivery {
  db: EntityManager;
  stored: StoredEvent;
  /** The physical name of a read table: itself live, a fresh copy during a rebuild. */
  table(name: string): string;
  /**
   * Runs `effect` once the transaction (and so the checkpoint) has committed: for pushes that
   * must never announce what might still roll back. Not run during a rebuild.
   */
  afterCommit(effect: () => void): void;
}

/** How a batch of events reaches a handler that takes them together. */
export type BatchDelivery = Omit<Delivery, 'stored'>;

/** An event of a batch, decoded, with its place in the log. */
export interface DeliveredEvent<E> {
  event: E;
  stored: StoredEvent;
}

/**
 * A reaction to events, fed from the event store by a durable subscription (its own
 * checkpoint), never by the in-memory EventBus. Handlers must be idempotent: after a crash an
 * event may be delivered again.
 */
export interface DurableEventHandler<E = unknown> {
  handle(event: E, delivery: Delivery): Promise<void>;
}

/**
 * A durable handler that applies many events with a few statements (projections, notifiers):
 * it receives every event of a batch at once, in commit order, in the transaction that moves
 * the checkpoint past them.
 */
export interface DurableBatchHandler<E = unknown> {
  handleBatch(events: ReadonlyArray<DeliveredEvent<E>>, delivery: BatchDelivery): Promise<void>;
}

export type DurableHandler<E = unknown> = DurableEventHandler<E> | DurableBatchHandler<E>;

/** Hands the events of `batch` this subscription is for to its handler, batched where it can. */
export async function dispatch(
  handler: DurableHandler,
  types: ReadonlySet<string>,
  decode: (stored: StoredEvent) => unknown,
  batch: readonly StoredEvent[],
  delivery: BatchDelivery,
): Promise<void> {
  const relevant = batch.filter((stored) => types.has(stored.type));
  if (relevant.length === 0) return;
  if ('handleBatch' in handler) {
    await handler.handleBatch(relevant.map((stored) => ({ event: decode(stored), stored })), delivery);
    return;
  }
  for (const stored of relevant) await handler.handle(decode(stored), { ...delivery, stored });
}

/**
 * Declares a provider as a durable event handler, discovered at start-up:
 * `@DurableEventsHandler({ name: 'appointment-details', events: [AppointmentCreated], onFailure: 'stop' })`.
 */
export const DurableEventsHandler = DiscoveryService.createDecorator<SubscriptionOptions>();
