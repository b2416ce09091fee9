import { DiscoveryService } from '@nestjs/core';
import { EntityManager } from 'typeorm';
import { StoredEvent } from '../stored-event';

/**
 * What a handler declares of itself; what it feeds, its failure policy and whether it can be
 * rebuilt are the subscription registry's (subscription-registry.ts).
 */
export interface DurableHandlerOptions {
  /** The subscription's name, as the registry lists it. */
  name: string;
  /** The event classes this handler reacts to, by their persisted `type`. */
  events: ReadonlyArray<{ readonly type: string }>;
}

/** How a batch of events reaches a handler: with the transaction that also moves the checkpoint. */
export interface BatchDelivery {
  db: EntityManager;
  /** The physical name of a read table: itself live, a fresh copy during a rebuild. */
  table: (name: string) => string;
  /**
   * Runs `effect` once the transaction (and so the checkpoint) has committed: for pushes that
   * must never announce what might still roll back. Not run during a rebuild.
   */
  afterCommit: (effect: () => void) => void;
}

/** An event of a batch, decoded, with its place in the log. */
export interface DeliveredEvent<E> {
  event: E;
  stored: StoredEvent;
}

/**
 * A reaction to events, fed from the event store by a durable subscription (its own
 * checkpoint), never by the in-memory EventBus. It receives the events of a batch at once, in
 * commit order, in the transaction that moves the checkpoint past them, and applies them with
 * a few statements. Handlers must be idempotent: after a crash a batch may be delivered again.
 */
export interface DurableBatchHandler<E = unknown> {
  handleBatch(events: ReadonlyArray<DeliveredEvent<E>>, delivery: BatchDelivery): Promise<void>;
}

/** Hands the events of `batch` this subscription is for to its handler, in one call. */
export async function dispatch(
  handler: DurableBatchHandler,
  types: ReadonlySet<string>,
  decode: (stored: StoredEvent) => unknown,
  batch: readonly StoredEvent[],
  delivery: BatchDelivery,
): Promise<void> {
  const relevant = batch.filter((stored) => types.has(stored.type));
  if (relevant.length === 0) return;
  await handler.handleBatch(relevant.map((stored) => ({ event: decode(stored), stored })), delivery);
}

/**
 * Declares a provider as a durable event handler, discovered at start-up:
 * `@DurableEventsHandler({ name: SUBSCRIPTIONS.appointmentDetails, events: [AppointmentCreated] })`.
 */
export const DurableEventsHandler = DiscoveryService.createDecorator<DurableHandlerOptions>();
