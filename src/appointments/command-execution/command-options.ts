import { EventMetadata } from '../../event-store/stored-event';
import { recordedActorOf } from '../../shared/auth/actor';
import { RequestContext } from '../../shared/request-context';
import { AppointmentResource } from '../appointment-resource';

/** How a command is sent: by whom, with which preconditions and idempotency key. */
export interface CommandOptions {
  /** Unique per command; becomes the causation id of the events it produces. */
  commandId: string;
  context: RequestContext;
  /**
   * From `If-Match: "<version>", ...`: the versions the client accepts, any one of them (none:
   * the header named only weak tags, which never match). Absent without If-Match or with `*`.
   */
  ifMatch?: readonly number[];
  /** From `Idempotency-Key`, with a fingerprint of the request it was first used with. */
  idempotency?: { key: string; fingerprint: string };
}

/** The metadata of the events a command appends: who sent it, the command as their cause, the ids of the request that follow it. */
export function metadataOf(options: CommandOptions): EventMetadata {
  const { actor, correlationId, requestId } = options.context;
  return { correlationId, causationId: options.commandId, actor: recordedActorOf(actor), requestId };
}

/** The result of a command. */
export interface CommandOutcome {
  /** The command started the appointment's stream (a booking). */
  created: boolean;
  appointment: AppointmentResource;
  /** Global position of the last event appended, for read-your-writes on the read side. */
  position: number;
  /** True when this is the stored outcome of an earlier request with the same Idempotency-Key. */
  replayed: boolean;
}
