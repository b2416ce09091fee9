import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ClinicRequest } from '../http/request-context';
import { Problems } from '../http/problem';
import { Role } from './actor';
import { verifiedBearerToken } from './request-token';
import { PUBLIC_KEY, QUERY_TOKEN_KEY, ROLES_KEY } from './roles.decorator';
import { InvalidToken, TokenWithoutRole } from './token-errors';
import { TokenVerifier } from './token-verifier';

const queryOf = (request: ClinicRequest) => (request as ClinicRequest & { query?: Record<string, unknown> }).query ?? {};

/**
 * Authenticates every route (unless @Public) by its bearer token and checks its @Roles: an
 * invalid token is a 401, a valid one without a role of this API a 403 on every route. A route
 * marked @AcceptsQueryToken may instead carry `?token=`, which its own verifier checks.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly tokens: TokenVerifier,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets)) return true;

    const request = context.switchToHttp().getRequest<ClinicRequest>();
    const queryTokenInstead = request.headers.authorization === undefined && this.reflector.getAllAndOverride<boolean>(QUERY_TOKEN_KEY, targets);
    if (queryTokenInstead && typeof queryOf(request).token === 'string') return true;
    const verification = verifiedBearerToken(request, this.tokens);
    if (!verification) throw Problems.unauthorized('Send an access token as "Authorization: Bearer <token>"');
    try {
      request.actor = (await verification).actor;
    } catch (error) {
      if (error instanceof TokenWithoutRole) throw Problems.forbidden(`The access token is valid, but ${error.message}`);
      if (error instanceof InvalidToken) throw Problems.unauthorized(`The access token is not valid: ${error.message}`);
      throw error;
    }

    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, targets);
    if (roles && !roles.includes(request.actor.role)) {
      throw Problems.forbidden(`The ${request.actor.role} role may not do this`);
    }
    return true;
  }
}
