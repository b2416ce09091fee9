import { CanActivate, createParamDecorator, ExecutionContext, Injectable } from '@nestjs/common';
import { Actor } from '../../../shared/auth/actor';
import { Problems } from '../../../shared/http/problem';
import { ClinicRequest } from '../../../shared/http/request-context';
import { CalendarTokenStore } from './calendar-tokens.store';

/** A feed request as the guard leaves it: an actor (bearer token) or a verified feed token. */
interface FeedRequest extends ClinicRequest {
  params: Record<string, string | undefined>;
  query: Record<string, unknown>;
  calendarTokenId?: string;
}

/**
 * Checks the `?token=` of a feed request that came without a bearer token (see
 * @AcceptsQueryToken): it must be a valid, unrevoked token of the doctor in the URL. A token of
 * another doctor, an unknown one and a revoked one are alike: 401.
 */
@Injectable()
export class CalendarFeedTokenGuard implements CanActivate {
  constructor(private readonly tokens: CalendarTokenStore) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<FeedRequest>();
    if (request.actor) return true;
    const token = request.query.token;
    const doctorId = request.params.id ?? '';
    const tokenId = typeof token === 'string' ? await this.tokens.validTokenOf(doctorId, token) : null;
    if (!tokenId) throw Problems.unauthorized('The calendar feed token is not valid for this doctor, or it was revoked');
    request.calendarTokenId = tokenId;
    return true;
  }
}

/** Who reads a feed: the actor of a bearer token, or (null) the holder of a verified feed token. */
export const FeedReader = createParamDecorator((_: unknown, execution: ExecutionContext): Actor | null => {
  const request = execution.switchToHttp().getRequest<FeedRequest>();
  if (request.actor) return request.actor;
  if (request.calendarTokenId) return null;
  throw new Error('FeedReader used on a route without CalendarFeedTokenGuard');
});
