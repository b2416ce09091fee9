import { Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { InjectThrottlerOptions, InjectThrottlerStorage, ThrottlerGuard, ThrottlerModuleOptions, ThrottlerStorage } from '@nestjs/throttler';
import { InvalidToken, TokenWithoutRole } from '../auth/token-errors';
import { TokenVerifier } from '../auth/token-verifier';
import { ClinicRequest } from './request-context';

/**
 * Rate limiting keyed by the authenticated user, so that users behind one address (a clinic's
 * network) are limited separately (a valid token without a role of this API counts for its
 * user too); calls without a valid token are keyed by address. It runs before authentication,
 * so floods of bad tokens are limited too.
 */
@Injectable()
export class UserThrottlerGuard extends ThrottlerGuard {
  constructor(
    @InjectThrottlerOptions() options: ThrottlerModuleOptions,
    @InjectThrottlerStorage() storage: ThrottlerStorage,
    reflector: Reflector,
    private readonly tokens: TokenVerifier,
  ) {
    super(options, storage, reflector);
  }

  protected override async getTracker(request: Record<string, unknown>): Promise<string> {
    const header = (request as unknown as ClinicRequest).headers.authorization;
    const token = typeof header === 'string' ? /^Bearer\s+(\S+)$/i.exec(header)?.[1] : undefined;
    if (token) {
      try {
        return `user:${(await this.tokens.verify(token)).actor.userId}`;
      } catch (error) {
        if (error instanceof TokenWithoutRole) return `user:${error.userId}`;
        // An invalid token is anonymous; anything else is a fault, not a bad token.
        if (!(error instanceof InvalidToken)) throw error;
      }
    }
    return `address:${String(request.ip)}`;
  }
}
