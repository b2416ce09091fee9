import { createHash, randomUUID } from 'node:crypto';
import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import { FastifyReply, FastifyRequest } from 'fastify';
import { parseIfMatch } from '../../shared/http/entity-tag';
import { nestingProblem } from '../../shared/http/input-policy';
import { Problems } from '../../shared/http/problem';
import { ClinicRequest } from '../../shared/http/request-context';
import { AppointmentResource } from '../appointment-resource';
import { CommandOptions, CommandOutcome } from './command-options';

const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,255}$/;

function header(request: ClinicRequest, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/** JSON with sorted keys, so that the same body always has the same fingerprint. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.keys(value).sort().map((key) => `${JSON.stringify(key)}:${canonicalJson((value as Record<string, unknown>)[key])}`);
    return `{${entries.join(',')}}`;
  }
  // Undefined (or a function) has no JSON: stringify gives undefined then, whatever its type says.
  const text = JSON.stringify(value) as string | undefined;
  return text ?? 'null';
}

/**
 * The command options of a request: actor and ids, `If-Match` (see entity-tag.ts) and
 * `Idempotency-Key`, whose fingerprint covers the method, the path and the body. This runs
 * before the validation pipe, so a body the input policy refuses (too deep to walk safely) is
 * refused here before it is fingerprinted.
 */
export const SentCommand = createParamDecorator((_: unknown, execution: ExecutionContext): CommandOptions => {
  const request = execution.switchToHttp().getRequest<ClinicRequest & FastifyRequest>();
  if (!request.actor) throw new Error('SentCommand used on a route without authentication');
  const options: CommandOptions = {
    commandId: randomUUID(),
    context: { actor: request.actor, requestId: request.id, correlationId: request.correlationId },
  };

  const ifMatchHeader = header(request, 'if-match');
  if (ifMatchHeader !== undefined) {
    const ifMatch = parseIfMatch(ifMatchHeader);
    if (!ifMatch) {
      const message = 'If-Match must be * or a list of ETags of the appointment, e.g. "3"';
      throw Problems.badRequest(message, [{ field: 'If-Match', message }]);
    }
    if (ifMatch.kind === 'versions') options.ifMatch = ifMatch.versions;
  }

  const key = header(request, 'idempotency-key');
  if (key !== undefined) {
    if (!IDEMPOTENCY_KEY.test(key)) throw Problems.badRequest('Idempotency-Key must be 1 to 255 visible ASCII characters');
    const tooDeep = nestingProblem(request.body);
    if (tooDeep) throw Problems.badRequest(tooDeep.message, tooDeep.field === undefined ? undefined : [tooDeep]);
    const path = request.url.split('?')[0];
    const fingerprint = createHash('sha256').update(`${request.method} ${path}\n${canonicalJson(request.body ?? null)}`).digest('hex');
    options.idempotency = { key, fingerprint };
  }
  return options;
});

/** Sets status, ETag, X-Event-Position (and Location for a new appointment) from an outcome. */
export function respondWith(reply: FastifyReply, outcome: CommandOutcome): AppointmentResource {
  reply.status(outcome.created ? 201 : 200);
  reply.header('ETag', `"${outcome.appointment.version}"`);
  reply.header('X-Event-Position', String(outcome.position));
  if (outcome.created) reply.header('Location', `/appointments/${outcome.appointment.id}`);
  if (outcome.replayed) reply.header('Idempotent-Replayed', 'true');
  return outcome.appointment;
}
