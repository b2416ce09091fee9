import { Actor } from '../auth/actor';

/**
 * What a request carries into the commands it sends: who, and the ids that let one booking be
 * followed from the request to the events' metadata.
 */
export interface RequestContext {
  actor: Actor;
  requestId: string;
  correlationId: string;
}

/** The fields this application adds to the Fastify request. */
export interface ClinicRequest {
  id: string;
  headers: Record<string, string | string[] | undefined>;
  correlationId: string;
  actor?: Actor;
}
