import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import { RequestContext } from '../request-context';
import { ClinicRequest } from './request-context';

/** The authenticated actor and the request's ids, for handlers that send commands. */
export const Context = createParamDecorator((_: unknown, execution: ExecutionContext): RequestContext => {
  const request = execution.switchToHttp().getRequest<ClinicRequest>();
  if (!request.actor) throw new Error('Context used on a route without authentication');
  return { actor: request.actor, requestId: request.id, correlationId: request.correlationId };
});
