import { Actor } from '../auth/actor';

/** The fields this application adds to the Fastify request. */
export interface ClinicRequest {
  id: string;
  headers: Record<string, string | string[] | undefined>;
  correlationId: string;
  actor?: Actor;
}
