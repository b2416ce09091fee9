import { randomUUID } from 'node:crypto';
import { FastifyReply } from 'fastify';
import { CommandOptions } from '../appointments/command-execution/command-options';
import { RequestContext } from '../shared/request-context';
import { WaitlistEntryResource } from './waitlist-entry-resource';

/** An entry as a command answers it, with the position of the last event written (read-your-writes). */
export interface WaitlistAnswer {
  resource: WaitlistEntryResource;
  position: number;
}

/** The entry with its status code, ETag (its version) and X-Event-Position; a new entry with its Location. */
export function respondWithEntry(reply: FastifyReply, answer: WaitlistAnswer, status: 200 | 201): WaitlistEntryResource {
  reply.status(status);
  reply.header('ETag', `"${answer.resource.version}"`);
  reply.header('X-Event-Position', String(answer.position));
  if (status === 201) reply.header('Location', `/waitlist/${answer.resource.id}`);
  return answer.resource;
}

/** The options of a waitlist command sent by a request: the waitlist's commands take neither If-Match nor Idempotency-Key. */
export function sentBy(context: RequestContext): CommandOptions {
  return { commandId: randomUUID(), context };
}
