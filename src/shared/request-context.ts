import { Actor } from './auth/actor';

/**
 * What a request carries into the commands and queries it sends: who, and the ids that let one
 * booking be followed from the request to the events' metadata. Plain data, no HTTP type.
 */
export interface RequestContext {
  actor: Actor;
  requestId: string;
  correlationId: string;
}
